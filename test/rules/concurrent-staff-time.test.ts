import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concurrentStaffTime, mayShareMinutes } from '../../src/rules/concurrent-staff-time.js';
import { clockLength } from '../../src/rules/overlapping-time.js';
import { entry, model, RUN_DATE } from '../helpers/model-builder.js';
import { observe, ruleTester } from '../helpers/rule-tester.js';

/** Entries are patient P1's, by Nina Reyes RN on 2026-10-05, unless a case says otherwise. */
const MD = { staff: 'Dr Adams', credential: 'MD' } as const;

ruleTester(concurrentStaffTime, {
  valid: [
    { name: 'two staff members one after the other (touching is not overlapping)', model: { entries: [entry({ startTime: '09:00', stopTime: '09:20' }), entry({ ...MD, startTime: '09:20', stopTime: '09:40' })] } },
    { name: 'two staff members at the same time for two patients', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ ...MD, patientId: 'P2', startTime: '09:00', stopTime: '09:30' })] } },
    { name: 'one staff member\'s own overlap is overlapping-time\'s', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ staff: 'nina  reyes', startTime: '09:10', stopTime: '09:40' })] } },
    { name: 'the same clock times on two days', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ ...MD, date: '2026-10-06', startTime: '09:00', stopTime: '09:30' })] } },
    { name: 'without clock times nothing can be told', model: { entries: [entry({ minutes: 30 }), entry({ ...MD, minutes: 30 }), entry({ ...MD, stopTime: '09:30' })] } },
    { name: 'another program\'s entry does not take part (D3)', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ ...MD, program: 'rpm', startTime: '09:00', stopTime: '09:30' })] } },
    { name: 'an entry without a staff member is missing-staff\'s', model: { entries: [entry({ startTime: '09:00', stopTime: '09:30' }), entry({ staff: undefined, startTime: '09:00', stopTime: '09:30' })] } },
    // An entry whose minutes never count takes none from another staff member's (explore10 B05): counted zero times,
    // not twice. The RN's 25-minute call (row 3) stays whole beside each kind of longer entry that cannot count.
    {
      name: 'a receptionist\'s longer scheduling entry is non-clinical-staff-time\'s (explore10 B05)',
      model: { entries: [entry({ staff: 'Front Desk Kim', credential: 'Receptionist', startTime: '09:00', stopTime: '09:40', minutes: 40 }), entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 })] },
    },
    {
      name: 'a longer entry with a status ccm cannot read is unknown-entry-status\'s',
      model: { entries: [entry({ ...MD, unrecognizedStatus: 'Draft', startTime: '09:00', stopTime: '09:40', minutes: 40 }), entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 })] },
    },
    {
      name: 'a longer entry without a credential is missing-staff\'s',
      model: { entries: [entry({ staff: 'Dr Adams', credential: undefined, startTime: '09:00', stopTime: '09:40', minutes: 40 }), entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 })] },
    },
    {
      name: 'a longer entry with a credential ccm does not recognise is missing-staff\'s',
      model: { entries: [entry({ staff: 'Lee Park', credential: 'Care Coordinator', startTime: '09:00', stopTime: '09:40', minutes: 40 }), entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 })] },
    },
    {
      name: 'longer entries with unreadable or zero minutes are invalid-minutes\'',
      model: {
        entries: [
          entry({ ...MD, minutes: null, minutesText: 'forty', startTime: '09:00', stopTime: '09:40' }),
          entry({ staff: 'Paul Ng', credential: 'PharmD', minutes: 0, startTime: '09:00', stopTime: '09:40' }),
          entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 }),
        ],
      },
    },
    {
      name: 'a longer entry dated after the audit is future-date\'s (past midnight from the day of the audit)',
      model: { entries: [entry({ date: '2026-11-15', startTime: '23:50', stopTime: '00:10', minutes: 20 }), entry({ ...MD, date: '2026-11-16', startTime: '00:00', stopTime: '01:00', minutes: 60 })] },
    },
    {
      name: 'days outside --month are not reported',
      model: { entries: [entry({ date: '2026-09-10', startTime: '09:00', stopTime: '09:30' }), entry({ ...MD, date: '2026-09-10', startTime: '09:00', stopTime: '09:30' }), entry()], period: '2026-10' },
    },
  ],
  invalid: [
    {
      name: 'one care conference logged by the RN and the physician: the later row does not count (explore9 B02)',
      model: { entries: [entry({ startTime: '09:00', stopTime: '09:30', minutes: 30 }), entry({ ...MD, startTime: '09:00', stopTime: '09:30', minutes: 30 })] },
      findings: [
        {
          messageId: 'concurrent',
          entryIds: [1],
          rows: [3, 2],
          severity: 'error',
          data: { staff: 'Dr Adams', own: '09:00–09:30 (row 3)', date: '2026-10-05', otherStaff: 'Nina Reyes', other: '09:00–09:30 (row 2)' },
        },
      ],
    },
    {
      name: 'the physician joining part of the RN\'s call: the shorter entry does not count, whichever row comes first',
      model: { entries: [entry({ ...MD, startTime: '09:10', stopTime: '09:20', minutes: 10 }), entry({ startTime: '09:00', stopTime: '10:00', minutes: 60 })] },
      findings: [{ messageId: 'concurrent', entryIds: [0], data: { staff: 'Dr Adams', other: '09:00–10:00 (row 3)' } }],
    },
    {
      name: 'a longer entry starting later is kept over a shorter earlier one',
      model: { entries: [entry({ startTime: '09:00', stopTime: '09:10', minutes: 10 }), entry({ ...MD, startTime: '09:05', stopTime: '10:00', minutes: 55 })] },
      findings: [{ messageId: 'concurrent', entryIds: [0] }],
    },
    {
      name: 'separate work at overlapping times is still the patient\'s time counted twice: the later of two equal entries does not count',
      model: { entries: [entry({ startTime: '09:00', stopTime: '09:20' }), entry({ staff: 'Paul Ng', credential: 'PharmD', startTime: '09:10', stopTime: '09:30' })] },
      findings: [{ messageId: 'concurrent', entryIds: [1], data: { own: '09:10–09:30 (row 3)', other: '09:00–09:20 (row 2)' } }],
    },
    {
      name: 'three staff members on one call: two entries do not count, each naming the one that does',
      model: {
        entries: [
          entry({ startTime: '10:00', stopTime: '10:20' }),
          entry({ staff: 'Mia Assistant', credential: 'CMA', startTime: '10:00', stopTime: '10:20' }),
          entry({ ...MD, startTime: '10:05', stopTime: '10:15', minutes: 10 }),
        ],
      },
      findings: [
        { messageId: 'concurrent', entryIds: [1], data: { other: '10:00–10:20 (row 2)' } },
        { messageId: 'concurrent', entryIds: [2], data: { other: '10:00–10:20 (row 2)' } },
      ],
    },
    {
      name: 'an entry that does not count does not hold minutes: the RN\'s next call after the joined one counts',
      model: {
        entries: [
          entry({ startTime: '09:00', stopTime: '09:30', minutes: 30 }),
          entry({ ...MD, startTime: '09:00', stopTime: '09:40', minutes: 40 }),
          entry({ startTime: '09:35', stopTime: '09:40', minutes: 5 }),
        ],
      },
      findings: [
        { messageId: 'concurrent', entryIds: [0], data: { otherStaff: 'Dr Adams' } },
        { messageId: 'concurrent', entryIds: [2], data: { otherStaff: 'Dr Adams' } },
      ],
    },
    {
      name: 'a longer entry that cannot count holds nothing: of the two countable entries beside it, the longer counts',
      model: {
        entries: [
          entry({ staff: 'Front Desk Kim', credential: 'Receptionist', startTime: '09:00', stopTime: '10:00', minutes: 60 }),
          entry({ ...MD, startTime: '09:10', stopTime: '09:20', minutes: 10 }),
          entry({ startTime: '09:05', stopTime: '09:30', minutes: 25 }),
        ],
      },
      findings: [{ messageId: 'concurrent', entryIds: [1], rows: [3, 4], data: { staff: 'Dr Adams', otherStaff: 'Nina Reyes', other: '09:05–09:30 (row 4)' } }],
    },
    {
      name: 'a start and minutes without a stop run for their minutes',
      model: { entries: [entry({ startTime: '10:00', minutes: 20 }), entry({ ...MD, startTime: '10:15', minutes: 15 })] },
      findings: [{ messageId: 'concurrent', entryIds: [1], data: { own: '10:15–10:30 (row 3)', other: '10:00–10:20 (row 2)' } }],
    },
    {
      name: 'complex CCM counts as CCM',
      model: { entries: [entry({ program: 'complex-ccm', startTime: '09:00', stopTime: '09:30' }), entry({ ...MD, startTime: '09:15', stopTime: '09:30', minutes: 15 })] },
      findings: [{ messageId: 'concurrent', entryIds: [1] }],
    },
    {
      name: 'an entry past midnight meets the next morning\'s entry of another staff member',
      model: { entries: [entry({ startTime: '23:40', stopTime: '00:20', minutes: 40 }), entry({ ...MD, date: '2026-10-06', startTime: '00:00', stopTime: '00:15', minutes: 15 })] },
      findings: [{ messageId: 'concurrent', entryIds: [1], data: { date: '2026-10-05 and 2026-10-06', other: '23:40–00:20 (row 2)' } }],
    },
    {
      name: 'with --month only the audited month\'s entry is reported; the previous month\'s still holds its minutes',
      model: {
        entries: [entry({ date: '2026-09-30', startTime: '23:30', stopTime: '00:30', minutes: 60 }), entry({ ...MD, date: '2026-10-01', startTime: '00:00', stopTime: '00:20' })],
        period: '2026-10',
      },
      findings: [{ messageId: 'concurrent', entryIds: [1] }],
    },
  ],
});

describe('mayShareMinutes', () => {
  // Entries that all may count (an RN's or physician's CCM time with positive minutes): two overlap when their
  // clock intervals, placed on their days (an entry past midnight runs into the next), share a minute.
  const spec = fc.record({
    day: fc.integer({ min: 5, max: 7 }),
    start: fc.integer({ min: 0, max: 1439 }),
    stop: fc.option(fc.integer({ min: 0, max: 1439 }), { nil: undefined }),
    minutes: fc.integer({ min: 1, max: 90 }),
    md: fc.boolean(),
  });
  const made = (list: { day: number; start: number; stop: number | undefined; minutes: number; md: boolean }[]) =>
    model({ entries: list.map(({ day, start, stop, minutes, md }) => entry({ ...(md ? MD : {}), date: `2026-10-0${day}`, start, stop, minutes })) }).entries;

  it('says yes exactly when two of a patient\'s entries overlap on the clock, in any order', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 40 }), (list) => {
        const entries = made(list);
        const placed = entries.flatMap((e) => {
          const length = clockLength(e)!;
          const start = (Number(e.date.slice(8)) - 5) * 1440 + e.start!;
          return length > 0 ? [{ start, stop: start + length }] : [];
        });
        const overlap = placed.some((a, i) => placed.some((b, j) => i < j && a.start < b.stop && b.start < a.stop));
        expect(mayShareMinutes(entries, RUN_DATE)).toBe(overlap);
      }),
      { numRuns: 2000 },
    );
  });

  it('says yes whenever the rule reports (entries that may not count included)', () => {
    const any = fc.record({ base: spec, staff: fc.constantFrom('Nina Reyes', '  ', undefined), program: fc.constantFrom('ccm' as const, 'rpm' as const) });
    fc.assert(
      fc.property(fc.array(any, { maxLength: 30 }), (list) => {
        const m = model({ entries: list.map(({ base: { day, start, stop, minutes, md }, staff, program }) => entry({ ...(md ? MD : { staff }), program, date: `2026-10-0${day}`, start, stop, minutes })) });
        // Not the converse: one staff member's own overlap, or a pair left out, reports nothing here.
        if (!mayShareMinutes(m.entries, RUN_DATE)) expect(observe(concurrentStaffTime, m)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
