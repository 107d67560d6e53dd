import type { AuditResult } from '../audit-types.js';
import { columnLetter } from '../column-letter.js';
import { MS_PER_DAY, UNIX_EPOCH_SERIAL } from '../excel-serial.js';
import { type CellStyle, type Column, type Table, cellValue, fixedDate, reportTables, sheetName } from './xlsx-tables.js';
import { appPropertiesXml, contentTypesXml, corePropertiesXml, rootRelsXml, workbookRelsXml, workbookXml, worksheetPath } from './xlsx-package.js';
import { StyleSheet } from './xlsx-styles.js';
import { xmlText } from './xml.js';
import { type ZipEntryWriter, ZipWriter } from './zip-write.js';
import { dosDateTime } from './zip-time.js';

/**
 * report.xlsx written directly: each worksheet's XML is built row by row and streamed through deflate into
 * the zip (zip-write.ts), a chunk at a time, so no sheet is ever held whole. It renders the same tables as
 * the exceljs writer (xlsx-tables.ts) with the same cell types, number formats, fonts, fills, frozen header
 * and filters (test/report/xlsx-lean.test.ts reads both back and compares them), at a fraction of the cost:
 * exceljs builds a cell object, a style lookup and an XML writer call per cell. Text cells are `t="str"`
 * with the text inline, as exceljs writes them, so no shared-strings table has to be held until the end.
 * Reproducible: every zip entry carries the run date, as do the document properties.
 */
export async function writeLeanXlsx(result: AuditResult, path: string, rowsPerSheet: number): Promise<void> {
  const stamp = fixedDate(result.runDate);
  const zip = await ZipWriter.create(path, { mode: 0o600, dosDateTime: dosDateTime(stamp) });
  try {
    const styles = new StyleSheet();
    const names: string[] = [];
    for (const table of reportTables(result)) await writeTable(zip, styles, names, table, table.data ? rowsPerSheet : Number.POSITIVE_INFINITY);
    await zip.add('[Content_Types].xml', contentTypesXml(names.length));
    await zip.add('_rels/.rels', rootRelsXml());
    await zip.add('docProps/app.xml', appPropertiesXml('ccm'));
    await zip.add('docProps/core.xml', corePropertiesXml('ccm', stamp));
    await zip.add('xl/styles.xml', styles.xml());
    await zip.add('xl/_rels/workbook.xml.rels', workbookRelsXml(names.length));
    await zip.add('xl/workbook.xml', workbookXml(names));
    await zip.finish();
  } catch (error) {
    zip.destroy();
    throw error;
  }
}

/** XML characters gathered before they go to deflate: large enough that the per-write cost vanishes. */
const CHUNK = 1 << 16;

/** A table on one sheet, continued on "Name (2)", "Name (3)"… past Excel's row limit rather than corrupting the file. */
async function writeTable<T>(zip: ZipWriter, styles: StyleSheet, names: string[], table: Table<T>, limit: number): Promise<void> {
  const layout = new SheetLayout(table.columns, styles);
  let part = 1;
  let sheet = SheetWriter.open(zip, names, sheetName(table.name, part), layout);
  for (const item of table.rows) {
    if (sheet.rows === limit) {
      await sheet.close(table.data);
      sheet = SheetWriter.open(zip, names, sheetName(table.name, ++part), layout);
    }
    const written = sheet.row(item);
    if (written) await written;
  }
  await sheet.close(table.data);
}

/** What every sheet of a table shares: column letters, widths, the header row and each column's styles. */
class SheetLayout<T> {
  readonly letters: string[];
  readonly lastLetter: string;
  readonly head: string;
  readonly columnStyles: ColumnStyles[];
  /** `<c r="B` for each column. */
  readonly cellStarts: string[];
  private readonly textOpens: string[] = [];
  private readonly numberOpens: string[] = [];
  private readonly emptyCells: string[] = [];

  constructor(
    readonly columns: readonly Column<T>[],
    styles: StyleSheet,
  ) {
    this.letters = columns.map((_, i) => columnLetter(i));
    this.lastLetter = this.letters[this.letters.length - 1] ?? 'A';
    this.cellStarts = this.letters.map((letter) => `<c r="${letter}`);
    this.columnStyles = columns.map((c) => new ColumnStyles(styles, c.numFmt));
    const bold = styles.id({ bold: true });
    const cols = columns
      .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.numFmt !== undefined ? ` style="${styles.id({ numFmt: c.numFmt })}"` : ''}/>`)
      .join('');
    const header = columns.map((c, i) => `<c r="${this.letters[i]}1" s="${styles.id({ bold: true, numFmt: c.numFmt })}" t="str"><v>${xmlText(c.header)}</v></c>`).join('');
    this.head =
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      // The header row stays in view: the pane below row 1 is frozen.
      '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>' +
      '<sheetFormatPr defaultRowHeight="15"/>' +
      `<cols>${cols}</cols>` +
      `<sheetData><row r="1" s="${bold}" customFormat="1">${header}</row>`;
  }

  /** The rest of a text cell's opening tags after its reference, by style id. */
  textOpen(style: number): string {
    return (this.textOpens[style] ??= `"${styleAttribute(style)} t="str"><v>`);
  }

  numberOpen(style: number): string {
    return (this.numberOpens[style] ??= `"${styleAttribute(style)}><v>`);
  }

  emptyCell(style: number): string {
    return (this.emptyCells[style] ??= `"${styleAttribute(style)}/>`);
  }
}

/** One worksheet entry being streamed. */
class SheetWriter<T> {
  rows = 0;
  private xml: string;

  private constructor(
    private readonly entry: ZipEntryWriter,
    private readonly layout: SheetLayout<T>,
  ) {
    this.xml = layout.head;
  }

  /** Starts the next worksheet entry and adds its name to `names`, the workbook's sheet list. */
  static open<T>(zip: ZipWriter, names: string[], name: string, layout: SheetLayout<T>): SheetWriter<T> {
    names.push(name);
    return new SheetWriter(zip.entry(worksheetPath(names.length)), layout);
  }

  /** Appends one data row; writes to the zip when a chunk is full (the only time it returns a promise). */
  row(item: T): Promise<void> | undefined {
    const { columns, cellStarts, columnStyles } = this.layout;
    const r = String(++this.rows + 1);
    let xml = `<row r="${r}">`;
    for (let i = 0; i < columns.length; i++) {
      const column = columns[i]!;
      const value = cellValue(column.value(item));
      const style = column.style === undefined ? columnStyles[i]!.base : columnStyles[i]!.id(column.style(item));
      // `<c r="B7"` and the rest of the opening tag, each from a few prebuilt pieces.
      const start = cellStarts[i]! + r;
      if (typeof value === 'string') {
        xml += start + this.layout.textOpen(style) + xmlText(value) + '</v></c>';
        continue;
      }
      // A date is its serial day number, shown through the column's date format.
      const number = value instanceof Date ? UNIX_EPOCH_SERIAL + value.getTime() / MS_PER_DAY : value;
      // NaN and infinities have no XML form a spreadsheet reads: left empty, like a missing value.
      if (number !== null && Number.isFinite(number)) xml += start + this.layout.numberOpen(style) + number + '</v></c>';
      // An empty cell is written only to carry a format (a date column), as exceljs does.
      else if (style !== 0) xml += start + this.layout.emptyCell(style);
    }
    this.xml += xml + '</row>';
    if (this.xml.length < CHUNK) return undefined;
    const chunk = this.xml;
    this.xml = '';
    return this.entry.write(chunk);
  }

  /** Ends the sheet data, adds the filter over the table and closes the entry. */
  async close(filter: boolean): Promise<void> {
    const { letters, lastLetter } = this.layout;
    const autoFilter = filter ? `<autoFilter ref="${letters[0] ?? 'A'}1:${lastLetter}${this.rows + 1}"/>` : '';
    const tail = `</sheetData>${autoFilter}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`;
    await this.entry.write(this.xml + tail);
    this.xml = '';
    await this.entry.end();
  }
}

/** A column's style ids: its own number format, and that merged with each per-cell style met so far. */
class ColumnStyles {
  readonly base: number;
  private readonly byStyle = new Map<CellStyle, number>();
  private last: CellStyle | undefined;
  private lastId = 0;

  constructor(
    private readonly styles: StyleSheet,
    private readonly numFmt: string | undefined,
  ) {
    this.base = numFmt === undefined ? 0 : styles.id({ numFmt });
  }

  id(style: CellStyle | undefined): number {
    if (style === undefined) return this.base;
    // Most cells of a column look like the one above them.
    if (style === this.last) return this.lastId;
    let id = this.byStyle.get(style);
    if (id === undefined) {
      id = this.styles.id({ numFmt: style.numFmt ?? this.numFmt, fill: style.fill, fontColor: style.fontColor });
      this.byStyle.set(style, id);
    }
    this.last = style;
    this.lastId = id;
    return id;
  }
}

function styleAttribute(id: number): string {
  return id === 0 ? '' : ` s="${id}"`;
}
