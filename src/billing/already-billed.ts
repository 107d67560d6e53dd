import type { BilledService } from '../model/schema.js';
import { CCM_CODES } from './codes.js';
import { patientMonthKey, type AuditModel, type PatientMonthRef } from '../model/build.js';
import { entriesNpi } from '../model/queries.js';
import type { PatientMonth } from './types.js';

const NONE: readonly BilledService[] = [];

/** The billed-services export's CCM rows for a patient-month, under any NPI (none without that export). */
export function ccmServices(model: AuditModel, pm: Pick<PatientMonthRef, 'patientId' | 'month'>): readonly BilledService[] {
  if (model.servicesByPatientMonth.size === 0) return NONE;
  const services = model.servicesByPatientMonth.get(patientMonthKey(pm.patientId, pm.month));
  return services === undefined ? NONE : services.filter((s) => CCM_CODES.has(s.code));
}

/**
 * The month's billed CCM split by practitioner (R-EXCL-ONE-PRACTITIONER). `own` is the claim the month's
 * entries stand behind: the rows under the entries' one NPI or under none (a row without an NPI is taken to be
 * the practice's own claim), or every row when the entries name no single NPI and the rows name at most one.
 * `others` are the rows under another NPI than the entries' one. `own` is null when the entries name no single
 * NPI and the rows name two or more: two practitioners' claims, and no telling which one the minutes are for.
 * Both of those are multiple-billing-practitioners' error.
 */
export interface BilledClaims {
  own: readonly BilledService[] | null;
  others: readonly BilledService[];
}

export function billedClaims(model: AuditModel, pm: PatientMonthRef): BilledClaims {
  const services = ccmServices(model, pm);
  if (services.length === 0) return { own: NONE, others: NONE };
  const npi = entriesNpi(pm.entries);
  if (npi) {
    const others = services.filter((s) => s.npi !== undefined && s.npi !== npi);
    return others.length === 0 ? { own: services, others: NONE } : { own: services.filter((s) => !others.includes(s)), others };
  }
  return { own: serviceNpis(services).length > 1 ? null : services, others: NONE };
}

/** The distinct NPIs the rows bill under, in row order (rows without one are left out). */
export function serviceNpis(services: readonly BilledService[]): string[] {
  return [...new Set(services.flatMap((s) => (s.npi === undefined ? [] : [s.npi])))];
}

/**
 * Whether the billed-services export already holds CCM for this patient-month, so a new claim would bill the
 * month twice (the largest overpayment in both OIG audits, R-OIG-2019, R-OIG-2021). Under any NPI: CCM by
 * another practitioner is also why multiple-billing-practitioners blocks the month, but that rule can be
 * turned down in the config or accepted in a baseline, and the month must still never become claim-ready
 * (R-EXCL-ONE-PRACTITIONER).
 */
export function alreadyBilled(model: AuditModel, pm: PatientMonthRef): boolean {
  return ccmServices(model, pm).length > 0;
}

/**
 * A billed month on which a month-level error stands (unsupported codes, no consent, a second practitioner…):
 * the claim already sent does not hold up and is at risk of recoupment. It is no revenue to win by fixing:
 * the fix is a corrected claim or a refund, and a consultant's pre-audit review needs to see it.
 */
export function billedAtRisk(pm: Pick<PatientMonth, 'status' | 'blockedBy'>): boolean {
  return pm.status === 'billed' && pm.blockedBy.length > 0;
}
