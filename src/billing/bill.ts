import type { AuditModel, PatientMonthRef } from '../model/build.js';
import type { Diagnosis, TimeEntry } from '../model/schema.js';
import type { Finding } from '../rules/types.js';
import type { RuleRun } from '../rules/engine.js';
import { MINIMUM_BILLABLE_MINUTES, chooseFamily, type FamilyOption } from './codes.js';
import { claimDiagnoses } from './diagnoses.js';
import { addMinutes, countableMinutes, lastDayOfMonth } from '../model/queries.js';
import { billingPractitioner, claimLines, minutesByPractitioner, newTally, practitionerKey, pricesFor, type MonthTally } from './pricing.js';
import { billCounts, monthEntryFacts, supportedTally } from '../rules/month-entries.js';
import { alreadyBilled } from './already-billed.js';
import { requirementsMetOn } from './requirements-met.js';
import type { BillingOptions, PatientMonth } from './types.js';

/**
 * One PatientMonth per model.patientMonths element, in the same order.
 *
 * Billing trusts the rule results (D1): an entry counts when `run.support` says it is supported, whatever its
 * role, so a configuration that relaxes a rule (e.g. turns off the non-clinical-staff rule) is honoured here.
 * Month-level `error` findings in `run.findings` block the claim; pass only the findings that should block
 * (e.g. without baseline-suppressed ones).
 */
export function bill(model: AuditModel, run: Pick<RuleRun, 'findings' | 'support'>, options: BillingOptions): PatientMonth[] {
  const blockers = blockingRules(run.findings);
  const metOn = options.dateOfService === 'threshold-met' ? requirementsMetOn(model, new Set(options.additionalChronicCodes)) : undefined;
  // One closure for the whole run rather than one per patient-month.
  const counts = billCounts(run.support);
  // The month-level rules tallied every month's entries already (monthMinutes of `counts`): read, not walked again.
  const facts = monthEntryFacts(model, run.support);
  // A patient's months mostly list the same diagnoses: consecutive equal lists share one array.
  let previous: readonly string[] = NONE;
  // One tally for the whole run, refilled for each month: chooseFamily reads it and keeps nothing of it.
  const tally = newTally();
  // A patient's months are listed together: the patient's blockers and problem list are looked up once per
  // patient, not per month (two string-keyed lookups per month: ~40 ms cpu of bill on the 1M-row input).
  let patient: string | undefined;
  let patientBlockers: PatientBlockers | undefined;
  let patientDiagnoses: readonly Diagnosis[] = NO_DIAGNOSES;
  return model.patientMonths.map((pm, position) => {
    if (pm.patientId !== patient) {
      patient = pm.patientId;
      patientBlockers = blockers.get(patient);
      patientDiagnoses = model.diagnosesByPatient.get(patient) ?? NO_DIAGNOSES;
    }
    const billed = billMonth(model, pm, counts, supportedTally(facts, position, tally), patientBlockers, patientDiagnoses, options, metOn, previous);
    previous = billed.diagnoses;
    return billed;
  });
}

/** The empty list every month without blockers (or diagnoses, or claim lines to date) shares. */
const NONE: readonly string[] = Object.freeze([]);

const NO_DIAGNOSES: readonly Diagnosis[] = Object.freeze([]);

/** Sorted rule ids of a patient's month-level errors, by month. */
type PatientBlockers = ReadonlyMap<string, readonly string[]>;

function billMonth(
  model: AuditModel,
  pm: PatientMonthRef,
  /** Whether an entry's minutes count: supported (D1) and countable. */
  counts: (entry: TimeEntry) => boolean,
  /** monthMinutes of the month's entries that `counts` (a scratch tally, see bill). */
  tally: MonthTally,
  /** The patient's month-level errors by month (blockingRules). */
  blockers: PatientBlockers | undefined,
  /** The patient's problem list. */
  diagnoses: readonly Diagnosis[],
  options: BillingOptions,
  metOn: ((pm: PatientMonthRef) => string) | undefined,
  /** The previous month's diagnoses, shared when this month's are the same. */
  previousDiagnoses: readonly string[],
): PatientMonth {
  const price = pricesFor(options, pm.month);
  const option = chooseFamily(tally, price);
  const { lines, total } = claimLines(option, price, option ? lineDates(pm, option, counts, metOn) : NONE);
  const { loggedMinutes, mbi, npi } = tally;
  const supportedMinutes = addMinutes(tally.staff, tally.practitioner);
  // Each month's own list from blockingRules (no copy), or one shared empty list.
  const blockedBy = blockers?.get(pm.month) ?? NONE;
  // `billed` wins over every other status: the claim has gone out, so the month is never revenue to win by
  // fixing an error (blocked) or documenting more time (not billable). A month-level error that stands on it
  // is still listed in blockedBy: it disputes the claim already sent, which is then at risk (billedAtRisk).
  const status = alreadyBilled(model, pm) ? 'billed' : !option ? 'not-billable' : blockedBy.length > 0 ? 'blocked' : 'billable';
  return {
    patientId: pm.patientId,
    mbi,
    month: pm.month,
    status,
    loggedMinutes,
    supportedMinutes,
    countedMinutes: option?.minutes ?? null,
    family: option?.family.family ?? null,
    lines,
    estimatedPayment: total,
    // The claim's date is its base line's; an add-on line may carry a later one (threshold-met).
    dateOfService: lines[0]?.dateOfService ?? null,
    // The one NPI on the month's CCM entries; with none, the configured default. Several NPIs give null rather
    // than a guess: one practitioner per month is multiple-billing-practitioners' business (R-EXCL-ONE-PRACTITIONER).
    billingNpi: npi === undefined ? (options.defaultNpi ?? null) : npi,
    // Under threshold-met, the conditions diagnosed by the claim's date (month-end: the month's, as before).
    diagnoses: claimDiagnoses(diagnoses, pm.month, metOn ? lines[0]?.dateOfService : undefined, previousDiagnoses),
    // Listed for not-billable months too: fixing the time alone would still leave the claim blocked.
    blockedBy,
    minutesShort: option ? null : Math.max(0, MINIMUM_BILLABLE_MINUTES - supportedMinutes),
  };
}

/** Sorted, unique rule ids of month-level errors by patient, then month (D1: they block the claim). */
function blockingRules(findings: readonly Finding[]): Map<string, Map<string, string[]>> {
  const rules = new Map<string, Map<string, string[]>>();
  for (const f of findings) {
    if (f.level !== 'month' || f.severity !== 'error' || f.patientId === null || f.month === null) continue;
    let byMonth = rules.get(f.patientId);
    if (byMonth === undefined) {
      byMonth = new Map();
      rules.set(f.patientId, byMonth);
    }
    const list = byMonth.get(f.month);
    if (list === undefined) byMonth.set(f.month, [f.rule]);
    else if (!list.includes(f.rule)) list.push(f.rule);
  }
  for (const byMonth of rules.values()) for (const list of byMonth.values()) list.sort();
  return rules;
}

/**
 * D6 / R-CLAIM-DOS: the date of service of each of the option's lines. Under month-end, the month's last day for
 * every line (one string: no per-month allocation on the default path). Under threshold-met, the day the
 * cumulative supported minutes first reached what the line needs: the base minimum for the base line, base +
 * units × increment for the add-on line (all its units earned), so no line is dated before the time it bills
 * was spent. Entries count by date, then time-log order; the practitioner family counts only the billing
 * practitioner's own minutes, as monthMinutes does (R-CODE-99491). No line is dated before the day the month's
 * other requirements are met either (`metOn`, requirements-met.ts): consent, two chronic conditions, care plan.
 * `metOn` is given only under threshold-met.
 */
function lineDates(pm: PatientMonthRef, option: FamilyOption, counts: (e: TimeEntry) => boolean, metOn: ((pm: PatientMonthRef) => string) | undefined): string | string[] {
  const end = lastDayOfMonth(pm.month);
  if (metOn === undefined) return end;
  const { base, addOn, practitionerOnly } = option.family;
  const needed = option.lines.map((l, i) => (i === 0 ? base.minutes : base.minutes + l.units * addOn.increment));
  const own = practitionerOnly ? billingPractitioner(minutesByPractitioner(pm.entries, counts))?.key : undefined;
  const relevant = pm.entries
    .filter((e) => counts(e) && (own === undefined || (e.role === 'practitioner' && practitionerKey(e) === own)))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id - b.id));
  // The option exists only when its minutes are met, so each line finds its day; the month end is never reached.
  const dates = needed.map(() => end);
  let total = 0;
  let line = 0;
  for (const entry of relevant) {
    total = addMinutes(total, countableMinutes(entry));
    while (line < needed.length && total >= needed[line]!) dates[line++] = entry.date;
    if (line === needed.length) break;
  }
  const met = metOn(pm);
  return dates.map((date) => (date < met ? met : date));
}
