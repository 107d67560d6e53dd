import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { CCM_PROGRAMS } from '../model/build.js';

export const futureDate = defineRule({
  id: 'future-date',
  code: 'CCM005',
  severity: 'error',
  level: 'entry',
  description: 'An entry is dated after the day of the audit.',
  rationale:
    'Time cannot have been spent on a day that has not happened yet; a future date is a typing error (often the year) and, until it is ' +
    'corrected, the entry could fall in the wrong calendar month (R-TIME-MONTH). Its minutes are unsupported (D1).',
  references: ['R-TIME-MONTH', 'D1'],
  fix: 'Correct the date of service of the entry in the source system.',
  options: z.strictObject({}),
  messages: {
    future: 'The entry is dated {date}, after the audit date {runDate}.',
  },
  check({ model, report }) {
    for (const entry of model.entries) {
      // Every month, not only --month's: a future date is often a typo that moved the entry out of the period.
      if (CCM_PROGRAMS.has(entry.program) && entry.date > model.runDate) {
        report({ messageId: 'future', data: { date: entry.date, runDate: model.runDate }, entries: [entry] });
      }
    }
  },
});
