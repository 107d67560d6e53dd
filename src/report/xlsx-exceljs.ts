import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Fill, Font, Style, Workbook, Worksheet } from 'exceljs';
import type { AuditResult } from '../audit-types.js';
import { type Cell, type CellStyle, type Column, type Table, EXCEL_MAX_ROWS, cellValue, fixedDate, reportTables, sheetName } from './xlsx-tables.js';
import { stampZipEntries } from './zip-time.js';

/** exceljs's writer has no backpressure: yield to the event loop this often so deflate can drain. */
const YIELD_EVERY = 100;

/**
 * report.xlsx through exceljs's streaming writer: the reference the lean writer (xlsx-lean.ts) is tested
 * against, selectable with `writer: 'exceljs'`. Follows the writer notes in library-notes.md: styles on,
 * shared strings off, frozen panes via addWorksheet, columns before the first commit, UTC dates with a
 * numFmt, a yield every 100 rows, each sheet committed before the next, and our own WriteStream so an I/O
 * error rejects instead of hanging. Byte-reproducible: the workbook's dates come from the run date and the
 * zip entries' times are rewritten afterwards (zip-time.ts).
 */
export async function writeXlsxWithExceljs(result: AuditResult, path: string, rowsPerSheet = EXCEL_MAX_ROWS - 1): Promise<void> {
  const WorkbookWriter = await loadWorkbookWriter();
  const out = createWriteStream(path, { mode: 0o600 });
  // Raced with every step: exceljs swallows a stream error and would never settle (library-notes.md).
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  try {
    await Promise.race([once(out, 'open'), failed]);
    const workbook = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const stamp = fixedDate(result.runDate);
    workbook.creator = 'ccm';
    workbook.lastModifiedBy = 'ccm';
    workbook.created = stamp;
    workbook.modified = stamp;
    const write = async () => {
      for (const table of reportTables(result)) await addTable(workbook, table, table.data ? rowsPerSheet : Number.POSITIVE_INFINITY);
    };
    await Promise.race([write(), failed]);
    await Promise.race([workbook.commit(), failed]);
    if (!out.closed) await Promise.race([once(out, 'close'), failed]);
    await stampZipEntries(path, stamp);
  } finally {
    out.destroy();
  }
}

type WorkbookWriterClass = typeof import('exceljs').stream.xlsx.WorkbookWriter;

/**
 * exceljs's streaming writer on its own: the package's entry point also loads the reader, the in-memory
 * workbook and CSV support, about twice the load time (exceljs is pinned at 4.4.0, so its file layout is fixed;
 * the entry point is the fallback if that ever changes).
 */
async function loadWorkbookWriter(): Promise<WorkbookWriterClass> {
  const path: string = 'exceljs/lib/stream/xlsx/workbook-writer.js';
  try {
    return ((await import(path)) as { default: WorkbookWriterClass }).default;
  } catch {
    return (await import('exceljs')).default.stream.xlsx.WorkbookWriter;
  }
}

/** A table on one sheet, continued on "Name (2)", "Name (3)"… past Excel's row limit rather than corrupting the file. */
async function addTable<T>(workbook: Workbook, table: Table<T>, limit: number): Promise<void> {
  const { columns } = table;
  let part = 1;
  const styles = columns.map((c) => new SharedStyles(c.numFmt));
  let sheet = openSheet(workbook, table.name, columns);
  let count = 0;
  for (const item of table.rows) {
    if (count === limit) {
      closeSheet(sheet, columns.length, count, table.data);
      sheet = openSheet(workbook, sheetName(table.name, ++part), columns);
      count = 0;
    }
    const values = columns.map((c) => cellValue(c.value(item)));
    const row = sheet.addRow(values);
    for (let i = 0; i < columns.length; i++) row.getCell(i + 1).style = styles[i]!.get(columns[i]!.style?.(item), values[i]!);
    row.commit();
    if (++count % YIELD_EVERY === 0) await new Promise(setImmediate);
  }
  closeSheet(sheet, columns.length, count, table.data);
}

/** A cell style as exceljs takes it, one object per CellStyle so exceljs can recognise repeats. */
const EXCELJS_STYLES = new WeakMap<CellStyle, Partial<Style>>();

function exceljsStyle(style: CellStyle): Partial<Style> {
  let converted = EXCELJS_STYLES.get(style);
  if (converted === undefined) {
    converted = {
      ...(style.numFmt !== undefined ? { numFmt: style.numFmt } : {}),
      ...(style.fill !== undefined ? { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: style.fill } } satisfies Fill } : {}),
      ...(style.fontColor !== undefined ? { font: { color: { argb: style.fontColor } } satisfies Partial<Font> } : {}),
    };
    EXCELJS_STYLES.set(style, converted);
  }
  return converted;
}

/**
 * One style object per column, cell kind and extra style, shared by every cell that has it. exceljs renders a
 * cell's style to XML to find its id unless it has seen that very object before (a WeakMap in its
 * StylesXform): a new object per cell, as exceljs makes by default, cost a third of the writing time. The
 * objects are what the cells would have had (the column's numFmt plus the cell's own style), and the id
 * exceljs derives for a style without numFmt depends on the value's type, so text, numbers and dates get
 * separate objects: the file is unchanged, byte for byte.
 */
class SharedStyles {
  private readonly byExtra = new Map<CellStyle | undefined, Map<string, Partial<Style>>>();
  private lastExtra: CellStyle | undefined;
  private lastKind: string | undefined;
  private last: Partial<Style> | undefined;

  constructor(private readonly numFmt: string | undefined) {}

  get(extra: CellStyle | undefined, value: Cell): Partial<Style> {
    // With a numFmt the type does not matter; without, text, dates and numbers (and empty cells) differ.
    const kind = this.numFmt !== undefined || extra?.numFmt !== undefined ? 'any' : typeof value === 'string' ? 'text' : value instanceof Date ? 'date' : 'number';
    // Most cells of a column look like the one above them.
    if (extra === this.lastExtra && kind === this.lastKind) return this.last!;
    let byKind = this.byExtra.get(extra);
    if (byKind === undefined) {
      byKind = new Map();
      this.byExtra.set(extra, byKind);
    }
    let style = byKind.get(kind);
    if (style === undefined) {
      style = { ...(this.numFmt !== undefined ? { numFmt: this.numFmt } : {}), ...(extra ? exceljsStyle(extra) : {}) };
      byKind.set(kind, style);
    }
    this.lastExtra = extra;
    this.lastKind = kind;
    this.last = style;
    return style;
  }
}

function openSheet<T>(workbook: Workbook, name: string, columns: readonly Column<T>[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

function closeSheet(sheet: Worksheet, columns: number, rows: number, filter: boolean): void {
  if (filter) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns } };
  sheet.commit();
}
