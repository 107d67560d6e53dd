import type { Diagnosis } from '../model/schema.js';
import { monthEnd, monthStart } from './util.js';

/** Why a diagnosis is not active in a month, or null when it is. */
export function inactiveReason(diagnosis: Diagnosis, month: string): string | null {
  if (diagnosis.onsetDate !== undefined && diagnosis.onsetDate > monthEnd(month)) return `onset ${diagnosis.onsetDate}, after the month`;
  // A resolution date decides; a "resolved" status without a date cannot be placed in time, so it counts as resolved.
  if (diagnosis.resolvedDate !== undefined) {
    return diagnosis.resolvedDate < monthStart(month) ? `resolved ${diagnosis.resolvedDate}` : null;
  }
  return diagnosis.resolved ? 'marked resolved' : null;
}

/** The 3-character ICD-10-CM category: E11.9 and E11.65 are both diabetes, one condition. */
export function icdCategory(code: string): string {
  return code.slice(0, 3);
}
