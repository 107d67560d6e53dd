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
  return claimNpiOf(entriesNpi(entries), defaultNpi);
}

/** claimNpi from the entries' entriesNpi, when it is known already. */
export function claimNpiOf(entriesNpi: string | null | undefined, defaultNpi: string | undefined): string | undefined {
  return entriesNpi === undefined ? defaultNpi : (entriesNpi ?? undefined);
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
/** What every question about a month needs: its first and last day, and the ICD-10-CM lookups in its code set. */
interface MonthFacts {
  readonly start: string;
  readonly end: string;
  readonly icd: Map<string, IcdLookup>;
}
const monthFacts = new Map<string, MonthFacts>();

/**
 * A month's facts, remembered per month. One lookup serves a whole patient-month: asked per diagnosis, the
 * last day, the code set and the first day (a new string each time) cost three lookups and an allocation each.
 */
function factsOf(month: string): MonthFacts {
  let facts = monthFacts.get(month);
  if (facts === undefined) {
    facts = { start: monthStart(month), end: monthEnd(month), icd: new Map() };
    monthFacts.set(month, facts);
  }
  return facts;
}

/** The first day of a yyyy-mm month (as normalize/dates.ts's monthStart), remembered per month: one string, not one a call. */
export function firstDayOfMonth(month: string): string {
  return factsOf(month).start;
}

/** The last day of a yyyy-mm month (as normalize/dates.ts's monthEnd), remembered per month. */
export function lastDayOfMonth(month: string): string {
  return factsOf(month).end;
}

/** The ICD-10-CM lookup for a normalized code in the code set of the month's last day, remembered per month. */
export function icdInMonth(code: string, month: string): IcdLookup {
  return icdIn(factsOf(month), code);
}

function icdIn(facts: MonthFacts, code: string): IcdLookup {
  let lookup = facts.icd.get(code);
  if (lookup === undefined) {
    lookup = lookupIcd10(code, facts.end);
    facts.icd.set(code, lookup);
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
  return isActiveIn(diagnosis, factsOf(month), day);
}

function isActiveIn(diagnosis: Diagnosis, facts: MonthFacts, day: string | undefined): boolean {
  if (day !== undefined && diagnosis.onsetDate !== undefined && diagnosis.onsetDate > day) return false;
  return inactiveCauseIn(diagnosis, facts) === null;
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
  const facts = factsOf(month);
  const wellFormed = wellFormedDiagnoses(diagnoses);
  // The codes counted, one per category: compared by their first three characters rather than by a category
  // string sliced per counted diagnosis and month (330,000 months), and with no per-list memo of categories to keep.
  const counted: string[] = [];
  for (let i = 0; i < wellFormed.length; i++) {
    const d = wellFormed[i]!;
    if (!isActiveIn(d, facts, day)) continue;
    if (icdIn(facts, d.code).chronic !== 'chronic' && !additional.has(d.code)) continue;
    if (hasCategoryOf(counted, d.code)) continue;
    if (counted.push(d.code) >= MIN_CHRONIC_CONDITIONS) return true;
  }
  return false;
}

/** Whether one of the well-formed codes is of the code's icdCategory (well-formed codes have three characters or more). */
function hasCategoryOf(codes: readonly string[], code: string): boolean {
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c.charCodeAt(0) === code.charCodeAt(0) && c.charCodeAt(1) === code.charCodeAt(1) && c.charCodeAt(2) === code.charCodeAt(2)) return true;
  }
  return false;
}

/** Per patient's diagnosis list (the model's, one array per patient, never changed): eligibility is asked month by month. */
const wellFormedOf = new WeakMap<readonly Diagnosis[], readonly Diagnosis[]>();

/**
 * The diagnoses whose code is a well-formed ICD-10-CM code, in order: the only ones eligibility may rest on.
 * Remembered per list: the code test, a regular expression, ran for every diagnosis of every patient-month.
 */
export function wellFormedDiagnoses(diagnoses: readonly Diagnosis[]): readonly Diagnosis[] {
  let wellFormed = wellFormedOf.get(diagnoses);
  if (wellFormed === undefined) {
    wellFormed = diagnoses.filter((d) => isWellFormedIcd10(d.code));
    wellFormedOf.set(diagnoses, wellFormed);
  }
  return wellFormed;
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
  return inactiveCauseIn(diagnosis, factsOf(month));
}

function inactiveCauseIn(diagnosis: Diagnosis, facts: MonthFacts): 'onset' | 'resolved' | 'marked' | 'unrecognized' | null {
  if (diagnosis.onsetDate !== undefined && diagnosis.onsetDate > facts.end) return 'onset';
  // A status ccm cannot read may say the condition is over: eligibility is not rested on it (R-ELIG-CCM).
  if (diagnosis.unrecognizedStatus !== undefined) return 'unrecognized';
  if (diagnosis.resolvedDate !== undefined) return diagnosis.resolvedDate < facts.start ? 'resolved' : null;
  return diagnosis.resolved ? 'marked' : null;
}
