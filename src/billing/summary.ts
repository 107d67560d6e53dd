import type { AuditSummary } from '../audit-types.js';
import { patientMonthKey, type AuditModel, type PatientMonthRef } from '../model/build.js';
import type { TimeEntry } from '../model/schema.js';
import type { RuleRun } from '../rules/engine.js';
import { SEVERITIES, type Severity, type SupportView } from '../rules/types.js';
import { roundCents } from './codes.js';
import { countableMinutes, lastDayOfMonth } from '../model/queries.js';
import { isValidNpi } from '../normalize/codes.js';
import { bestOption, claimLines, pricesFor } from './pricing.js';
import { billedAtRisk, ccmServices } from './already-billed.js';
import type { BillingOptions, PatientMonth, PatientMonthStatus } from './types.js';

/**
 * The audit's headline numbers. `run.findings` are the findings the report shows (after any baseline);
 * `run.support` tells which entries' minutes counted (D1). `options.fees` must be the schedule bill() used, so
 * the what-if figures are priced like the claim lines.
 */
export function summarize(
  model: AuditModel,
  patientMonths: readonly PatientMonth[],
  run: Pick<RuleRun, 'findings' | 'support'>,
  suppressed: number,
  options: Pick<BillingOptions, 'fees'>,
): AuditSummary {
  const refs = refLookup(model.patientMonths);
  const byStatus: Record<PatientMonthStatus, number> = { billable: 0, billed: 0, blocked: 0, 'not-billable': 0 };
  const revenue = { ready: 0, billed: 0, blocked: 0, notBillable: 0 };
  const incomplete = { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 };
  const atRisk = { patientMonths: 0, billedAmount: 0 };
  const validNpi = npiValidity();
  const patients = patientCounter();
  for (let i = 0; i < patientMonths.length; i++) {
    const pm = patientMonths[i]!;
    patients.add(pm.patientId);
    byStatus[pm.status]++;
    if (pm.status === 'billable') {
      revenue.ready += pm.estimatedPayment;
      // A claim cannot go out without a billing NPI and at least one diagnosis code.
      if (pm.billingNpi === null) incomplete.noBillingNpi++;
      // Nor with one a payer rejects: not 10 digits or failing the check digit (invalid-npi names the rows).
      else if (!validNpi(pm.billingNpi)) incomplete.invalidBillingNpi++;
      if (pm.diagnoses.length === 0) incomplete.noDiagnoses++;
    }
    else if (pm.status === 'billed') {
      revenue.billed += pm.estimatedPayment;
      if (billedAtRisk(pm)) {
        atRisk.patientMonths++;
        atRisk.billedAmount += billedAmount(model, pm, options);
      }
    }
    else if (pm.status === 'blocked') revenue.blocked += pm.estimatedPayment;
    else revenue.notBillable += loggedPotential(refs(pm, i), options);
  }

  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  const byRule = new Map<string, number>();
  for (const f of run.findings) {
    bySeverity[f.severity]++;
    byRule.set(f.rule, (byRule.get(f.rule) ?? 0) + 1);
  }

  return {
    patients: patients.size,
    patientMonths: byStatus,
    findingsBySeverity: bySeverity,
    findingsByRule: Object.fromEntries([...byRule].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    estimatedRevenue: { ready: roundCents(revenue.ready), billed: roundCents(revenue.billed), blocked: roundCents(revenue.blocked), notBillable: roundCents(revenue.notBillable) },
    billedAtRisk: { patientMonths: atRisk.patientMonths, billedAmount: roundCents(atRisk.billedAmount) },
    topFixes: topFixes(patientMonths, model.patientMonths, run.support, options),
    suppressed,
    incompleteClaims: incomplete,
  };
}

/**
 * isValidNpi, remembered per NPI: asked for every claim-ready month (~290k on the 1M-row input) about a few
 * practitioners' NPIs, where the pattern and check digit took ~30 ms.
 */
function npiValidity(): (npi: string) => boolean {
  const valid = new Map<string, boolean>();
  return (npi) => {
    let answer = valid.get(npi);
    if (answer === undefined) valid.set(npi, (answer = isValidNpi(npi)));
    return answer;
  };
}

/**
 * Distinct patients, counted in summarize's one walk over the months (a walk of its own over 329,245 months
 * cost ~8 ms on the 1M-row input). bill() lists a patient's months together, so a repeat of the last one is
 * passed over cheaply.
 */
function patientCounter(): { add(patientId: string): void; readonly size: number } {
  const patients = new Set<string>();
  let last: string | undefined;
  return {
    add(patientId) {
      if (patientId === last) return;
      patients.add(patientId);
      last = patientId;
    },
    get size() {
      return patients.size;
    },
  };
}

/**
 * The model's patient-month behind the billed one at `position`. bill() returns them in the model's order, so
 * the one at the same position is nearly always it; a keyed map is built only for lists in another order. Asked
 * only for the months whose entries are needed (not-billable ones, ones with excluded minutes): the model's
 * months lie apart from the billed ones in the heap, and reading each of them cost ~40 ms on the 1M-row input.
 */
function refLookup(refs: readonly PatientMonthRef[]): (pm: PatientMonth, position: number) => PatientMonthRef | undefined {
  let byKey: Map<string, PatientMonthRef> | undefined;
  return (pm, position) => {
    const next = refs[position];
    if (next !== undefined && next.patientId === pm.patientId && next.month === pm.month) return next;
    byKey ??= new Map(refs.map((ref) => [patientMonthKey(ref.patientId, ref.month), ref]));
    return byKey.get(patientMonthKey(pm.patientId, pm.month));
  };
}

/**
 * The estimated amount of the CCM codes the billed-services export bills for the month, under any NPI: what a
 * recoupment of a claim at risk would take back (the claims as billed, not what the minutes earn).
 */
function billedAmount(model: AuditModel, pm: PatientMonth, options: Pick<BillingOptions, 'fees'>): number {
  const price = pricesFor(options, pm.month);
  return ccmServices(model, pm).reduce((sum, s) => sum + roundCents(price(s.code) * s.units), 0);
}

/**
 * What a not-billable month would earn if every logged minute were supported: the revenue lost to
 * documentation problems. Every role but the practitioner's counts as staff time here, by design.
 */
function loggedPotential(ref: PatientMonthRef | undefined, options: Pick<BillingOptions, 'fees'>): number {
  if (!ref) return 0;
  const price = pricesFor(options, ref.month);
  // Only the total is used: any date of the month prices the same (the month's year), so the month end.
  return claimLines(bestOption(ref.entries, isCountable, price), price, lastDayOfMonth(ref.month)).total;
}

/**
 * Revenue at stake per rule. A blocked month's whole payment is at stake for every rule blocking it (D1).
 * For excluded entries, each excluding rule is charged what the month would gain if the entries *it*
 * excluded were supported (priced against the actual payment); an entry excluded by two rules counts for
 * both, as fixing either is part of recovering it. Months are counted once per rule; already-billed months
 * not at all.
 */
function topFixes(
  patientMonths: readonly PatientMonth[],
  refs: readonly PatientMonthRef[],
  support: SupportView,
  options: Pick<BillingOptions, 'fees'>,
): AuditSummary['topFixes'] {
  // Each patient-month is visited once, so a rule counts it once by remembering the last month it counted.
  const stakes = new Map<string, { revenue: number; months: number; last: PatientMonth | undefined }>();
  const add = (rule: string, pm: PatientMonth, amount: number): void => {
    if (amount <= 0) return;
    let stake = stakes.get(rule);
    if (!stake) stakes.set(rule, (stake = { revenue: 0, months: 0, last: undefined }));
    stake.revenue += amount;
    if (stake.last !== pm) stake.months++;
    stake.last = pm;
  };

  const refFor = refLookup(refs);
  for (let i = 0; i < patientMonths.length; i++) {
    const pm = patientMonths[i]!;
    // The claim for an already-billed month has gone out: nothing of it is held back by a fix here, not even
    // when an error stands on it (a claim at risk, summarized as billedAtRisk), and a shortfall against its
    // minutes is missed-revenue's business, a corrected claim, not new revenue.
    if (pm.status === 'billed') continue;
    if (pm.status === 'blocked') for (const rule of pm.blockedBy) add(rule, pm, pm.estimatedPayment);
    // Every minute counted (bill() adds each entry's minutes to both totals or to the logged one only): no
    // entry was excluded, and no need to look at the entries.
    if (pm.supportedMinutes === pm.loggedMinutes) continue;
    const ref = refFor(pm, i);
    if (!ref) continue;
    const rules = excludingRules(ref.entries, support);
    const price = pricesFor(options, pm.month);
    for (const rule of rules) {
      // With one excluding rule, releasing its entries releases every excluded one: all countable minutes count.
      const counts = rules.length === 1 ? isCountable : (e: TimeEntry): boolean => isCountable(e) && (support.isSupported(e) || excludes(support, e, rule));
      const potential = claimLines(bestOption(ref.entries, counts, price), price, lastDayOfMonth(pm.month)).total;
      add(rule, pm, roundCents(potential - pm.estimatedPayment));
    }
  }

  return [...stakes]
    .map(([rule, s]) => ({ rule, patientMonths: s.months, revenueAtStake: roundCents(s.revenue) }))
    .filter((f) => f.revenueAtStake > 0)
    .sort((a, b) => b.revenueAtStake - a.revenueAtStake || (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0));
}

/**
 * The rules that exclude a countable entry of the month, each once, in order of the entries and their
 * exclusions. Written as loops into one reused list (the caller reads it before asking again): ~31,000 months
 * of the 1M-row input have excluded minutes, and the filter, flatMaps, Set and per-rule Set of released entries
 * made for each of them cost the summary ~50 ms cpu (~190 -> ~140 ms).
 */
function excludingRules(entries: readonly TimeEntry[], support: SupportView): readonly string[] {
  scratchRules.length = 0;
  for (const e of entries) {
    if (support.isSupported(e) || !isCountable(e)) continue;
    for (const f of support.exclusions(e)) if (!scratchRules.includes(f.rule)) scratchRules.push(f.rule);
  }
  return scratchRules;
}

const scratchRules: string[] = [];

/** Whether the entry has minutes to count (one function, not a closure per month). */
function isCountable(e: TimeEntry): boolean {
  return countableMinutes(e) > 0;
}

/** Whether `rule` is among the findings that exclude the entry's minutes. */
function excludes(support: SupportView, e: TimeEntry, rule: string): boolean {
  for (const f of support.exclusions(e)) if (f.rule === rule) return true;
  return false;
}
