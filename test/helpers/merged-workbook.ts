/**
 * A synthetic time log as billing managers format it by hand: a title merged across the top, and each
 * patient's MRN and name merged down that patient's rows (the file holds them in the top row only).
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { tempDir } from './cli.js';

const NOTE = 'Reviewed A1c results and adjusted insulin dose; updated care plan goals';

const MERGED_ROWS: readonly (readonly [string | null, string | null, string, number])[] = [
  // MRN, name, date, minutes; null where a merge covers the cell.
  ['10045', 'Test Patient One', '2025-03-03', 5],
  [null, null, '2025-03-05', 5],
  [null, null, '2025-03-10', 5],
  [null, null, '2025-03-12', 6],
  ['10046', 'Test Patient Two', '2025-03-04', 12],
  [null, null, '2025-03-18', 9],
];

export async function writeMergedTimeLog(name = 'merged.xlsx'): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Time log');
  ws.getCell('A1').value = 'CCM time log, March 2025';
  ws.mergeCells('A1:F1'); // horizontal only: changes nothing
  ws.addRow(['MRN', 'Patient Name', 'Date', 'Staff', 'Credential', 'Minutes', 'Note']);
  MERGED_ROWS.forEach(([mrn, patient, date, minutes], i) => {
    ws.addRow([mrn, patient, new Date(`${date}T00:00:00Z`), 'Rita Nurse', 'RN', minutes, `${NOTE} (${i + 1})`]);
  });
  ws.getColumn(3).numFmt = 'yyyy-mm-dd';
  ws.mergeCells('A3:A6');
  ws.mergeCells('B3:B6');
  ws.mergeCells('A7:B8'); // over two columns: the value fills the first column only
  const path = join(tempDir('ccm-merged-'), name);
  await workbook.xlsx.writeFile(path);
  return path;
}
