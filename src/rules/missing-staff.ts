import { z } from 'zod';
import { credentialQualifier } from '../normalize/roles.js';
import { defineRule } from './define-rule.js';
import { isAuditedEntry } from './util.js';

export const missingStaff = defineRule({
  id: 'missing-staff',
  code: 'CCM007',
  severity: 'error',
  level: 'entry',
  description: 'An entry lacks the staff member\'s name or credential, or carries a credential ccm does not recognise or that is negated or qualified away ("Former RN").',
  rationale:
    'Only clinical staff (or the billing practitioner) time counts toward CCM (R-TIME-STAFF). Without a name and a recognised credential ' +
    'a reviewer cannot tell who did the work or whether their time counts, and a defensible entry names the staff member and credential ' +
    '(R-DOC-ENTRY). The conservative reading is that such time is unsupported (D1). A credential the built-in table does not know is ' +
    'reported rather than guessed; the config file\'s `credentials` map classifies it. So is a clinical credential negated or qualified away ' +
    '("Not RN", "Former RN", "RN (license pending)", "RN - inactive license"): incident-to time needs current licensure (R-TIME-STAFF).',
  references: ['R-TIME-STAFF', 'R-DOC-ENTRY', 'D1'],
  fix: 'Fill in the staff name and credential in the export, or classify an unrecognised credential in the `credentials` map of ccm.config.json (e.g. {"Care Coordinator": "clinical-staff"}).',
  options: z.strictObject({}),
  quotedCells: ['credential'],
  messages: {
    noStaff: 'The entry names no staff member, so nobody can be shown to have done the work.',
    noCredential: '{staff} has no credential on the entry, so it cannot be shown that clinical staff did the work.',
    unknownCredential: 'The credential "{credential}" of {staff} is not recognised, so it cannot be shown that clinical staff did the work.',
    qualifiedCredential:
      'The credential "{credential}" of {staff} names a clinical role but says "{qualifier}", so it cannot be shown that clinical staff did the work.',
  },
  check({ model, report }) {
    for (const entry of model.entries) {
      if (!isAuditedEntry(model, entry)) continue;
      if (entry.staff === undefined) report({ messageId: 'noStaff', entries: [entry] });
      else if (entry.credential === undefined) report({ messageId: 'noCredential', data: { staff: entry.staff }, entries: [entry] });
      else if (entry.role === 'unknown') {
        // "Former RN", "Not RN": known words, taken away; saying "not recognised" would send the reader to the config.
        const qualifier = credentialQualifier(entry.credential);
        if (qualifier !== undefined) report({ messageId: 'qualifiedCredential', data: { staff: entry.staff, credential: entry.credential, qualifier }, entries: [entry] });
        else report({ messageId: 'unknownCredential', data: { staff: entry.staff, credential: entry.credential }, entries: [entry] });
      }
    }
  },
});
