/**
 * Merged cells down a patient's rows (src/read/merges.ts): both XLSX readers find the same vertical merges,
 * and the ingest fills each range's top-left value into the data rows it covers.
 */
import ExcelJS from 'exceljs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/normalize/ingest.js';
import { MergeFiller, scanSheetTail, verticalMerge } from '../../src/read/merges.js';
import type { RawRow, RawSheet } from '../../src/read/types.js';
import type { XlsxReader } from '../../src/read/xlsx.js';
import { openLeanWorkbook } from '../../src/read/xlsx-lean.js';
import { readXlsxWithExcelJs } from '../../src/read/xlsx.js';
import { tempDir } from '../helpers/cli.js';
import { writeMergedTimeLog } from '../helpers/merged-workbook.js';
import { collect } from './xlsx-compare.js';

describe('verticalMerge', () => {
  it.each([
    ['A2:A6', { column: 0, top: 2, bottom: 6 }],
    ['B3:C6', { column: 1, top: 3, bottom: 6 }],
    ['$AA$10:$AB$11', { column: 26, top: 10, bottom: 11 }],
    ['a2:a3', { column: 0, top: 2, bottom: 3 }],
    ['A1:M1', undefined], // horizontal only
    ['A2', undefined],
    ['A6:A2', undefined],
    ['B2:A6', undefined],
    ['A0:A3', undefined],
    ['XFE1:XFE3', undefined],
    ['A1:A1048577', undefined],
    ['A1:A3:A5', undefined],
    ['', undefined],
    ['R1C1:R3C1', undefined],
  ])('%s', (ref, expected) => {
    expect(verticalMerge(ref)).toEqual(expected);
  });
});

async function* chunked(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

describe('scanSheetTail', () => {
  const sheet =
    '<worksheet><sheetData><row r="2"><c r="A2" t="inlineStr"><is><t>mergeCells &lt;mergeCells</t></is></c></row></sheetData>' +
    '<mergeCells count="3"><mergeCell ref="A2:A6"/><mergeCell ref="C1:H1"/><mergeCell ref="nonsense"/><mergeCell ref="B7:C9"/></mergeCells><pageMargins/></worksheet>';
  it.each([1, 3, 7, 11, 64, 4096])('finds the vertical merges wherever the chunks are cut (%i bytes)', async (size) => {
    expect(await scanSheetTail(chunked(sheet, size))).toEqual({
      merges: [
        { column: 0, top: 2, bottom: 6 },
        { column: 1, top: 7, bottom: 9 },
      ],
    });
  });
  it('finds none in a sheet without merges', async () => {
    expect(await scanSheetTail(chunked('<worksheet><sheetData/></worksheet>', 5))).toEqual({ merges: [] });
  });

  // Rows an AutoFilter hides are data; the filter is active only with a <filterColumn> (a bare one shows every row).
  const rows = '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>';
  it.each([1, 5, 13, 4096])('finds an active AutoFilter before the merges, not one of a custom view (%i bytes)', async (size) => {
    const active = `${rows}<autoFilter ref="A1:G40"><filterColumn colId="2"><filters><filter val="RN"/></filters></filterColumn></autoFilter><mergeCells count="1"><mergeCell ref="A2:A3"/></mergeCells></worksheet>`;
    expect(await scanSheetTail(chunked(active, size))).toEqual({ merges: [{ column: 0, top: 2, bottom: 3 }], filter: { top: 1, bottom: 40 } });
    const prefixed = active.replace(/<(\/?)(?!\/)/g, '<$1x:');
    expect(await scanSheetTail(chunked(prefixed, size), 'x')).toEqual({ merges: [{ column: 0, top: 2, bottom: 3 }], filter: { top: 1, bottom: 40 } });
    const bare = `${rows}<autoFilter ref="A1:G40"/></worksheet>`;
    expect(await scanSheetTail(chunked(bare, size))).toEqual({ merges: [] });
    const view = `${rows}<customSheetViews><customSheetView guid="{X}"><autoFilter ref="A1:G9"><filterColumn colId="0"/></autoFilter></customSheetView></customSheetViews></worksheet>`;
    expect(await scanSheetTail(chunked(view, size))).toEqual({ merges: [] });
  });
});

describe('MergeFiller', () => {
  const row = (n: number, ...cells: RawRow['cells']): RawRow => ({ row: n, cells });
  it('fills the first column of ranges below the header, and nothing else', () => {
    const filler = new MergeFiller(
      [
        { column: 0, top: 1, bottom: 4 }, // starts at the header row: left alone
        { column: 1, top: 2, bottom: 3 },
        { column: 3, top: 4, bottom: 6 },
        { column: 2, top: 5, bottom: 6 }, // its top row never comes
      ],
      1,
      () => true,
    );
    expect(filler.fill(row(2, null, 'P1', 'x'))).toEqual(row(2, null, 'P1', 'x'));
    expect(filler.fill(row(3, null, null, 'y'))).toEqual(row(3, null, 'P1', 'y'));
    expect(filler.fill(row(4, 'a', null, null, 'M'))).toEqual(row(4, 'a', null, null, 'M'));
    expect(filler.fill(row(6, 'b'))).toEqual(row(6, 'b', null, null, 'M'));
    expect(filler.fill(row(7, 'c', null))).toEqual(row(7, 'c', null));
    expect(filler.filledRanges).toBe(2);
  });
  it('leaves a value the file keeps under the merge: a row\'s own "Declined" under a merged "Accepted" stays declined', () => {
    const filler = new MergeFiller([{ column: 0, top: 2, bottom: 4 }], 1, () => true);
    filler.fill(row(2, 'Accepted'));
    expect(filler.fill(row(3, 'Declined'))).toEqual(row(3, 'Declined'));
    expect(filler.fill(row(4, ''))).toEqual(row(4, 'Accepted'));
  });
});

describe('MergeFiller: which columns and rows', () => {
  const row = (n: number, ...cells: RawRow['cells']): RawRow => ({ row: n, cells });
  it('leaves a range in a column it may not fill in its top row, and counts it', () => {
    // A: the MRN, fillable; B: the minutes, not.
    const filler = new MergeFiller(
      [
        { column: 0, top: 2, bottom: 4 },
        { column: 1, top: 2, bottom: 4 },
        { column: 1, top: 5, bottom: 6 }, // its top holds nothing: nothing to leave unfilled
      ],
      1,
      (column) => column === 0,
    );
    expect(filler.fill(row(2, '1001', 15))).toEqual(row(2, '1001', 15));
    expect(filler.fill(row(3, null, null, 'x'))).toEqual(row(3, '1001', null, 'x'));
    expect(filler.fill(row(4, null, null, 'y'))).toEqual(row(4, '1001', null, 'y'));
    expect(filler.fill(row(5, '1002', null))).toEqual(row(5, '1002', null));
    expect(filler.fill(row(6, '1002', null, 'z'))).toEqual(row(6, '1002', null, 'z'));
    expect([filler.filledRanges, filler.unfilledRanges]).toEqual([1, 1]);
  });
  it("fills nothing into a row that passes (a totals row), yet takes a range's value from a top row that passes", () => {
    const filler = new MergeFiller(
      [
        { column: 0, top: 2, bottom: 4 },
        { column: 0, top: 5, bottom: 6 },
      ],
      1,
      () => true,
    );
    filler.fill(row(2, '1001', 15));
    filler.pass(row(3, null, 25));
    expect(filler.fill(row(4, null, 5))).toEqual(row(4, '1001', 5));
    filler.pass(row(5, 'x'));
    expect(filler.fill(row(6, null, 7))).toEqual(row(6, 'x', 7));
    expect(filler.filledRanges).toBe(2);
  });
});

/** A time log written with exceljs: `rows` under the header MRN, Date, Staff, Credential, Minutes, Note, with `merges`. */
async function writeLog(rows: readonly (readonly (string | number | null)[])[], merges: readonly string[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Log');
  ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note']);
  for (const r of rows) ws.addRow([...r]);
  for (const m of merges) ws.mergeCells(m);
  const path = join(tempDir('ccm-merged-'), 'log.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

const N = 'Reviewed insulin titration and podiatry referral arrangements with patient';

describe('merged minutes and merged subtotal rows', () => {
  it.each<XlsxReader>(['lean', 'exceljs'])('a minutes cell merged over three rows counts once, in its top row (%s reader)', async (xlsxReader) => {
    const path = await writeLog(
      [
        ['1001', '2026-10-03', 'Rita Nurse', 'RN', 15, `${N} a`],
        [null, '2026-10-10', 'Rita Nurse', 'RN', null, `${N} b`],
        [null, '2026-10-17', 'Rita Nurse', 'RN', null, `${N} c`],
      ],
      ['A2:A4', 'E2:E4'],
    );
    const data = await ingest([{ path }], { dateOrder: 'mdy', columns: {}, credentials: new Map(), xlsxReader });
    // The rows under the merge have no minutes of their own, as the file holds them (invalid-minutes says so).
    expect(data.entries.map((e) => [e.patientId, e.minutes])).toEqual([
      ['1001', 15],
      ['1001', null],
      ['1001', null],
    ]);
    const table = data.inputs[0]!.tables[0]!;
    expect([table.mergedFilled, table.mergedNotFilled]).toEqual([1, 1]);
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('a subtotal row inside a merged MRN stays a totals row (%s reader)', async (xlsxReader) => {
    const path = await writeLog(
      [
        ['1001', '2026-10-03', 'Rita Nurse', 'RN', 15, `${N} a`],
        [null, '2026-10-10', 'Rita Nurse', 'RN', 10, `${N} b`],
        [null, null, null, null, 25, null],
        ['1002', '2026-10-03', 'Rita Nurse', 'RN', 22, `${N} c`],
        [null, null, null, null, 22, null],
      ],
      ['A2:A4', 'A5:A6'],
    );
    const data = await ingest([{ path }], { dateOrder: 'mdy', columns: {}, credentials: new Map(), xlsxReader });
    expect(data.rejected).toEqual([]);
    expect(data.entries.map((e) => [e.patientId, e.minutes])).toEqual([
      ['1001', 15],
      ['1001', 10],
      ['1002', 22],
    ]);
    const table = data.inputs[0]!.tables[0]!;
    expect(table.skipped.totals).toBe(2);
    expect(table.mergedFilled).toBe(1);
  });
});

async function leanSheets(path: string): Promise<AsyncIterable<RawSheet>> {
  const lean = await openLeanWorkbook(path, 'book.xlsx');
  if ('unsupported' in lean) throw new Error(lean.unsupported);
  return lean.sheets;
}

describe('a workbook with MRNs merged down the rows', () => {
  it('both readers give the same rows and the same merges', async () => {
    const path = await writeMergedTimeLog();
    const merges = async (sheets: AsyncIterable<RawSheet>) => {
      const out = [];
      for await (const sheet of sheets) {
        out.push(sheet.merges);
        for await (const _ of sheet.rows);
      }
      return out;
    };
    const expected = [[{ column: 0, top: 3, bottom: 6 }, { column: 1, top: 3, bottom: 6 }, { column: 0, top: 7, bottom: 8 }]];
    expect(await merges(await leanSheets(path))).toEqual(expected);
    expect(await merges(readXlsxWithExcelJs(path, 'book.xlsx'))).toEqual(expected);
    // The readers give the rows as the file holds them; the fill is the ingest's, once the header is known.
    const lean = await collect(await leanSheets(path));
    expect(lean[0]!.merges).toEqual(expected[0]);
    expect(lean[0]!.rows.map((r) => r.cells[0])).toEqual(['CCM time log, March 2025', 'MRN', '10045', null, null, null, '10046', null]);
    expect(lean).toEqual(await collect(readXlsxWithExcelJs(path, 'book.xlsx')));
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('every row gets its patient (%s reader)', async (xlsxReader) => {
    const path = await writeMergedTimeLog();
    const data = await ingest([{ path }], { dateOrder: 'mdy', columns: {}, credentials: new Map(), xlsxReader });
    expect(data.rejected).toEqual([]);
    expect(data.entries.map((e) => [e.patientId, e.minutes])).toEqual([
      ['10045', 5],
      ['10045', 5],
      ['10045', 5],
      ['10045', 6],
      ['10046', 12],
      ['10046', 9],
    ]);
    // A7:B8 holds the MRN over two columns: the name column shows nothing of its own and stays empty.
    expect(data.entries.map((e) => e.patientName ?? null)).toEqual([...Array<string>(4).fill('Test Patient One'), null, null]);
    const table = data.inputs[0]!.tables[0]!;
    expect(table.headerRow).toBe(2);
    expect(table.mergedFilled).toBe(3);
  });
});

describe('merges over the header', () => {
  it.each<XlsxReader>(['lean', 'exceljs'])('leave header detection and the rows below alone (%s reader)', async (xlsxReader) => {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Log');
    ws.getCell('A1').value = 'CCM time log';
    ws.mergeCells('A1:F2'); // a title over two rows
    ws.getCell('A3').value = 'MRN';
    ws.getCell('B3').value = 'Date';
    ws.getCell('C3').value = 'Minutes';
    ws.mergeCells('A3:A4'); // the header cell merged into the first data row: not a patient's MRN
    ws.getCell('B4').value = '2025-03-03';
    ws.getCell('C4').value = 20;
    ws.getCell('A5').value = '10045';
    ws.getCell('B5').value = '2025-03-04';
    ws.getCell('C5').value = 25;
    const path = join(tempDir('ccm-merged-'), 'header.xlsx');
    await workbook.xlsx.writeFile(path);
    const data = await ingest([{ path }], { dateOrder: 'mdy', columns: {}, credentials: new Map(), xlsxReader });
    const table = data.inputs[0]!.tables[0]!;
    expect(table.headerRow).toBe(3);
    expect(table.mergedFilled).toBeUndefined();
    expect(data.entries.map((e) => e.patientId)).toEqual(['10045']);
    expect(data.rejected.map((r) => r.source.row)).toEqual([4]);
  });
});

/** A workbook with a one-row time log and a sheet of `header`, then `rows`, with `merges`. */
async function writeTable(header: readonly string[], rows: readonly (readonly (string | null)[])[], merges: readonly string[]): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const log = workbook.addWorksheet('Log');
  log.addRow(['MRN', 'Date', 'Minutes']);
  log.addRow(['1001', '2026-10-03', 25]);
  const ws = workbook.addWorksheet('Sheet');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow([...r]);
  for (const m of merges) ws.mergeCells(m);
  const path = join(tempDir('ccm-merged-'), 'table.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

// Left in the top row, the rows below would read with no status or end: the most billable reading. Filled, as
// Excel shows them, they can only withhold a claim (FILL_DOWN_FIELDS).
describe('merged statuses and ends are filled; merged start dates are not', () => {
  const options = (xlsxReader: XlsxReader) => ({ dateOrder: 'mdy' as const, columns: {}, credentials: new Map(), xlsxReader });

  it.each<XlsxReader>(['lean', 'exceljs'])('a problem list\'s "Resolved" merged over three rows resolves all three (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'ICD-10 Code', 'Status', 'Resolved Date', 'Onset Date'],
      [
        ['1001', 'E11.9', 'Active', null, '2020-01-01'],
        ['1001', 'I10', 'Resolved', null, null],
        ['1001', 'J45.909', null, null, null],
        ['1001', 'N18.30', null, null, null],
        ['1002', 'E11.9', null, '2026-09-30', '2019-05-01'],
        ['1002', 'I10', null, null, null],
      ],
      ['C3:C5', 'D6:D7', 'E6:E7'],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.rejected).toEqual([]);
    expect(data.diagnoses.map((d) => [d.patientId, d.codeText, d.resolved, d.resolvedDate ?? null, d.onsetDate ?? null])).toEqual([
      ['1001', 'E11.9', false, null, '2020-01-01'],
      ['1001', 'I10', true, null, null],
      ['1001', 'J45.909', true, null, null],
      ['1001', 'N18.30', true, null, null],
      ['1002', 'E11.9', false, '2026-09-30', '2019-05-01'],
      // The resolved date is filled; the onset date, which starts a condition, is not.
      ['1002', 'I10', false, '2026-09-30', null],
    ]);
    const table = data.inputs[0]!.tables[1]!;
    expect([table.mergedFilled, table.mergedNotFilled]).toEqual([2, 1]);
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('a consent\'s "Declined" or revoked date merged over two rows ends both (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'Consent Date', 'Status', 'Revoked Date'],
      [
        ['1001', '2025-01-10', 'Declined', null],
        ['1001', '2025-03-01', null, null],
        ['1002', '2025-01-10', null, '2026-09-01'],
        ['1002', '2025-02-01', null, null],
        ['1003', '2025-01-10', null, null],
        ['1003', null, null, null],
      ],
      ['C2:C3', 'D4:D5', 'B6:B7'],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.consents.map((c) => [c.patientId, c.date ?? null, c.standing, c.revokedDate ?? null])).toEqual([
      ['1001', '2025-01-10', 'declined', null],
      ['1001', '2025-03-01', 'declined', null],
      ['1002', '2025-01-10', 'accepted', '2026-09-01'],
      ['1002', '2025-02-01', 'accepted', '2026-09-01'],
      ['1003', '2025-01-10', 'accepted', null],
      // The consent date, which starts a consent, is not filled: the row under it has none of its own.
      ['1003', null, 'accepted', null],
    ]);
    const table = data.inputs[0]!.tables[1]!;
    expect([table.mergedFilled, table.mergedNotFilled]).toEqual([2, 1]);
  });

  it.each<XlsxReader>(['lean', 'exceljs'])('a care plan\'s status or end date merged over two rows ends both (%s reader)', async (xlsxReader) => {
    const path = await writeTable(
      ['MRN', 'Care Plan Date', 'Care Plan Status', 'End Date'],
      [
        ['1001', '2025-01-10', 'Discontinued', null],
        ['1001', '2025-06-10', null, null],
        ['1002', '2025-01-10', null, '2026-08-31'],
        ['1002', '2025-06-10', null, null],
      ],
      ['C2:C3', 'D4:D5'],
    );
    const data = await ingest([{ path }], options(xlsxReader));
    expect(data.rejected).toEqual([]);
    expect(data.carePlans.map((p) => [p.patientId, p.date, p.endDate ?? null])).toEqual([
      ['1001', '2025-01-10', '2025-01-10'],
      ['1001', '2025-06-10', '2025-06-10'],
      ['1002', '2025-01-10', '2026-08-31'],
      ['1002', '2025-06-10', '2026-08-31'],
    ]);
    expect(data.inputs[0]!.tables[1]!.mergedFilled).toBe(2);
  });
});
