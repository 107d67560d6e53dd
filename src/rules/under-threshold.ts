import { z } from 'zod';
import { MINIMUM_BILLABLE_MINUTES } from '../billing/codes.js';
import { sourceOf, type SourceRef, type TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import type { SupportView } from './types.js';
import { addMinutes, countableMinutes } from '../model/queries.js';
import { REACHES_MINIMUM, monthEntryFacts } from './month-entries.js';
import { formatMinutes, rowFrom } from './util.js';

/** "row 4 (vague-note), row 9 (missing-staff, overlapping-time)": rows as seen from the month's first entry. */
function describeExclusions(base: SourceRef, entries: readonly TimeEntry[], support: SupportView): string {
  return entries
    .filter((e) => !support.isSupported(e))
    .map((e) => `${rowFrom(base, sourceOf(e))} (${[...new Set(support.exclusions(e).map((f) => f.rule))].join(', ')})`)
    .join(', ');
}

export const underThreshold = defineRule({
  id: 'under-threshold',
  code: 'CCM023',
  severity: 'warning',
  level: 'month',
  description: 'A patient-month\'s supported CCM minutes are below the 20 minutes the lowest CCM code needs.',
  rationale:
    'CCM codes are earned by the clinical staff or practitioner time documented in a calendar month: 99490 needs at least 20 minutes ' +
    '(R-CODE-99490) and minutes cannot be pooled across months (R-TIME-MONTH). Only supported minutes count (D1): entries excluded by an ' +
    'entry-level error (vague note, non-clinical staff, overlap…) are named so the auditor can see what fixing them would recover. It is ' +
    'a warning, not an error: a month under the threshold is simply not billed. Months with no logged minutes at all are left to ' +
    'invalid-minutes.',
  references: ['R-CODE-99490', 'R-TIME-MONTH', 'R-DOC-CHECKLIST', 'D1'],
  fix: 'Fix the excluded entries named in the message if the work was done, or do not bill CCM for the month.',
  options: z.strictObject({}),
  messages: {
    short: '{supported} supported minutes in {month}, {missing} short of the {minimum} needed to bill CCM.',
    shortWithExclusions:
      '{supported} of {logged} logged minutes in {month} are supported, {missing} short of the {minimum} needed to bill CCM; excluded: {excluded}.',
  },
  check({ model, support, report }) {
    const { flags } = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      if ((flags[i]! & REACHES_MINIMUM) !== 0) continue;
      const pm = model.patientMonths[i]!;
      let logged = 0;
      let supported = 0;
      for (const e of pm.entries) {
        const minutes = countableMinutes(e);
        logged = addMinutes(logged, minutes);
        if (support.isSupported(e)) supported = addMinutes(supported, minutes);
      }
      if (logged === 0) continue;
      // A patient-month exists only because it has entries, so the first one is there.
      const excluded = describeExclusions(sourceOf(pm.entries[0]!), pm.entries, support);
      const data = {
        supported: formatMinutes(supported),
        logged: formatMinutes(logged),
        month: pm.month,
        missing: formatMinutes(MINIMUM_BILLABLE_MINUTES - supported),
        minimum: MINIMUM_BILLABLE_MINUTES,
        excluded,
      };
      report({ messageId: excluded === '' ? 'short' : 'shortWithExclusions', data, patientId: pm.patientId, month: pm.month, entries: pm.entries });
    }
  },
});
