import { z } from 'zod';
import { CCM_PROGRAMS } from '../model/build.js';
import { defineRule } from './define-rule.js';
import { addMinutes, countableMinutes } from '../model/queries.js';
import { count, formatMinutes, inPeriod, staffLabel } from './util.js';

/** Ten hours of logged care-management time in one day is more than a full shift of nothing else. */
const DEFAULT_MAX_DAILY_MINUTES = 600;

export const excessiveDailyMinutes = defineRule({
  id: 'excessive-daily-minutes',
  code: 'CCM010',
  severity: 'warning',
  level: 'entry',
  description: 'A staff member\'s logged minutes for one day (all programs) exceed a plausible day\'s work.',
  rationale:
    'Implausible daily totals are what a reviewer or auditor looks at first: they suggest time entered twice, minutes and hours confused, or ' +
    'time logged for work not done. The reference sets no daily limit, so this is a warning for review (D7) with a configurable threshold; ' +
    'every program counts toward the day, because the staff member\'s day is the same whatever the program (R-TIME-NO-DOUBLE). Only ' +
    'staff-days with at least one CCM entry are reported.',
  references: ['R-DOC-CHECKLIST', 'R-TIME-NO-DOUBLE', 'D7'],
  fix: 'Check the day\'s entries for duplicates or wrong units and correct them in the source system.',
  options: z.strictObject({
    maxDailyMinutes: z
      .number()
      .positive()
      .default(DEFAULT_MAX_DAILY_MINUTES)
      .describe('Total minutes per staff member per day, all programs, above which the day is reported.'),
  }),
  messages: {
    excessive: '{staff} logged {total} minutes on {date} across {entries}, more than {max}.',
  },
  check({ model, options, report }) {
    for (const dayEntries of model.entriesByStaffDay.values()) {
      const first = dayEntries[0];
      if (first === undefined || !inPeriod(model, first.month) || !dayEntries.some((e) => CCM_PROGRAMS.has(e.program))) continue;
      const total = dayEntries.reduce((sum, e) => addMinutes(sum, countableMinutes(e)), 0);
      if (total <= options.maxDailyMinutes) continue;
      report({
        messageId: 'excessive',
        data: { staff: staffLabel(first), total: formatMinutes(total), date: first.date, entries: count(dayEntries.length, 'entry', 'entries'), max: options.maxDailyMinutes },
        entries: dayEntries,
      });
    }
  },
});
