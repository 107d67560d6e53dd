import { z } from 'zod';
import { entriesNpi } from '../model/queries.js';
import { defineRule } from './define-rule.js';
import { count } from './util.js';

export const multipleBillingPractitioners = defineRule({
  id: 'multiple-billing-practitioners',
  code: 'CCM021',
  severity: 'error',
  level: 'month',
  description: 'A patient-month\'s CCM entries carry two or more billing NPIs.',
  rationale:
    'Only one practitioner can furnish and be paid for CCM for a beneficiary in a calendar month (R-EXCL-ONE-PRACTITIONER); CCM billed more ' +
    'than once for the same beneficiary-month was the largest overpayment in both OIG audits (R-OIG-2019, R-OIG-2021). Entries that name ' +
    'different NPIs mean either two practitioners are billing or the export is wrong; either way the claim is blocked until it is resolved ' +
    '(D1). Entries without an NPI are not counted as another practitioner.',
  references: ['R-EXCL-ONE-PRACTITIONER', 'R-OIG-2019', 'R-OIG-2021', 'D1'],
  fix: 'Decide which practitioner bills CCM for the month and correct the NPI on the other entries (or move them to that practitioner\'s program).',
  options: z.strictObject({}),
  quotedCells: ['npis'],
  messages: {
    multiple: 'The CCM entries of {month} carry {count} billing NPIs ({npis}); only one practitioner may bill CCM for a patient-month.',
  },
  check({ model, report }) {
    for (const pm of model.patientMonths) {
      // Nearly every month has one NPI: look for a second before counting.
      if (entriesNpi(pm.entries) !== null) continue;
      const byNpi = new Map<string, number>();
      for (const e of pm.entries) if (e.npi !== undefined) byNpi.set(e.npi, (byNpi.get(e.npi) ?? 0) + 1);
      if (byNpi.size < 2) continue;
      const npis = [...byNpi].map(([npi, n]) => `${npi}: ${count(n, 'entry', 'entries')}`).join(', ');
      report({ messageId: 'multiple', data: { month: pm.month, count: byNpi.size, npis }, patientId: pm.patientId, month: pm.month, entries: pm.entries });
    }
  },
});
