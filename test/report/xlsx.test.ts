import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import XLSX from 'xlsx';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { XLSX_SHEETS, writeXlsx } from '../../src/report/xlsx.js';
import { dosDateTime } from '../../src/report/zip-time.js';
import { HYPERLINK_NOTE, TAB_NOTE, sampleResult, sampleResultThresholdMet, sampleResultWithClaimAtRisk } from './sample-result.js';

let dir: string;
let bytes: Buffer;
let book: XLSX.WorkBook;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccm-xlsx-'));
  await writeXlsx(sampleResult(), join(dir, 'report.xlsx'));
  bytes = await readFile(join(dir, 'report.xlsx'));
  book = XLSX.read(bytes, { cellNF: true });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

function sheet(name: string): XLSX.WorkSheet {
  const ws = book.Sheets[name];
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

function rows(name: string): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(sheet(name), { header: 1, raw: true, defval: null });
}

/** The column of a header in row 1, as a letter. */
function column(name: string, header: string): string {
  const index = (rows(name)[0] ?? []).indexOf(header);
  if (index < 0) throw new Error(`${name}: no column ${header}`);
  return XLSX.utils.encode_col(index);
}

function cellAt(name: string, header: string, row: number): XLSX.CellObject {
  const cell = sheet(name)[`${column(name, header)}${row}`];
  if (!cell) throw new Error(`${name}: no cell under ${header} in row ${row}`);
  return cell;
}

function ymd(cell: XLSX.CellObject): string {
  expect(cell.t).toBe('n');
  expect(XLSX.SSF.is_date(String(cell.z))).toBe(true);
  const d = XLSX.SSF.parse_date_code(cell.v as number);
  return `${d.y}-${String(d.m).padStart(2, '0')}-${String(d.d).padStart(2, '0')}`;
}

/** Every zip entry's DOS time from the central directory (APPNOTE 4.3.12). */
function zipEntryTimes(zip: Buffer): number[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    times.push(zip.readUInt32LE(at + 12));
    const local = zip.readUInt32LE(at + 42);
    expect(zip.readUInt32LE(local + 10)).toBe(zip.readUInt32LE(at + 12));
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return times;
}

describe('writeXlsx: what Excel shows', () => {
  it('has the four sheets in order', () => {
    expect(book.SheetNames).toEqual([...XLSX_SHEETS]);
  });

  it('has header rows', () => {
    expect(rows('Claims')[0]).toEqual(['Patient ID', 'MBI', 'Month', 'Date of service', 'Code', 'Units', 'Supported minutes', 'Billing NPI', 'Diagnoses (ICD-10-CM)', 'Place of service', 'Estimated payment']);
    expect(rows('Exceptions')[0]).toEqual(['Severity', 'Rule', 'Code', 'Patient ID', 'Month', 'File', 'Sheet', 'Row', 'Other rows', 'Entry date', 'Staff', 'Credential', 'Minutes', 'Note', 'Message', 'How to fix', 'Fingerprint']);
    expect(rows('Patient-Months')[0]).toContain('Status');
    expect(rows('Summary')[0]).toEqual(['Item', 'Value', 'Detail']);
  });

  it('Claims: one row per claim line of billable months; numbers are numbers, dates are dates, ids stay text', () => {
    // 00123's two lines; B-88 is already billed, so its line is no claim.
    expect(rows('Claims')).toHaveLength(3);
    expect(rows('Claims').map((r) => r[0])).not.toContain('B-88');
    expect(cellAt('Claims', 'Patient ID', 2)).toMatchObject({ t: 's', v: '00123' });
    expect(cellAt('Claims', 'Units', 2)).toMatchObject({ t: 'n', v: 1 });
    expect(cellAt('Claims', 'Supported minutes', 2)).toMatchObject({ t: 'n', v: 42 });
    expect(cellAt('Claims', 'Estimated payment', 2)).toMatchObject({ t: 'n', v: 66.13 });
    expect(String(cellAt('Claims', 'Estimated payment', 2).z)).toContain('$');
    expect(ymd(cellAt('Claims', 'Date of service', 2))).toBe('2026-10-31');
    expect(cellAt('Claims', 'Diagnoses (ICD-10-CM)', 2).v).toBe('E11.9, I10, N18.30');
  });

  it('Exceptions: one row per finding with evidence, escaped text, numeric rows and minutes', () => {
    const result = sampleResult();
    expect(rows('Exceptions')).toHaveLength(result.findings.length + 1);
    const row = (rule: string) => rows('Exceptions').findIndex((r) => r[1] === rule) + 1;
    expect(cellAt('Exceptions', 'Note', row('vague-note')).v).toBe(`'${HYPERLINK_NOTE}`);
    expect(cellAt('Exceptions', 'Note', row('non-clinical-staff')).v).toBe(`'${TAB_NOTE}`);
    expect(cellAt('Exceptions', 'Staff', row('non-clinical-staff')).v).toBe("'@SUM(A1)");
    expect(cellAt('Exceptions', 'Credential', row('non-clinical-staff')).v).toBe("'+1");
    expect(cellAt('Exceptions', 'Minutes', row('non-clinical-staff'))).toMatchObject({ t: 'n', v: 10 });
    expect(cellAt('Exceptions', 'Minutes', row('invalid-minutes'))).toMatchObject({ t: 's', v: "'-2+3" });
    expect(cellAt('Exceptions', 'Row', row('duplicate-entry'))).toMatchObject({ t: 'n', v: 20 });
    expect(cellAt('Exceptions', 'Other rows', row('duplicate-entry')).v).toBe('Log!21; extra.csv row 4');
    expect(ymd(cellAt('Exceptions', 'Entry date', row('vague-note')))).toBe('2026-10-09');
    expect(String(cellAt('Exceptions', 'Message', row('invalid-row')).v).startsWith("'@SUM(A1)")).toBe(true);
  });

  it('Patient-Months: every month, whatever its status', () => {
    const data = rows('Patient-Months').slice(1);
    expect(data.map((r) => [r[0], r[3]])).toEqual([
      ['00123', 'billable'],
      ['00456', 'not-billable'],
      ['A-77', 'blocked'],
      ['B-88', 'billed'],
    ]);
    expect(cellAt('Patient-Months', 'Codes', 2).v).toBe('99490, 99439');
    expect(cellAt('Patient-Months', 'Blocked by / at risk from', 4).v).toBe('missing-consent');
    expect(cellAt('Patient-Months', 'Estimated payment', 3)).toMatchObject({ t: 'n', v: 0 });
  });

  it('Summary: the key figures, revenue labelled as an estimate in a currency format', () => {
    const summary = rows('Summary');
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value('Period')).toBe('2026-10');
    expect(value('Patient-months billable')).toBe(1);
    expect(value('Patient-months blocked')).toBe(1);
    expect(value('Patient-months already billed')).toBe(1);
    expect(value('Estimated revenue: already billed')).toBe(66.13);
    expect(value('Errors')).toBe(4);
    expect(value('Estimated revenue: ready to bill')).toBe(114.13);
    const ready = summary.findIndex((r) => r[0] === 'Estimated revenue: ready to bill') + 1;
    expect(String(sheet('Summary')[`B${ready}`]?.z)).toContain('$');
    expect(String(summary[ready - 1]?.[2])).toMatch(/estimates/);
    const runDate = summary.findIndex((r) => r[0] === 'Run date') + 1;
    expect(ymd(sheet('Summary')[`B${runDate}`]!)).toBe('2026-11-03');
  });

  it('data sheets have an autofilter over the table and readable widths', () => {
    expect(sheet('Exceptions')['!autofilter']).toEqual({ ref: 'A1:Q8' });
    expect(sheet('Claims')['!autofilter']).toEqual({ ref: 'A1:K3' });
    const widths = (sheet('Exceptions')['!cols'] ?? []).map((c) => c?.width ?? 0);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(7);
  });

  it('freezes the header row and colours severity and status cells (read with exceljs)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    for (const name of XLSX_SHEETS) expect(wb.getWorksheet(name)?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const exceptions = wb.getWorksheet('Exceptions')!;
    const fills = new Map<string, string | undefined>();
    exceptions.eachRow((row, n) => {
      if (n > 1) fills.set(String(row.getCell(1).value), (row.getCell(1).fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb);
    });
    expect(fills).toEqual(new Map([['error', 'FFFFC7CE'], ['info', 'FFDDEBF7'], ['warning', 'FFFFEB9C']]));
    expect(exceptions.getRow(2).getCell(2).fill).toBeUndefined();
    expect(wb.creator).toBe('ccm');
    expect(wb.created.toISOString()).toBe('2026-11-03T00:00:00.000Z');
  });
});

describe('writeXlsx: reproducible bytes', () => {
  it('two writes under different clocks are byte-identical', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2021-02-03T04:05:06Z'));
      await writeXlsx(sampleResult(), join(dir, 'a.xlsx'));
      vi.setSystemTime(new Date('2031-07-08T09:10:11Z'));
      await writeXlsx(sampleResult(), join(dir, 'b.xlsx'));
    } finally {
      vi.useRealTimers();
    }
    const [a, b] = await Promise.all([readFile(join(dir, 'a.xlsx')), readFile(join(dir, 'b.xlsx'))]);
    expect(a.equals(b)).toBe(true);
    expect(a.equals(bytes)).toBe(true);
  });

  it('stamps every zip entry, local and central, with the run date', () => {
    const times = zipEntryTimes(bytes);
    expect(times.length).toBeGreaterThanOrEqual(10);
    expect(new Set(times)).toEqual(new Set([dosDateTime(new Date(Date.UTC(2026, 10, 3)))]));
  });

  it('creates the file owner-only', async () => {
    expect((await stat(join(dir, 'report.xlsx'))).mode & 0o777).toBe(0o600);
  });
});

describe('writeXlsx: failures', () => {
  it('rejects instead of hanging when the directory does not exist', async () => {
    await expect(writeXlsx(sampleResult(), join(dir, 'missing', 'report.xlsx'))).rejects.toThrow(/ENOENT/);
  });

  it('writes a workbook with empty tables', async () => {
    const result = sampleResult();
    result.patientMonths = [];
    result.findings = [];
    await writeXlsx(result, join(dir, 'empty.xlsx'));
    const empty = XLSX.read(await readFile(join(dir, 'empty.xlsx')));
    expect(empty.SheetNames).toEqual([...XLSX_SHEETS]);
    expect(XLSX.utils.sheet_to_json(empty.Sheets.Claims!, { header: 1 })).toHaveLength(1);
  });
});

describe('writeXlsx: minutes of a 99491 claim (R-CODE-99491)', () => {
  it('the Claims sheet shows the minutes the family counts, as claims.csv; Patient-Months shows both', async () => {
    const result = sampleResult();
    Object.assign(result.patientMonths[0]!, { supportedMinutes: 95, countedMinutes: 90, family: 'practitioner' });
    await writeXlsx(result, join(dir, 'practitioner.xlsx'));
    const read = XLSX.read(await readFile(join(dir, 'practitioner.xlsx')));
    const data = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(read.Sheets[name]!);
    expect(data('Claims').map((r) => r['Supported minutes'])).toEqual([90, 90]);
    expect(data('Patient-Months')[0]).toMatchObject({ 'Supported minutes': 95, 'Minutes the codes count': 90 });
  });
});

describe('writeXlsx: dates of service under threshold-met (D6)', () => {
  it('the Claims sheet dates each line as claims.csv does; Patient-Months shows the claim\'s (base line\'s) date', async () => {
    await writeXlsx(sampleResultThresholdMet(), join(dir, 'threshold-met.xlsx'));
    const read = XLSX.read(await readFile(join(dir, 'threshold-met.xlsx')), { cellDates: true });
    const data = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(read.Sheets[name]!);
    const day = (value: unknown) => (value as Date).toISOString().slice(0, 10);
    expect(data('Claims').map((r) => [r.Code, day(r['Date of service'])])).toEqual([
      ['99490', '2026-10-08'],
      ['99439', '2026-10-22'],
    ]);
    expect(day(data('Patient-Months')[0]!['Date of service'])).toBe('2026-10-08');
  });
});

describe('writeXlsx: months billed at risk', () => {
  it('labels the month apart from the billed ones, with its error, and counts it and the amount billed in the Summary', async () => {
    await writeXlsx(sampleResultWithClaimAtRisk(), join(dir, 'at-risk.xlsx'));
    const read = XLSX.read(await readFile(join(dir, 'at-risk.xlsx')));
    const data = (name: string) => XLSX.utils.sheet_to_json<Record<string, unknown>>(read.Sheets[name]!);
    expect(data('Patient-Months').map((r) => r['Status'])).toEqual(['billable', 'not-billable', 'blocked', 'billed, at risk']);
    expect(data('Patient-Months')[3]).toMatchObject({ 'Blocked by / at risk from': 'multiple-billing-practitioners' });
    const summary = XLSX.utils.sheet_to_json<unknown[]>(read.Sheets['Summary']!, { header: 1 });
    const value = (label: string) => summary.find((r) => r[0] === label)?.[1];
    expect(value('Patient-months already billed')).toBe(1);
    expect(value('Patient-months billed, at risk')).toBe(1);
    expect(value('Estimated amount billed at risk')).toBe(132.26);
    expect(value('Patient-months blocked')).toBe(1);
  });
});

describe('writeXlsx: Excel row limit', () => {
  it('continues a table on "Name (2)"… rather than writing past the limit', async () => {
    await writeXlsx(sampleResult(), join(dir, 'split.xlsx'), { rowsPerSheet: 3 });
    const split = XLSX.read(await readFile(join(dir, 'split.xlsx')));
    expect(split.SheetNames).toEqual(['Summary', 'Claims', 'Exceptions', 'Exceptions (2)', 'Exceptions (3)', 'Patient-Months', 'Patient-Months (2)']);
    const data = (name: string) => XLSX.utils.sheet_to_json<unknown[]>(split.Sheets[name]!, { header: 1 });
    expect(['Exceptions', 'Exceptions (2)', 'Exceptions (3)'].map((n) => data(n).length)).toEqual([4, 4, 2]);
    expect(data('Exceptions (3)')[0]).toEqual(data('Exceptions')[0]);
    expect(split.Sheets['Exceptions (2)']!['!autofilter']).toEqual({ ref: 'A1:Q4' });
  });
});

describe('dosDateTime', () => {
  it('encodes UTC fields as archiver does, clamped to the DOS range', () => {
    expect(dosDateTime(new Date(Date.UTC(2026, 10, 3, 13, 14, 16)))).toBe((((2026 - 1980) << 25) | (11 << 21) | (3 << 16) | (13 << 11) | (14 << 5) | 8) >>> 0);
    expect(dosDateTime(new Date(0))).toBe(0x00210000);
    expect(dosDateTime(new Date(Date.UTC(2050, 0, 1)))).toBe(0x7f9fbf7d);
  });
});

describe('writeXlsx: what was not audited', () => {
  it('the Summary names the sheets not read and the time entries a status column left out, as the terminal does', async () => {
    const result = sampleResult();
    const log = result.inputs[0]!.tables[0]!;
    log.skipped.withdrawn = 3;
    log.columns.push({ field: 'entryStatus', header: 'Entry Status', column: 'N' });
    await writeXlsx(result, join(dir, 'not-audited.xlsx'));
    const read = XLSX.read(await readFile(join(dir, 'not-audited.xlsx')));
    const summary = XLSX.utils.sheet_to_json<unknown[]>(read.Sheets['Summary']!, { header: 1 });
    expect(summary.filter((r) => r[0] === 'Sheet not read')).toEqual([
      ['Sheet not read', 'export.xlsx, sheet "Late entries"', 'no known header row in the first 30 rows; its rows count for nothing'],
    ]);
    expect(summary.filter((r) => r[0] === 'Rows left out')).toEqual([
      ['Rows left out', 3, `${log.file}, sheet "${log.sheet}": 3 entries marked deleted, voided, entered in error, duplicate or not to be billed (column "Entry Status")`],
    ]);
    const plain = rows('Summary').map((r) => r[0]);
    expect(plain).not.toContain('Rows left out');
  });
});
