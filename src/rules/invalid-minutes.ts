import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { formatMinutes, isAuditedEntry } from './util.js';

/** Four hours: longer single CCM activities are almost always a unit error (hours typed as minutes) or a typo. */
const DEFAULT_MAX_MINUTES_PER_ENTRY = 240;

export const invalidMinutes = defineRule({
  id: 'invalid-minutes',
  code: 'CCM003',
  severity: 'error',
  level: 'entry',
  description: 'An entry has no readable minutes, zero or negative minutes, or implausibly many.',
  rationale:
    'Monthly CCM codes are earned by total documented time (R-DOC-CHECKLIST: "total time per month"); an entry whose minutes cannot be read, ' +
    'are not positive, or exceed what one activity plausibly takes cannot be defended in a record review, so its minutes are unsupported (D1). ' +
    'Minutes come from the minutes column, or from start and stop times when that column is empty. ' +
    'The upper bound is not in the reference; it is a configurable sanity check (default 240 minutes).',
  references: ['R-DOC-CHECKLIST', 'R-DOC-ENTRY', 'D1'],
  fix: 'Enter the minutes spent as a number (or the start and stop times) in the source system and export again.',
  options: z.strictObject({
    maxMinutesPerEntry: z
      .number()
      .positive()
      .default(DEFAULT_MAX_MINUTES_PER_ENTRY)
      .describe('Minutes above which a single entry is reported as implausible.'),
  }),
  quotedCells: ['text'],
  messages: {
    unreadable: 'The minutes cell holds "{text}", which is not a duration, so the entry has no time to count.',
    missing: 'The entry has no minutes, and no start and stop times to compute them from.',
    notPositive: 'The entry claims {minutes} minutes; time spent must be more than 0.',
    tooMany: 'The entry claims {minutes} minutes, more than the {max} one entry may plausibly hold.',
  },
  check({ model, options, report }) {
    for (const entry of model.entries) {
      if (!isAuditedEntry(model, entry)) continue;
      if (entry.minutes === null) {
        if (entry.minutesText) report({ messageId: 'unreadable', data: { text: entry.minutesText }, entries: [entry] });
        else report({ messageId: 'missing', entries: [entry] });
      } else if (entry.minutes <= 0) {
        report({ messageId: 'notPositive', data: { minutes: formatMinutes(entry.minutes) }, entries: [entry] });
      } else if (entry.minutes > options.maxMinutesPerEntry) {
        report({ messageId: 'tooMany', data: { minutes: formatMinutes(entry.minutes), max: options.maxMinutesPerEntry }, entries: [entry] });
      }
    }
  },
});
