import { z } from 'zod';
import { isValidMbi } from '../normalize/codes.js';
import { defineRule } from './define-rule.js';
import { isAuditedEntry } from './util.js';

export const invalidMbi = defineRule({
  id: 'invalid-mbi',
  code: 'CCM020',
  severity: 'warning',
  level: 'entry',
  description: 'With an MBI column in the time log, an entry\'s Medicare Beneficiary Identifier is missing or malformed.',
  rationale:
    'Reviewers first check that the claim is for the correct beneficiary (R-DOC-CHECKLIST), and Medicare claims are matched by MBI. A ' +
    'missing or malformed MBI does not impugn the time, so this is a warning, but the claim cannot be sent until it is fixed. The format ' +
    'is CMS\'s: 11 characters, with letters S, L, O, I, B and Z never used. The rule runs only when the time log has an MBI column.',
  references: ['R-DOC-CHECKLIST'],
  fix: 'Correct the patient\'s MBI in the registration system from the Medicare card or the eligibility response.',
  options: z.strictObject({}),
  quotedCells: ['mbi'],
  messages: {
    missing: 'The entry has no MBI; the claim cannot be matched to the beneficiary.',
    malformed: 'The MBI "{mbi}" is not a valid Medicare Beneficiary Identifier (11 characters, no S, L, O, I, B or Z).',
  },
  check({ model, report }) {
    if (!model.hasMbiColumn) return;
    for (const entry of model.entries) {
      if (!isAuditedEntry(model, entry)) continue;
      if (entry.mbi === undefined) report({ messageId: 'missing', entries: [entry] });
      else if (!isValidMbi(entry.mbi)) report({ messageId: 'malformed', data: { mbi: entry.mbi }, entries: [entry] });
    }
  },
});
