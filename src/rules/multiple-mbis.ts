import { z } from 'zod';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { entriesByMbi } from './mbi.js';
import { SEVERAL_MBIS_FLAG, monthEntryFacts } from './month-entries.js';
import { describeRows } from './util.js';

export const multipleMbis = defineRule({
  id: 'multiple-mbis',
  code: 'CCM030',
  severity: 'warning',
  level: 'month',
  description: 'A patient-month\'s CCM entries carry two or more different MBIs.',
  rationale:
    'Reviewers first check that the claim is for the correct beneficiary (R-DOC-CHECKLIST), and a claim carries one MBI: with two on a ' +
    'month\'s entries, ccm puts the first one in the time log on the claim, which may be the old one. The reference is silent on an ' +
    'MBI that changes within a month (CMS reissues MBIs, for one after identity theft), so this is a warning for the billing manager ' +
    'to check which MBI is current, not an error that blocks the claim. Two MBIs may also mean two beneficiaries logged under one ' +
    'patient id; the warning names the rows of each. MBIs are compared after removing dashes and spaces and ignoring case; a malformed ' +
    'MBI is left to invalid-mbi.',
  references: ['R-DOC-CHECKLIST'],
  fix:
    'Check the beneficiary\'s current MBI (Medicare card or eligibility response), correct the registration and the other entries, ' +
    'and make sure every entry is this patient\'s.',
  options: z.strictObject({}),
  messages: {
    several:
      'The {month} CCM entries carry {count} different MBIs ({mbis}); the claim takes the first in the time log, so check which is ' +
      'the beneficiary\'s current MBI.',
  },
  check({ model, support, report }) {
    if (!model.hasMbiColumn) return;
    const { flags } = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      if ((flags[i]! & SEVERAL_MBIS_FLAG) === 0) continue;
      const pm = model.patientMonths[i]!;
      const byMbi = entriesByMbi(pm.entries);
      const base = sourceOf(pm.entries[0]!);
      const mbis = [...byMbi].map(([mbi, entries]) => `"${mbi}" (${describeRows(base, entries.map(sourceOf))})`).join(', ');
      report({
        messageId: 'several',
        data: { month: pm.month, count: byMbi.size, mbis },
        // The MBIs are quoted from the export: withheld when redacted, as invalid-mbi's.
        cells: [...byMbi.keys()],
        patientId: pm.patientId,
        month: pm.month,
        entries: [...byMbi.values()].flat().sort((a, b) => a.id - b.id),
      });
    }
  },
});
