import type { Consent } from '../model/schema.js';
import { monthEnd, monthStart } from './util.js';

/** A consent that can make CCM billable: dated, and not a documented refusal (R-CONSENT-CONTENT). */
export type DatedConsent = Consent & { date: string };

export function isDatedAcceptance(consent: Consent): consent is DatedConsent {
  return !consent.declined && consent.date !== undefined;
}

/** The earliest dated acceptance, the day from which CCM time may count (R-TIME-CONSENT-FIRST). */
export function earliestConsent(consents: readonly Consent[]): DatedConsent | undefined {
  let earliest: DatedConsent | undefined;
  for (const c of consents) if (isDatedAcceptance(c) && (earliest === undefined || c.date < earliest.date)) earliest = c;
  return earliest;
}

/**
 * Whether a consent covers a calendar month: dated on or before the month's end, and not revoked before the
 * month began; a revocation takes effect at the end of the month it was made in (R-CONSENT-CONTENT).
 */
export function coversMonth(consent: DatedConsent, month: string): boolean {
  return consent.date <= monthEnd(month) && (consent.revokedDate === undefined || consent.revokedDate >= monthStart(month));
}
