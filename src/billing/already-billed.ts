import { CCM_CODES } from './codes.js';
import { patientMonthKey, type AuditModel, type PatientMonthRef } from '../model/build.js';

/**
 * Whether the billed-services export already holds this patient-month's CCM claim, so a new claim would bill
 * the month twice (the largest overpayment in both OIG audits, R-OIG-2019, R-OIG-2021).
 *
 * `npi` is the one NPI the month's CCM entries carry (entriesNpi). A CCM service counts as the month's own
 * claim when it is under that NPI or under none. A service under *another* NPI is the
 * multiple-billing-practitioners rule's business (it blocks the month), so it is not counted here. When the
 * entries carry no single NPI (none, or several), whose claim a billed CCM service is cannot be told: any
 * counts, because the conservative reading is that the month is not to be billed again.
 */
export function alreadyBilled(model: AuditModel, pm: PatientMonthRef, npi: string | null | undefined): boolean {
  if (model.servicesByPatientMonth.size === 0) return false;
  const services = model.servicesByPatientMonth.get(patientMonthKey(pm.patientId, pm.month));
  if (services === undefined) return false;
  return services.some((s) => CCM_CODES.has(s.code) && (!npi || s.npi === undefined || s.npi === npi));
}
