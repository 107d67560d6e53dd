import { z } from 'zod';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { datedAcceptances, inForceOn, type DatedConsent } from './consent.js';
import { isAuditedEntry, rowFrom } from './util.js';

export const serviceBeforeConsent = defineRule({
  id: 'service-before-consent',
  code: 'CCM013',
  severity: 'error',
  level: 'entry',
  description: 'A CCM entry is dated before the patient\'s earliest documented consent, or after a revocation and before the renewed consent.',
  rationale:
    'Consent must be documented before CCM starts (R-CONSENT-FORM) and time before consent should not be counted (R-TIME-CONSENT-FIRST, ' +
    'a MAC answer not confirmed as a CMS-wide rule; the conservative reading is followed). Entries dated before the earliest dated consent ' +
    'that is not a refusal are unsupported (D1); an entry on the consent date itself counts, since the consent may precede the call that ' +
    'day. A revocation ends consent at the end of its month (R-CONSENT-CONTENT), as does a dated refusal after an acceptance, so after it the same applies to the renewed consent: time ' +
    'logged before the patient consented again does not count. A patient with no usable consent at all, or whose revoked consent was never ' +
    'renewed, is left to missing-consent, which reports the months.',
  references: ['R-TIME-CONSENT-FIRST', 'R-CONSENT-FORM', 'R-CONSENT-CONTENT', 'D1'],
  fix: 'If consent was obtained earlier, record its real date in the consent log; otherwise remove the time logged before consent from the CCM claim.',
  options: z.strictObject({}),
  messages: {
    beforeConsent: 'The entry is dated {date}, before the patient\'s consent on {consentDate} ({consentRow}); time before consent does not count.',
    beforeRenewedConsent:
      'The entry is dated {date}, after the patient revoked consent on {revokedDate} and before consenting again on {consentDate} ({consentRow}); time without consent does not count.',
  },
  check({ model, report }) {
    // Patient by patient: one consent list per patient, not per entry.
    for (const [patientId, entries] of model.entriesByPatient) {
      const consents = datedAcceptances(model.consentsByPatient.get(patientId) ?? []);
      if (consents.length === 0) continue;
      for (const entry of entries) {
        if (!isAuditedEntry(model, entry) || consents.some((c) => inForceOn(c, entry.date))) continue;
        const next = consents.find((c) => c.date > entry.date);
        if (next === undefined) continue; // revoked and never renewed: missing-consent reports the months
        const data = { date: entry.date, consentDate: next.date, consentRow: rowFrom(sourceOf(entry), next.source) };
        const revokedDate = latestRevocation(consents, entry.date);
        if (revokedDate === undefined) report({ messageId: 'beforeConsent', data, entries: [entry] });
        else report({ messageId: 'beforeRenewedConsent', data: { ...data, revokedDate }, entries: [entry] });
      }
    }
  },
});

/** The last revocation of the consents given on or before a day (none when the day precedes every consent). */
function latestRevocation(consents: readonly DatedConsent[], date: string): string | undefined {
  let latest: string | undefined;
  for (const c of consents) if (c.date <= date && c.revokedDate !== undefined && (latest === undefined || c.revokedDate > latest)) latest = c.revokedDate;
  return latest;
}
