import { conflictingCopies } from '../../src/rules/conflicting-copies.js';
import { entry, LATER_TIME_LOGS } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const NOTE = 'Called pt re home BP log 150s; amlodipine taken daily; reviewed low sodium diet; updated care plan goal';
/** Rows of a second and a third export given with the time log (explore9 A04: overlapping monthly exports). */
const LATER = { table: { file: LATER_TIME_LOGS[0], sheet: null } };
const LATEST = { table: { file: LATER_TIME_LOGS[1], sheet: null } };

ruleTester(conflictingCopies, {
  valid: [
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
      name: 'the same minutes with a clock time in one export only',
      model: { entries: [entry({ note: NOTE, minutes: 20, startTime: '09:00' }), entry({ note: NOTE, minutes: 20, ...LATER })] },
      findings: [{ messageId: 'conflicting', entryIds: [0, 1], data: { versions: '20 min from 09:00; 20 min' } }],
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
      name: 'many rows of one patient-day: still found',
      model: { entries: [...Array.from({ length: 17 }, () => entry()), entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 25, ...LATER })] },
      findings: [{ messageId: 'conflicting', entryIds: [17, 18] }],
    },
  ],
});
