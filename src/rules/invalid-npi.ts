import { z } from 'zod';
import { isValidNpi } from '../normalize/codes.js';
import { defineRule } from './define-rule.js';
import { isAuditedEntry } from './util.js';

export const invalidNpi = defineRule({
  id: 'invalid-npi',
  code: 'CCM019',
  severity: 'warning',
  level: 'entry',
  description: 'An entry\'s billing NPI is not 10 digits or fails the NPI check digit.',
  rationale:
    'The claim goes out under the billing practitioner\'s NPI (R-ELIG-BILLER), and one practitioner per patient-month is checked by NPI ' +
    '(R-EXCL-ONE-PRACTITIONER). A wrong NPI does not impugn the time that was spent, so the minutes still count and this is a warning; but ' +
    'the claim will be rejected until the NPI is corrected. The check digit is the Luhn digit over 80840 and the first nine digits, as CMS ' +
    'specifies. Entries without an NPI are not reported (billing may use a default NPI).',
  references: ['R-ELIG-BILLER', 'R-EXCL-ONE-PRACTITIONER'],
  fix: 'Correct the billing NPI in the source system (look it up in the NPPES registry) before the claim is sent.',
  options: z.strictObject({}),
  quotedCells: ['npi'],
  messages: {
    format: 'The billing NPI "{npi}" is not 10 digits; the time counts, but the claim needs a valid NPI.',
    checkDigit: 'The billing NPI "{npi}" fails the NPI check digit (likely a typo); the time counts, but the claim needs a valid NPI.',
  },
  check({ model, report }) {
    // A practice has a handful of NPIs on a million rows: check each value once.
    const valid = new Map<string, boolean>();
    for (const entry of model.entries) {
      const npi = entry.npi;
      if (npi === undefined || !isAuditedEntry(model, entry)) continue;
      let ok = valid.get(npi);
      if (ok === undefined) {
        ok = isValidNpi(npi);
        valid.set(npi, ok);
      }
      if (ok) continue;
      report({ messageId: /^\d{10}$/.test(npi) ? 'checkDigit' : 'format', data: { npi }, entries: [entry] });
    }
  },
});
