import { z } from 'zod';
import type { PatientMonthRef } from '../model/build.js';
import type { Consent } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { coversMonth, isDatedAcceptance } from './consent.js';
import { monthEnd, monthStart } from './util.js';

type Reason =
  | { messageId: 'noConsentFile' | 'none' | 'declined' | 'undated' }
  | { messageId: 'afterMonth'; data: { date: string } }
  | { messageId: 'revoked'; data: { date: string } };

/** Why no consent covers the month, most specific first: a revocation or a late date says more than "none". */
function reason(consents: readonly Consent[], month: string, consentFileGiven: boolean): Reason {
  if (consents.length === 0) return { messageId: consentFileGiven ? 'none' : 'noConsentFile' };
  const accepted = consents.filter((c) => !c.declined);
  if (accepted.length === 0) return { messageId: 'declined' };
  const dated = accepted.filter(isDatedAcceptance);
  const revoked = dated.filter((c) => c.date <= monthEnd(month) && c.revokedDate !== undefined && c.revokedDate < monthStart(month));
  const lastRevocation = revoked.map((c) => c.revokedDate!).sort().at(-1);
  if (lastRevocation !== undefined) return { messageId: 'revoked', data: { date: lastRevocation } };
  const firstDate = dated.map((c) => c.date).sort()[0];
  if (firstDate !== undefined) return { messageId: 'afterMonth', data: { date: firstDate } };
  return { messageId: 'undated' };
}

export const missingConsent = defineRule({
  id: 'missing-consent',
  code: 'CCM014',
  severity: 'error',
  level: 'month',
  description: 'No documented patient consent covers the month: none on file, only refusals, dated after the month, or revoked earlier.',
  rationale:
    'Consent (verbal or written) must be documented in the record before CCM starts (R-CONSENT-FORM), including whether the patient ' +
    'accepted or declined (R-CONSENT-CONTENT); it is obtained once, not yearly (R-CONSENT-ONCE), and Noridian requires it in every ADR ' +
    'response (R-CONSENT-ADR). A month is covered by a consent dated on or before its last day, not declined, and not revoked before the ' +
    'month began: a revocation takes effect at the end of its month. A consent with no date cannot be shown to precede the care and does ' +
    'not count. Without a consents input every month is reported: the conservative reading is that consent which is not in evidence was ' +
    'not documented. A month without consent blocks the claim (D1).',
  references: ['R-CONSENT-FORM', 'R-CONSENT-CONTENT', 'R-CONSENT-ONCE', 'R-CONSENT-ADR', 'D1'],
  fix: 'Record the date the patient agreed to CCM in the consent log (and include the consent export in the audit), or do not bill the month.',
  options: z.strictObject({}),
  messages: {
    noConsentFile: 'No consent export was given, so no consent is documented for {month}; CCM cannot be billed without it.',
    none: 'The consent export has no record for this patient, so no consent is documented for {month}.',
    declined: 'The patient\'s consent records are all refusals; CCM cannot be billed for {month}.',
    afterMonth: 'The patient consented on {date}, after {month}; no consent covers that month.',
    revoked: 'The patient revoked consent on {date}, before {month} began; no consent covers that month.',
    undated: 'The patient\'s consent record has no date, so it cannot be shown to cover {month}.',
  },
  check({ model, report }) {
    const consentFileGiven = model.kindsPresent.has('consents');
    const covered = (pm: PatientMonthRef): boolean =>
      (model.consentsByPatient.get(pm.patientId) ?? []).some((c) => isDatedAcceptance(c) && coversMonth(c, pm.month));
    for (const pm of model.patientMonths) {
      if (covered(pm)) continue;
      const r = reason(model.consentsByPatient.get(pm.patientId) ?? [], pm.month, consentFileGiven);
      report({ messageId: r.messageId, data: { month: pm.month, ...('data' in r ? r.data : {}) }, patientId: pm.patientId, month: pm.month, entries: pm.entries });
    }
  },
});
