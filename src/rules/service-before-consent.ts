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
  description: 'A CCM entry is dated before the patient\'s earliest documented consent, or after a revocation or refusal and before the renewed consent.',
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
      'The entry is dated {date}, after the patient revoked consent on {revokedDate} ({revokedRow}) and before consenting again on {consentDate} ({consentRow}); time without consent does not count.',
    afterRefusal:
      'The entry is dated {date}, after the patient declined CCM on {declinedDate} ({declinedRow}) and before consenting again on {consentDate} ({consentRow}); time without consent does not count.',
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
        const base = sourceOf(entry);
        const data = { date: entry.date, consentDate: next.date, consentRow: rowFrom(base, next.source) };
        const ended = latestRevocation(consents, entry.date);
        if (ended === undefined) report({ messageId: 'beforeConsent', data, entries: [entry] });
        else if (ended.refusal !== undefined && !ended.refusal.revocation) {
          // A later record in which the patient declined CCM ended it: not a revocation, say what happened.
          report({ messageId: 'afterRefusal', data: { ...data, declinedDate: ended.revokedDate!, declinedRow: rowFrom(base, ended.refusal.source) }, entries: [entry] });
        } else {
          // Its own revoked column ended it, or a later record worded as a revocation.
          report({ messageId: 'beforeRenewedConsent', data: { ...data, revokedDate: ended.revokedDate!, revokedRow: rowFrom(base, (ended.refusal ?? ended).source) }, entries: [entry] });
        }
      }
    }
  },
});

/** The consent given on or before a day that was revoked last (none when the day precedes every consent). */
function latestRevocation(consents: readonly DatedConsent[], date: string): DatedConsent | undefined {
  let latest: DatedConsent | undefined;
  for (const c of consents) if (c.date <= date && c.revokedDate !== undefined && (latest === undefined || c.revokedDate > latest.revokedDate!)) latest = c;
  return latest;
}
