import { z } from 'zod';
import { clockSpan } from '../normalize/times.js';
import { defineRule } from './define-rule.js';
import { clock, formatMinutes, isAuditedEntry } from './util.js';

/** Clock times are whole minutes while durations may be rounded: one minute of slack avoids noise. */
const DEFAULT_TOLERANCE_MINUTES = 1;

export const minutesMismatch = defineRule({
  id: 'minutes-mismatch',
  code: 'CCM004',
  severity: 'warning',
  level: 'entry',
  description: 'The minutes of an entry disagree with its start and stop times.',
  rationale:
    'When an entry records both a duration and clock times, a reviewer will compare them; a disagreement suggests a typing error or time ' +
    'rounded up, and undermines the log. CMS does not require clock times (R-DOC-ENTRY), so the minutes column is still what counts and ' +
    'this is a warning, not an error (D7). A stop more than 12 hours before the start crosses midnight (23:50–00:15 is 25 minutes).',
  references: ['R-DOC-ENTRY', 'R-DOC-CHECKLIST', 'D7'],
  fix: 'Correct either the minutes or the start/stop times so they agree.',
  options: z.strictObject({
    toleranceMinutes: z
      .number()
      .min(0)
      .default(DEFAULT_TOLERANCE_MINUTES)
      .describe('Largest difference, in minutes, between the minutes column and stop − start that is not reported.'),
  }),
  messages: {
    mismatch: 'Minutes say {minutes} but {start}–{stop} is {clockMinutes} minutes ({difference} minutes apart).',
  },
  check({ model, options, report }) {
    for (const entry of model.entries) {
      if (!isAuditedEntry(model, entry)) continue;
      const { minutes, start, stop } = entry;
      if (minutes === null || start === undefined || stop === undefined) continue;
      const clockMinutes = clockSpan(start, stop);
      const difference = Math.abs(minutes - clockMinutes);
      if (difference <= options.toleranceMinutes) continue;
      report({
        messageId: 'mismatch',
        data: { minutes: formatMinutes(minutes), start: clock(start), stop: clock(stop), clockMinutes, difference: formatMinutes(difference) },
        entries: [entry],
      });
    }
  },
});
