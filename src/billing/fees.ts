import type { FeeSchedule } from './types.js';

/**
 * National non-facility amounts from ccm-billing-rules.md §8 (sources S23a–S23d; CONFIRMED-S at best).
 * CY2026 values marked UNCONFIRMED there are used as given (99439 ≈ $48) or, where the reference has none
 * (99491), scaled from CY2025 by the conversion-factor ratio 33.4009 / 32.3465. Estimates only: verify in
 * the CMS PFS Look-Up Tool, or pass --fee-schedule.
 */
export const BUNDLED_FEES: FeeSchedule = {
  source: 'bundled: ccm-billing-rules.md §8, CY2025/CY2026 national non-facility (estimates)',
  amounts: {
    2025: { '99490': 60.49, '99439': 45.93, '99491': 82.16, '99437': 57.58, '99487': 131.65, '99489': 70.52 },
    2026: { '99490': 66.13, '99439': 48.0, '99491': 84.84, '99437': 63.13, '99487': 144.29, '99489': 78.16 },
  },
};

/**
 * Years of `months` (yyyy-mm) a schedule has no amounts for, ascending. feeFor falls back to the nearest year,
 * which suits the bundled estimates; a schedule the user supplies is meant to be exact, so audit() refuses to
 * price a month from another year's amounts.
 */
export function uncoveredYears(schedule: FeeSchedule, months: Iterable<string>): number[] {
  const missing = new Set<number>();
  for (const month of months) {
    const year = Number(month.slice(0, 4));
    if (schedule.amounts[year] === undefined) missing.add(year);
  }
  return [...missing].sort((a, b) => a - b);
}

/** The amount for a code on a date: the schedule of the date's calendar year, else the nearest year it has. */
export function feeFor(schedule: FeeSchedule, code: string, isoDate: string): number {
  const year = Number(isoDate.slice(0, 4));
  const years = Object.keys(schedule.amounts).map(Number).sort((a, b) => a - b);
  if (years.length === 0) return 0;
  const chosen = years.includes(year) ? year : year < years[0]! ? years[0]! : years[years.length - 1]!;
  return schedule.amounts[chosen]?.[code] ?? 0;
}
