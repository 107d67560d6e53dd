import { CODE_FAMILIES, chooseFamily, codesForMinutes, type CodeFamilyDefinition, type CodeUnits, type FamilyOption, type MonthMinutes } from '../billing/codes.js';
import type { FeeSchedule } from '../billing/types.js';
import type { AuditModel, PatientMonthRef } from '../model/build.js';
import { addMinutes } from '../model/queries.js';
import type { BilledService } from '../model/schema.js';
import type { SupportView } from './types.js';
import { monthMinutes, pricesFor } from '../billing/pricing.js';
import { billedClaims } from '../billing/already-billed.js';

/** A patient-month's own billed CCM claim next to what its supported minutes earn (D4, D5). */
export interface BilledComparison {
  /** The rows of the month's own CCM claim (billedClaims' `own`). */
  services: readonly BilledService[];
  /**
   * CCM for the month is billed under another NPI too: only one practitioner may be paid CCM for a
   * patient-month (R-EXCL-ONE-PRACTITIONER), so whether this claim may stand at all is open.
   */
  otherPractitioner: boolean;
  /** Units billed per CCM code, summed over rows. */
  billed: Map<string, number>;
  /** Code families the billed codes belong to: more than one breaks R-EXCL-ONE-CCM-TYPE. */
  families: CodeFamilyDefinition[];
  minutes: MonthMinutes;
  /** Estimated amount of a code for this month, from the fee schedule the claims are priced with. */
  price: (code: string) => number;
  /** The best-paying compliant family the documentation supports, if any (D4). */
  best: FamilyOption | null;
}

/**
 * The comparison for a month whose own claim has CCM codes; null when it has none: nothing billed, only
 * another practitioner's CCM, or two practitioners' claims and no telling which one the minutes are for. Those
 * are multiple-billing-practitioners' error, and adding two practitioners' units together would compare a
 * claim nobody sent (99490 ×2 where each billed it once).
 */
export function compareBilled(model: AuditModel, pm: PatientMonthRef, support: SupportView, fees: FeeSchedule): BilledComparison | null {
  const { own: services, others } = billedClaims(model, pm);
  if (services === null || services.length === 0) return null;
  const billed = unitsByCode(services);
  const families = CODE_FAMILIES.filter((f) => billed.has(f.base.code) || billed.has(f.addOn.code));
  const minutes = monthMinutes(pm.entries, (e) => support.isSupported(e));
  const price = pricesFor({ fees }, pm.month);
  return { services, otherPractitioner: others.length > 0, billed, families, minutes, price, best: chooseFamily(minutes, price) };
}

/** Units billed per code, summed over the rows, codes in order of first appearance. */
export function unitsByCode(services: readonly BilledService[]): Map<string, number> {
  const billed = new Map<string, number>();
  for (const s of services) billed.set(s.code, (billed.get(s.code) ?? 0) + s.units);
  return billed;
}

/** Minutes a family counts: the practitioner's alone for 99491/99437, everyone's otherwise. */
export function countedMinutes(family: CodeFamilyDefinition, minutes: MonthMinutes): number {
  return family.practitionerOnly ? minutes.practitioner : addMinutes(minutes.staff, minutes.practitioner);
}

/** What a family's documentation earns this month: nothing for complex CCM unless the month is marked complex (R-ELIG-COMPLEX). */
export function earnedLines(family: CodeFamilyDefinition, minutes: MonthMinutes): CodeUnits[] {
  if (family.needsComplexMarker && !minutes.complex) return [];
  return codesForMinutes(family, countedMinutes(family, minutes));
}

export function unitsOf(lines: readonly CodeUnits[], code: string): number {
  return lines.find((l) => l.code === code)?.units ?? 0;
}

/** "99490 + 99439 ×2" */
export function describeLines(lines: readonly CodeUnits[]): string {
  return lines.map((l) => (l.units === 1 ? l.code : `${l.code} ×${l.units}`)).join(' + ');
}

export function servicesOf(comparison: BilledComparison, codes: readonly string[]): BilledService[] {
  return comparison.services.filter((s) => codes.includes(s.code));
}
