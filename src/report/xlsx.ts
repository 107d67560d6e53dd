import type { AuditResult } from '../audit-types.js';
import { writeXlsxWithExceljs } from './xlsx-exceljs.js';
import { EXCEL_MAX_ROWS } from './xlsx-tables.js';

export { XLSX_SHEETS } from './xlsx-tables.js';

export interface XlsxOptions {
  /** Data rows per sheet before a table continues on "Name (2)"; Excel's limit unless a test sets it. */
  rowsPerSheet?: number;
}

/** Writes report.xlsx (sheets Summary, Claims, Exceptions, Patient-Months) to `path`, mode 0600, reproducibly. */
export async function writeXlsx(result: AuditResult, path: string, options: XlsxOptions = {}): Promise<void> {
  const rowsPerSheet = options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1;
  await writeXlsxWithExceljs(result, path, rowsPerSheet);
}
