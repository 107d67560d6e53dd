/**
 * Characters XML 1.0 cannot carry: C0 controls but tab, LF and CR; DEL, as exceljs drops it; U+FFFE and
 * U+FFFF. One class, used both to clean cell text (xlsx-tables.ts) and to escape any text written as XML.
 */
const INVALID = '\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F\\uFFFE\\uFFFF';
const HAS_INVALID = new RegExp(`[${INVALID}]`);
const INVALID_ALL = new RegExp(`[${INVALID}]`, 'g');

/** `text` without the characters XML cannot carry. */
export function withoutXmlInvalid(text: string): string {
  return HAS_INVALID.test(text) ? text.replace(INVALID_ALL, '') : text;
}

/**
 * Text for XML 1.0 content or a double-quoted attribute: `&`, `<`, `>` (and `"` in attributes) escaped,
 * characters XML cannot carry removed. Most cell text has none of them, so one test decides and the text is
 * returned as it is.
 */
const SPECIAL = new RegExp(`[&<>${INVALID}]`);
const SPECIAL_ALL = new RegExp(`[&<>${INVALID}]`, 'g');
const SPECIAL_ATTRIBUTE = new RegExp(`[&<>"${INVALID}]`);
const SPECIAL_ATTRIBUTE_ALL = new RegExp(`[&<>"${INVALID}]`, 'g');

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(text: string, attribute = false): string {
  if (!(attribute ? SPECIAL_ATTRIBUTE : SPECIAL).test(text)) return text;
  return text.replace(attribute ? SPECIAL_ATTRIBUTE_ALL : SPECIAL_ALL, (ch) => ENTITIES[ch] ?? '');
}
