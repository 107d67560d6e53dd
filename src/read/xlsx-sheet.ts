import { CcmError } from '../errors.js';
import type { RawCell, RawRow } from './types.js';
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
  private values: RawCell[] = [];
  private present: boolean[] = [];

  private inCell = false;
  private column = 0;
  private cellStyle = Number.NaN;
  private cellType: string | undefined = undefined;
  private hasFormula = false;
  private formulaHasText = false;
  private hasValue = false;
  private valueText = '';
  private target = NOWHERE;

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
          this.valueText = '';
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

  text(raw: string): void {
    if (this.target === VALUE) this.valueText += decodeText(raw);
    else if (this.target === FORMULA) this.formulaHasText ||= raw.length > 0;
  }

  private openRow(attributes: TagAttributes): void {
    const reference = attributes.raw('r');
    const number = reference === undefined ? this.rowNumber + 1 : Number.parseInt(reference, 10);
    if (!(number >= 1)) throw new XmlError(`a row numbered "${reference?.slice(0, 20)}"`);
    this.inRow = true;
    this.rowNumber = number;
    this.values = [];
    this.present = [];
    this.column = 0;
    // exceljs gives the row the style named by a non-empty `s`, and new cells inherit its number format.
    const style = attributes.raw('s');
    this.rowIsDate = style ? this.context.styles.isDate[Number.parseInt(style, 10)] === true : false;
  }

  private openCell(attributes: TagAttributes): void {
    const reference = attributes.raw('r');
    const column = reference === undefined ? this.column + 1 : columnOf(reference);
    if (!(column >= 1 && column <= MAX_COLUMN)) throw new XmlError(`a cell reference "${reference?.slice(0, 20)}"`);
    this.inCell = true;
    this.column = column;
    const style = attributes.raw('s');
    this.cellStyle = style === undefined ? Number.NaN : Number.parseInt(style, 10);
    this.cellType = attributes.raw('t');
    this.hasFormula = false;
    this.formulaHasText = false;
    this.hasValue = false;
    this.valueText = '';
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
    const text = this.valueText;
    switch (this.cellType) {
      case 's': {
        const strings = this.context.strings;
        if (strings === null) {
          // What exceljs gives when it never saw the shared strings; src/read/xlsx.ts refuses it the same way.
          throw new CcmError(`${this.context.file}, sheet "${this.context.sheet}", row ${this.rowNumber}: a shared string could not be resolved; open the file in Excel and save it again.`);
        }
        const value = strings[Number.parseInt(text, 10)];
        this.values[index] = value ?? null;
        this.present[index] = value !== undefined && value !== null;
        return;
      }
      case 'inlineStr':
      case 'str':
        this.values[index] = detach(exceljsXmlDecode(text));
        break;
      case 'e':
        this.values[index] = text;
        break;
      case 'b':
        this.values[index] = Number.parseInt(text, 10) !== 0;
        break;
      default: {
        const number = Number.parseFloat(text);
        this.values[index] = this.cellIsDate() ? excelToDate(number, this.context.date1904) : number;
      }
    }
    this.present[index] = true;
  }

  /** exceljs's `{formula, result}` after its FormulaValue copy (truthy fields only) and ccm's toCell. */
  private formulaResult(): RawCell {
    let result: string | number | undefined;
    if (this.hasValue) result = this.cellType === 'str' ? detach(exceljsXmlDecode(this.valueText)) : Number.parseFloat(this.valueText);
    if (this.formulaHasText) return result ? result : null;
    return result ?? null;
  }

  private cellIsDate(): boolean {
    const style = this.cellStyle;
    const isDate = this.context.styles.isDate;
    // exceljs: `if (c.s)`, then the style only if it exists.
    if (style && style > 0 && style < isDate.length) return isDate[style] === true;
    return this.rowIsDate;
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
    this.pending.push({ row: this.rowNumber, cells });
  }
}

/** The column of a reference like "C5" or "$C$5", as exceljs's colCache.decodeAddress reads it. */
function columnOf(reference: string): number {
  let column = 0;
  for (let i = 0; i < reference.length; i++) {
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
