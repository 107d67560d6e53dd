/**
 * Text for XML 1.0 content or a double-quoted attribute: `&`, `<`, `>` (and `"` in attributes) escaped,
 * characters XML cannot carry removed (C0 controls but tab, LF and CR; DEL, as exceljs drops it; U+FFFE,
 * U+FFFF). Most cell text has none of them, so one test decides and the text is returned as it is.
 */
const SPECIAL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/;
const SPECIAL_ALL = /[&<>\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;
const SPECIAL_ATTRIBUTE = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/;
const SPECIAL_ATTRIBUTE_ALL = /[&<>"\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g;

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function xmlText(text: string, attribute = false): string {
  if (!(attribute ? SPECIAL_ATTRIBUTE : SPECIAL).test(text)) return text;
  return text.replace(attribute ? SPECIAL_ATTRIBUTE_ALL : SPECIAL_ALL, (ch) => ENTITIES[ch] ?? '');
}
