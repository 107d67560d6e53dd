import { CCM_CODES } from './codes.js';
import { patientMonthKey, type AuditModel, type PatientMonthRef } from '../model/build.js';

/**
 * Whether the billed-services export already holds CCM for this patient-month, so a new claim would bill the
 * month twice (the largest overpayment in both OIG audits, R-OIG-2019, R-OIG-2021). Under any NPI: CCM by
 * another practitioner is also why multiple-billing-practitioners blocks the month, but that rule can be
 * turned down in the config or accepted in a baseline, and the month must still never become claim-ready
 * (R-EXCL-ONE-PRACTITIONER).
 */
export function alreadyBilled(model: AuditModel, pm: PatientMonthRef): boolean {
  if (model.servicesByPatientMonth.size === 0) return false;
  const services = model.servicesByPatientMonth.get(patientMonthKey(pm.patientId, pm.month));
  return services !== undefined && services.some((s) => CCM_CODES.has(s.code));
}
