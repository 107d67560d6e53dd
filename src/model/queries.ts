import { monthEnd } from '../normalize/dates.js';
import type { Diagnosis, TimeEntry } from './schema.js';

/**
 * Questions about records that rules and billing must answer the same way; one answer each, so a rule's
 * finding and the claim it explains never disagree.
 */

/** Minutes an entry can contribute: unreadable (null), zero, negative or non-finite minutes contribute nothing. */
export function countableMinutes(entry: TimeEntry): number {
  const m = entry.minutes;
  return m !== null && Number.isFinite(m) && m > 0 ? m : 0;
}

/**
 * Why a diagnosis is not active in a month, or null when it is: onset after the month's last day, or resolved
 * before its first day. A "resolved" status without a date cannot be placed in time, so it counts as resolved:
 * neither a claim nor eligibility should rest on a condition the record says is over.
 */
export function inactiveReason(diagnosis: Diagnosis, month: string): string | null {
  if (diagnosis.onsetDate !== undefined && diagnosis.onsetDate > monthEnd(month)) return `onset ${diagnosis.onsetDate}, after the month`;
  if (diagnosis.resolvedDate !== undefined) return diagnosis.resolvedDate < `${month}-01` ? `resolved ${diagnosis.resolvedDate}` : null;
  return diagnosis.resolved ? 'marked resolved' : null;
}

export function isActiveInMonth(diagnosis: Diagnosis, month: string): boolean {
  return inactiveReason(diagnosis, month) === null;
}
