import { z } from 'zod';
import { sourceOf, type Consent, type SourceRef } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { anyCoversMonth, countedAcceptances, datedAcceptances, undatedRefusal } from './consent.js';
import { monthEnd, monthStart, perPatient, rowFrom } from './util.js';

type Reason =
  | { messageId: 'noConsentFile' | 'none' | 'declined' | 'undated' }
  | { messageId: 'afterMonth'; data: { date: string } }
  | { messageId: 'revoked'; data: { date: string } }
  | { messageId: 'withdrawn' | 'revokedLater'; data: { date: string; consentRow: string } }
  | { messageId: 'undatedRefusal'; data: { consentRow: string } }
  | { messageId: 'pending' | 'unrecognized'; data: { status: string; consentRow: string } };

/**
 * Why no consent covers the month, most specific first: a revocation or a late date says more than "none",
 * and a status ccm does not read as consent is named, since the record may be a consent worded otherwise.
 */
function reason(consents: readonly Consent[], month: string, consentFileGiven: boolean, base: SourceRef): Reason {
  if (consents.length === 0) return { messageId: consentFileGiven ? 'none' : 'noConsentFile' };
  const notRead = (standing: 'pending' | 'unrecognized'): Reason | undefined => {
    const c = consents.find((x) => x.standing === standing && (x.date === undefined || x.date <= monthEnd(month)));
    return c === undefined ? undefined : { messageId: standing, data: { status: c.status ?? '', consentRow: rowFrom(base, c.source) } };
  };
  const accepted = consents.filter((c) => c.standing === 'accepted');
  if (accepted.length === 0) return notRead('unrecognized') ?? notRead('pending') ?? { messageId: 'declined' };
  const undated = undatedRefusal(consents);
  if (undated !== undefined) return { messageId: 'undatedRefusal', data: { consentRow: rowFrom(base, undated.source) } };
  const dated = datedAcceptances(consents);
  const revoked = dated.filter((c) => c.date <= monthEnd(month) && c.revokedDate !== undefined && c.revokedDate < monthStart(month));
  const last = revoked.reduce<(typeof revoked)[number] | undefined>((a, c) => (a === undefined || c.revokedDate! > a.revokedDate! ? c : a), undefined);
  if (last?.refusal !== undefined) {
    return { messageId: last.refusal.revocation ? 'revokedLater' : 'withdrawn', data: { date: last.revokedDate!, consentRow: rowFrom(base, last.refusal.source) } };
  }
  if (last !== undefined) return { messageId: 'revoked', data: { date: last.revokedDate! } };
  const unread = notRead('unrecognized');
  if (unread !== undefined) return unread;
  const firstDate = dated.map((c) => c.date).sort()[0];
  if (firstDate !== undefined) return { messageId: 'afterMonth', data: { date: firstDate } };
  return { messageId: 'undated' };
}

export const missingConsent = defineRule({
  id: 'missing-consent',
  code: 'CCM014',
  severity: 'error',
  level: 'month',
  description:
    'No documented patient consent covers the month: none on file, only refusals or statuses not read as consent, dated after the month, or revoked earlier.',
  rationale:
    'Consent (verbal or written) must be documented in the record before CCM starts (R-CONSENT-FORM), including whether the patient ' +
    'accepted or declined (R-CONSENT-CONTENT); it is obtained once, not yearly (R-CONSENT-ONCE), and Noridian requires it in every ADR ' +
    'response (R-CONSENT-ADR). A month is covered by a consent dated on or before its last day, not declined, and not revoked before the ' +
    'month began: a revocation takes effect at the end of its month, and so does a dated refusal after an acceptance (the patient ' +
    'stopping CCM), until a later acceptance; a refusal without a date may have ended any acceptance, so none is counted until it is dated. Only a status read as agreement is consent ' +
    '(accepted, yes, consented, signed, agreed, obtained, verbal or written consent, active…): a refusal, a request not yet answered ' +
    '(pending, awaiting signature, sent…) or a status ccm cannot read is not, and the message names the status; the config\'s ' +
    '`consentStatuses` classifies an export\'s own wording. A consent with no date cannot be shown to precede the care and does ' +
    'not count. Without a consents input every month is reported: the conservative reading is that consent which is not in evidence was ' +
    'not documented. A month without consent blocks the claim (D1).',
  references: ['R-CONSENT-FORM', 'R-CONSENT-CONTENT', 'R-CONSENT-ONCE', 'R-CONSENT-ADR', 'D1'],
  fix: 'Record the date the patient agreed to CCM in the consent log (and include the consent export in the audit), or do not bill the month.',
  options: z.strictObject({}),
  quotedCells: ['status'],
  messages: {
    noConsentFile: 'No consent export was given, so no consent is documented for {month}; CCM cannot be billed without it.',
    none: 'The consent export has no record for this patient, so no consent is documented for {month}.',
    declined: 'The patient\'s consent records are all refusals; CCM cannot be billed for {month}.',
    afterMonth: 'The patient consented on {date}, after {month}; no consent covers that month.',
    revoked: 'The patient revoked consent on {date}, before {month} began; no consent covers that month.',
    withdrawn:
      'The patient declined CCM on {date} ({consentRow}), after consenting, and has not consented again; a refusal ends consent at the end of its month, so none covers {month}.',
    revokedLater:
      'The patient revoked consent on {date} ({consentRow}) and has not consented again; a revocation ends consent at the end of its month, so none covers {month}.',
    undated: 'The patient\'s consent record has no date, so it cannot be shown to cover {month}.',
    undatedRefusal:
      'The patient\'s consent records include a refusal without a date ({consentRow}), which may have ended the consent; until it is dated, no consent can be shown to cover {month}.',
    pending: 'The patient\'s consent record ({consentRow}) has status "{status}": consent is not (or not yet) given, so none covers {month}.',
    unrecognized:
      'The patient\'s consent record ({consentRow}) has status "{status}", which is not read as consent, so none covers {month}; if it means the patient agreed, name it in "consentStatuses" in ccm.config.json.',
  },
  check({ model, report }) {
    const consentFileGiven = model.kindsPresent.has('consents');
    const consentsOf = perPatient((patientId) => {
      const consents: readonly Consent[] = model.consentsByPatient.get(patientId) ?? [];
      return { consents, counted: countedAcceptances(consents) };
    });
    for (const pm of model.patientMonths) {
      const { consents, counted } = consentsOf(pm.patientId);
      if (anyCoversMonth(counted, pm.month)) continue;
      const r = reason(consents, pm.month, consentFileGiven, sourceOf(pm.entries[0]!));
      report({ messageId: r.messageId, data: { month: pm.month, ...('data' in r ? r.data : {}) }, patientId: pm.patientId, month: pm.month, entries: pm.entries });
    }
  },
});
