import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base36, entryKey, fingerprint, tableNamer } from '../../src/fingerprint.js';
import { resolveRules, runRules } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';
import { entry, model } from '../helpers/model-builder.js';
import type { InputKind } from '../../src/normalize/columns.js';
import type { InputReport } from '../../src/normalize/ingest.js';

/** An input holding one table per [sheet, kind] (kind null: a sheet that was skipped). */
function input(file: string, tables: [string | null, InputKind | null][]): Pick<InputReport, 'tables'> {
  return {
    tables: tables.map(([sheet, kind]) => ({ file, sheet, kind, headerRow: 1, columns: [], ignoredColumns: [], rowsRead: 0, records: 0, rejected: 0, skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 } })),
  };
}

const at = (file: string, row: number, sheet: string | null = null) => ({ file, sheet, row });

describe('fingerprint', () => {
  it('names a row by its table kind, sheet and row, not the file name: a renamed export keeps its fingerprints', () => {
    const monday = tableNamer([input('export-2026-11-04.csv', [[null, 'timeLog']]), input('dx.csv', [[null, 'diagnoses']])]);
    const tuesday = tableNamer([input('export-2026-11-05.csv', [[null, 'timeLog']]), input('problems.csv', [[null, 'diagnoses']])]);
    expect(fingerprint('vague-note', 'P1', '2026-10', [at('export-2026-11-05.csv', 3)], tuesday)).toBe(fingerprint('vague-note', 'P1', '2026-10', [at('export-2026-11-04.csv', 3)], monday));
    expect(fingerprint('invalid-icd10', 'P1', null, [at('problems.csv', 2)], tuesday)).toBe(fingerprint('invalid-icd10', 'P1', null, [at('dx.csv', 2)], monday));
  });

  it('tells apart rows of different kinds, sheets and rows', () => {
    const names = tableNamer([input('export.xlsx', [['Log', 'timeLog'], ['Old log', 'timeLog'], ['Notes', null], ['Consents', 'consents']]), input('dx.csv', [[null, 'diagnoses']])]);
    const prints = [at('export.xlsx', 2, 'Log'), at('export.xlsx', 3, 'Log'), at('export.xlsx', 2, 'Old log'), at('export.xlsx', 2, 'Consents'), at('dx.csv', 2)].map((s) => fingerprint('invalid-row', null, null, [s], names));
    expect(new Set(prints).size).toBe(prints.length);
  });

  it('tells apart two inputs holding the same kind of table under the same sheet name, by their order', () => {
    const names = tableNamer([input('a.csv', [[null, 'timeLog']]), input('b.csv', [[null, 'timeLog']])]);
    const a = fingerprint('vague-note', 'P1', '2026-10', [at('a.csv', 5)], names);
    const b = fingerprint('vague-note', 'P1', '2026-10', [at('b.csv', 5)], names);
    expect(a).not.toBe(b);
    // The first keeps the fingerprint it has when it is the only one.
    expect(a).toBe(fingerprint('vague-note', 'P1', '2026-10', [at('c.csv', 5)], tableNamer([input('c.csv', [[null, 'timeLog']])])));
  });

  it('tells apart findings about one row by the detail the rule gives, and is stable', () => {
    const names = tableNamer([input('log.csv', [[null, 'timeLog']])]);
    const start = fingerprint('invalid-row', 'P1', null, [at('log.csv', 2)], names, 'Start');
    expect(start).toMatch(/^[0-9a-f]{16}$/);
    expect(start).not.toBe(fingerprint('invalid-row', 'P1', null, [at('log.csv', 2)], names, 'Stop'));
    expect(start).not.toBe(fingerprint('invalid-row', 'P1', null, [at('log.csv', 2)], names));
    // A fixed value: a change to how fingerprints are made must be deliberate (baselines hold them).
    expect(start).toBe('8f5abfeb3370da41');
  });

  it('names each table right when rows of several tables alternate (the namer remembers the last one)', () => {
    const names = tableNamer([input('export.xlsx', [['Log', 'timeLog'], ['Old log', 'timeLog'], ['Consents', 'consents']]), input('log.csv', [[null, 'timeLog']])]);
    const sources = [at('export.xlsx', 2, 'Log'), at('export.xlsx', 2, 'Log'), at('export.xlsx', 2, 'Old log'), at('log.csv', 2), at('export.xlsx', 2, 'Log'), at('export.xlsx', 2, 'Consents'), at('log.csv', 2)];
    expect(sources.map(names)).toEqual(['timeLog|Log', 'timeLog|Log', 'timeLog|Old log', 'timeLog|', 'timeLog|Log', 'consents|Consents', 'timeLog|']);
    expect(() => names(at('other.csv', 2))).toThrow(/not a table that was read/);
  });

  it('writes entry keys in base 36 as toString(36) does, across the whole 53-bit range', () => {
    const edges = [0, 1, 35, 36, 60466175, 60466176, 60466177, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53 - 1, 2 ** 53 - 60466176];
    for (const key of edges) expect(base36(key)).toBe(key.toString(36));
    fc.assert(fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (key) => base36(key) === key.toString(36)), { numRuns: 20000 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 2 ** 21 - 1 }), fc.integer({ min: 0, max: 60466175 }), (high, low) => {
      const key = high * 60466176 + low;
      return base36(key) === key.toString(36);
    }), { numRuns: 5000 });
  });

  it('refuses a row of a table that was not read: a bug, not something to hash', () => {
    const names = tableNamer([input('export.xlsx', [['Notes', null]])]);
    expect(() => fingerprint('invalid-row', null, null, [at('export.xlsx', 2, 'Notes')], names)).toThrow(/export.xlsx, sheet "Notes", row 2, which is not a table that was read/);
  });
});

describe('fingerprints name time entries by what they are (explore9 C02)', () => {
  const night = (rows: [string, number][]) =>
    model({ entries: rows.map(([date, minutes]) => entry({ date, minutes, note: 'Called pt' })) });
  const vague = (m: ReturnType<typeof night>) =>
    new Map(runRules(m, resolveRules(RULES, {})).findings.filter((f) => f.rule === 'vague-note').map((f) => [m.entries[f.entryIds[0]!]!.date, f.fingerprint]));

  it('keeps an entry\'s fingerprint when the export is re-sorted, and never gives it to another entry', () => {
    const oldestFirst = vague(night([['2026-10-03', 20], ['2026-10-20', 40]]));
    const newestFirst = vague(night([['2026-10-20', 40], ['2026-10-03', 20]]));
    expect(newestFirst.get('2026-10-03')).toBe(oldestFirst.get('2026-10-03'));
    expect(newestFirst.get('2026-10-20')).toBe(oldestFirst.get('2026-10-20'));
    expect(oldestFirst.get('2026-10-03')).not.toBe(oldestFirst.get('2026-10-20'));
  });

  it('an entry edited since (minutes, note) is a new entry to review', () => {
    const base = { patientId: 'P1', date: '2026-10-03', month: '2026-10', staff: 'Ann Lee', program: 'ccm' as const, minutes: 20, note: 'Called pt', table: { file: 'a', sheet: null }, row: 2, role: 'clinical-staff' as const, complex: false };
    expect(entryKey({ ...base, row: 9, staff: ' ann  LEE ', note: 'called  PT' })).toBe(entryKey(base));
    expect(entryKey({ ...base, minutes: 40 })).not.toBe(entryKey(base));
    expect(entryKey({ ...base, note: 'Called pt twice' })).not.toBe(entryKey(base));
    expect(typeof entryKey(base)).toBe('number');
  });
});
