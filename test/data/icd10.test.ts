import { describe, expect, it } from 'vitest';
import { formatIcd10, icd10FiscalYear, icd10Provenance, lookupIcd10, type IcdLookup } from '../../src/data/icd10.js';

const FY26 = '2026-03-15';
const LAST_FY26 = '2026-09-30';
const FIRST_FY27 = '2026-10-01';

describe('lookupIcd10: README spot checks (FY2026, CCIR v2026.1)', () => {
  it.each<[string, Pick<IcdLookup, 'status' | 'chronic'>]>([
    ['E119', { status: 'billable', chronic: 'chronic' }],
    ['E1165', { status: 'billable', chronic: 'chronic' }],
    ['I10', { status: 'billable', chronic: 'chronic' }],
    ['I509', { status: 'billable', chronic: 'chronic' }],
    ['N1830', { status: 'billable', chronic: 'chronic' }],
    ['N1831', { status: 'billable', chronic: 'chronic' }],
    ['N1832', { status: 'billable', chronic: 'chronic' }],
    ['J449', { status: 'billable', chronic: 'chronic' }],
    ['F0390', { status: 'billable', chronic: 'chronic' }],
    ['G309', { status: 'billable', chronic: 'chronic' }],
    ['E785', { status: 'billable', chronic: 'chronic' }],
    ['M170', { status: 'billable', chronic: 'chronic' }],
    ['F329', { status: 'billable', chronic: 'chronic' }],
    ['I4891', { status: 'billable', chronic: 'chronic' }],
    ['N183', { status: 'not-billable', chronic: 'chronic' }], // historical header, still in CCIR
    ['F32A', { status: 'billable', chronic: 'not-chronic' }],
    ['J069', { status: 'billable', chronic: 'not-chronic' }],
    ['S52501A', { status: 'billable', chronic: 'not-chronic' }],
    ['R509', { status: 'billable', chronic: 'not-chronic' }],
    ['Z794', { status: 'billable', chronic: 'no-determination' }],
  ])('%s', (code, expected) => {
    expect(lookupIcd10(code, FY26)).toEqual({ code, fiscalYear: 2026, ...expected });
  });
});

describe('lookupIcd10: FY2026 -> FY2027 changes', () => {
  it.each<[string, string, Omit<IcdLookup, 'code'>]>([
    // I42.0 became a header in FY2027.
    ['I420', LAST_FY26, { status: 'billable', chronic: 'chronic', fiscalYear: 2026 }],
    ['I420', FIRST_FY27, { status: 'not-billable', chronic: 'chronic', fiscalYear: 2027 }],
    ['Z681', FIRST_FY27, { status: 'not-billable', chronic: 'no-determination', fiscalYear: 2027 }],
    // New in FY2027: not valid before, and CCIR v2026.1 has no rating for it.
    ['I4200', LAST_FY26, { status: 'not-billable', chronic: 'not-rated', fiscalYear: 2026 }],
    ['I4200', FIRST_FY27, { status: 'billable', chronic: 'not-rated', fiscalYear: 2027 }],
    ['M043', FIRST_FY27, { status: 'billable', chronic: 'not-rated', fiscalYear: 2027 }],
    // Deleted outright in FY2027.
    ['S23420A', LAST_FY26, { status: 'billable', chronic: 'not-chronic', fiscalYear: 2026 }],
    ['S23420A', FIRST_FY27, { status: 'not-billable', chronic: 'not-chronic', fiscalYear: 2027 }],
    // Unchanged codes stay billable; dates after FY2027 fall back to the newest shipped set.
    ['E119', FIRST_FY27, { status: 'billable', chronic: 'chronic', fiscalYear: 2027 }],
    ['E119', '2028-01-15', { status: 'billable', chronic: 'chronic', fiscalYear: 2027 }],
    ['I420', '2028-01-15', { status: 'not-billable', chronic: 'chronic', fiscalYear: 2027 }],
    // Dates before FY2026 use FY2026, the oldest set shipped.
    ['I420', '2024-06-01', { status: 'billable', chronic: 'chronic', fiscalYear: 2026 }],
  ])('%s on %s', (code, date, expected) => {
    expect(lookupIcd10(code, date)).toEqual({ code, ...expected });
  });
});

describe('lookupIcd10: headers and unknown codes', () => {
  it.each<[string, IcdLookup['status']]>([
    ['E11', 'not-billable'], // category
    ['E116', 'not-billable'], // subcategory
    ['I48', 'not-billable'],
    ['E1199X', 'unknown'],
    ['E1', 'unknown'],
    ['ZZZ99', 'unknown'],
    ['', 'unknown'],
  ])('%s', (code, status) => {
    const result = lookupIcd10(code, FY26);
    expect(result.status).toBe(status);
    if (status === 'unknown') expect(result.chronic).toBe('not-rated');
  });

  it('normalises dotted, lower-case input', () => {
    expect(lookupIcd10(' e11.65 ', FY26)).toEqual({ code: 'E1165', status: 'billable', chronic: 'chronic', fiscalYear: 2026 });
  });
});

describe('icd10FiscalYear', () => {
  it.each([
    ['2025-09-30', 2025],
    ['2025-10-01', 2026],
    ['2026-01-01', 2026],
    [LAST_FY26, 2026],
    [FIRST_FY27, 2027],
    ['2026-12-31', 2027],
    ['2027-10-01', 2028],
  ])('%s -> FY%i', (date, fy) => {
    expect(icd10FiscalYear(date)).toBe(fy);
  });

  it.each(['2026-02-30', '2026-13-01', '20261001', '2026-10-01T00:00:00Z', ''])('rejects %j', (date) => {
    expect(() => icd10FiscalYear(date)).toThrow(RangeError);
    expect(() => lookupIcd10('E119', date)).toThrow(RangeError);
  });
});

describe('formatIcd10', () => {
  it.each([
    ['E119', 'E11.9'],
    ['E1165', 'E11.65'],
    ['S52501A', 'S52.501A'],
    ['I10', 'I10'],
    ['E11.9', 'E11.9'],
  ])('%s -> %s', (code, dotted) => {
    expect(formatIcd10(code)).toBe(dotted);
  });
});

describe('icd10Provenance', () => {
  const p = icd10Provenance();

  it('records each source with version, hash and row count', () => {
    expect(p.builder).toBe('scripts/build-icd-data.mjs');
    expect(p.builtAt).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.notes).toMatch(/FY2026/);
    expect(p.sources.length).toBeGreaterThanOrEqual(5);
    for (const s of p.sources) {
      expect(s.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(s.version).not.toBe('');
      expect(s.publisher).not.toBe('');
      expect(s.rows).toBeGreaterThan(0);
    }
  });

  it('names CCIR v2026.1 and the FY2026 code file', () => {
    const byFile = Object.fromEntries(p.sources.map((s) => [s.sourceFile, s]));
    expect(byFile['ccir_v2026_1_chronic_indicator.csv']).toMatchObject({ version: 'v2026.1', rows: 75725 });
    expect(byFile['icd10cm-codes-2026.txt.gz']).toMatchObject({ rows: 74719 });
  });

  it('has the documented FY2026/FY2027 totals', () => {
    expect(p.counts).toMatchObject({ billableFy2026: 74719, billableFy2027: 74879, ccirChronic: 12955 });
  });
});
