/**
 * Rows hidden in Excel (`<row hidden="1">`): both XLSX readers say which rows are hidden, and how (by hand or an
 * AutoFilter alike, or in an outline group), and the sheet's active AutoFilter; the ingest leaves out a row
 * hidden by hand that would add to a claim, reads filtered and grouped rows, and counts them all.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/normalize/ingest.js';
import { rowHiding } from '../../src/read/types.js';
import type { XlsxReader } from '../../src/read/xlsx.js';
import { tempDir } from '../helpers/cli.js';
import { buildWorkbook, MAIN_NS, prefixed, readExcelJs, readLean, writeWorkbook } from './xlsx-compare.js';

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NOTE = 'Reviewed home BP log, called patient about amlodipine dose, updated care plan goal';

/** An inline-string or number cell. */
const cell = (ref: string, value: string | number): string => (typeof value === 'number' ? `<c r="${ref}"><v>${value}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${value}</t></is></c>`);

/** A time log's worksheet part: header in row 1, `rows` below it with their <row> attributes, then `tail`. */
function timeLogPart(rows: readonly { attributes?: string; mrn: string; date: string; minutes: number }[], tail = ''): string {
  const header = ['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note'];
  const line = (r: number, values: readonly (string | number)[], attributes = '') => `<row r="${r}"${attributes}>${values.map((v, i) => cell(`${'ABCDEF'[i]}${r}`, v)).join('')}</row>`;
  const data = rows.map((row, i) => line(i + 2, [row.mrn, row.date, 'Maria Lopez', 'RN', row.minutes, `${NOTE} (${i + 2})`], row.attributes ? ` ${row.attributes}` : '')).join('');
  return `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}"><sheetData>${line(1, header)}${data}</sheetData>${tail}</worksheet>`;
}

const FILTER = '<autoFilter ref="A1:F6"><filterColumn colId="4"><customFilters><customFilter operator="greaterThan" val="12"/></customFilters></filterColumn></autoFilter>';

const ROWS = [
  { mrn: '30001', date: '2026-10-02', minutes: 15 },
  { mrn: '30001', date: '2026-10-09', minutes: 10, attributes: 'hidden="1"' },
  { mrn: '30001', date: '2026-10-16', minutes: 11, attributes: 'hidden="true" outlineLevel="1"' },
  { mrn: '30001', date: '2026-10-23', minutes: 12, attributes: 'hidden="0" outlineLevel="1"' },
  { mrn: '30001', date: '2026-10-30', minutes: 9, attributes: 'spans="1:6" hidden="1" ht="15"' },
];

describe('rowHiding', () => {
  it.each([
    ['1', undefined, 'row'],
    ['true', '0', 'row'],
    ['1', '2', 'outline'],
    ['0', '1', undefined],
    ['false', undefined, undefined],
    [undefined, '1', undefined],
  ] as const)('hidden=%s outlineLevel=%s is %s', (hidden, outlineLevel, expected) => {
    expect(rowHiding(hidden, outlineLevel)).toBe(expected);
  });
});

describe('both XLSX readers report hidden rows and the active AutoFilter', () => {
  it.each([
    ['without a filter', '', undefined],
    ['with an active AutoFilter, before the merges', `${FILTER}<mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells>`, { top: 1, bottom: 6 }],
    ['with an AutoFilter that filters nothing', '<autoFilter ref="A1:F6"/>', undefined],
  ])('%s', async (_, tail, filter) => {
    const path = writeWorkbook(`hidden-${tail.length}.xlsx`, buildWorkbook({ sheets: [{ name: 'Log', data: timeLogPart(ROWS, tail), whole: true }] }));
    const lean = await readLean(path);
    expect(lean[0]!.rows.map((r) => r.hidden ?? null)).toEqual([null, null, 'row', 'outline', null, 'row']);
    expect(lean[0]!.filter).toEqual(filter);
    expect(await readExcelJs(path)).toEqual(lean);
  });

  it('the lean reader reads them in a part whose elements carry a prefix', async () => {
    const path = writeWorkbook('hidden-prefixed.xlsx', buildWorkbook({ sheets: [{ name: 'Log', data: prefixed(timeLogPart(ROWS, FILTER)), whole: true }] }));
    const [sheet] = await readLean(path);
    expect(sheet!.rows.map((r) => r.hidden ?? null)).toEqual([null, null, 'row', 'outline', null, 'row']);
    expect(sheet!.filter).toEqual({ top: 1, bottom: 6 });
  });
});

const options = (xlsxReader: XlsxReader) => ({ dateOrder: 'mdy' as const, columns: {}, credentials: new Map(), xlsxReader });

describe('the ingest and hidden time-log rows', () => {
  it.each<XlsxReader>(['lean', 'exceljs'])('leaves out a row hidden by hand, reads a row in an outline group, counts both (%s reader)', async (xlsxReader) => {
    const path = writeWorkbook('hidden-log.xlsx', buildWorkbook({ sheets: [{ name: 'Log', data: timeLogPart(ROWS), whole: true }] }));
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.entries.map((e) => [e.row, e.minutes])).toEqual([
      [2, 15],
      [4, 11],
      [5, 12],
    ]);
    expect(data.rejected).toEqual([]);
    const table = data.inputs[0]!.tables[0]!;
    expect(table.hiddenRows).toEqual({ byHand: 2, byHandRows: [3, 6], filtered: 0, collapsed: 1, leftOut: 2 });
    expect([table.rowsRead, table.records]).toEqual([5, 3]);
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('reads the rows an active AutoFilter hides as data (%s reader)', async (xlsxReader) => {
    const path = writeWorkbook('hidden-filtered.xlsx', buildWorkbook({ sheets: [{ name: 'Log', data: timeLogPart(ROWS, FILTER), whole: true }] }));
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.entries.map((e) => e.minutes)).toEqual([15, 10, 11, 12, 9]);
    expect(data.inputs[0]!.tables[0]!.hiddenRows).toEqual({ byHand: 0, byHandRows: [], filtered: 2, collapsed: 1, leftOut: 0 });
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('a hidden row its status withdraws is withdrawn, and left out among the hidden (%s reader)', async (xlsxReader) => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note', 'Entry Status']);
    ws.addRow(['30001', '10/02/2026', 'Maria Lopez', 'RN', 15, NOTE, 'Active']);
    ws.addRow(['30001', '10/09/2026', 'Maria Lopez', 'RN', 10, NOTE, 'Voided']);
    ws.getRow(3).hidden = true;
    const path = join(tempDir('ccm-hidden-'), 'log.xlsx');
    await workbook.xlsx.writeFile(path);
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.entries.map((e) => e.minutes)).toEqual([15]);
    expect(data.withdrawn.map((e) => e.minutes)).toEqual([10]);
    const table = data.inputs[0]!.tables[0]!;
    expect(table.skipped.withdrawn).toBe(1);
    expect(table.hiddenRows).toEqual({ byHand: 1, byHandRows: [3], filtered: 0, collapsed: 0, leftOut: 1 });
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('a sheet with no hidden row has no count (%s reader)', async (xlsxReader) => {
    const path = writeWorkbook('hidden-none.xlsx', buildWorkbook({ sheets: [{ name: 'Log', data: timeLogPart(ROWS.map(({ attributes: _, ...row }) => row)), whole: true }] }));
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.entries).toHaveLength(5);
    expect(data.inputs[0]!.tables[0]!.hiddenRows).toBeUndefined();
  });
});

/** A workbook written with exceljs: a one-row time log, then `header` and `rows` in a second sheet, `hidden` rows (1-based) hidden. */
async function writeTable(header: readonly string[], rows: readonly (readonly (string | number | null)[])[], hidden: readonly number[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const log = workbook.addWorksheet('Log');
  log.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note']);
  log.addRow(['1001', '10/02/2026', 'Maria Lopez', 'RN', 25, NOTE]);
  const ws = workbook.addWorksheet('Table');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  for (const n of hidden) ws.getRow(n).hidden = true;
  const path = join(tempDir('ccm-hidden-'), 'table.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

// Hidden by hand, a row that would add to a claim is left out; one that can only withhold it is read.
describe('the ingest and hidden rows of the other tables', () => {
  it.each<XlsxReader>(['lean', 'exceljs'])('consents: a hidden acceptance is left out, a hidden refusal or revocation is read (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'Consent Date', 'Consent Status', 'Revoked Date'],
      [
        ['1001', '01/05/2026', 'Accepted', null],
        ['1002', '01/05/2026', 'Accepted', null],
        ['1001', '09/01/2026', 'Declined', null],
        ['1003', '01/05/2026', 'Accepted', '08/15/2026'],
      ],
      [3, 4, 5],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.consents.map((c) => [c.source.row, c.standing])).toEqual([
      [2, 'accepted'],
      [4, 'declined'],
      [5, 'accepted'],
    ]);
    expect(data.inputs[0]!.tables[1]!.hiddenRows).toEqual({ byHand: 3, byHandRows: [3, 4, 5], filtered: 0, collapsed: 0, leftOut: 1 });
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('diagnoses: a hidden active problem is left out, a hidden resolved one is read (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'ICD-10 Code', 'Status'],
      [
        ['1001', 'E11.9', 'Active'],
        ['1001', 'I10', 'Active'],
        ['1001', 'J45.909', 'Resolved'],
      ],
      [3, 4],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.diagnoses.map((d) => [d.codeText, d.resolved])).toEqual([
      ['E11.9', false],
      ['J45.909', true],
    ]);
    expect(data.inputs[0]!.tables[1]!.hiddenRows?.leftOut).toBe(1);
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('billed services: a hidden row still says the month was billed (%s reader)', async (xlsxReader) => {
    const path = await writeTable(['MRN', 'Date of Service', 'CPT Code'], [['1001', '10/31/2026', '99490']], [2]);
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.services.map((s) => [s.patientId, s.code])).toEqual([['1001', '99490']]);
    expect(data.inputs[0]!.tables[1]!.hiddenRows).toEqual({ byHand: 1, byHandRows: [2], filtered: 0, collapsed: 0, leftOut: 0 });
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('care plans: a hidden plan in place is left out, a hidden discontinued one is read (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'Care Plan Date', 'Status'],
      [
        ['1001', '01/10/2026', 'Established'],
        ['1002', '01/10/2026', 'Established'],
        ['1001', '09/10/2026', 'Discontinued'],
      ],
      [3, 4],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.carePlans.map((p) => [p.patientId, p.endedStatus ?? null])).toEqual([
      ['1001', null],
      ['1001', 'Discontinued'],
    ]);
    expect(data.inputs[0]!.tables[1]!.hiddenRows?.leftOut).toBe(1);
  });
});
