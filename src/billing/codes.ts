import { addMinutes } from '../model/queries.js';
import type { CodeFamily } from './types.js';

/**
 * The CCM code table (ccm-billing-rules.md §1, R-CODE-*, R-TIME-ADDON-FULL, D4, D5). Minutes are per calendar
 * month; add-on units need their full increment (no midpoint rule).
 */
export interface CodeFamilyDefinition {
  family: CodeFamily;
  base: { code: string; minutes: number };
  addOn: { code: string; increment: number; /** null: no monthly cap found in CPT/CMS text. */ maxUnits: number | null };
  /** Whose minutes count: clinical staff and the practitioner (R-TIME-PRACTITIONER), or the practitioner only (R-CODE-99491). */
  practitionerOnly: boolean;
  /** Complex CCM needs the export to mark the month complex (moderate/high MDM, R-ELIG-COMPLEX). */
  needsComplexMarker: boolean;
}

export const CODE_FAMILIES: readonly CodeFamilyDefinition[] = [
  // R-CODE-99490, R-CODE-99439: 99439 at most twice a month.
  { family: 'non-complex', base: { code: '99490', minutes: 20 }, addOn: { code: '99439', increment: 20, maxUnits: 2 }, practitionerOnly: false, needsComplexMarker: false },
  // R-CODE-99487, R-CODE-99489: no monthly cap found (MUE 10 is UNCONFIRMED).
  { family: 'complex', base: { code: '99487', minutes: 60 }, addOn: { code: '99489', increment: 30, maxUnits: null }, practitionerOnly: false, needsComplexMarker: true },
  // R-CODE-99491, R-CODE-99437: no CPT cap found (MUE 2 is UNCONFIRMED).
  { family: 'practitioner', base: { code: '99491', minutes: 30 }, addOn: { code: '99437', increment: 30, maxUnits: null }, practitionerOnly: true, needsComplexMarker: false },
];

/**
 * Reported practitioner MUEs per date of service (R-CODE-MUE) beyond the monthly caps: 99490 = 1 and 99439 = 2
 * equal those caps. UNCONFIRMED against the CMS table, so units above them are warnings (D7), never removed
 * from a claim: unsupported-code checks billed claims against them, claim-over-mue the claims ccm writes.
 */
export const REPORTED_MUES: ReadonlyMap<string, number> = new Map([
  ['99437', 2],
  ['99489', 10],
]);

/** Every CCM code, for recognising CCM claims already in a billed-services export. */
export const CCM_CODES: ReadonlySet<string> = new Set(CODE_FAMILIES.flatMap((f) => [f.base.code, f.addOn.code]));

/** The fewest minutes any family bills: below it a month is not billable whatever its makeup. */
export const MINIMUM_BILLABLE_MINUTES = Math.min(...CODE_FAMILIES.map((f) => f.base.minutes));

export interface CodeUnits {
  code: string;
  units: number;
}

/** Codes and units a family earns for a number of minutes: none below the base minimum, add-ons only with their base. */
export function codesForMinutes(family: CodeFamilyDefinition, minutes: number): CodeUnits[] {
  if (minutes < family.base.minutes) return [];
  const lines: CodeUnits[] = [{ code: family.base.code, units: 1 }];
  let addOnUnits = Math.floor((minutes - family.base.minutes) / family.addOn.increment);
  if (family.addOn.maxUnits !== null) addOnUnits = Math.min(addOnUnits, family.addOn.maxUnits);
  if (addOnUnits > 0) lines.push({ code: family.addOn.code, units: addOnUnits });
  return lines;
}

export interface MonthMinutes {
  /** Supported minutes of clinical staff. */
  staff: number;
  /** Supported minutes the billing practitioner spent personally. */
  practitioner: number;
  complex: boolean;
}

/** Shared between the patient-months that earn it (see chooseFamily), so frozen. */
export interface FamilyOption {
  readonly family: CodeFamilyDefinition;
  /** The minutes this family counts: the practitioner's own for practitionerOnly families, everyone's otherwise. */
  readonly minutes: number;
  readonly lines: readonly CodeUnits[];
  readonly payment: number;
}

/**
 * The compliant family with the highest estimated payment (D4). Practitioner minutes count toward one family
 * only; complex months under 60 minutes fall back to non-complex because the complex option earns nothing.
 * Ties go to the earlier family in CODE_FAMILIES, so the choice is deterministic.
 *
 * Billing, its summary and two rules ask this for every patient-month, hundreds of thousands of times, about a
 * few thousand distinct minute totals: each answer is worked out once per price list and shared, frozen. Keyed
 * by numbers in nested maps rather than by a string, so a repeated question allocates nothing; the shared
 * option's lines are then claimLines' cache key (pricing.ts).
 */
export function chooseFamily(minutes: MonthMinutes, price: (code: string) => number): FamilyOption | null {
  let remembered = choices.get(price);
  if (remembered === undefined) choices.set(price, (remembered = { byComplex: [new Map(), new Map()], size: 0 }));
  const byStaff = remembered.byComplex[minutes.complex ? 1 : 0];
  let byPractitioner = byStaff.get(minutes.staff);
  if (byPractitioner === undefined) {
    if (remembered.size >= MAX_CHOICES) return bestFamily(minutes, price);
    byStaff.set(minutes.staff, (byPractitioner = new Map()));
  }
  let choice = byPractitioner.get(minutes.practitioner);
  if (choice === undefined) {
    choice = bestFamily(minutes, price);
    if (remembered.size < MAX_CHOICES) {
      byPractitioner.set(minutes.practitioner, choice);
      remembered.size++;
    }
  }
  return choice;
}

/** chooseFamily's answers by price list, then [not complex, complex], staff minutes and practitioner minutes. */
const choices = new WeakMap<(code: string) => number, { byComplex: [Map<number, Map<number, FamilyOption | null>>, Map<number, Map<number, FamilyOption | null>>]; size: number }>();
/** Answers remembered per price list: minute totals with seconds in them must not grow the memo without limit. */
const MAX_CHOICES = 100_000;

function bestFamily(minutes: MonthMinutes, price: (code: string) => number): FamilyOption | null {
  let best: FamilyOption | null = null;
  for (const family of CODE_FAMILIES) {
    if (family.needsComplexMarker && !minutes.complex) continue;
    const counted = family.practitionerOnly ? minutes.practitioner : addMinutes(minutes.staff, minutes.practitioner);
    const lines = codesForMinutes(family, counted);
    if (lines.length === 0) continue;
    const payment = roundCents(lines.reduce((sum, l) => sum + price(l.code) * l.units, 0));
    if (!best || payment > best.payment) best = { family, minutes: counted, lines, payment };
  }
  return best && Object.freeze({ ...best, lines: sharedLines(best.family, best.lines) });
}

/**
 * One frozen list per family and add-on units, whatever the minutes that earned it: options of different
 * minutes with the same codes share it, and so share claimLines' results, which are keyed by it.
 */
function sharedLines(family: CodeFamilyDefinition, lines: readonly CodeUnits[]): readonly CodeUnits[] {
  let byUnits = linesByFamily.get(family);
  if (byUnits === undefined) linesByFamily.set(family, (byUnits = new Map()));
  const addOnUnits = lines[1]?.units ?? 0;
  let shared = byUnits.get(addOnUnits);
  if (shared === undefined) {
    shared = Object.freeze(lines.map((l) => Object.freeze({ ...l })));
    byUnits.set(addOnUnits, shared);
  }
  return shared;
}

const linesByFamily = new Map<CodeFamilyDefinition, Map<number, readonly CodeUnits[]>>();

export function roundCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
