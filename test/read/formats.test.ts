import { describe, expect, it } from 'vitest';
import { ingest } from '../../src/normalize/ingest.js';
import { readInput } from '../../src/read/open.js';
import { fixture } from '../helpers/paths.js';

const OPTIONS = { dateOrder: 'mdy' as const, columns: {}, credentials: new Map() };

// What every CSV variant of fixtures/formats must normalize to (see scripts/make-format-fixtures.mjs).
const EXPECTED = [
  { patientId: '20451', date: '2025-03-07', staff: 'Zoë Müller', role: 'clinical-staff', minutes: 25, note: 'Reviewed “home” BP log 150s; €20 copay discussed' },
  { patientId: '20452', date: '2025-03-08', staff: 'José Peña', role: 'clinical-staff', minutes: 35, note: 'Called pt re: metformin, dose split AM/PM; care plan goal updated' },
  { patientId: '007', date: '2025-03-09', staff: 'Ann Lee', role: 'clinical-staff', minutes: 65, note: 'Line one of a long note\nline two: scheduled nephrology for eGFR 41' },
];

describe('CSV encodings, delimiters and line ends', () => {
  it.each([
    'utf8.csv',
    'utf8-bom.csv',
    'utf16le-bom.csv',
    'utf16be-bom.csv',
    'windows-1252.csv',
    'semicolon.csv',
    'tab.csv',
    'pipe.csv',
    'mixed-eol.csv',
  ])('%s reads as the same three entries', async (name) => {
    const data = await ingest([{ path: fixture(`formats/${name}`) }], OPTIONS);
    expect(data.rejected).toEqual([]);
    expect(data.entries.map(({ patientId, date, staff, role, minutes, note }) => ({ patientId, date, staff, role, minutes, note }))).toEqual(EXPECTED);
    // Excel row numbers: the header is row 1, and a quoted newline does not start a new row.
    expect(data.entries.map((e) => e.row)).toEqual([2, 3, 4]);
    expect(data.entries[0]!.table).toEqual({ file: name, sheet: null });
  });

  it.each([
    ['utf8.csv', 'UTF-8'],
    ['utf8-bom.csv', 'UTF-8'],
    ['utf16le-bom.csv', 'UTF-16LE'],
    ['utf16be-bom.csv', 'UTF-16BE'],
    ['windows-1252.csv', 'Windows-1252'],
  ])('%s is reported as read as %s (ccm inspect shows it)', async (name, encoding) => {
    const data = await ingest([{ path: fixture(`formats/${name}`) }], OPTIONS);
    expect(data.inputs[0]!.encoding).toBe(encoding);
  });

  it('streams rows with their record numbers', async () => {
    const rows = [];
    for await (const sheet of readInput(fixture('formats/utf8.csv'))) for await (const batch of sheet.rows) for (const row of batch) rows.push(row.row);
    expect(rows).toEqual([1, 2, 3, 4]);
  });
});

describe('messy exports', () => {
  it('finds the header below title lines, maps unusual headers and skips totals and blank rows', async () => {
    const data = await ingest([{ path: fixture('formats/messy-export.csv') }], OPTIONS);
    const table = data.inputs[0]!.tables[0]!;
    expect(table).toMatchObject({ kind: 'timeLog', headerRow: 5, records: 3, rejected: 0, skipped: { beforeHeader: 4, blank: 1, totals: 1, headings: 0 } });
    expect(Object.fromEntries(table.columns.map((c) => [c.field, c.header]))).toEqual({
      patientId: 'Patient #',
      date: 'Activity Date',
      staff: 'Performed By',
      credential: 'Title',
      start: 'Time In',
      stop: 'Time Out',
      activity: 'Purpose',
      note: 'Narrative',
    });
    expect(data.entries.map((e) => [e.date, e.minutes, e.row])).toEqual([
      ['2025-03-07', 25, 6],
      ['2025-03-08', 35, 7],
      ['2025-03-09', 20, 8],
    ]);
  });

  it('stops with the missing field named when a time log has neither minutes nor start/stop', async () => {
    await expect(ingest([{ path: fixture('formats/no-minutes.csv') }], OPTIONS)).rejects.toThrow(
      /^no-minutes\.csv: the time log has no minutes \(Minutes, .*\) or start \(.*\) and stop \(.*\) column; headers found in row 1: MRN, DOS, Staff, Credentials, Notes\.$/,
    );
  });
});

describe('XLSX cell types', () => {
  it('reads numbers, date cells, serials, time cells, rich text, formulas, hyperlinks, merged titles and empty rows', async () => {
    const data = await ingest([{ path: fixture('formats/cells.xlsx') }], OPTIONS);
    expect(data.rejected).toEqual([]);
    expect(data.entries.map(({ patientId, date, staff, minutes, start, stop, note, row }) => ({ patientId, date, staff, minutes, start, stop, note, row }))).toEqual([
      { patientId: '20451', date: '2025-03-07', staff: 'Maria Lopez', minutes: 25, start: 540, stop: 565, note: 'Reviewed home glucose log; metformin timing moved to dinner', row: 4 },
      { patientId: '20452', date: '2025-03-08', staff: 'James Chen', minutes: 35, start: undefined, stop: undefined, note: 'Faxed cardiology referral; see portal message', row: 5 },
      { patientId: '00789', date: '2025-03-09', staff: 'Aisha Patel', minutes: 20, start: 600, stop: 620, note: 'Taught inhaler spacer technique; pt demonstrated correctly', row: 8 },
    ]);
    expect(data.consents.map((c) => [c.patientId, c.date, c.source.sheet, c.source.row])).toEqual([
      ['20451', '2025-01-15', 'Consents', 2],
      ['20452', '2025-01-20', 'Consents', 3],
    ]);
    const tables = data.inputs[0]!.tables;
    expect(tables.map((t) => [t.sheet, t.kind])).toEqual([
      ['Time Log', 'timeLog'],
      ['Consents', 'consents'],
      ['Notes', null],
    ]);
    expect(tables[0]!.skipped).toEqual({ beforeHeader: 1, blank: 0, totals: 1, headings: 0, withdrawn: 0 });
  });

  it('reads one named sheet with a forced kind', async () => {
    const data = await ingest([{ path: fixture('formats/cells.xlsx'), sheet: 'Time Log', kind: 'timeLog' }], OPTIONS);
    expect(data.entries).toHaveLength(3);
    expect(data.consents).toHaveLength(0);
  });

  it('names a sheet that does not exist', async () => {
    await expect(ingest([{ path: fixture('formats/cells.xlsx'), sheet: 'Nope' }], OPTIONS)).rejects.toThrow(/^cells\.xlsx, sheet "Nope": no such sheet in the workbook/);
  });
});
