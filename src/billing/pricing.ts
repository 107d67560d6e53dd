import { countableMinutes } from '../model/queries.js';
import type { TimeEntry } from '../model/schema.js';
import { lastDayOfMonth } from '../model/queries.js';
import { chooseFamily, roundCents, type FamilyOption, type MonthMinutes } from './codes.js';
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
 */
export function monthMinutes(entries: readonly TimeEntry[], counts: (entry: TimeEntry) => boolean): MonthMinutes {
  let staff = 0;
  let practitioner = 0;
  let complex = false;
  for (const entry of entries) {
    // The complex marker is a property of the month (R-ELIG-COMPLEX), whether or not the marked entry counts.
    if (entry.complex) complex = true;
    if (!counts(entry)) continue;
    if (entry.role === 'practitioner') practitioner += countableMinutes(entry);
    else staff += countableMinutes(entry);
  }
  return { staff, practitioner, complex };
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
 * A million-row audit has a few distinct results ("99490 × 1 at $60.49") on hundreds of thousands of
 * patient-months: each is made once per price list and shared, frozen.
 */
export function claimLines(option: FamilyOption | null, price: (code: string) => number): { lines: readonly ClaimLine[]; total: number } {
  if (!option) return NO_LINES;
  let results = resultCache.get(price);
  if (results === undefined) resultCache.set(price, (results = new Map()));
  const key = option.lines.map((l) => `${l.code}\u0000${l.units}`).join('\u0001');
  let result = results.get(key);
  if (result === undefined) {
    const lines = Object.freeze(option.lines.map((l) => Object.freeze({ code: l.code, units: l.units, estimatedPayment: roundCents(price(l.code) * l.units) })));
    result = Object.freeze({ lines, total: roundCents(lines.reduce((sum, l) => sum + l.estimatedPayment, 0)) });
    results.set(key, result);
  }
  return result;
}

const NO_LINES = Object.freeze({ lines: Object.freeze([]) as readonly ClaimLine[], total: 0 });

const resultCache = new WeakMap<(code: string) => number, Map<string, { lines: readonly ClaimLine[]; total: number }>>();
