import { z } from 'zod';
import { CCM_PROGRAMS } from '../model/build.js';
import { defineRule } from './define-rule.js';

export const dateOutsidePeriod = defineRule({
  id: 'date-outside-period',
  code: 'CCM006',
  severity: 'warning',
  level: 'entry',
  description: 'With --month, a CCM entry dated in another month: it is not audited or billed in this run.',
  rationale:
    'The CCM service period is one calendar month and time cannot be pooled across months (R-TIME-MONTH). When an audit is limited to one ' +
    'month, rows of other months are left out; this rule tells the auditor which rows those are, so a mis-dated row is not lost silently. ' +
    'Only CCM-program rows are reported (D3).',
  references: ['R-TIME-MONTH', 'D3'],
  fix: 'Check the date; if it is right, audit that month separately, otherwise correct it in the source system.',
  options: z.strictObject({}),
  messages: {
    outside: 'The entry is dated {date}, outside the audited month {period}; its time is not counted in this audit.',
  },
  check({ model, report }) {
    const period = model.period;
    if (period === undefined) return;
    for (const entry of model.entries) {
      if (CCM_PROGRAMS.has(entry.program) && entry.month !== period) {
        report({ messageId: 'outside', data: { date: entry.date, period }, entries: [entry] });
      }
    }
  },
});
