import type { FileHandle } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import type { ZipEntry } from '../zip.js';
import { isElapsedFormat, zeroPadFormat } from './number-format.js';
import { type SheetHiding, sheetHiding } from './types.js';
import { decodeText, type TagAttributes, type XmlHandler, XmlScanner } from './xml-scanner.js';
import { entryChunks } from './zip-entry.js';

/**
 * The small parts of a workbook that the lean reader needs before it reads any sheet: xl/workbook.xml (sheet
 * names and order, the 1904 date system), its relationships (where each sheet's XML is), xl/styles.xml (which
 * cell styles are dates) and xl/sharedStrings.xml. Each is read the way exceljs 4.4.0 reads it, quirks
 * included, so both readers give the same cells; whatever exceljs would read differently, or not at all, is
 * reported as `LeanUnsupported` and the workbook goes to exceljs instead.
 */

/** The lean reader does not handle this workbook; exceljs reads it (see xlsx-lean.ts). */
export class LeanUnsupported extends Error {}

/** The transitional SpreadsheetML namespace; strict OOXML (purl.oclc.org) goes to exceljs. */
export const MAIN_NAMESPACE = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
export const RELATIONSHIPS_NAMESPACE = 'http://schemas.openxmlformats.org/package/2006/relationships';
/** The namespace of `r:id` on a workbook's <sheet>. */
const OFFICE_RELATIONSHIPS_NAMESPACE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * Feeds one zip entry, decoded as UTF-8 (characters split across chunks kept whole), to an XML handler, by
 * local names (see `PartNames`): its root must be `root` in `namespace`, prefixed or not.
 */
export async function scanEntry(path: string, file: FileHandle, entry: ZipEntry, handler: XmlHandler, root: string, namespace = MAIN_NAMESPACE): Promise<void> {
  const scanner = new XmlScanner(new PartNames(handler, entry.name, root, namespace));
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryChunks(path, file, entry)) scanner.write(decoder.write(chunk));
  scanner.write(decoder.end());
  scanner.end();
}

/** How a part names the elements of its namespace: the prefix of its root element, and whether unprefixed ones are in it too. */
export interface PartPrefix {
  /** '' when the root is unprefixed (`<worksheet xmlns="…main">`), else e.g. 'x' (`<x:worksheet xmlns:x="…main">`). */
  readonly prefix: string;
  /** A prefixed root whose part also makes the namespace the default one: unprefixed elements are in it as well. */
  readonly unprefixedToo: boolean;
}

/**
 * The root element checked: its local name must be `expected`, bound (by an xmlns attribute on it) to
 * `namespace`. Parts written with the .NET Open XML SDK commonly prefix every element (`<x:row>`, `<x:c>`).
 */
export function rootPrefix(part: string, name: string, attributes: TagAttributes, expected: string, namespace: string): PartPrefix {
  const colon = name.indexOf(':');
  const prefix = colon === -1 ? '' : name.slice(0, colon);
  if (name.slice(colon + 1) !== expected) throw new LeanUnsupported(`${part}: root element <${name}>`);
  const bound = attributes.get(prefix === '' ? 'xmlns' : `xmlns:${prefix}`);
  if (bound !== namespace) throw new LeanUnsupported(`${part}: namespace ${bound ?? '(none)'}`);
  return { prefix, unprefixedToo: prefix !== '' && attributes.get('xmlns') === namespace };
}

/**
 * Hands a part's elements on by local name when they are in the part's namespace: `x:row` becomes `row` when
 * the root binds x to it. Any other element keeps a qualified name no handler reads (an unprefixed one gains a
 * leading ':'). Prefixes are taken from the root only: a part that binds the namespace to another prefix
 * further down is not read by it, and the worksheet handler refuses rows it cannot see (xlsx-sheet.ts).
 */
export class LocalNames implements XmlHandler {
  private readonly qualified: string;
  private readonly unprefixedToo: boolean;
  constructor(
    private readonly inner: XmlHandler,
    { prefix, unprefixedToo }: PartPrefix,
  ) {
    this.qualified = prefix === '' ? '' : `${prefix}:`;
    this.unprefixedToo = unprefixedToo;
  }

  local(name: string): string {
    const qualified = this.qualified;
    if (qualified === '' || name.startsWith(qualified)) return name.slice(qualified.length);
    return this.unprefixedToo || name.indexOf(':') !== -1 ? name : `:${name}`;
  }

  open(name: string, attributes: TagAttributes): void {
    this.inner.open(this.local(name), attributes);
  }

  close(name: string): void {
    this.inner.close(this.local(name));
  }

  text(source: string, start: number, end: number): void {
    this.inner.text(source, start, end);
  }
}

/** A part's handler behind its root check and `LocalNames`, set up by the root element. */
class PartNames implements XmlHandler {
  private names: LocalNames | undefined;
  constructor(
    private readonly inner: XmlHandler,
    private readonly part: string,
    private readonly root: string,
    private readonly namespace: string,
  ) {}

  open(name: string, attributes: TagAttributes): void {
    this.names ??= new LocalNames(this.inner, rootPrefix(this.part, name, attributes, this.root, this.namespace));
    this.names.open(name, attributes);
  }

  close(name: string): void {
    this.names?.close(name);
  }

  text(source: string, start: number, end: number): void {
    this.inner.text(source, start, end);
  }
}

/** exceljs's utils.xmlDecode, which it applies to sheet names and text cells on top of the SAX decoding. */
export function exceljsXmlDecode(text: string): string {
  if (text.indexOf('&') === -1) return text;
  return text.replace(/&([a-z]*);/g, (c) => {
    switch (c) {
      case '&lt;':
        return '<';
      case '&gt;':
        return '>';
      case '&amp;':
        return '&';
      case '&apos;':
        return "'";
      case '&quot;':
        return '"';
      default:
        return c;
    }
  });
}

// ---------------------------------------------------------------------------------------------------------
// xl/workbook.xml

export interface WorkbookSheet {
  name: string;
  relationshipId: string;
  hidden?: SheetHiding;
}

export interface WorkbookInfo {
  sheets: WorkbookSheet[];
  date1904: boolean;
}

export class WorkbookHandler implements XmlHandler {
  readonly info: WorkbookInfo = { sheets: [], date1904: false };
  private depth = 0;
  private top = '';
  /** `r:id`, or the same attribute under the prefix the workbook binds to the relationships namespace. */
  private relationshipId = 'r:id';

  open(name: string, attributes: TagAttributes): void {
    this.depth++;
    if (this.depth === 1) this.relationshipId = relationshipIdAttribute(attributes);
    else if (this.depth === 2) {
      this.top = name;
      // exceljs: `date1904: node.attributes.date1904 === '1'` (so "true" reads as false, as there).
      if (name === 'workbookPr') this.info.date1904 = attributes.get('date1904') === '1';
    } else if (this.depth === 3 && this.top === 'sheets' && name === 'sheet') {
      const sheetName = attributes.get('name');
      const relationshipId = attributes.get(this.relationshipId);
      if (sheetName === undefined || relationshipId === undefined) throw new LeanUnsupported('xl/workbook.xml: a sheet without a name or r:id');
      // exceljs decodes the (already SAX-decoded) name once more.
      const hidden = sheetHiding(attributes.get('state'));
      this.info.sheets.push({ name: exceljsXmlDecode(sheetName), relationshipId, ...(hidden ? { hidden } : {}) });
    }
  }

  close(): void {
    this.depth--;
  }

  text(): void {}
}

/** The qualified name of a <sheet>'s relationship id: `r:id` unless the root binds another prefix to its namespace. */
function relationshipIdAttribute(attributes: TagAttributes): string {
  const { source, bounds } = attributes;
  for (let i = 0, at = 0; i < attributes.count; i++, at += 4) {
    const name = source.slice(bounds[at], bounds[at + 1]);
    if (name.startsWith('xmlns:') && attributes.get(name) === OFFICE_RELATIONSHIPS_NAMESPACE) return `${name.slice(6)}:id`;
  }
  return 'r:id';
}

// ---------------------------------------------------------------------------------------------------------
// xl/_rels/workbook.xml.rels

export interface Relationship {
  type: string;
  target: string;
  external: boolean;
}

export class RelationshipsHandler implements XmlHandler {
  readonly relationships = new Map<string, Relationship>();
  private depth = 0;

  open(name: string, attributes: TagAttributes): void {
    this.depth++;
    if (this.depth === 2) {
      // exceljs throws on any other element here.
      if (name !== 'Relationship') throw new LeanUnsupported(`xl/_rels/workbook.xml.rels: element <${name}>`);
      const id = attributes.get('Id');
      if (id === undefined) return;
      this.relationships.set(id, {
        type: attributes.get('Type') ?? '',
        target: attributes.get('Target') ?? '',
        external: attributes.get('TargetMode') === 'External',
      });
    }
  }

  close(): void {
    this.depth--;
  }

  text(): void {}
}

/** The zip path a workbook relationship points at: relative to xl/, or absolute from the package root. */
export function resolveTarget(target: string): string {
  const parts = target.startsWith('/') ? [] : ['xl'];
  for (const part of target.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return parts.join('/');
}

// ---------------------------------------------------------------------------------------------------------
// xl/styles.xml

/**
 * Per cell style (`cellXfs` index, the `s` of a cell or row): whether exceljs turns a number in that style into
 * a Date. exceljs looks the style's numFmtId up among the custom formats, then its built-in table, and calls it
 * a date when the code, with [...] and "..." removed, holds any of y m d h M s b (utils.isDateFmt).
 */
export interface StyleTable {
  /** One entry per cellXfs <xf>; an index past the end has no style (exceljs then keeps the inherited one). */
  readonly isDate: readonly boolean[];
  /** Per cellXfs <xf>, its zero-padding format (src/read/number-format.ts), if it has one. */
  readonly zeroPad: readonly (string | undefined)[];
  /** Per cellXfs <xf>, whether its format is elapsed time alone (`[m]`): a duration, not a number. */
  readonly isElapsed: readonly boolean[];
}

/** No styles.xml: exceljs's empty style manager knows no styles, so nothing is a date. */
export const NO_STYLES: StyleTable = { isDate: [], zeroPad: [], isElapsed: [] };

export class StylesHandler implements XmlHandler {
  private readonly customFormats = new Map<number, string>();
  private readonly xfFormatIds: number[] = [];
  /** Top-level lists that hold at least one item: exceljs fails on styled cells without fonts, fills or borders. */
  private readonly filledLists = new Set<string>();
  private depth = 0;
  private top = '';

  open(name: string, attributes: TagAttributes): void {
    this.depth++;
    if (this.depth === 2) this.top = name;
    else if (this.depth === 3) this.filledLists.add(this.top);
    if (this.depth === 3 && this.top === 'numFmts' && name === 'numFmt') {
      const code = attributes.get('formatCode');
      if (code === undefined) throw new LeanUnsupported('xl/styles.xml: a numFmt without formatCode');
      // exceljs drops the backslash of every escaped character.
      this.customFormats.set(Number.parseInt(attributes.get('numFmtId') ?? '', 10), code.replace(/[\\](.)/g, '$1'));
    } else if (this.depth === 3 && this.top === 'cellXfs' && name === 'xf') {
      this.xfFormatIds.push(Number.parseInt(attributes.get('numFmtId') ?? '', 10));
    }
  }

  close(): void {
    this.depth--;
  }

  text(): void {}

  table(): StyleTable {
    // With a styles.xml but no cellXfs, exceljs fails on the first styled cell; let it.
    if (this.xfFormatIds.length === 0) throw new LeanUnsupported('xl/styles.xml: no cellXfs');
    for (const list of ['fonts', 'fills', 'borders']) if (!this.filledLists.has(list)) throw new LeanUnsupported(`xl/styles.xml: no ${list}`);
    // 0 or NaN: exceljs sets no numFmt.
    const formats = this.xfFormatIds.map((id) => (id ? this.customFormats.get(id) || BUILT_IN_FORMATS[id] : undefined));
    return { isDate: formats.map(isDateFormat), zeroPad: formats.map(zeroPadFormat), isElapsed: formats.map(isElapsedFormat) };
  }
}

/** exceljs's utils.isDateFmt, verbatim. */
export function isDateFormat(format: string | undefined): boolean {
  if (!format) return false;
  const bare = format.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, '');
  return bare.match(/[ymdhMsb]+/) !== null;
}

/**
 * The built-in number formats exceljs knows (lib/xlsx/defaultnumformats.js, the entries with an `f`): the
 * locale-dependent ones (27-36, 50-81) have no code there, so exceljs never treats them as dates.
 */
const BUILT_IN_FORMATS: Record<number, string> = {
  0: 'General',
  1: '0',
  2: '0.00',
  3: '#,##0',
  4: '#,##0.00',
  9: '0%',
  10: '0.00%',
  11: '0.00E+00',
  12: '# ?/?',
  13: '# ??/??',
  14: 'mm-dd-yy',
  15: 'd-mmm-yy',
  16: 'd-mmm',
  17: 'mmm-yy',
  18: 'h:mm AM/PM',
  19: 'h:mm:ss AM/PM',
  20: 'h:mm',
  21: 'h:mm:ss',
  22: 'm/d/yy "h":mm',
  37: '#,##0 ;(#,##0)',
  38: '#,##0 ;[Red](#,##0)',
  39: '#,##0.00 ;(#,##0.00)',
  40: '#,##0.00 ;[Red](#,##0.00)',
  45: 'mm:ss',
  46: '[h]:mm:ss',
  47: 'mmss.0',
  48: '##0.0E+0',
  49: '@',
};

// ---------------------------------------------------------------------------------------------------------
// xl/sharedStrings.xml

/**
 * The shared strings, each as exceljs's streaming reader caches it and ccm flattens it: a plain <si> is the
 * text gathered since the last <t> opened (so, as there, a phonetic <rPh><t> after the text replaces it);
 * rich text is its runs joined; an <si> with no text at all is null (an empty cell).
 */
export class SharedStringsHandler implements XmlHandler {
  readonly strings: (string | null)[] = [];
  private depth = 0;
  /** Text since the last <si> or <t> opened, as exceljs gathers it. */
  private gathered: string | null = null;
  private runs: (string | null)[] = [];

  open(name: string, attributes: TagAttributes): void {
    this.depth++;
    if (this.depth === 1) return;
    if (name === 'si') {
      this.runs = [];
      this.gathered = null;
    } else if (name === 't') this.gathered = null;
  }

  close(name: string): void {
    this.depth--;
    if (name === 'r') {
      this.runs.push(this.gathered);
      this.gathered = null;
    } else if (name === 'si') {
      const value = this.runs.length > 0 ? this.runs.map((run) => run ?? '').join('') : this.gathered;
      this.strings.push(value === null ? null : detach(value));
      this.runs = [];
      this.gathered = null;
    }
  }

  text(source: string, start: number, end: number): void {
    const value = decodeText(source.slice(start, end));
    this.gathered = this.gathered ? this.gathered + value : value;
  }
}

/**
 * A copy of `text` that does not keep the chunk it was cut from alive: V8 represents a long substring as a
 * view into its parent, and a kept cell value would otherwise pin a whole 64 KB decoded chunk of XML.
 */
export function detach(text: string): string {
  return text.length < 13 ? text : (' ' + text).slice(1);
}

