import { conflictingCopies } from '../../src/rules/conflicting-copies.js';
import { entry, LATER_TIME_LOGS } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const NOTE = 'Called pt re home BP log 150s; amlodipine taken daily; reviewed low sodium diet; updated care plan goal';
/** Rows of a second and a third export given with the time log (explore9 A04: overlapping monthly exports). */
const LATER = { table: { file: LATER_TIME_LOGS[0], sheet: null } };
const LATEST = { table: { file: LATER_TIME_LOGS[1], sheet: null } };

ruleTester(conflictingCopies, {
  valid: [
    // The minutes agree: one export simply has no Start column, and the copy is duplicate-entry's (explore10 A06).
    { name: 'the same minutes with a clock time in one export only', model: { entries: [entry({ note: NOTE, minutes: 20, startTime: '09:00' }), entry({ note: NOTE, minutes: 20, ...LATER })] } },
    { name: 'distinct entries in two exports', model: { entries: [entry(), entry(LATER)] } },
    {
      name: 'one export: two calls of a day with one templated note are cloned-note\'s, not copies',
      model: { entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 25 })] },
    },
    {
      name: 'both rows with clock times: different start times are two activities, the same one overlapping-time\'s',
      model: {
        entries: [
          entry({ note: NOTE, minutes: 20, startTime: '09:00' }),
          entry({ note: NOTE, minutes: 25, startTime: '14:00', ...LATER }),
          entry({ note: NOTE, minutes: 20, startTime: '09:00', date: '2026-10-06' }),
          entry({ note: NOTE, minutes: 25, startTime: '09:00', date: '2026-10-06', ...LATER }),
        ],
      },
    },
    { name: 'another staff member', model: { entries: [entry({ note: NOTE }), entry({ note: NOTE, minutes: 25, staff: 'Omar Haddad', ...LATER })] } },
    { name: 'another day', model: { entries: [entry({ note: NOTE }), entry({ note: NOTE, minutes: 25, date: '2026-10-06', ...LATER })] } },
    { name: 'another program\'s time never counts toward CCM (D3)', model: { entries: [entry({ note: NOTE, program: 'rpm' }), entry({ note: NOTE, minutes: 25, program: 'rpm', ...LATER })] } },
    { name: 'an empty note makes no copy', model: { entries: [entry({ note: '' }), entry({ note: '', minutes: 25, ...LATER })] } },
    { name: 'an exact copy in another export is duplicate-entry\'s (dropped, counted once)', model: { entries: [entry({ note: NOTE }), entry({ note: NOTE, ...LATER })] } },
    { name: 'outside the audited month', model: { period: '2026-11', entries: [entry({ note: NOTE }), entry({ note: NOTE, minutes: 25, ...LATER })] } },
    {
      name: 'a withdrawn row of another export matching exactly is duplicate-entry\'s (left out), not a conflict',
      model: { entries: [entry({ note: NOTE, startTime: '09:00' })], withdrawn: [entry({ note: `${NOTE} `, startTime: '09:00', staff: 'nina reyes', ...LATER })] },
    },
    {
      name: 'a withdrawn row at another clock time is another activity',
      model: { entries: [entry({ note: NOTE, startTime: '09:00' })], withdrawn: [entry({ note: NOTE, minutes: 0, startTime: '14:00', ...LATER })] },
    },
    {
      name: 'a withdrawn row of another staff member, note or day withdraws nothing',
      model: {
        entries: [entry({ note: NOTE })],
        withdrawn: [entry({ note: NOTE, minutes: 0, staff: 'Omar Haddad', ...LATER }), entry({ note: `${NOTE}; faxed`, minutes: 0, ...LATER }), entry({ note: NOTE, minutes: 0, date: '2026-10-06', ...LATER })],
      },
    },
    {
      name: 'the withdrawing export also holds an active row of that note: it says which of its rows stand',
      model: { entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 20, ...LATER })], withdrawn: [entry({ note: NOTE, minutes: 15, ...LATER })] },
    },
    { name: 'a withdrawn row in the same export is that export\'s own business', model: { entries: [entry({ note: NOTE, minutes: 20 })], withdrawn: [entry({ note: NOTE, minutes: 0 })] } },
    { name: 'a withdrawn row of another program', model: { entries: [entry({ note: NOTE, program: 'rpm' })], withdrawn: [entry({ note: NOTE, minutes: 0, program: 'rpm', ...LATER })] } },
    { name: 'a withdrawn version outside the audited month', model: { period: '2026-11', entries: [entry({ note: NOTE })], withdrawn: [entry({ note: NOTE, minutes: 0, ...LATER })] } },
  ],
  invalid: [
    {
      name: 'the entry corrected from 20 to 25 minutes between two exports: an error on both rows, so neither counts',
      model: { entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: `  ${NOTE.toUpperCase()} `, minutes: 25, staff: 'NINA  REYES', ...LATER }), entry({ minutes: 10, date: '2026-10-12' })] },
      findings: [
        {
          messageId: 'conflicting',
          entryIds: [0, 1],
          sources: ['time_log.csv:2', 'time_log_2026-11-02.csv:3'],
          data: { row: 2, others: 'time_log_2026-11-02.csv, row 3', inputs: '2 inputs', versions: '20 min; 25 min', minutes: '45' },
          severity: 'error',
          month: '2026-10',
        },
      ],
    },
    {
      name: 'three exports, three versions: one finding naming the three rows',
      model: { entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 25, ...LATER }), entry({ note: NOTE, minutes: 30, ...LATEST })] },
      findings: [{ messageId: 'conflicting', entryIds: [0, 1, 2], data: { inputs: '3 inputs', versions: '20 min; 25 min; 30 min' } }],
    },
    {
      name: 'a timed row of one export is a copy only of an untimed row of another',
      model: {
        entries: [
          entry({ note: NOTE, minutes: 20 }),
          entry({ note: NOTE, minutes: 20, startTime: '09:00' }),
          entry({ note: NOTE, minutes: 25, startTime: '09:00', ...LATER }),
        ],
      },
      findings: [{ messageId: 'conflicting', entryIds: [0, 2] }],
    },
    {
      name: 'explore10 B02: the later export voids the entry and has no Start column: the active row is held, naming both rows',
      model: { entries: [entry({ note: NOTE, minutes: 22, startTime: '09:00' }), entry({ minutes: 10, date: '2026-10-12' })], withdrawn: [entry({ note: NOTE, minutes: 22, ...LATER })] },
      findings: [
        {
          messageId: 'withdrawnVersion',
          entryIds: [0],
          sources: ['time_log.csv:2', 'time_log_2026-11-02.csv:4'],
          data: { entry: 'time_log.csv, row 2', others: 'time_log_2026-11-02.csv, row 4', versions: '22 min from 09:00; 22 min', minutes: '22' },
          severity: 'error',
          month: '2026-10',
        },
      ],
    },
    {
      name: 'explore10 B02: the later export shows the voided entry as 0 minutes',
      model: { entries: [entry({ note: NOTE, minutes: 22 })], withdrawn: [entry({ note: NOTE.toUpperCase(), minutes: 0, staff: 'Nina  Reyes', ...LATER })] },
      findings: [{ messageId: 'withdrawnVersion', entryIds: [0], data: { versions: '22 min; 0 min', minutes: '22' } }],
    },
    {
      name: 'a voided entry at the same clock time with its minutes zeroed',
      model: { entries: [entry({ note: NOTE, minutes: 22, startTime: '09:00' })], withdrawn: [entry({ note: NOTE, minutes: 0, startTime: '09:00', ...LATER })] },
      findings: [{ messageId: 'withdrawnVersion', entryIds: [0], data: { versions: '22 min from 09:00; 0 min from 09:00' } }],
    },
    {
      name: 'one voided row, two active rows of that note it may be: both held; an exact copy of one is named once',
      model: {
        entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 15 }), entry({ note: NOTE, minutes: 15, ...LATEST })],
        withdrawn: [entry({ note: NOTE, minutes: 0, ...LATER })],
      },
      findings: [
        { messageId: 'withdrawnVersion', entryIds: [0], data: { versions: '20 min; 0 min' } },
        { messageId: 'withdrawnVersion', entryIds: [1], data: { versions: '15 min; 0 min' } },
      ],
    },
    {
      name: 'many rows of one patient-day: still found',
      model: { entries: [...Array.from({ length: 17 }, () => entry()), entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 25, ...LATER })] },
      findings: [{ messageId: 'conflicting', entryIds: [17, 18] }],
    },
  ],
});
