import { lookupIcd10, type IcdLookup } from '../data/icd10.js';
import { isWellFormedIcd10 } from '../normalize/codes.js';
import { monthEnd, monthStart } from '../normalize/dates.js';
import { roundMinutes } from '../normalize/durations.js';
import type { CarePlan, Diagnosis, TimeEntry } from './schema.js';

/**
 * Questions about records that rules and billing must answer the same way; one answer each, so a rule's
 * finding and the claim it explains never disagree.
 */

/**
 * The NPI a patient-month's entries carry: the one NPI, null when they carry several (a claim must not pick
 * one: multiple-billing-practitioners), undefined when none does. Entries without an NPI do not count.
 */
export function entriesNpi(entries: readonly TimeEntry[]): string | null | undefined {
  let npi: string | undefined;
  for (const e of entries) {
    if (!e.npi) continue;
    if (npi === undefined) npi = e.npi;
    else if (e.npi !== npi) return null;
  }
  return npi;
}

/**
 * The NPI a patient-month's claim goes out under, as billing decides it (bill.ts): the entries' one NPI, else the
 * configured `billing.defaultNpi`; undefined when the entries carry several (no claim picks one) or none and no
 * default is set.
 */
export function claimNpi(entries: readonly TimeEntry[], defaultNpi: string | undefined): string | undefined {
  const one = entriesNpi(entries);
  return one === undefined ? defaultNpi : (one ?? undefined);
}

/**
 * a + b in minutes exact to the hundredth, as each entry's minutes are (normalize/durations.ts). Added as binary
 * fractions, 1.2 + 16.4 + 2.4 is 19.999999999999996: a month of 20 documented minutes would miss 99490 (B01).
 */
export function addMinutes(a: number, b: number): number {
  return roundMinutes(a + b);
}

/** Minutes an entry can contribute: unreadable (null), zero, negative or non-finite minutes contribute nothing. */
export function countableMinutes(entry: TimeEntry): number {
  const m = entry.minutes;
  return m !== null && Number.isFinite(m) && m > 0 ? m : 0;
}

// An audit asks these per patient-month and diagnosis, hundreds of thousands of times, about a few dozen months
// and a few thousand codes: the answers are remembered. Months and codes are bounded, so the caches are too.
const monthEnds = new Map<string, string>();
const icdByMonth = new Map<string, Map<string, IcdLookup>>();

/** The last day of a yyyy-mm month (as normalize/dates.ts's monthEnd), remembered per month. */
export function lastDayOfMonth(month: string): string {
  let end = monthEnds.get(month);
  if (end === undefined) {
    end = monthEnd(month);
    monthEnds.set(month, end);
  }
  return end;
}

/** The ICD-10-CM lookup for a normalized code in the code set of the month's last day, remembered per month. */
export function icdInMonth(code: string, month: string): IcdLookup {
  let codes = icdByMonth.get(month);
  if (codes === undefined) {
    codes = new Map();
    icdByMonth.set(month, codes);
  }
  let lookup = codes.get(code);
  if (lookup === undefined) {
    lookup = lookupIcd10(code, lastDayOfMonth(month));
    codes.set(code, lookup);
  }
  return lookup;
}

/**
 * Why a diagnosis is not active in a month, or null when it is: onset after the month's last day, or resolved
 * before its first day. A "resolved" status without a date cannot be placed in time, so it counts as resolved:
 * neither a claim nor eligibility should rest on a condition the record says is over. A status that reads as
 * neither active nor over (src/normalize/statuses.ts) is not counted either, and the reason quotes it.
 */
export function inactiveReason(diagnosis: Diagnosis, month: string): string | null {
  switch (inactiveCause(diagnosis, month)) {
    case 'onset':
      return `onset ${diagnosis.onsetDate}, after the month`;
    case 'resolved':
      return `resolved ${diagnosis.resolvedDate}`;
    case 'marked':
      // The status as written ("In remission", "History of"), which says more than "resolved".
      return diagnosis.inactiveStatus !== undefined ? `status "${diagnosis.inactiveStatus}"` : 'marked resolved';
    case 'unrecognized':
      return `status "${diagnosis.unrecognizedStatus}" not recognized`;
    case null:
      return null;
  }
}

/**
 * The same test as inactiveReason without building the text: billing asks it for every diagnosis of every month.
 * With `day` (a day of the month), the condition must also be diagnosed by then: onset on or before it, or
 * unknown. A resolution later in the month does not matter: the month-level test counts the whole month.
 */
export function isActiveInMonth(diagnosis: Diagnosis, month: string, day?: string): boolean {
  if (day !== undefined && diagnosis.onsetDate !== undefined && diagnosis.onsetDate > day) return false;
  return inactiveCause(diagnosis, month) === null;
}

/** CCM needs two or more chronic conditions (R-ELIG-CCM). */
export const MIN_CHRONIC_CONDITIONS = 2;

/** The 3-character ICD-10-CM category: E11.9 and E11.65 are both diabetes, one condition. */
export function icdCategory(code: string): string {
  return code.slice(0, 3);
}

/**
 * Whether at least MIN_CHRONIC_CONDITIONS categories of chronic conditions (the month's chronic-condition index,
 * or `additional` codes) are active in the month: insufficient-chronic-conditions' test. With `day`, only those
 * whose onset is on or before that day of the month count: what a claim dated that day may rest on.
 */
export function enoughChronicConditions(diagnoses: readonly Diagnosis[], month: string, additional: ReadonlySet<string>, day?: string): boolean {
  const categories: string[] = [];
  for (const d of diagnoses) {
    if (!isWellFormedIcd10(d.code) || !isActiveInMonth(d, month, day)) continue;
    if (icdInMonth(d.code, month).chronic !== 'chronic' && !additional.has(d.code)) continue;
    if (categories.some((c) => d.code.startsWith(c))) continue;
    categories.push(icdCategory(d.code));
    if (categories.length >= MIN_CHRONIC_CONDITIONS) return true;
  }
  return false;
}

/** A care-plan row that is a plan in place from its date: neither an ending nor a status not read as in place. */
export function isPlanInForce(plan: CarePlan): boolean {
  return plan.endedStatus === undefined && plan.uncountedStatus === undefined;
}

/**
 * Whether one of a patient's care plans is in place in the month (missing-care-plan's test): a plan in force
 * dated by the month's end that no end between its date and the month's start closed. With `day`, the plan
 * must be dated on or before that day of the month: what a claim dated that day may rest on.
 */
export function carePlanInPlace(plans: readonly CarePlan[], month: string, day = lastDayOfMonth(month)): boolean {
  const start = monthStart(month);
  const endsBefore = (from: string) => plans.some((p) => p.endDate !== undefined && p.endDate >= from && p.endDate < start);
  return plans.some((p) => isPlanInForce(p) && p.date <= day && !endsBefore(p.date));
}

function inactiveCause(diagnosis: Diagnosis, month: string): 'onset' | 'resolved' | 'marked' | 'unrecognized' | null {
  if (diagnosis.onsetDate !== undefined && diagnosis.onsetDate > lastDayOfMonth(month)) return 'onset';
  // A status ccm cannot read may say the condition is over: eligibility is not rested on it (R-ELIG-CCM).
  if (diagnosis.unrecognizedStatus !== undefined) return 'unrecognized';
  if (diagnosis.resolvedDate !== undefined) return diagnosis.resolvedDate < monthStart(month) ? 'resolved' : null;
  return diagnosis.resolved ? 'marked' : null;
}
