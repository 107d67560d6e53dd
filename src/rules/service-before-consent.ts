import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { earliestConsent, type DatedConsent } from './consent.js';
import { isAuditedEntry, rowFrom } from './util.js';

export const serviceBeforeConsent = defineRule({
  id: 'service-before-consent',
  code: 'CCM013',
  severity: 'error',
  level: 'entry',
  description: 'A CCM entry is dated before the patient\'s earliest documented consent.',
  rationale:
    'Consent must be documented before CCM starts (R-CONSENT-FORM) and time before consent should not be counted (R-TIME-CONSENT-FIRST, ' +
    'a MAC answer not confirmed as a CMS-wide rule; the conservative reading is followed). Entries dated before the earliest dated consent ' +
    'that is not a refusal are unsupported (D1); an entry on the consent date itself counts, since the consent may precede the call that ' +
    'day. A patient with no usable consent at all is left to missing-consent, so the same gap is not reported twice.',
  references: ['R-TIME-CONSENT-FIRST', 'R-CONSENT-FORM', 'D1'],
  fix: 'If consent was obtained earlier, record its real date in the consent log; otherwise remove the time logged before consent from the CCM claim.',
  options: z.strictObject({}),
  messages: {
    beforeConsent: 'The entry is dated {date}, before the patient\'s consent on {consentDate} ({consentRow}); time before consent does not count.',
  },
  check({ model, report }) {
    // Patient by patient: one consent lookup per patient, not per entry.
    for (const [patientId, entries] of model.entriesByPatient) {
      const consent: DatedConsent | undefined = earliestConsent(model.consentsByPatient.get(patientId) ?? []);
      if (consent === undefined) continue;
      for (const entry of entries) {
        if (!isAuditedEntry(model, entry) || entry.date >= consent.date) continue;
        report({
          messageId: 'beforeConsent',
          data: { date: entry.date, consentDate: consent.date, consentRow: rowFrom(entry.source, consent.source) },
          entries: [entry],
        });
      }
    }
  },
});
