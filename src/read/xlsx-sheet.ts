import { CcmError } from '../errors.js';
import { type RawCell, type RawRow, type RowHiding, rowHiding } from './types.js';
import { applyZeroPad } from './number-format.js';
import { detach, exceljsXmlDecode, type StyleTable } from './xlsx-parts.js';
import { decodeText, type TagAttributes, XmlError, type XmlHandler } from './xml-scanner.js';

/** What a sheet's cells are resolved against. */
export interface SheetContext {
  readonly file: string;
  readonly sheet: string;
  /** null when the workbook has no shared strings part. */
  readonly strings: readonly (string | null)[] | null;
  readonly styles: StyleTable;
  readonly date1904: boolean;
}

/** Where the text between tags goes: nowhere, a formula, or the cell's value (<v>, <is>, <t>). */
const NOWHERE = 0;
const FORMULA = 1;
const VALUE = 2;

const MAX_COLUMN = 16_384;

/**
 * Turns a worksheet's XML, tag by tag, into the rows exceljs's streaming reader gives after ccm's `toCell`
 * (src/read/xlsx.ts): the same row numbers, the same cells (an array as long as the last column holding a
 * value, null in the gaps), and the same rows left out (those with no value, e.g. style-only rows).
 *
 * The cell semantics follow lib/stream/xlsx/worksheet-reader.js of exceljs 4.4.0, on purpose even where it
 * is odd, so that switching readers changes no audit:
 * - a cell's style counts when its `s` is non-zero and names an existing style; otherwise the row's `s`
 *   style is inherited; a number in a date style becomes a UTC Date (`excelToDate`, 1900 or 1904 system);
 * - a formula gives its cached `<v>`: text for t="str", otherwise parseFloat (so booleans give 1/0 and errors
 *   NaN); a formula with text keeps its result only when it is truthy (0, "" and NaN become an empty value
 *   that still counts as a value), while an empty formula (a shared formula's followers) keeps it as it is;
 * - t="s" looks the shared string up (an index past the end is no value); t="str" and t="inlineStr" are
 *   entity-decoded once more; inline rich text keeps its last run; t="e" gives the error text; t="b" is
 *   `parseInt(v) !== 0`;
 * - text is gathered into the element last opened, so whitespace after </v> inside a cell joins the value.
 * Where exceljs fails outright (a row or cell without a reference) this reader does what the format says:
 * the row or column after the previous one.
 */
export class SheetRowsHandler implements XmlHandler {
  /** Finished rows not yet taken. */
  private pending: RawRow[] = [];

  private inSheetData = false;
  private inRow = false;
  private rowNumber = 0;
  private rowIsDate = false;
  private rowZeroPad: string | undefined;
  private rowIsElapsed = false;
  private rowHidden: RowHiding | undefined;
  private values: RawCell[] = [];
  private present: boolean[] = [];

  private inCell = false;
  private column = 0;
  private cellStyle = Number.NaN;
  private cellType = TYPE_OTHER;
  private hasFormula = false;
  private formulaHasText = false;
  private hasValue = false;
  private target = NOWHERE;
  /**
   * The value's text: almost always one span of the scanner's input, kept as offsets so that a number is read
   * without cutting a string; joined into `valueJoined` only when text arrives in several pieces.
   */
  private valuePieces = 0;
  private valueSource = '';
  private valueStart = 0;
  private valueEnd = 0;
  private valueJoined = '';

  constructor(private readonly context: SheetContext) {}

  /** The rows finished since the last call. */
  takeRows(): RawRow[] {
    const rows = this.pending;
    this.pending = [];
    return rows;
  }

  /** The row being read, for messages. */
  get currentRow(): number | undefined {
    return this.inRow ? this.rowNumber : undefined;
  }

  open(name: string, attributes: TagAttributes): void {
    switch (name) {
      case 'c':
        if (this.inRow) this.openCell(attributes);
        break;
      case 'v':
      case 'is':
      case 't':
        if (this.inCell) {
          this.hasValue = true;
          this.valuePieces = 0;
          this.target = VALUE;
        }
        break;
      case 'f':
        if (this.inCell) {
          this.hasFormula = true;
          this.formulaHasText = false;
          this.target = FORMULA;
        }
        break;
      case 'row':
        if (this.inSheetData) this.openRow(attributes);
        break;
      case 'sheetData':
        this.inSheetData = true;
        break;
      default:
        // Only rows belong among the rows: anything else there (rows under a namespace prefix the part's root
        // does not bind) would be rows left out without a word.
        if (this.inSheetData && !this.inRow) throw new XmlError(`an element <${name.replace(/^:/, '')}> among the rows`);
    }
  }

  close(name: string): void {
    switch (name) {
      case 'c':
        if (this.inCell) this.closeCell();
        break;
      case 'row':
        if (this.inRow) this.closeRow();
        break;
      case 'sheetData':
        this.inSheetData = false;
        break;
    }
  }

  text(source: string, start: number, end: number): void {
    if (this.target === VALUE) {
      if (this.valuePieces === 0) {
        this.valueSource = source;
        this.valueStart = start;
        this.valueEnd = end;
      } else {
        if (this.valuePieces === 1) this.valueJoined = decodeText(this.valueSource.slice(this.valueStart, this.valueEnd));
        this.valueJoined += decodeText(source.slice(start, end));
      }
      this.valuePieces++;
    } else if (this.target === FORMULA) this.formulaHasText ||= end > start;
  }

  private openRow(attributes: TagAttributes): void {
    const source = attributes.source;
    const bounds = attributes.bounds;
    const reference = attributes.find('r');
    const number = reference === -1 ? this.rowNumber + 1 : parseIntAt(source, bounds[reference + 2]!, bounds[reference + 3]!);
    if (!(number >= 1)) throw new XmlError(`a row numbered "${attributes.raw('r')?.slice(0, 20)}"`);
    this.inRow = true;
    this.rowNumber = number;
    this.values = [];
    this.present = [];
    this.column = 0;
    // exceljs gives the row the style named by a non-empty `s`, and new cells inherit its number format.
    const style = attributes.find('s');
    const rowStyle = style !== -1 && bounds[style + 3]! > bounds[style + 2]! ? parseIntAt(source, bounds[style + 2]!, bounds[style + 3]!) : Number.NaN;
    this.rowIsDate = this.context.styles.isDate[rowStyle] === true;
    this.rowZeroPad = this.context.styles.zeroPad[rowStyle];
    this.rowIsElapsed = this.context.styles.isElapsed[rowStyle] === true;
    // Hidden in Excel (by hand, a filter or a collapsed group): the ingest decides what that means for the row.
    this.rowHidden = attributes.find('hidden') === -1 ? undefined : rowHiding(attributes.raw('hidden'), attributes.raw('outlineLevel'));
  }

  private openCell(attributes: TagAttributes): void {
    const source = attributes.source;
    const bounds = attributes.bounds;
    const reference = attributes.find('r');
    const column = reference === -1 ? this.column + 1 : columnAt(source, bounds[reference + 2]!, bounds[reference + 3]!);
    if (!(column >= 1 && column <= MAX_COLUMN)) throw new XmlError(`a cell reference "${attributes.raw('r')?.slice(0, 20)}"`);
    this.inCell = true;
    this.column = column;
    const style = attributes.find('s');
    this.cellStyle = style === -1 ? Number.NaN : parseIntAt(source, bounds[style + 2]!, bounds[style + 3]!);
    const type = attributes.find('t');
    this.cellType = type === -1 ? TYPE_OTHER : cellTypeAt(source, bounds[type + 2]!, bounds[type + 3]!);
    this.hasFormula = false;
    this.formulaHasText = false;
    this.hasValue = false;
    this.valuePieces = 0;
    this.target = NOWHERE;
  }

  private closeCell(): void {
    this.inCell = false;
    this.target = NOWHERE;
    // A cell with neither a value nor a formula leaves nothing (exceljs creates an empty cell).
    if (!this.hasValue && !this.hasFormula) return;
    const index = this.column - 1;
    if (this.hasFormula) {
      this.values[index] = this.formulaResult();
      this.present[index] = true;
      return;
    }
    switch (this.cellType) {
      case TYPE_SHARED: {
        const strings = this.context.strings;
        if (strings === null) {
          // What exceljs gives when it never saw the shared strings; src/read/xlsx.ts refuses it the same way.
          throw new CcmError(`${this.context.file}, sheet "${this.context.sheet}", row ${this.rowNumber}: a shared string could not be resolved; open the file in Excel and save it again.`);
        }
        const value = strings[this.valueInt()];
        this.values[index] = value ?? null;
        this.present[index] = value !== undefined && value !== null;
        return;
      }
      case TYPE_STR:
      case TYPE_INLINE:
        this.values[index] = detach(exceljsXmlDecode(this.valueText()));
        break;
      case TYPE_ERROR:
        this.values[index] = this.valueText();
        break;
      case TYPE_BOOLEAN:
        this.values[index] = this.valueInt() !== 0;
        break;
      default: {
        const number = this.valueNumber();
        if (this.cellIsDate()) this.values[index] = excelToDate(number, this.context.date1904);
        // A duration is an offset from day 0 in either date system: the 1900 one keeps both readers equal.
        else if (this.cellStyled(this.context.styles.isElapsed, this.rowIsElapsed) === true) this.values[index] = excelToDate(number, false);
        else {
          const pad = this.cellStyled(this.context.styles.zeroPad, this.rowZeroPad);
          this.values[index] = pad === undefined ? number : applyZeroPad(number, pad);
        }
      }
    }
    this.present[index] = true;
  }

  /** exceljs's `{formula, result}` after its FormulaValue copy (truthy fields only) and ccm's toCell. */
  private formulaResult(): RawCell {
    let result: string | number | undefined;
    if (this.hasValue) result = this.cellType === TYPE_STR ? detach(exceljsXmlDecode(this.valueText())) : this.valueNumber();
    if (this.formulaHasText) return result ? result : null;
    return result ?? null;
  }

  /** The value's text, SAX-decoded, as exceljs has it. */
  private valueText(): string {
    if (this.valuePieces === 0) return '';
    if (this.valuePieces === 1) return decodeText(this.valueSource.slice(this.valueStart, this.valueEnd));
    return this.valueJoined;
  }

  /** `parseFloat(text)`, read straight from the input when the text is a plain integer. */
  private valueNumber(): number {
    if (this.valuePieces === 1) {
      const integer = plainIntegerAt(this.valueSource, this.valueStart, this.valueEnd, true);
      if (integer !== undefined) return integer;
    }
    return Number.parseFloat(this.valueText());
  }

  /** `parseInt(text, 10)`, likewise. */
  private valueInt(): number {
    if (this.valuePieces === 1) {
      const integer = plainIntegerAt(this.valueSource, this.valueStart, this.valueEnd, false);
      if (integer !== undefined) return integer;
    }
    return Number.parseInt(this.valueText(), 10);
  }

  private cellIsDate(): boolean {
    return this.cellStyled(this.context.styles.isDate, this.rowIsDate) === true;
  }

  /** A style table's entry for the cell: its own style's, else the row's. */
  private cellStyled<T>(table: readonly T[], rowValue: T): T {
    const style = this.cellStyle;
    // exceljs: `if (c.s)`, then the style only if it exists.
    if (style && style > 0 && style < table.length) return table[style]!;
    return rowValue;
  }

  private closeRow(): void {
    this.inRow = false;
    const present = this.present;
    let last = present.length - 1;
    while (last >= 0 && present[last] !== true) last--;
    if (last < 0) return; // no values: exceljs's `!row.hasValues`
    const values = this.values;
    const cells: RawCell[] = new Array<RawCell>(last + 1);
    for (let i = 0; i <= last; i++) cells[i] = present[i] === true ? (values[i] ?? null) : null;
    this.pending.push(this.rowHidden === undefined ? { row: this.rowNumber, cells } : { row: this.rowNumber, cells, hidden: this.rowHidden });
  }
}

/** Cell types (the `t` attribute) as exceljs tells them apart; anything else is read as a number. */
const TYPE_OTHER = 0;
const TYPE_SHARED = 1;
const TYPE_STR = 2;
const TYPE_INLINE = 3;
const TYPE_ERROR = 4;
const TYPE_BOOLEAN = 5;

function cellTypeAt(s: string, start: number, end: number): number {
  const length = end - start;
  const first = s.charCodeAt(start);
  if (length === 1) {
    if (first === 0x73 /* s */) return TYPE_SHARED;
    if (first === 0x65 /* e */) return TYPE_ERROR;
    if (first === 0x62 /* b */) return TYPE_BOOLEAN;
    return TYPE_OTHER;
  }
  if (length === 3 && s.startsWith('str', start)) return TYPE_STR;
  if (length === 9 && s.startsWith('inlineStr', start)) return TYPE_INLINE;
  return TYPE_OTHER;
}

/**
 * The value of `s.slice(start, end)` when it is a plain decimal integer (digits, with a leading "-" when
 * `signed`) short enough to be exact: then parseInt and parseFloat give exactly this. Otherwise undefined,
 * and the caller parses the text itself.
 */
function plainIntegerAt(s: string, start: number, end: number, signed: boolean): number | undefined {
  let i = start;
  const negative = signed && s.charCodeAt(i) === 0x2d;
  if (negative) i++;
  if (i >= end || end - i > 15) return undefined;
  let value = 0;
  for (; i < end; i++) {
    const digit = s.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) return undefined;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** `parseInt(s.slice(start, end), 10)`, without the slice when the text is plain digits. */
function parseIntAt(s: string, start: number, end: number): number {
  return plainIntegerAt(s, start, end, false) ?? Number.parseInt(s.slice(start, end), 10);
}

/** The column of a reference like "C5" or "$C$5", as exceljs's colCache.decodeAddress reads it. */
function columnAt(reference: string, start: number, end: number): number {
  let column = 0;
  for (let i = start; i < end; i++) {
    const code = reference.charCodeAt(i);
    if (code >= 65 && code <= 90) column = column * 26 + code - 64;
    else if (code >= 48 && code <= 57) break;
  }
  return column;
}

/** exceljs's utils.excelToDate, verbatim (the same float operations, so the same milliseconds). */
export function excelToDate(v: number, date1904: boolean): Date {
  const millisecondSinceEpoch = Math.round((v - 25569 + (date1904 ? 1462 : 0)) * 24 * 3600 * 1000);
  return new Date(millisecondSinceEpoch);
}
