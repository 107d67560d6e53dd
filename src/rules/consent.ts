import type { Consent } from '../model/schema.js';
import { monthEnd, monthStart } from './util.js';

/** A consent that can make CCM billable: dated, and read as agreement (R-CONSENT-CONTENT). */
export type DatedConsent = Consent & { date: string };

/**
 * Only a status read as agreement is consent: a refusal is not, and neither is a pending request or a status
 * ccm cannot read (counting either on a guess would bill without documented consent; missing-consent says which).
 */
export function isDatedAcceptance(consent: Consent): consent is DatedConsent {
  return consent.standing === 'accepted' && consent.date !== undefined;
}

/** A patient's dated acceptances, earliest first. */
export function datedAcceptances(consents: readonly Consent[]): DatedConsent[] {
  return consents.filter(isDatedAcceptance).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/**
 * Whether a consent covers a calendar month: dated on or before the month's end, and not revoked before the
 * month began; a revocation takes effect at the end of the month it was made in (R-CONSENT-CONTENT).
 */
export function coversMonth(consent: DatedConsent, month: string): boolean {
  return consent.date <= monthEnd(month) && (consent.revokedDate === undefined || consent.revokedDate >= monthStart(month));
}

/** Whether CCM time on a day counts under a consent: given on or before the day, and covering the day's month. */
export function inForceOn(consent: DatedConsent, date: string): boolean {
  // The month is cut only for a revoked consent: this runs for every entry.
  return consent.date <= date && (consent.revokedDate === undefined || coversMonth(consent, date.slice(0, 7)));
}
