/**
 * Mac Excel's 1904 date system: a workbook's serials count from 1904-01-01, not 1899-12-30. Dates, clock
 * times and durations must read the same as in a 1900-system workbook, with either reader.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/normalize/ingest.js';
import type { XlsxReader } from '../../src/read/xlsx.js';
import { tempDir } from '../helpers/cli.js';

const NOTE = 'Reviewed glucose log and adjusted metformin timing; updated care plan goals with patient';
/** A time of day as exceljs takes it: a Date on the 1900 system's day 0 (it shifts it for 1904 workbooks). */
const time = (h: number, m: number) => new Date(Date.UTC(1899, 11, 30, h, m));

async function workbook(date1904: boolean): Promise<string> {
  const wb = new ExcelJS.Workbook();
  wb.properties.date1904 = date1904;
  const ws = wb.addWorksheet('Log');
  ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Start', 'Stop', 'Minutes', 'Notes']);
  const rows: [string, ExcelJS.CellValue, ExcelJS.CellValue, ExcelJS.CellValue, string][] = [
    ['C1', time(9, 0), time(9, 25), null, 'h:mm'],
    ['C2', null, null, 25 / 1440, '[h]:mm'],
    ['C3', time(23, 0), time(23, 45), 65 / 1440, '[h]:mm:ss'],
  ];
  for (const [id, start, stop, minutes, format] of rows) {
    const row = ws.addRow([id, new Date(Date.UTC(2025, 2, 3)), 'Ann Lee', 'RN', start, stop, minutes, NOTE]);
    row.getCell(2).numFmt = 'mm/dd/yyyy';
    for (const c of [5, 6, 7]) row.getCell(c).numFmt = format;
  }
  const path = join(tempDir(), `t1904-${date1904}.xlsx`);
  await wb.xlsx.writeFile(path);
  return path;
}

async function entries(path: string, xlsxReader: XlsxReader) {
  const data = await ingest([{ path }], { dateOrder: 'mdy', columns: {}, credentials: new Map(), xlsxReader });
  expect(data.rejected).toEqual([]);
  return data.entries.map((e) => ({ patientId: e.patientId, date: e.date, start: e.start, stop: e.stop, minutes: e.minutes }));
}

describe('1904 date system', () => {
  const expected = [
    { patientId: 'C1', date: '2025-03-03', start: 540, stop: 565, minutes: 25 },
    { patientId: 'C2', date: '2025-03-03', start: undefined, stop: undefined, minutes: 25 },
    { patientId: 'C3', date: '2025-03-03', start: 1380, stop: 1425, minutes: 65 },
  ];
  it.each<[boolean, XlsxReader]>([
    [false, 'lean'],
    [true, 'lean'],
    [false, 'exceljs'],
    [true, 'exceljs'],
  ])('date1904=%s, %s reader: dates, clock times and durations', async (date1904, reader) => {
    expect(await entries(await workbook(date1904), reader)).toEqual(expected);
  });
});
