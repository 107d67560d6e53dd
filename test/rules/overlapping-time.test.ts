import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clockLength, mayOverlap, overlappingPairs, overlappingTime } from '../../src/rules/overlapping-time.js';
import { entry, model } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** One note on two rows, so only the program tells them apart. */
const SAME_NOTE = 'Reviewed insulin titration and podiatry referral arrangements with patient';

ruleTester(overlappingTime, {
  valid: [
    { name: '09:00–09:20 and 09:20–09:40 touch but do not overlap', model: { entries: [entry({ startTime: '09:00', stopTime: '09:20' }), entry({ patientId: 'P2', startTime: '09:20', stopTime: '09:40' })] } },
    { name: 'different staff at the same time', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ staff: 'Omar Diaz', startTime: '09:00', stopTime: '09:30' })] } },
    { name: 'different days', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ date: '2026-10-06', startTime: '09:00', stopTime: '09:30' })] } },
    { name: 'an entry crossing midnight and an earlier evening entry', model: { entries: [entry({ startTime: '23:50', stopTime: '00:15' }), entry({ patientId: 'P2', startTime: '23:20', stopTime: '23:50' })] } },
    { name: 'entries without a start time are skipped', model: { entries: [entry({ stopTime: '09:20' }), entry({ startTime: '09:05', stopTime: '09:30' }), entry()] } },
    { name: 'a start and minutes that end as the next entry starts', model: { entries: [entry({ startTime: '10:00', minutes: 25 }), entry({ patientId: 'P2', startTime: '10:25', minutes: 20 })] } },
    { name: 'two non-CCM entries overlapping', model: { entries: [entry({ program: 'tcm', startTime: '09:00', stopTime: '09:30' }), entry({ program: 'rpm', startTime: '09:10', stopTime: '09:40' }), entry()] } },
    {
      name: 'an entry past midnight and the next morning\'s entry after it ends',
      model: { entries: [entry({ startTime: '23:40', stopTime: '00:20' }), entry({ patientId: 'P2', date: '2026-10-06', startTime: '00:20', stopTime: '00:45' })] },
    },
    {
      name: 'an entry past midnight and an entry two days later at that hour',
      model: { entries: [entry({ startTime: '23:40', stopTime: '00:20' }), entry({ patientId: 'P2', date: '2026-10-07', startTime: '00:00', stopTime: '00:25' })] },
    },
    {
      name: 'days outside --month are not reported',
      model: { entries: [entry({ date: '2026-09-10', startTime: '09:00', stopTime: '09:30' }), entry({ date: '2026-09-10', startTime: '09:10', stopTime: '09:40' }), entry()], period: '2026-10' },
    },
  ],
  invalid: [
    {
      name: 'two CCM entries for different patients overlap: both unsupported, one finding under each patient',
      model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ patientId: 'P2', startTime: '09:15', stopTime: '09:40' })] },
      findings: [
        { messageId: 'overlap', entryIds: [0], rows: [2, 3], severity: 'error', data: { staff: 'Nina Reyes', date: '2026-10-05' } },
        { messageId: 'overlap', entryIds: [1], rows: [3], severity: 'error', data: { staff: 'Nina Reyes', date: '2026-10-05' } },
      ],
    },
    {
      name: 'two CCM entries of one patient share one finding',
      model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ startTime: '09:10', stopTime: '09:40', note: 'Reviewed home BP log with patient, adjusted lisinopril plan, sent summary to PCP' })] },
      findings: [{ messageId: 'overlap', entryIds: [0, 1], rows: [2, 3] }],
    },
    {
      name: 'a CCM entry inside a TCM entry: only the CCM entry is unsupported, both rows are sources',
      model: { entries: [entry({ program: 'tcm', startTime: '10:00', stopTime: '10:40' }), entry({ startTime: '10:10', stopTime: '10:30' })] },
      findings: [{ messageId: 'overlap', entryIds: [1], rows: [2, 3] }],
    },
    {
      name: 'the same row logged as CCM and as RPM is double counting, not a duplicate: the CCM entry is unsupported, in either order',
      model: { entries: [entry({ note: SAME_NOTE, startTime: '09:00', stopTime: '09:30' }), entry({ note: SAME_NOTE, program: 'rpm', startTime: '09:00', stopTime: '09:30' })] },
      findings: [{ messageId: 'overlap', entryIds: [0], rows: [2, 3], severity: 'error' }],
    },
    {
      name: 'the same pair with the RPM row first',
      model: { entries: [entry({ note: SAME_NOTE, program: 'rpm', startTime: '09:00', stopTime: '09:30' }), entry({ note: SAME_NOTE, startTime: '09:00', stopTime: '09:30' })] },
      findings: [{ messageId: 'overlap', entryIds: [1], rows: [2, 3], severity: 'error' }],
    },
    {
      name: 'an entry crossing midnight overlaps a later entry of that evening',
      model: { entries: [entry({ startTime: '23:40', stopTime: '00:15' }), entry({ patientId: 'P2', startTime: '23:50', stopTime: '23:59' })] },
      findings: [
        { messageId: 'overlap', entryIds: [0], data: { first: '23:40–00:15 (row 2, patient P1, CCM)' } },
        { messageId: 'overlap', entryIds: [1], data: { second: '23:40–00:15 (row 2, patient P1, CCM)' } },
      ],
    },
    {
      name: 'an entry past midnight overlaps the next morning\'s entry of the same person (R-TIME-NO-DOUBLE)',
      model: { entries: [entry({ startTime: '23:40', stopTime: '00:20' }), entry({ patientId: 'P2', date: '2026-10-06', startTime: '00:00', stopTime: '00:25' })] },
      findings: [
        { messageId: 'overlap', entryIds: [0], rows: [2, 3], data: { date: '2026-10-05 and 2026-10-06', first: '23:40–00:20 (row 2, patient P1, CCM)', second: '00:00–00:25 (row 3, patient P2, CCM)' } },
        { messageId: 'overlap', entryIds: [1], rows: [3], data: { date: '2026-10-05 and 2026-10-06', first: '00:00–00:25 (row 3, patient P2, CCM)' } },
      ],
    },
    {
      name: 'past midnight into the next month: with --month only the audited month\'s entry is reported',
      model: {
        entries: [entry({ date: '2026-09-30', startTime: '23:50', stopTime: '00:30' }), entry({ patientId: 'P2', date: '2026-10-01', startTime: '00:10', stopTime: '00:40' })],
        period: '2026-10',
      },
      findings: [{ messageId: 'overlap', entryIds: [1], rows: [3], data: { date: '2026-09-30 and 2026-10-01' } }],
    },
    {
      name: 'without a stop, an entry runs for its minutes from its start ("Start Time, Duration" exports)',
      model: { entries: [entry({ startTime: '10:00', minutes: 25 }), entry({ patientId: 'P2', startTime: '10:05', minutes: 20 })] },
      findings: [
        { messageId: 'overlap', entryIds: [0], data: { first: '10:00–10:25 (row 2, patient P1, CCM)', second: '10:05–10:25 (row 3, patient P2, CCM)' } },
        { messageId: 'overlap', entryIds: [1] },
      ],
    },
    {
      name: 'fractional minutes end between minutes: the stop is shown with its seconds',
      model: { entries: [entry({ startTime: '09:00', minutes: 25.5 }), entry({ patientId: 'P2', startTime: '09:10', minutes: 10 })] },
      findings: [{ messageId: 'overlap', entryIds: [0], data: { first: '09:00–09:25:30 (row 2, patient P1, CCM)' } }, { messageId: 'overlap', entryIds: [1] }],
    },
    {
      name: 'a start and minutes past midnight overlap the next morning\'s entry',
      model: { entries: [entry({ startTime: '23:55', minutes: 30 }), entry({ date: '2026-10-06', startTime: '00:10', minutes: 20, note: 'Reviewed home BP log with patient, adjusted lisinopril plan, sent summary to PCP' })] },
      findings: [{ messageId: 'overlap', entryIds: [0, 1], data: { date: '2026-10-05 and 2026-10-06' } }],
    },
    {
      name: 'an unrecognized program label is not quoted (it is arbitrary cell text)',
      model: { entries: [entry({ program: 'unknown', programText: 'Pt disclosed depression', startTime: '10:00', stopTime: '10:40' }), entry({ startTime: '10:10', stopTime: '10:30' })] },
      findings: [{ messageId: 'overlap', entryIds: [1], data: { first: '10:00–10:40 (row 2, patient P1, unrecognized program)' } }],
    },
    {
      name: 'staff names match case- and space-insensitively',
      model: { entries: [entry({ staff: 'Nina  Reyes', startTime: '09:00', stopTime: '09:30' }), entry({ staff: 'nina reyes', startTime: '09:29', stopTime: '09:40' })] },
      findings: [{ messageId: 'overlap', entryIds: [0, 1] }],
    },
    {
      name: 'one long entry overlapping two others gives one finding per pair',
      model: {
        entries: [
          entry({ startTime: '09:00', stopTime: '11:00', minutes: 120 }),
          entry({ startTime: '09:30', stopTime: '09:50' }),
          entry({ startTime: '10:00', stopTime: '10:20' }),
          entry({ startTime: '11:00', stopTime: '11:20' }),
        ],
      },
      findings: [
        { messageId: 'overlap', entryIds: [0, 1] },
        { messageId: 'overlap', entryIds: [0, 2] },
      ],
    },
  ],
});

describe('overlappingPairs', () => {
  it('sweeps a large back-to-back day without reporting touching intervals', () => {
    const entries = Array.from({ length: 600 }, (_, i) => entry({ start: i * 2, stop: i * 2 + 2, minutes: 2 }));
    const m = model({ entries });
    expect(overlappingPairs(m.entries)).toEqual([]);
  });

  it('finds the pairs a comparison of every two intervals finds, in the same order (the sweep drops closed ones in place)', () => {
    const interval = fc.record({ start: fc.integer({ min: 0, max: 120 }), length: fc.integer({ min: 1, max: 60 }) });
    fc.assert(
      fc.property(fc.array(interval, { maxLength: 14 }), (list) => {
        const m = model({ entries: list.map(({ start, length }) => entry({ start, stop: start + length, minutes: length })) });
        const sorted = [...m.entries].map((e) => ({ id: e.id, start: e.start!, stop: e.stop! })).sort((a, b) => a.start - b.start || a.stop - b.stop);
        const expected: [number, number][] = [];
        sorted.forEach((b, j) => sorted.slice(0, j).forEach((a) => a.stop > b.start && expected.push([a.id, b.id])));
        expect(overlappingPairs(m.entries).map(([a, b]) => [a.entry.id, b.entry.id])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('mayOverlap says yes exactly when a staff-day has an overlapping pair or an interval past midnight', () => {
    // Any order, stops missing or before the start (across midnight), lengths from minutes alone, entries without a start.
    const spec = fc.record({
      start: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
      stop: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
      minutes: fc.integer({ min: -5, max: 90 }),
    });
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 90 }), (list) => {
        const m = model({ entries: list.map(({ start, stop, minutes }) => entry({ start, stop, minutes })) });
        const pastMidnight = m.entries.some((e) => {
          const length = clockLength(e);
          return length !== undefined && length > 0 && e.start! + length > 1440;
        });
        expect(mayOverlap(m.entries)).toBe(overlappingPairs(m.entries).length > 0 || pastMidnight);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds every pair among nested intervals', () => {
    const m = model({ entries: [entry({ start: 0, stop: 100 }), entry({ start: 10, stop: 90 }), entry({ start: 20, stop: 80 })] });
    expect(overlappingPairs(m.entries).map(([a, b]) => [a.entry.id, b.entry.id])).toEqual([
      [0, 1],
      [0, 2],
      [1, 2],
    ]);
  });
});
