import { MINIMUM_BILLABLE_MINUTES } from '../billing/codes.js';
import { monthMinutes, newTally, type MonthTally } from '../billing/pricing.js';
import type { AuditModel } from '../model/build.js';
import { addMinutes, countableMinutes } from '../model/queries.js';
import type { TimeEntry } from '../model/schema.js';
import { SEVERAL_MBIS, soleMbi } from './mbi.js';
import type { SupportView } from './types.js';

/**
 * What the month-level rules first ask of every patient-month's entries, asked of each month's entries one
 * question after another. A month's entries lie scattered through a million-row log, and each rule walking
 * them for its own question paid the cache misses of reaching them again (six walks, ~100 ms each on a
 * million rows): asked together, only the first question reaches them. Billing reads the month's tally from
 * here too (supportedTally). By position in model.patientMonths.
 */
export interface MonthEntryFacts {
  /** entriesNpi of the month's entries: the one NPI, null for several, undefined for none. */
  readonly npi: readonly (string | null | undefined)[];
  /** The questions below answered yes, as bits. */
  readonly flags: Uint8Array;
  /**
   * The rest of the month's MonthTally as bill() reads it (monthMinutes of the entries that billCounts; `npi`
   * above is its npi too): bill reads it here instead of walking every month's entries once more. Tallied while
   * the month's entries are in cache for the questions above, it cost this walk ~30 ms cpu and saved bill ~210
   * on the 1M-row input, for ~10 MB of arrays. supportedTally puts it back together.
   */
  readonly mbi: readonly (string | null)[];
  readonly staff: Float64Array;
  readonly practitioner: Float64Array;
  readonly loggedMinutes: Float64Array;
}

/** The entries carry two or more different valid MBIs (soleMbi). */
export const SEVERAL_MBIS_FLAG = 1;
/** The practitioners' entries carry two or more names (hasSeveralNames). */
export const SEVERAL_PRACTITIONER_NAMES = 2;
/** The minutes may earn a line above its MUE (mayPassAMue). */
export const MAY_PASS_A_MUE = 4;
/** The supported minutes reach the minimum billable (reachesMinimum). */
export const REACHES_MINIMUM = 8;
/** An entry of the month is marked complex (MonthTally.complex). */
export const COMPLEX = 16;

/** One answer per model and support view: the month-level rules of a run share it. */
const factsOf = new WeakMap<AuditModel, { support: SupportView; facts: MonthEntryFacts }>();

export function monthEntryFacts(model: AuditModel, support: SupportView): MonthEntryFacts {
  const known = factsOf.get(model);
  if (known !== undefined && known.support === support) return known.facts;
  const months = model.patientMonths;
  const n = months.length;
  const facts = {
    npi: new Array<string | null | undefined>(n),
    flags: new Uint8Array(n),
    mbi: new Array<string | null>(n),
    staff: new Float64Array(n),
    practitioner: new Float64Array(n),
    loggedMinutes: new Float64Array(n),
  };
  const counts = billCounts(support);
  const tally = newTally();
  for (let i = 0; i < n; i++) {
    const entries = months[i]!.entries;
    monthMinutes(entries, counts, tally);
    facts.npi[i] = tally.npi;
    facts.mbi[i] = tally.mbi;
    facts.staff[i] = tally.staff;
    facts.practitioner[i] = tally.practitioner;
    facts.loggedMinutes[i] = tally.loggedMinutes;
    facts.flags[i] =
      (soleMbi(entries) === SEVERAL_MBIS ? SEVERAL_MBIS_FLAG : 0) |
      (hasSeveralNames(entries) ? SEVERAL_PRACTITIONER_NAMES : 0) |
      (mayPassAMue(entries) ? MAY_PASS_A_MUE : 0) |
      (reachesMinimum(entries, support) ? REACHES_MINIMUM : 0) |
      (tally.complex ? COMPLEX : 0);
  }
  factsOf.set(model, { support, facts });
  return facts;
}

/** Whether an entry's minutes count toward the claim, as bill() asks: supported (D1) and countable. */
export function billCounts(support: SupportView): (entry: TimeEntry) => boolean {
  return (e) => support.isSupported(e) && countableMinutes(e) > 0;
}

/** The MonthTally of the month at `position` in model.patientMonths (monthMinutes of billCounts), written into `into`. */
export function supportedTally(facts: MonthEntryFacts, position: number, into: MonthTally): MonthTally {
  into.staff = facts.staff[position]!;
  into.practitioner = facts.practitioner[position]!;
  into.complex = (facts.flags[position]! & COMPLEX) !== 0;
  into.loggedMinutes = facts.loggedMinutes[position]!;
  into.mbi = facts.mbi[position]!;
  into.npi = facts.npi[position];
  return into;
}

/** Whether the month's practitioner entries carry two different name strings (multiple-practitioners-time's cheap first test). */
export function hasSeveralNames(entries: readonly TimeEntry[]): boolean {
  let first: string | undefined | null = null;
  for (const e of entries) {
    if (e.role !== 'practitioner') continue;
    if (first === null) first = e.staff;
    else if (e.staff !== first) return true;
  }
  return false;
}

/**
 * Fewest minutes that pass a reported MUE: 99491 30 + 99437 ×3 30 = 120 of the practitioner's, 99487 60 +
 * 99489 ×11 30 = 390 in a month marked complex. Other months are skipped unpriced by claim-over-mue (nearly all of them).
 */
const PRACTITIONER_MINUTES_OVER_MUE = 120;
const COMPLEX_MINUTES_OVER_MUE = 390;

export function mayPassAMue(entries: readonly TimeEntry[]): boolean {
  let total = 0;
  let practitioner = 0;
  let complex = false;
  for (const e of entries) {
    const minutes = countableMinutes(e);
    total = addMinutes(total, minutes);
    if (e.role === 'practitioner') practitioner = addMinutes(practitioner, minutes);
    if (e.complex) complex = true;
  }
  return practitioner >= PRACTITIONER_MINUTES_OVER_MUE || (complex && total >= COMPLEX_MINUTES_OVER_MUE);
}

/**
 * Whether the supported minutes reach the minimum (under-threshold's test), adding no more entries than it
 * takes. Nearly every month does, usually with its first entry. Minutes are never negative, so the running sum
 * only grows: stopping early gives the same answer as the full sum.
 */
export function reachesMinimum(entries: readonly TimeEntry[], support: SupportView): boolean {
  let supported = 0;
  for (const e of entries) {
    if (!support.isSupported(e)) continue;
    supported = addMinutes(supported, countableMinutes(e));
    if (supported >= MINIMUM_BILLABLE_MINUTES) return true;
  }
  return false;
}
