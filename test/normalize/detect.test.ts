import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/normalize/columns.js';
import { describeConflict, describeMissing, detectTable } from '../../src/normalize/detect.js';
import type { RawRow } from '../../src/read/types.js';

const rows = (...lines: (string | null)[][]): RawRow[] => lines.map((cells, i) => ({ row: i + 1, cells }));

describe('headerKey', () => {
  it.each([
    ['Patient #', 'patientnumber'],
    ['Patient No.', 'patientnumber'],
    ['Time Spent (min)', 'timespentmin'],
    ['patient_id', 'patientid'],
    ['  DATE of SERVICE ', 'dateofservice'],
  ])('%j → %j', (header, key) => expect(headerKey(header)).toBe(key));
});

describe('detectTable', () => {
  it.each<[string, string[], string]>([
    ['time log', ['MRN', 'DOS', 'Staff', 'Minutes', 'Notes'], 'timeLog'],
    ['time log with clock times only', ['Chart Number', 'Service Date', 'Care Manager', 'Start Time', 'End Time'], 'timeLog'],
    ['consents', ['MRN', 'Consent Date', 'Method'], 'consents'],
    ['diagnoses', ['Patient ID', 'ICD-10', 'Description', 'Onset'], 'diagnoses'],
    ['billed services', ['MRN', 'DOS', 'CPT', 'Units'], 'services'],
    ['care plans', ['MRN', 'Care Plan Date', 'Action'], 'carePlans'],
  ])('recognises a %s', (_, header, kind) => {
    const d = detectTable(rows(['Report title'], [], header));
    expect(d.ok && d.candidate.kind).toBe(kind);
    expect(d.ok && d.candidate.headerRow).toBe(3);
  });

  it('prefers the row that matches the most columns', () => {
    const d = detectTable(rows(['Date', 'Patient ID'], ['MRN', 'DOS', 'Staff', 'Minutes', 'Notes']));
    expect(d.ok && d.candidate.headerRow).toBe(2);
  });

  it('reports the closest partial match when a required field is missing', () => {
    const d = detectTable(rows(['MRN', 'DOS', 'Staff', 'Notes']));
    expect(d.ok).toBe(false);
    expect(!d.ok && d.best?.kind).toBe('timeLog');
    expect(!d.ok && d.best?.missing).toEqual(['minutes or start and stop']);
  });

  it('names the header the config gave a missing field, not the built-in names', () => {
    const d = detectTable(rows(['MRN', 'DOS', 'Staff', 'Minutes', 'Notes']), { overrides: { timeLog: { minutes: 'Time Logged' } } });
    const best = !d.ok ? d.best! : undefined;
    expect(best && describeMissing(best)).toMatch(/^the time log has no minutes \("Time Logged", as the config names it\) or start \(Start, /);
    // "Minutes" is a column name, shown even where unknown cells are withheld: the user sees the config's mistake.
    expect(best && describeMissing(best, { withhold: true })).toMatch(/headers found in row 1: MRN, DOS, Staff, Minutes, Notes$/);
  });

  it('withholds, on request, the cells of the partial header row that are no column name it knows (a data row taken for a header)', () => {
    const d = detectTable(rows(['MRN', 'DOS', 'Staff', 'Alice Jones chest pain', '', 'Notes']));
    const best = !d.ok ? d.best! : undefined;
    expect(best && describeMissing(best)).toMatch(/; headers found in row 1: MRN, DOS, Staff, Alice Jones chest pain, Notes$/);
    expect(best && describeMissing(best, { withhold: true })).toMatch(/; headers found in row 1: MRN, DOS, Staff, \[withheld\], Notes$/);
  });

  it.each(['Billed Date', 'Claim Date', 'Date Submitted', 'Paid Date'])('never takes %j for the date of service of billed services, and says why', (header) => {
    const d = detectTable(rows(['MRN', 'CPT Code', 'Units', header]));
    const best = !d.ok ? d.best! : undefined;
    expect(best?.kind).toBe('services');
    expect(best?.missing).toEqual(['date']);
    // A claim date is a column name, not patient data: shown even where unknown cells are withheld.
    expect(best && describeMissing(best, { withhold: true })).toContain(
      `headers found in row 1: MRN, CPT Code, Units, ${header}; "${header}" is when the claim was sent, not its date of service`,
    );
  });

  it('lists columns that claim the same field', () => {
    const d = detectTable(rows(['MRN', 'DOS', 'Minutes', 'Duration']));
    expect(d.ok && d.candidate.conflicts).toEqual([{ field: 'minutes', headers: ['Minutes', 'Duration'], indexes: [2, 3] }]);
    expect(d.ok && describeConflict(d.candidate)).toBe(
      'columns C "Minutes" and D "Duration" all look like the minutes column; name the right one in ccm.config.json ("columns": {"timeLog": {"minutes": "…"}})',
    );
  });

  it('asks to rename one of two columns with the same header, which the config cannot tell apart', () => {
    const d = detectTable(rows(['MRN', 'DOS', 'Minutes', 'Notes', 'Notes']));
    expect(d.ok && describeConflict(d.candidate)).toBe(
      'columns D "Notes" and E "Notes" all look like the note column; rename one of the columns with the same header in the export (or delete the one that is not needed)',
    );
  });

  it('lets the config map a column, which also settles a conflict', () => {
    const overrides = { timeLog: { minutes: 'Time Logged (rounded)' } };
    const d = detectTable(rows(['MRN', 'DOS', 'Time Logged (rounded)', 'Duration']), { overrides });
    expect(d.ok && d.candidate.conflicts).toEqual([]);
    expect(d.ok && d.candidate.matches.find((m) => m.field === 'minutes')?.header).toBe('Time Logged (rounded)');
  });

  it('tries only the kind the user named', () => {
    const d = detectTable(rows(['MRN', 'Consent Date']), { kind: 'timeLog' });
    expect(d.ok).toBe(false);
  });
});

describe('a generic "Code" column: diagnoses or billed services by the codes below it', () => {
  const kindOf = (header: string[], ...values: string[][]) => {
    const d = detectTable(rows(header, ...values));
    return d.ok ? d.candidate.kind : `error: ${d.ambiguous ?? 'no table'}`;
  };
  it.each<[string, string[], string[][], string]>([
    ['ICD-10 codes with a date column (was billed services)', ['MRN', 'Code', 'Description', 'Date'], [['K1', 'J06.9', 'Acute URI', '2025-03-01']], 'diagnoses'],
    ['ICD-10 codes without dots', ['MRN', 'Code', 'Date'], [['K1', 'E119', '2025-03-01'], ['K1', 'I10', '2025-03-01']], 'diagnoses'],
    ['CPT codes', ['MRN', 'Code', 'Description', 'Date'], [['K1', '99490', 'CCM', '2025-03-31']], 'services'],
    ['HCPCS and CPT with a modifier', ['MRN', 'Code', 'Date'], [['K1', 'G0506', '2025-03-01'], ['K1', '99490-25', '2025-03-31']], 'services'],
    ['codes valid as either settled by one decisive code', ['MRN', 'Code', 'Date'], [['K1', 'E1165', '2025-03-01'], ['K1', 'J44.9', '2025-03-01']], 'diagnoses'],
    ['no rows: the header decides', ['MRN', 'Code', 'Description', 'Date'], [], 'services'],
    ['a header that names the kind is not second-guessed', ['MRN', 'CPT Code', 'Date'], [['K1', 'J06.9', '2025-03-01']], 'services'],
    ['only one kind complete: no date, so not services', ['MRN', 'Code', 'Description'], [['K1', '99490', 'CCM']], 'diagnoses'],
  ])('%s', (_, header, values, expected) => {
    expect(kindOf(header, ...values)).toBe(expected);
  });

  it.each<[string, string[][]]>([
    ['both kinds of code', [['K1', 'J06.9', '2025-03-01'], ['K1', '99490', '2025-03-31']]],
    ['only codes valid as either', [['K1', 'G0506', '2025-03-01']]],
  ])('asks the user to name the table when the codes do not tell: %s', (_, values) => {
    const d = detectTable(rows(['MRN', 'Code', 'Date'], ...values));
    expect(d.ok).toBe(false);
    expect(!d.ok && d.ambiguous).toMatch(/^the "Code" column \(row 1\) could hold ICD-10 diagnosis codes or CPT\/HCPCS codes and its values \(.+\) do not tell which; name the table with --diagnoses or --services/);
  });

  it('a kind the user named is taken as named', () => {
    const d = detectTable(rows(['MRN', 'Code', 'Date'], ['K1', 'J06.9', '2025-03-01']), { kind: 'services' });
    expect(d.ok && d.candidate.kind).toBe('services');
  });
});
