import type { Consent } from '../model/schema.js';
import { monthEnd, monthStart } from './util.js';

/**
 * A consent that can make CCM billable: dated, and read as agreement (R-CONSENT-CONTENT). `refusal` is the
 * later refusal record that ended it, when its `revokedDate` comes from one rather than from its own revoked
 * column.
 */
export type DatedConsent = Consent & { date: string; refusal?: Consent };

/**
 * Only a status read as agreement is consent: a refusal is not, and neither is a pending request or a status
 * ccm cannot read (counting either on a guess would bill without documented consent; missing-consent says which).
 */
function isDatedAcceptance(consent: Consent): consent is DatedConsent {
  return consent.standing === 'accepted' && consent.date !== undefined;
}

/** Per patient's consent list (the model's, one array per patient): rules ask for it month by month. */
const acceptancesOf = new WeakMap<readonly Consent[], readonly DatedConsent[]>();

/**
 * A patient's dated acceptances, earliest first, each ended by the first dated refusal on or after its date.
 * A patient who declines after consenting is stopping CCM, which takes effect at the end of that calendar month
 * (R-CONSENT-CONTENT), like a revocation; a refusal before an acceptance is followed by a new consent and ends
 * nothing. A refusal on the day of the acceptance ends it too (their order that day is unknown: the
 * conservative reading). An undated refusal cannot be placed here; missing-consent counts no acceptance while
 * one stands.
 */
export function datedAcceptances(consents: readonly Consent[]): readonly DatedConsent[] {
  let acceptances = acceptancesOf.get(consents);
  if (acceptances === undefined) {
    const refusals = consents.filter((c): c is DatedConsent => c.standing === 'declined' && c.date !== undefined).sort(byDate);
    acceptances = consents
      .filter(isDatedAcceptance)
      .map((c) => endedByRefusal(c, refusals))
      .sort(byDate);
    acceptancesOf.set(consents, acceptances);
  }
  return acceptances;
}

function endedByRefusal(consent: DatedConsent, refusals: readonly DatedConsent[]): DatedConsent {
  const refusal = refusals.find((r) => r.date >= consent.date);
  if (refusal === undefined || (consent.revokedDate !== undefined && consent.revokedDate <= refusal.date)) return consent;
  return { ...consent, revokedDate: refusal.date, refusal };
}

function byDate(a: DatedConsent, b: DatedConsent): number {
  return a.date < b.date ? -1 : a.date > b.date ? 1 : 0;
}

/**
 * Whether a consent covers a calendar month: dated on or before the month's end, and not revoked before the
 * month began; a revocation takes effect at the end of the month it was made in (R-CONSENT-CONTENT).
 */
export function coversMonth(consent: DatedConsent, month: string): boolean {
  return consent.date <= monthEnd(month) && (consent.revokedDate === undefined || consent.revokedDate >= monthStart(month));
}

/**
 * Whether one of the consents covers the month (coversMonth). Asked for each of 330,000 patient-months of a
 * million-row log: a loop, not some() with a closure made per month.
 */
export function anyCoversMonth(consents: readonly DatedConsent[], month: string): boolean {
  for (let i = 0; i < consents.length; i++) if (coversMonth(consents[i]!, month)) return true;
  return false;
}

/**
 * Whether a consent covers every day of a calendar month: given by its first day and not revoked before it. Then
 * inForceOn holds for every day of the month, and a month's entries need not be compared one by one.
 */
export function coversWholeMonth(consent: DatedConsent, month: string): boolean {
  const start = monthStart(month);
  return consent.date <= start && (consent.revokedDate === undefined || consent.revokedDate >= start);
}

/** Whether one of the consents covers every day of the month (coversWholeMonth), in a loop as anyCoversMonth. */
export function anyCoversWholeMonth(consents: readonly DatedConsent[], month: string): boolean {
  for (let i = 0; i < consents.length; i++) if (coversWholeMonth(consents[i]!, month)) return true;
  return false;
}

/** Whether CCM time on a day counts under a consent: given on or before the day, and covering the day's month. */
export function inForceOn(consent: DatedConsent, date: string): boolean {
  // The month is cut only for a revoked consent: this runs for every entry.
  return consent.date <= date && (consent.revokedDate === undefined || coversMonth(consent, date.slice(0, 7)));
}

/**
 * Whether a consent is one to the practitioner billing under `npi`: it names that NPI, or none (a consent
 * without an NPI covers any practitioner). A patient who changes billing practitioner consents again (R-CONSENT-ONCE).
 */
export function coversPractitioner(consent: Consent, npi: string): boolean {
  return consent.npi === undefined || consent.npi === npi;
}

/**
 * A refusal without a date, beside an acceptance: it cannot be placed before or after the acceptance, so it may
 * have ended it; no month is taken as covered until it is dated (the conservative reading, D1).
 */
export function undatedRefusal(consents: readonly Consent[]): Consent | undefined {
  return consents.find((c) => c.standing === 'declined' && c.date === undefined);
}

/** Whether a patient's consent records cover the month (missing-consent's test). */
export function consentCovers(consents: readonly Consent[], month: string): boolean {
  return anyCoversMonth(countedAcceptances(consents), month);
}

/** The acceptances that can cover a month (consentCovers): none while a refusal without a date stands. */
export function countedAcceptances(consents: readonly Consent[]): readonly DatedConsent[] {
  return undatedRefusal(consents) === undefined ? datedAcceptances(consents) : [];
}
