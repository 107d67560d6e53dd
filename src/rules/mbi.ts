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
