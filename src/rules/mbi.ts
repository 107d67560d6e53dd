import type { TimeEntry } from '../model/schema.js';
import { isValidMbi } from '../normalize/codes.js';

/**
 * The valid MBIs on some entries (normalized by the reader: `6EG4-TE5-MK73` is `6EG4TE5MK73`), each with the
 * entries that carry it, in order of first appearance. A malformed MBI is invalid-mbi's to report and is left
 * out: it identifies no beneficiary to compare.
 */
export function entriesByMbi(entries: readonly TimeEntry[]): Map<string, TimeEntry[]> {
  const byMbi = new Map<string, TimeEntry[]>();
  let previous: string | undefined;
  let previousValid = false;
  for (const entry of entries) {
    const mbi = entry.mbi;
    if (mbi === undefined) continue;
    // A month's entries nearly always repeat one MBI: test its format once per run of it.
    if (mbi !== previous) {
      previous = mbi;
      previousValid = isValidMbi(mbi);
    }
    if (!previousValid) continue;
    const list = byMbi.get(mbi);
    if (list) list.push(entry);
    else byMbi.set(mbi, [entry]);
  }
  return byMbi;
}

/** soleMbi's answer for entries that carry two or more different valid MBIs. */
export const SEVERAL_MBIS = Symbol('several MBIs');

/**
 * The one valid MBI on some entries, undefined when they carry none, or SEVERAL_MBIS: what entriesByMbi would
 * say about its keys, without a map or a list. Nearly every patient-month has one MBI, so the MBI rules ask
 * this first and build the map only for the few that do not (a million entries in 330,000 months).
 */
export function soleMbi(entries: readonly TimeEntry[]): string | undefined | typeof SEVERAL_MBIS {
  let sole: string | undefined;
  let previous: string | undefined;
  for (const entry of entries) {
    const mbi = entry.mbi;
    if (mbi === undefined || mbi === previous || mbi === sole) continue;
    previous = mbi;
    if (!isValidMbi(mbi)) continue;
    if (sole !== undefined) return SEVERAL_MBIS;
    sole = mbi;
  }
  return sole;
}
