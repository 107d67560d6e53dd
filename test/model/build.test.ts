import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { entry, model } from '../helpers/model-builder.js';
import { entryKey } from '../../src/fingerprint.js';

describe('buildModel: patient-months', () => {
  // The patient-months take their ids from the coded values and the entries' order from counting sorts; this
  // pins them to the plain definition: CCM entries grouped by patient and month, sorted as text, time-log order within.
  it('are the CCM entries grouped by patient and month, sorted as text, in time-log order', () => {
    const row = fc.record({
      patientId: fc.constantFrom('P1', 'P2', '0042', '42', 'p1', 'P10'),
      date: fc.constantFrom('2026-09-30', '2026-10-01', '2026-10-05', '2026-10-05', '2026-11-02', '2025-12-31'),
      program: fc.constantFrom('ccm', 'complex-ccm', 'rpm'),
      minutes: fc.integer({ min: 1, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const built = model({ entries: rows.map((r, i) => entry({ ...r, month: r.date.slice(0, 7), note: `note ${i}` } as Parameters<typeof entry>[0])) });
        const expected = new Map<string, typeof built.entries[number][]>();
        for (const e of built.entries) {
          if (e.program === 'rpm') continue;
          const key = `${e.patientId}\u0000${e.month}`;
          expected.set(key, [...(expected.get(key) ?? []), e]);
        }
        const keys = [...expected.keys()].sort();
        expect(built.patientMonths.map((pm) => `${pm.patientId}\u0000${pm.month}`)).toEqual(keys);
        for (const pm of built.patientMonths) expect(pm.entries).toEqual(expected.get(`${pm.patientId}\u0000${pm.month}`));
      }),
      { numRuns: 300 },
    );
  });

  // The staff-day grouping looks a name up only when it changes from the row before: pinned to the plain
  // definition, names compared ignoring spacing and case, rows without a name left out.
  it('entriesByStaffDay groups every program\'s entries by staff (spacing and case aside) and day', () => {
    const row = fc.record({
      staff: fc.constantFrom(undefined, 'Ann Lee', 'ann  lee', 'Bo Chan', ' BO CHAN', '  '),
      date: fc.constantFrom('2026-10-01', '2026-10-02', '2026-11-02'),
      program: fc.constantFrom('ccm', 'rpm'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), (rows) => {
        const built = model({ entries: rows.map((r, i) => entry({ ...r, month: r.date.slice(0, 7), note: `note ${i}` } as Parameters<typeof entry>[0])) });
        const expected = new Map<string, typeof built.entries[number][]>();
        for (const e of built.entries) {
          const name = e.staff?.replace(/\s+/g, ' ').trim().toLowerCase();
          if (!name) continue;
          const key = `${name}\u0000${e.date}`;
          expected.set(key, [...(expected.get(key) ?? []), e]);
        }
        expect([...built.entriesByStaffDay]).toEqual([...expected]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('buildModel: codes of kept entries', () => {
  // Patient, day, month and staff are coded in one walk over every row, exact copies included, and the kept
  // entries' codes picked after the copies are dropped: pinned to the plain definitions on logs with copies
  // (few notes and minutes) and a --month period.
  it('patient-months and staff-days are those of the entries left once copies are dropped, of the period only', () => {
    const row = fc.record({
      patientId: fc.constantFrom('P1', 'P2', 'P10'),
      date: fc.constantFrom('2026-09-30', '2026-10-01', '2026-10-05', '2026-11-02'),
      program: fc.constantFrom('ccm', 'complex-ccm', 'rpm'),
      staff: fc.constantFrom(undefined, 'Ann Lee', 'ann lee', 'Bo Chan'),
      minutes: fc.constantFrom(10, 20),
      note: fc.constantFrom('call', 'Call', 'refill'),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 30 }), fc.constantFrom(undefined, '2026-10'), (rows, period) => {
        const built = model({ period, entries: rows.map((r) => entry({ ...r, month: r.date.slice(0, 7) } as Parameters<typeof entry>[0])) });
        const months = new Map<string, typeof built.entries[number][]>();
        const staffDays = new Map<string, typeof built.entries[number][]>();
        for (const e of built.entries) {
          const name = e.staff?.toLowerCase();
          if (name) staffDays.set(`${name}\u0000${e.date}`, [...(staffDays.get(`${name}\u0000${e.date}`) ?? []), e]);
          if (e.program === 'rpm' || (period !== undefined && e.month !== period)) continue;
          months.set(`${e.patientId}\u0000${e.month}`, [...(months.get(`${e.patientId}\u0000${e.month}`) ?? []), e]);
        }
        expect(built.patientMonths.map((pm) => `${pm.patientId}\u0000${pm.month}`)).toEqual([...months.keys()].sort());
        for (const pm of built.patientMonths) expect(pm.entries).toEqual(months.get(`${pm.patientId}\u0000${pm.month}`));
        expect([...built.entriesByStaffDay]).toEqual([...staffDays]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('buildModel: entryKeyAt', () => {
  it('names each table\'s rows, whichever table was asked before (the last table asked is remembered)', () => {
    const tables = [
      { file: 'october.csv', sheet: null },
      { file: 'november.xlsx', sheet: 'Log' },
      { file: 'november.xlsx', sheet: 'Log 2' },
    ];
    const built = model({ entries: tables.flatMap((table, t) => [2, 3].map((row) => entry({ table, row, note: `call ${t} ${row}` }))) });
    const keyOf = (file: string, sheet: string | null, row: number) => {
      const e = built.entries.find((x) => x.table.file === file && x.table.sheet === sheet && x.row === row);
      return e === undefined ? undefined : entryKey(e);
    };
    const asked: [string, string | null, number][] = [
      ['october.csv', null, 2],
      ['november.xlsx', 'Log', 2],
      ['november.xlsx', 'Log', 3],
      ['november.xlsx', 'Log 2', 3],
      ['october.csv', null, 3],
      ['november.xlsx', null, 2],
      ['december.csv', null, 2],
      ['october.csv', null, 9],
      ['november.xlsx', 'Log 2', 2],
    ];
    expect(new Set(built.entries.map(entryKey)).size).toBe(6);
    expect(asked.filter(([file, sheet, row]) => keyOf(file, sheet, row) !== undefined)).toHaveLength(6);
    for (const [file, sheet, row] of asked) expect(built.entryKeyAt({ file, sheet, row })).toBe(keyOf(file, sheet, row));
  });
});
