import { groupBy, type AuditModel, type PatientMonthRef } from '../model/build.js';
import { carePlanInPlace, enoughChronicConditions, lastDayOfMonth } from '../model/queries.js';
import { monthStart } from '../normalize/dates.js';
import { datedAcceptances, inForceOn } from '../rules/consent.js';

/**
 * For `--dos threshold-met`: the first day of a patient-month on which every month-level requirement ccm checks
 * holds, each by its rule's own test asked of a day instead of the month: consent in force (missing-consent),
 * two chronic conditions diagnosed by their onset dates (insufficient-chronic-conditions, with its
 * `additionalChronicCodes`), and a care plan in place when the care-plan export was given (missing-care-plan).
 * R-CLAIM-DOS's threshold date presumes the service is then complete; CCM is time for a patient with two chronic
 * conditions and an established care plan (R-ELIG-CCM, R-PLAN-REQUIRED), so a claim dated earlier would assert a
 * billable service on a day it was not one. The reference is silent on dates within the month: this is the
 * conservative reading. A requirement that never holds in the month does not move the date: its rule reports
 * the month and blocks the claim, or was turned off (D1).
 */
export function requirementsMetOn(model: AuditModel, additionalChronic: ReadonlySet<string>): (pm: PatientMonthRef) => string {
  const plansByPatient = groupBy(model.carePlans, (plan) => plan.patientId);
  const plansGiven = model.kindsPresent.has('carePlans');
  return (pm) => {
    const { month } = pm;
    const consents = datedAcceptances(model.consentsByPatient.get(pm.patientId) ?? []);
    const diagnoses = model.diagnosesByPatient.get(pm.patientId) ?? [];
    const plans = plansByPatient.get(pm.patientId) ?? [];
    let met = monthStart(month);
    for (const day of [
      firstDay(month, consents.map((c) => c.date), (d) => consents.some((c) => inForceOn(c, d))),
      firstDay(month, diagnoses.map((x) => x.onsetDate), (d) => enoughChronicConditions(diagnoses, month, additionalChronic, d)),
      plansGiven ? firstDay(month, plans.map((p) => p.date), (d) => carePlanInPlace(plans, month, d)) : undefined,
    ]) {
      if (day !== undefined && day > met) met = day;
    }
    return met;
  };
}

/**
 * The first day of the month on which `holds` does, or undefined when it never does. Each test can only change
 * on one of `dates` (a consent, onset or plan date), so only the month's first day and those within it are tried.
 */
function firstDay(month: string, dates: readonly (string | undefined)[], holds: (day: string) => boolean): string | undefined {
  const start = monthStart(month);
  const end = lastDayOfMonth(month);
  const within = new Set(dates.filter((d): d is string => d !== undefined && d > start && d <= end));
  return [start, ...[...within].sort()].find(holds);
}
