import type { AuditResult } from '../audit-types.js';
import { writeXlsxWithExceljs } from './xlsx-exceljs.js';
import { writeLeanXlsx } from './xlsx-lean.js';
import { EXCEL_MAX_ROWS } from './xlsx-tables.js';

export { XLSX_SHEETS } from './xlsx-tables.js';

export interface XlsxOptions {
  /** Data rows per sheet before a table continues on "Name (2)"; Excel's limit unless a test sets it. */
  rowsPerSheet?: number;
  /**
   * Internal: which writer renders the workbook. `lean` (the default) writes the XML and the zip itself;
   * `exceljs` is the reference implementation the tests compare it with.
   */
  writer?: 'lean' | 'exceljs';
}

/** Writes report.xlsx (sheets Summary, Claims, Exceptions, Patient-Months) to `path`, mode 0600, reproducibly. */
export async function writeXlsx(result: AuditResult, path: string, options: XlsxOptions = {}): Promise<void> {
  const rowsPerSheet = options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1;
  if (options.writer === 'exceljs') await writeXlsxWithExceljs(result, path, rowsPerSheet);
  else await writeLeanXlsx(result, path, rowsPerSheet);
}
