import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { formatMinutes, isAuditedEntry, staffLabel } from './util.js';

export const nonClinicalStaffTime = defineRule({
  id: 'non-clinical-staff-time',
  code: 'CCM008',
  severity: 'error',
  level: 'entry',
  description: 'CCM time logged by non-clinical staff (front desk, billing, schedulers…), which does not count.',
  rationale:
    'Only clinical staff time, under the CPT definition and Medicare incident-to rules, counts toward CCM; other staff may help but their ' +
    'time does not count (R-TIME-STAFF, CMS FAQ). Such minutes are unsupported (D1).',
  references: ['R-TIME-STAFF', 'R-TIME-SUPERVISION', 'D1'],
  fix: 'Remove the time from the CCM log, or, if a clinical staff member did the work, record it under their name and credential.',
  options: z.strictObject({}),
  messages: {
    nonClinical: '{staff} ({credential}) is not clinical staff; their {minutes} minutes do not count toward CCM.',
  },
  check({ model, report }) {
    for (const entry of model.entries) {
      if (!isAuditedEntry(model, entry) || entry.role !== 'non-clinical') continue;
      report({
        messageId: 'nonClinical',
        data: { staff: staffLabel(entry), credential: entry.credential ?? '', minutes: entry.minutes === null ? 0 : formatMinutes(entry.minutes) },
        entries: [entry],
      });
    }
  },
});
