import { z } from 'zod';
import { alreadyBilled } from '../billing/already-billed.js';
import { REPORTED_MUES, chooseFamily } from '../billing/codes.js';
import { monthMinutes, pricesFor } from '../billing/pricing.js';
import { countableMinutes } from '../model/queries.js';
import type { TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { MAY_PASS_A_MUE, monthEntryFacts } from './month-entries.js';
import { formatMinutes } from './util.js';

export const claimOverMue = defineRule({
  id: 'claim-over-mue',
  code: 'CCM031',
  severity: 'warning',
  level: 'month',
  description: 'The claim ccm writes for the month has more add-on units on its one date of service than the reported MUE.',
  rationale:
    'Each full additional 30 minutes earns a unit of 99437 (with 99491) or 99489 (with 99487), and neither CPT nor CMS text caps them ' +
    'per month (R-CODE-99437, R-CODE-99489). Medically unlikely edits cap the units of a code per date of service, and a CCM claim has ' +
    'one date of service; the reported MUEs are 2 for 99437 and 10 for 99489 (R-CODE-MUE, UNCONFIRMED against the CMS table). A line ' +
    'above its MUE is denied by the claims system. The claim ccm writes keeps every unit the supported minutes earn (the MUE is ' +
    'unconfirmed, and the time is documented), so this is a warning for review (D7): check the current MUE table before sending the ' +
    'claim. Months already billed are checked against the same MUEs by unsupported-code.',
  references: ['R-CODE-99437', 'R-CODE-99489', 'R-CODE-MUE', 'D7'],
  fix: 'Check the current CMS practitioner MUE for the code; if it is still the reported value, bill no more units than it allows on the claim line.',
  options: z.strictObject({}),
  messages: {
    overMue:
      'The supported minutes ({minutes} min) earn {code} ×{units} on the claim for {month}, above its reported MUE of {mue} unit(s) per date of service (UNCONFIRMED against the CMS table): a line above the MUE is likely denied.',
  },
  check({ model, support, fees, report }) {
    const counts = (e: TimeEntry): boolean => support.isSupported(e) && countableMinutes(e) > 0;
    const { flags } = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      if ((flags[i]! & MAY_PASS_A_MUE) === 0) continue;
      const pm = model.patientMonths[i]!;
      // The family and units bill.ts writes: the same minutes, the same fees.
      const option = chooseFamily(monthMinutes(pm.entries, counts), pricesFor({ fees }, pm.month));
      if (option === null || alreadyBilled(model, pm)) continue;
      for (const line of option.lines) {
        const mue = REPORTED_MUES.get(line.code);
        if (mue === undefined || line.units <= mue) continue;
        report({
          messageId: 'overMue',
          data: { minutes: formatMinutes(option.minutes), code: line.code, units: line.units, month: pm.month, mue },
          patientId: pm.patientId,
          month: pm.month,
          entries: pm.entries.filter(counts),
        });
      }
    }
  },
});
