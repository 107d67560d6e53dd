import { staffKey } from '../model/build.js';
import { addMinutes, countableMinutes, lastDayOfMonth } from '../model/queries.js';
import type { TimeEntry } from '../model/schema.js';
import { chooseFamily, roundCents, type CodeUnits, type FamilyOption, type MonthMinutes } from './codes.js';
import { BUNDLED_FEES, feeFor } from './fees.js';
import type { BillingOptions, ClaimLine, FeeSchedule } from './types.js';

/**
 * Shared by bill() and summarize(): minutes of a set of entries, the family they earn and its price, so the
 * summary's "what if these minutes counted" figures use exactly the arithmetic the claim lines use.
 */

/**
 * Staff and practitioner minutes of the entries that `counts`. Every role other than `practitioner` is added
 * to staff time: which roles may count is the rules' decision (R-TIME-STAFF through non-clinical-staff
 * findings, D1), so a configuration that turns such a rule off is honoured here rather than second-guessed.
 *
 * `practitioner` is one practitioner's own time, as 99491/99437 require (R-CODE-99491): when practitioners
 * of several names logged time, the one with the most minutes is taken to be the billing practitioner and the
 * others' minutes are added to staff time, where the non-complex and complex families still count them
 * (multiple-practitioners-time says so for review).
 *
 * The same walk also gives what bill reads from a month's entries (MonthTally: the logged minutes, the MBI, the
 * entries' NPI as entriesNpi gives it), written into `into` (bill reuses one; a tally per month was ~20 MB of
 * garbage on the 1M-row input). One walk, because a patient-month's entries lie far apart in a date-ordered
 * log and each walk over them is a cache miss per entry: bill took ~900 -> ~810 ms cpu on the 1M-row input
 * where it walked them three times. The minutes are added in the entries' order, so the sums are the same to
 * the last bit as added one question at a time (tally.test.ts).
 */
export function monthMinutes(entries: readonly TimeEntry[], counts: (entry: TimeEntry) => boolean, into: MonthTally = newTally()): MonthTally {
  let staff = 0;
  let practitioner = 0;
  let complex = false;
  let loggedMinutes = 0;
  let mbi: string | null = null;
  let npi: string | null | undefined;
  let firstPractitioner: TimeEntry | undefined;
  let several = false;
  for (const entry of entries) {
    const minutes = countableMinutes(entry);
    loggedMinutes = addMinutes(loggedMinutes, minutes);
    if (mbi === null && entry.mbi) mbi = entry.mbi;
    if (entry.npi && npi !== null) npi = npi === undefined || npi === entry.npi ? entry.npi : null;
    // The complex marker is a property of the month (R-ELIG-COMPLEX), whether or not the marked entry counts.
    if (entry.complex) complex = true;
    if (!counts(entry)) continue;
    if (entry.role === 'practitioner') {
      practitioner = addMinutes(practitioner, minutes);
      if (firstPractitioner === undefined) firstPractitioner = entry;
      // Names repeat as one interned string; only a different string needs the normalized comparison.
      else if (!several && entry.staff !== firstPractitioner.staff) several = practitionerKey(entry) !== practitionerKey(firstPractitioner);
    } else staff = addMinutes(staff, minutes);
  }
  if (several) {
    const own = billingPractitioner(minutesByPractitioner(entries, counts))!.minutes;
    staff = addMinutes(staff, practitioner - own);
    practitioner = own;
  }
  into.staff = staff;
  into.practitioner = practitioner;
  into.complex = complex;
  into.loggedMinutes = loggedMinutes;
  into.mbi = mbi;
  into.npi = npi;
  return into;
}

/** The minutes of a month (MonthMinutes, which chooseFamily is asked about) and what else bill reads from its entries. */
export interface MonthTally extends MonthMinutes {
  /** All countable minutes, supported or not. */
  loggedMinutes: number;
  /** The first MBI the entries give. */
  mbi: string | null;
  /** As entriesNpi: the entries' one NPI, null for several, undefined for none. */
  npi: string | null | undefined;
}

/** A tally to fill (monthMinutes' `into`). */
export function newTally(): MonthTally {
  return { staff: 0, practitioner: 0, complex: false, loggedMinutes: 0, mbi: null, npi: undefined };
}

export interface PractitionerMinutes {
  /** practitionerKey of the practitioner's entries. */
  readonly key: string;
  /** The name as the first of the practitioner's entries writes it (undefined when the entries have none). */
  readonly staff: string | undefined;
  readonly minutes: number;
}

/** Practitioners are told apart by name, ignoring case and spacing; entries without a name are one more. */
export function practitionerKey(entry: TimeEntry): string {
  return staffKey(entry) ?? '';
}

/** Minutes of each practitioner among the entries that `counts`, in order of their first entry. */
export function minutesByPractitioner(entries: readonly TimeEntry[], counts: (entry: TimeEntry) => boolean): PractitionerMinutes[] {
  const byKey = new Map<string, { key: string; staff: string | undefined; minutes: number }>();
  for (const entry of entries) {
    if (entry.role !== 'practitioner' || !counts(entry)) continue;
    const key = practitionerKey(entry);
    const found = byKey.get(key);
    if (found) found.minutes = addMinutes(found.minutes, countableMinutes(entry));
    else byKey.set(key, { key, staff: entry.staff, minutes: countableMinutes(entry) });
  }
  return [...byKey.values()];
}

/** The practitioner whose own time 99491/99437 count: the most minutes, the earliest on a tie. */
export function billingPractitioner(practitioners: readonly PractitionerMinutes[]): PractitionerMinutes | undefined {
  let best: PractitionerMinutes | undefined;
  for (const p of practitioners) if (best === undefined || p.minutes > best.minutes) best = p;
  return best;
}

/**
 * Prices for a service month. The date of service always falls inside the month (month end or the day the
 * threshold was met, D6), so the month's calendar year is the DOS year whichever policy applies.
 */
export function pricesFor(options: Pick<BillingOptions, 'fees'>, month: string): (code: string) => number {
  const schedule = options.fees ?? BUNDLED_FEES;
  let byMonth = priceCache.get(schedule);
  if (byMonth === undefined) {
    byMonth = new Map();
    priceCache.set(schedule, byMonth);
  }
  let price = byMonth.get(month);
  if (price === undefined) {
    const date = lastDayOfMonth(month);
    const amounts = new Map<string, number>();
    price = (code) => {
      let amount = amounts.get(code);
      if (amount === undefined) {
        amount = feeFor(schedule, code, date);
        amounts.set(code, amount);
      }
      return amount;
    };
    byMonth.set(month, price);
  }
  return price;
}

/** Prices are asked per patient-month; a schedule has a few codes and months, so each answer is kept. */
const priceCache = new WeakMap<FeeSchedule, Map<string, (code: string) => number>>();

/** The family the entries that `counts` earn (D4), or null when no family reaches its base minimum. */
export function bestOption(
  entries: readonly TimeEntry[],
  counts: (entry: TimeEntry) => boolean,
  price: (code: string) => number,
): FamilyOption | null {
  return chooseFamily(monthMinutes(entries, counts), price);
}

/**
 * Claim lines and their total for an option; the total is the sum of the cent-rounded lines, so both agree.
 * `dates` is each line's date of service, or one date for every line (month-end, D6). A million-row audit has
 * a few distinct results ("99490 × 1 on 2026-10-31 at $60.49") on hundreds of thousands of patient-months:
 * each is made once per price list, option and dates, and shared, frozen. The dates are part of the key, so a
 * line's date never passes to another month or to a line earned on another day. chooseFamily shares one
 * frozen list of codes and units per family and units, so the key is that list object and (under month-end)
 * the one date string as it is: no key text is built per patient-month (building and hashing one cost ~90 ms
 * of bill on the 1M-row input).
 */
export function claimLines(
  option: FamilyOption | null,
  price: (code: string) => number,
  dates: string | readonly string[],
): { lines: readonly ClaimLine[]; total: number } {
  if (!option) return NO_LINES;
  let byOption = resultCache.get(price);
  if (byOption === undefined) resultCache.set(price, (byOption = new WeakMap()));
  let results = byOption.get(option.lines);
  if (results === undefined) byOption.set(option.lines, (results = new Map()));
  const key = typeof dates === 'string' ? dates : dates.join('\u0001');
  let result = results.get(key);
  if (result === undefined) {
    const lines = Object.freeze(
      option.lines.map((l, i) => Object.freeze({ code: l.code, units: l.units, estimatedPayment: roundCents(price(l.code) * l.units), dateOfService: dateAt(dates, i) })),
    );
    result = Object.freeze({ lines, total: roundCents(lines.reduce((sum, l) => sum + l.estimatedPayment, 0)) });
    results.set(key, result);
  }
  return result;
}

/** The i-th line's date. */
function dateAt(dates: string | readonly string[], i: number): string {
  return typeof dates === 'string' ? dates : dates[i]!;
}

const NO_LINES = Object.freeze({ lines: Object.freeze([]) as readonly ClaimLine[], total: 0 });

/** claimLines' results by price list, the option's lines, then dates (the one date, or the lines' dates joined). */
const resultCache = new WeakMap<(code: string) => number, WeakMap<readonly CodeUnits[], Map<string, { lines: readonly ClaimLine[]; total: number }>>>();
