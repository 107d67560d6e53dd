import { z } from 'zod';
import { CCM_PROGRAMS, groupBy } from '../model/build.js';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { describeRows } from './util.js';

export const dateOutsidePeriod = defineRule({
  id: 'date-outside-period',
  code: 'CCM006',
  severity: 'warning',
  level: 'entry',
  description: 'With --month, a patient\'s CCM entries dated in another month: they are not audited or billed in this run.',
  rationale:
    'The CCM service period is one calendar month and time cannot be pooled across months (R-TIME-MONTH). When an audit is limited to one ' +
    'month, rows of other months are left out; this rule tells the auditor which rows those are, so a mis-dated row is not lost silently. ' +
    'Only CCM-program rows are reported (D3). A year-to-date export audited for one month holds every other month\'s rows: they are ' +
    'reported once per patient and month, naming the rows, rather than once per row, so the exception list stays readable.',
  references: ['R-TIME-MONTH', 'D3'],
  fix: 'Check the date; if it is right, audit that month separately, otherwise correct it in the source system.',
  options: z.strictObject({}),
  messages: {
    outside: 'The entry is dated {date}, outside the audited month {period}; its time is not counted in this audit.',
    outsideSeveral: '{count} entries of the patient are dated in {month} ({rows}), outside the audited month {period}; their time is not counted in this audit.',
  },
  check({ model, report }) {
    const period = model.period;
    if (period === undefined) return;
    const outside = groupBy(model.entries, (e) => (CCM_PROGRAMS.has(e.program) && e.month !== period ? `${e.patientId}\u0000${e.month}` : undefined));
    for (const entries of outside.values()) {
      const first = entries[0]!;
      if (entries.length === 1) {
        report({ messageId: 'outside', data: { date: first.date, period }, entries });
      } else {
        const rows = describeRows(sourceOf(first), entries.map(sourceOf));
        report({ messageId: 'outsideSeveral', data: { count: entries.length, month: first.month, rows, period }, entries });
      }
    }
  },
});
