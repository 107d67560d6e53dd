import { duplicateEntry } from '../../src/rules/duplicate-entry.js';
import { entry, LATER_TIME_LOGS } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const NOTE = 'Reviewed home BP log 150s-160s; called pt re amlodipine dose; updated care plan goal';

ruleTester(duplicateEntry, {
  valid: [
    { name: 'one export with and without a clock time for the same minutes and note: two rows of one log, not a copy', model: { entries: [entry({ note: NOTE, minutes: 20 }), entry({ note: NOTE, minutes: 20, startTime: '09:00' })] } },
    { name: 'distinct entries', model: { entries: [entry(), entry()] } },
    { name: 'same note, different start time', model: { entries: [entry({ note: NOTE, startTime: '09:00' }), entry({ note: NOTE, startTime: '10:00' })] } },
    {
      name: 'the same row under two programs is not a copy: the same minutes counted twice are overlapping-time\'s (D3)',
      model: { entries: [entry({ note: NOTE, startTime: '09:00', stopTime: '09:30' }), entry({ note: NOTE, startTime: '09:00', stopTime: '09:30', program: 'rpm' })] },
    },
    {
      name: 'nor among many rows of one patient-day (compared by key, not pairwise)',
      model: { entries: [...Array.from({ length: 16 }, () => entry()), entry({ note: NOTE }), entry({ note: NOTE, program: 'rpm' })] },
    },
    {
      name: 'duplicates outside --month are not reported',
      model: { entries: [entry({ note: NOTE, date: '2026-09-03' }), entry({ note: NOTE, date: '2026-09-03' }), entry({ date: '2026-10-03' })], period: '2026-10' },
    },
  ],
  invalid: [
    {
      name: 'an entry another export repeats as withdrawn (spacing and case aside) is left out, naming both rows',
      model: { entries: [entry({ note: NOTE }), entry()], withdrawn: [entry({ note: ` ${NOTE.toUpperCase()}`, staff: 'NINA REYES', table: { file: LATER_TIME_LOGS[0], sheet: null } })] },
      findings: [{ messageId: 'withdrawnElsewhere', entryIds: [0], sources: ['time_log.csv:2', 'time_log_2026-11-02.csv:4'], data: { row: 2, original: 'time_log_2026-11-02.csv, row 4' } }],
    },
    {
      name: 'an exact copy: both rows in sources, the dropped copy as the entry',
      model: { entries: [entry({ note: NOTE }), entry({ note: NOTE })] },
      findings: [{ messageId: 'duplicate', entryIds: [1], rows: [2, 3], data: { original: 'row 2' }, severity: 'warning' }],
    },
    {
      // "Completed" in one export, "Reopened" or "Open" in another: the copy with the unread status is kept (and held
      // by unknown-entry-status) in either order (explore10 A01, explore11 A02).
      name: 'of two exact copies, the one whose status ccm cannot read is kept, whichever input comes first',
      model: { entries: [entry({ note: NOTE }), entry({ note: NOTE, unrecognizedStatus: 'Reopened', table: { file: LATER_TIME_LOGS[0], sheet: null } })] },
      findings: [{ messageId: 'duplicate', entryIds: [0], sources: ['time_log.csv:2', 'time_log_2026-11-02.csv:3'] }],
    },
    {
      // One export has a Start column, the other not; the minutes agree (explore10 A06).
      name: 'the same entry in another export without its clock time: the copy without it is dropped',
      model: { entries: [entry({ note: NOTE, minutes: 20, table: { file: LATER_TIME_LOGS[0], sheet: null } }), entry({ note: NOTE, minutes: 20, startTime: '09:00' })] },
      findings: [{ messageId: 'withoutStart', entryIds: [0], sources: ['time_log_2026-11-02.csv:2', 'time_log.csv:3'] }],
    },
    {
      name: 'the unread status first: the later finished one is the copy',
      model: { entries: [entry({ note: NOTE, unrecognizedStatus: 'Open' }), entry({ note: NOTE, table: { file: LATER_TIME_LOGS[0], sheet: null } })] },
      findings: [{ messageId: 'duplicate', entryIds: [1] }],
    },
    {
      name: 'case and spacing of the note do not hide a copy; three copies give two findings',
      model: { entries: [entry({ note: NOTE }), entry({ note: `  ${NOTE.toUpperCase()} ` }), entry({ note: NOTE })] },
      findings: [
        { messageId: 'duplicate', entryIds: [1], rows: [2, 3] },
        { messageId: 'duplicate', entryIds: [2], rows: [2, 4] },
      ],
    },
    {
      name: 'duplicates of other programs are reported too',
      model: { entries: [entry({ note: NOTE, program: 'rpm' }), entry({ note: NOTE, program: 'rpm' })] },
      findings: [{ messageId: 'duplicate', entryIds: [1] }],
    },
    {
      name: 'many rows of one patient-day: a copy of the same program is still found',
      model: { entries: [...Array.from({ length: 16 }, () => entry()), entry({ note: NOTE, program: 'rpm' }), entry({ note: NOTE, program: 'rpm' })] },
      findings: [{ messageId: 'duplicate', entryIds: [17], rows: [18, 19] }],
    },
  ],
});
