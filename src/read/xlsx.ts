import { CcmError } from '../errors.js';
import { type RawCell, type RawRow, type RawSheet, type RowHiding, sheetHiding } from './types.js';
import { applyZeroPad, isElapsedFormat, zeroPadFormat } from './number-format.js';
import { excelToDate } from './xlsx-sheet.js';
import { partHasCellValues, readPartLayout } from './merges.js';
import { openLeanWorkbook } from './xlsx-lean.js';
import { inBatches } from './batches.js';

/** Which XLSX reader reads workbooks: the lean one (with exceljs as its fallback), or exceljs for all. */
export type XlsxReader = 'lean' | 'exceljs';

/**
 * The sheets of a workbook, one at a time; the caller must finish (or abandon) a sheet's rows before taking
 * the next sheet. The lean reader (xlsx-lean.ts) reads almost every workbook; what it does not understand it
 * says before reading any row, and exceljs reads that workbook instead. `reader: 'exceljs'` forces exceljs
 * (the CLI's `CCM_XLSX_READER=exceljs`: to compare the two, or to get past a lean-reader bug).
 */
export async function* readXlsx(path: string, displayName: string, reader: XlsxReader = 'lean'): AsyncGenerator<RawSheet> {
  if (reader === 'lean') {
    const lean = await openLeanWorkbook(path, displayName);
    if ('sheets' in lean) {
      yield* lean.sheets;
      return;
    }
  }
  yield* readXlsxWithExcelJs(path, displayName);
}

/**
 * XLSX through exceljs's streaming reader: the reference the lean reader is tested against, and its fallback.
 * exceljs is loaded only when a workbook needs it, so runs that never do (CSV, most XLSX) never pay for it.
 *
 * What the streaming reader gives and how it is mapped (see ../shared/reference/library-notes.md):
 * date-formatted cells are Dates (with `styles: 'cache'`), formulas are `{formula, result}` (the cached result
 * is used), rich text is `{richText: [...]}` (the runs are joined), hyperlinks are `{text, hyperlink}` (the text
 * is used), errors are `{error: '#N/A'}` (kept as text, so the normalizer reports the cell). A merged range
 * holds its value in its top-left cell only, as in the file itself; the streaming reader skips <mergeCell>, so
 * the merges are read from the sheet's part (exceljs names worksheet N's part xl/worksheets/sheetN.xml) as
 * the lean reader reads them, and the ingest fills both readers' rows the same way. It reads no row's `hidden`
 * nor the sheet's `<autoFilter>` either: they come from the same pass over the part.
 */
export async function* readXlsxWithExcelJs(path: string, displayName: string): AsyncGenerator<RawSheet> {
  const { default: ExcelJS } = await import('exceljs');
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore',
  });
  try {
    for await (const worksheet of reader) {
      const { name = 'Sheet', state, id } = worksheet as unknown as { name?: string; state?: string; id?: string };
      const hidden = sheetHiding(state);
      const part = id === undefined ? undefined : `xl/worksheets/sheet${id}.xml`;
      const { merges, filter, hiddenRows } = part === undefined ? { merges: [], hiddenRows: new Map<number, RowHiding>() } : await readPartLayout(path, part);
      const rows = sheetRows(worksheet, displayName, name, hiddenRows);
      yield { file: displayName, sheet: name, rows: inBatches(notSilentlyEmpty(rows, path, part, displayName, name)), merges, ...(filter ? { filter } : {}), ...(hidden ? { hidden } : {}) };
    }
  } catch (error) {
    if (error instanceof CcmError) throw error;
    throw new CcmError(`${displayName}: the workbook could not be read (${firstLine(error)}); open it in Excel and save it again as .xlsx.`);
  }
}

/**
 * The rows, and when there are none, a check that the sheet's XML holds no cell value either: exceljs reads a
 * sheet whose elements carry a namespace prefix (`<x:row>`) as empty, and an empty sheet raises nothing, so a
 * billed-services sheet would vanish without a word. Such a sheet stops the run instead.
 */
async function* notSilentlyEmpty(rows: AsyncGenerator<RawRow>, path: string, part: string | undefined, file: string, sheet: string): AsyncGenerator<RawRow> {
  let any = false;
  for await (const row of rows) {
    any = true;
    yield row;
  }
  if (!any && part !== undefined && (await partHasCellValues(path, part))) {
    throw new CcmError(`${file}: sheet "${sheet}" holds cells the XLSX reader could not read (its XML is written differently, e.g. with namespace prefixes); open it in Excel and save it again as .xlsx.`);
  }
}

interface StreamRow {
  number: number;
  hasValues: boolean;
  values: unknown[];
  getCell(column: number): { numFmt?: string };
}

async function* sheetRows(worksheet: AsyncIterable<unknown>, file: string, sheet: string, hiddenRows: ReadonlyMap<number, RowHiding>): AsyncGenerator<RawRow> {
  for await (const item of worksheet) {
    const row = item as StreamRow;
    if (!row.hasValues) continue;
    // exceljs rows are 1-based and sparse.
    const values = row.values;
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) {
      const value = values[i];
      if (typeof value !== 'number') {
        cells.push(toCell(value, file, sheet, row.number));
        continue;
      }
      // As the lean reader reads them (src/read/number-format.ts): a zero-padded number (an MRN 123 shown as
      // 00123) is the text Excel displays; a number in an elapsed-time format alone ([m]) is a duration.
      const format = row.getCell(i).numFmt;
      const pad = zeroPadFormat(format);
      cells.push(pad !== undefined ? applyZeroPad(value, pad) : isElapsedFormat(format) ? excelToDate(value, false) : value);
    }
    const hiding = hiddenRows.size === 0 ? undefined : hiddenRows.get(row.number);
    yield hiding === undefined ? { row: row.number, cells } : { row: row.number, cells, hidden: hiding };
  }
}

export function toCell(value: unknown, file: string, sheet: string, row: number): RawCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return value;
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as { text?: string }[]).map((run) => run.text ?? '').join('');
    if ('formula' in v || 'sharedFormula' in v) return toCell(v.result, file, sheet, row);
    if ('text' in v) return toCell(v.text, file, sheet, row);
    if (typeof v.error === 'string') return v.error;
    if ('sharedString' in v) {
      // The symptom of exceljs's zip-order race; never guess the text.
      throw new CcmError(`${file}, sheet "${sheet}", row ${row}: a shared string could not be resolved; open the file in Excel and save it again.`);
    }
  }
  return String(value);
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}
