import { z } from 'zod';
import { claimNpi } from '../model/queries.js';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { anyCoversWholeMonth, coversPractitioner, datedAcceptances, inForceOn, type DatedConsent } from './consent.js';
import { perPatient, publicNpi, rowFrom } from './util.js';

export const serviceBeforeConsent = defineRule({
  id: 'service-before-consent',
  code: 'CCM013',
  severity: 'error',
  level: 'entry',
  description:
    'A CCM entry is dated before the patient\'s earliest documented consent (to the practitioner the month bills under, when one names that NPI), or after a revocation or refusal and before the renewed consent.',
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
  quotedCells: ['npi', 'otherNpi'],
  messages: {
    beforeConsent: 'The entry is dated {date}, before the patient\'s consent on {consentDate} ({consentRow}); time before consent does not count.',
    beforeRenewedConsent:
      'The entry is dated {date}, after the patient revoked consent on {revokedDate} ({revokedRow}) and before consenting again on {consentDate} ({consentRow}); time without consent does not count.',
    afterRefusal:
      'The entry is dated {date}, after the patient declined CCM on {declinedDate} ({declinedRow}) and before consenting again on {consentDate} ({consentRow}); time without consent does not count.',
    beforePractitionerConsent:
      'The entry is dated {date}, before the patient\'s consent on {consentDate} ({consentRow}) to NPI {npi}, which the month\'s CCM time bills under; the earlier consent ({otherRow}) names NPI {otherNpi}, and a patient who changes billing practitioner must consent again.',
  },
  check({ model, defaultNpi, report }) {
    // Month by month (the audited ones, CCM entries only): the billing practitioner is the month's.
    const consentsOf = perPatient((patientId) => {
      const all = datedAcceptances(model.consentsByPatient.get(patientId) ?? []);
      // Consents that all name one NPI, or none, are all the practitioner's or none of them are: every one
      // is compared either way, and the month's NPI need not be worked out.
      return { all, severalNpis: all.some((c) => c.npi !== all[0]!.npi) };
    });
    for (const pm of model.patientMonths) {
      const { all, severalNpis } = consentsOf(pm.patientId);
      if (all.length === 0) continue;
      // The consents for the practitioner billing the month, as consent-other-practitioner names it (the entries'
      // one NPI, else billing.defaultNpi); none of them at all is that rule's warning, and every consent is compared as before.
      const npi = severalNpis ? claimNpi(pm.entries, defaultNpi) : undefined;
      const own = npi ? all.filter((c) => coversPractitioner(c, npi)) : all;
      const consents = own.length > 0 ? own : all;
      // Nearly every month has a consent in force from its first day: comparing each of its entries with each
      // consent was most of the rule's time.
      if (anyCoversWholeMonth(consents, pm.month)) continue;
      for (const entry of pm.entries) {
        if (consents.some((c) => inForceOn(c, entry.date))) continue;
        const next = consents.find((c) => c.date > entry.date);
        if (next === undefined) continue; // revoked and never renewed: missing-consent reports the months
        const base = sourceOf(entry);
        const data = { date: entry.date, consentDate: next.date, consentRow: rowFrom(base, next.source) };
        const ended = latestRevocation(consents, entry.date);
        // A consent to another practitioner in force that day: the patient changed practitioner and consented late.
        const other = consents === all ? undefined : all.find((c) => inForceOn(c, entry.date));
        if (ended === undefined && other !== undefined && npi) {
          report({
            messageId: 'beforePractitionerConsent',
            data: { ...data, npi, otherRow: rowFrom(base, other.source), otherNpi: other.npi! }, // one without an NPI would be in `own`
            redactedData: { npi: publicNpi(npi), otherNpi: publicNpi(other.npi!) },
            entries: [entry],
          });
        } else if (ended === undefined) report({ messageId: 'beforeConsent', data, entries: [entry] });
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
