import { z } from 'zod';
import { billingPractitioner, minutesByPractitioner } from '../billing/pricing.js';
import { countableMinutes } from '../model/queries.js';
import type { TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { SEVERAL_PRACTITIONER_NAMES, monthEntryFacts } from './month-entries.js';
import { formatMinutes } from './util.js';

export const multiplePractitionersTime = defineRule({
  id: 'multiple-practitioners-time',
  code: 'CCM027',
  severity: 'warning',
  level: 'month',
  description: 'Practitioner time in a patient-month comes from more than one practitioner; 99491/99437 count only one\'s own time.',
  rationale:
    '99491 and 99437 are earned by time the billing practitioner personally spends (R-CODE-99491, R-CODE-99437); the billing ' +
    'practitioner\'s own time may count toward the clinical-staff codes instead (R-TIME-PRACTITIONER). When entries credited to ' +
    'practitioners (MD, DO, NP, PA…) carry two or more names in one month, their minutes cannot all be the billing practitioner\'s. ' +
    'Billing counts toward 99491/99437 the minutes of the practitioner with the most time, taken to be the billing practitioner, and ' +
    'adds the others\' minutes to the time the non-complex and complex families count (D4); the reference does not say whether another ' +
    'practitioner\'s time may count as clinical-staff time, so this is a warning for review, not an error (D7). Only supported minutes ' +
    'of CCM entries are considered; names are compared ignoring case and spacing.',
  references: ['R-CODE-99491', 'R-CODE-99437', 'R-TIME-PRACTITIONER', 'D4', 'D7'],
  fix: 'Confirm which practitioner bills the month; log the other practitioners\' CCM work under the clinical-staff codes, or correct the staff names if one person was recorded two ways.',
  options: z.strictObject({}),
  messages: {
    several:
      'Practitioner time in {month} comes from {count} practitioners ({practitioners}); 99491/99437 count only the billing practitioner\'s own time, so {counted} minutes ({name}) were counted toward them.',
  },
  check({ model, support, report }) {
    const { flags } = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      // Nearly every month has at most one practitioner: test that before building the breakdown.
      if ((flags[i]! & SEVERAL_PRACTITIONER_NAMES) === 0) continue;
      const pm = model.patientMonths[i]!;
      // The entries billing counts (bill.ts): supported, with minutes to count.
      const practitioners = minutesByPractitioner(pm.entries, (e) => support.isSupported(e) && countableMinutes(e) > 0);
      if (practitioners.length < 2) continue;
      const billing = billingPractitioner(practitioners)!;
      report({
        messageId: 'several',
        data: {
          month: pm.month,
          count: practitioners.length,
          practitioners: practitioners.map((p) => `${p.staff ?? 'unnamed'}: ${formatMinutes(p.minutes)} min`).join(', '),
          counted: formatMinutes(billing.minutes),
          name: billing.staff ?? 'unnamed',
        },
        patientId: pm.patientId,
        month: pm.month,
        entries: pm.entries.filter((e) => e.role === 'practitioner'),
      });
    }
  },
});
