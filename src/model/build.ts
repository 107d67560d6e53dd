import { entryKey, tableNamer, type TableNamer } from '../fingerprint.js';
import type { InputKind } from '../normalize/columns.js';
import type { Ingested } from '../normalize/ingest.js';
import { foldLeadingZeros, type IdSpellings } from './id-spellings.js';
import type { BilledService, CarePlan, Consent, Diagnosis, RejectedRow, SourceRef, TableRef, TimeEntry, WithdrawnEntry } from './schema.js';

/** Programs whose minutes count toward CCM codes (D3). */
export const CCM_PROGRAMS: ReadonlySet<TimeEntry['program']> = new Set(['ccm', 'complex-ccm']);

export function patientMonthKey(patientId: string, month: string): string {
  return `${patientId}\u0000${month}`;
}

export interface PatientMonthRef {
  readonly patientId: string;
  readonly month: string;
  /** CCM-program entries of the month, in time-log order (duplicates removed). */
  readonly entries: readonly TimeEntry[];
}

/**
 * A row left out of the log as a copy: of an earlier row (D2), or of a row another export marks withdrawn
 * (`withdrawn`: the entry was deleted or voided after the export that still holds it).
 */
export type DuplicatePair =
  | { readonly entry: TimeEntry; readonly duplicateOf: TimeEntry; readonly withdrawn?: undefined; readonly withoutStart?: true }
  | { readonly entry: TimeEntry; readonly duplicateOf: WithdrawnEntry; readonly withdrawn: true; readonly withoutStart?: undefined };

/** What the rules and billing see: read-only (frozen in the tests, see ModelOptions), indexed by patient, patient-month and staff-day. */
export interface AuditModel {
  /** Time entries after exact duplicates are removed (D2), every program. */
  readonly entries: readonly TimeEntry[];
  readonly duplicates: readonly DuplicatePair[];
  /**
   * CCM entries two or more inputs hold as one entry (same patient, date, program, staff and note) that differ
   * in their minutes or in whether they have a clock time: the same activity edited between two exports, each
   * list the entry's rows (conflicting-copies). Exact copies are `duplicates`.
   */
  readonly conflictingCopies: readonly (readonly TimeEntry[])[];
  /**
   * CCM entries another input holds withdrawn in another version (no clock time in one, other minutes, as
   * `conflictingCopies`): perhaps voided since, perhaps another activity, so conflicting-copies holds them.
   * Exact copies of a withdrawn row are `duplicates`.
   */
  readonly withdrawnVersions: readonly { readonly entry: TimeEntry; readonly withdrawn: readonly WithdrawnEntry[] }[];
  readonly consents: readonly Consent[];
  readonly diagnoses: readonly Diagnosis[];
  readonly services: readonly BilledService[];
  readonly carePlans: readonly CarePlan[];
  readonly rejected: readonly RejectedRow[];
  readonly kindsPresent: ReadonlySet<InputKind>;
  readonly hasMbiColumn: boolean;
  /** The month being audited (`--month`), when given. */
  readonly period: string | undefined;
  /** Today, for future-date checks; fixed by the caller so runs are reproducible. */
  readonly runDate: string;
  /** Every patient-month with CCM-program time (only the period's, when one is given), sorted by patient id then month. */
  readonly patientMonths: readonly PatientMonthRef[];
  readonly entriesByPatient: ReadonlyMap<string, readonly TimeEntry[]>;
  readonly consentsByPatient: ReadonlyMap<string, readonly Consent[]>;
  readonly diagnosesByPatient: ReadonlyMap<string, readonly Diagnosis[]>;
  readonly servicesByPatientMonth: ReadonlyMap<string, readonly BilledService[]>;
  readonly carePlansByPatientMonth: ReadonlyMap<string, readonly CarePlan[]>;
  /** Entries of one staff member on one day, every patient and program; key `staff\0date`. */
  readonly entriesByStaffDay: ReadonlyMap<string, readonly TimeEntry[]>;
  /** How findings' fingerprints name the tables read (by kind and sheet, not file name). */
  readonly tableName: TableNamer;
  /**
   * All-digit patient ids written with and without leading zeros across the tables (id-leading-zeros): folded
   * into one patient where no table holds two of the spellings, else left apart.
   */
  readonly idSpellings: readonly IdSpellings[];
  /**
   * The identity (src/fingerprint.ts entryKey) of the time-log row a source points at, duplicates and withdrawn
   * rows included, or undefined for a row of another table: findings' fingerprints name entries by what they
   * are, not by their row. Remembered per row: the month-level rules cite a month's entries again and again.
   */
  readonly entryKeyAt: (source: SourceRef) => number | undefined;
}

export interface ModelOptions {
  period?: string | undefined;
  runDate: string;
  /**
   * Freeze the model, its lists and its records, so a rule that writes to any of them throws. The tests'
   * models are frozen, which is where a mutating rule is caught; an audit's are not, and the model's readonly
   * types keep rules honest there. Node 20's V8 reads a frozen array several times slower than another (for-of
   * over one allocates at every step): with its lists frozen, a million-row audit's model, rules and billing
   * took ~0.5 s longer.
   */
  freeze?: boolean;
}

/** The note as D2 compares it: spacing and case do not make a row different. */
function duplicateNote(note: string): string {
  return note.replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * D2 identity beyond patient and date (which the caller has already matched): same program as classified, staff
 * (ignoring case), start, minutes (or the unreadable minutes text) and note (ignoring spacing and case). The
 * same minutes logged under two programs are not a copy to drop silently but double counting (D3), which
 * overlapping-time reports when the rows have clock times.
 */
function sameRow(a: WithdrawnEntry, b: WithdrawnEntry): boolean {
  return (
    a.program === b.program &&
    (a.staff ?? '').toLowerCase() === (b.staff ?? '').toLowerCase() &&
    String(a.start ?? '') === String(b.start ?? '') &&
    String(a.minutes ?? a.minutesText ?? '') === String(b.minutes ?? b.minutesText ?? '') &&
    (a.note === b.note || duplicateNote(a.note) === duplicateNote(b.note))
  );
}

/** Staff names as written vary in spacing and case; a few distinct spellings stand for each person. */
function staffKeyOf(cache: Map<string, string>, staff: string | undefined): string | undefined {
  if (staff === undefined) return undefined;
  let key = cache.get(staff);
  if (key === undefined) {
    key = staff.replace(/\s+/g, ' ').trim().toLowerCase();
    cache.set(staff, key);
  }
  return key || undefined;
}

export function staffKey(entry: Pick<WithdrawnEntry, 'staff'>): string | undefined {
  return entry.staff?.replace(/\s+/g, ' ').trim().toLowerCase() || undefined;
}

/**
 * What makes rows of two exports one entry in two versions, whatever their minutes and clock times: program,
 * staff and note, spacing and case aside (conflicting copies, copies without a Start column, withdrawn versions).
 */
function versionKey(e: WithdrawnEntry): string {
  return `${e.program}\u0000${staffKey(e) ?? ''}\u0000${duplicateNote(e.note)}`;
}

/** Items by key, keys in order of first appearance; items whose key is undefined are left out. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Small integers for a repeated string field (patient ids, dates, months, staff): one hash lookup per entry
 * and field, then every grouping works on integers in typed arrays. Codes follow first appearance.
 */
class Codes {
  private readonly map = new Map<string, number>();
  readonly values: string[] = [];
  private lastValue: string | undefined;
  private lastCode = -1;

  code(value: string): number {
    // A time log sorted by date repeats each date (one shared string) row after row: the last answer is
    // checked before the map, which took coding a million dates from ~50 ms to a few.
    if (value === this.lastValue) return this.lastCode;
    let code = this.map.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.map.set(value, code);
      this.values.push(value);
    }
    this.lastValue = value;
    this.lastCode = code;
    return code;
  }

  /** Each code's position when the values are sorted as text. */
  ranks(): Int32Array {
    const order = this.values.map((_, i) => i).sort((a, b) => compareText(this.values[a]!, this.values[b]!));
    const rank = new Int32Array(order.length);
    order.forEach((code, position) => (rank[code] = position));
    return rank;
  }
}

/**
 * `order` stably sorted by `key[order[i]]` (0 ≤ key < buckets): a counting sort, O(n + buckets). Two of them
 * (secondary key first) sort by a pair of keys without comparisons and without quadratic steps.
 */
function countingSort(order: Int32Array, key: Int32Array, buckets: number): Int32Array {
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < order.length; i++) starts[key[order[i]!]! + 1]!++;
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const sorted = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) sorted[starts[key[order[i]!]!]!++] = order[i]!;
  return sorted;
}

/** Each code's rank: a plain loop, as Int32Array.from with a map function took ~95 ms for a million codes. */
function byRank(ranks: Int32Array, codes: Int32Array): Int32Array {
  const keys = new Int32Array(codes.length);
  for (let i = 0; i < codes.length; i++) keys[i] = ranks[codes[i]!]!;
  return keys;
}

/**
 * The positions 0…key.length-1 stably sorted by `key` (countingSort of the identity order), without making the
 * identity order: one array of a million positions fewer.
 */
function countingSortPositions(key: Int32Array, buckets: number): Int32Array {
  const starts = new Int32Array(buckets + 1);
  for (let i = 0; i < key.length; i++) starts[key[i]! + 1]!++;
  for (let b = 0; b < buckets; b++) starts[b + 1]! += starts[b]!;
  const sorted = new Int32Array(key.length);
  for (let i = 0; i < key.length; i++) sorted[starts[key[i]!]!++] = i;
  return sorted;
}

/** Runs of equal `key` in `order` (already sorted by it): calls `each(start, end)` per run. */
function runs(order: Int32Array, key: (index: number) => number, each: (start: number, end: number) => void): void {
  for (let start = 0; start < order.length; ) {
    const k = key(order[start]!);
    let end = start + 1;
    while (end < order.length && key(order[end]!) === k) end++;
    each(start, end);
    start = end;
  }
}

/**
 * `items[order[start…end)]` as an array of exactly that length. Lists built by push keep spare capacity
 * (17 slots for a patient-month of 3 entries), which across a million entries is ~100 MB of empty slots.
 */
function slice<T>(items: readonly T[], order: Int32Array, start: number, end: number): T[] {
  const list = new Array<T>(end - start);
  for (let i = start; i < end; i++) list[i - start] = items[order[i]!]!;
  return list;
}

/** The input an entry was read from: one TableRef object per table, but equal values name the same table too. */
function sameTable(a: WithdrawnEntry, b: WithdrawnEntry): boolean {
  return a.table === b.table || (a.table.file === b.table.file && a.table.sheet === b.table.sheet);
}

/**
 * The rows of one patient-day (exact copies already dropped) that two inputs hold as one CCM entry: same
 * program, staff and note (non-empty; spacing and case ignored), but different minutes, or a clock time in one
 * and none in the other. Monthly exports overlap, and an entry corrected between them (20 minutes, then 25) is
 * no exact copy: counted in both, the activity's minutes count twice (D1, D2). The reference is silent on such
 * near-copies; the conservative reading is that one activity edited between exports is far likelier than two
 * with the same words. Rows of one input are not compared (two calls in a day with one templated note are
 * cloned-note's), nor two rows that both have a start time: the clock tells them apart (different times are two
 * activities, the same time is overlapping-time's).
 */
function conflictingCopiesOf(run: readonly TimeEntry[], found: TimeEntry[][]): void {
  if (run.every((e) => sameTable(e, run[0]!))) return;
  const groups = groupBy(run, (e) => (CCM_PROGRAMS.has(e.program) && e.note.trim() !== '' ? versionKey(e) : undefined));
  for (const group of groups.values()) {
    if (group.length < 2 || group.every((e) => sameTable(e, group[0]!))) continue;
    // A row without a start time is the copy of any row of another input; one with a start time only of a
    // row of another input without one.
    const undated = group.filter((e) => e.start === undefined);
    const other = undated.find((u) => !sameTable(u, undated[0]!));
    const copies = group.filter((e) => e.start === undefined || (undated.length > 0 && (other !== undefined || !sameTable(undated[0]!, e))));
    if (copies.length > 1) found.push(copies);
  }
}

/** Rows sharing patient and date before a run is checked through a keyed map instead of pairwise. */
const PAIRWISE_LIMIT = 16;

/**
 * Exact duplicates (D2). Rows are sorted by patient and date with two counting sorts (stable, so each run keeps
 * time-log order) and only rows within a run are compared field by field; notes are normalized only for those
 * rare candidates. The first row of each identity is kept. The same runs give the conflicting copies.
 */
function removeDuplicates(all: readonly TimeEntry[], patient: Int32Array, patients: number, day: Int32Array, days: number) {
  const duplicateOf = new Int32Array(all.length).fill(-1);
  const withoutStart = new Set<number>();
  const conflicting: TimeEntry[][] = [];
  const order = countingSort(countingSortPositions(day, days), patient, patients);
  runs(order, (i) => patient[i]! * days + day[i]!, (start, end) => {
    if (end - start === 1) return;
    exactCopies(all, order, start, end, duplicateOf);
    // The rows left of a patient-day spanning two inputs may still hold one entry edited between them. Most
    // patient-days come from one input: they are passed over without a list.
    const first = all[order[start]!]!;
    let spans = false;
    for (let a = start + 1; a < end && !spans; a++) spans = !sameTable(all[order[a]!]!, first);
    if (!spans) return;
    copiesWithoutStart(all, order, start, end, duplicateOf, withoutStart);
    const rest: TimeEntry[] = [];
    for (let a = start; a < end; a++) if (duplicateOf[order[a]!] === -1) rest.push(all[order[a]!]!);
    if (rest.length > 1) conflictingCopiesOf(rest, conflicting);
  });
  const entries: TimeEntry[] = [];
  // The kept rows' positions in `all`, in a typed array filled to `keptCount`: a million numbers pushed onto an
  // array grow it (and copy it) a few times over.
  const kept = new Int32Array(all.length);
  let keptCount = 0;
  const duplicates: DuplicatePair[] = [];
  for (let i = 0; i < all.length; i++) {
    if (duplicateOf[i] === -1) {
      entries.push(all[i]!);
      kept[keptCount++] = i;
    } else duplicates.push({ entry: all[i]!, duplicateOf: all[duplicateOf[i]!]!, ...(withoutStart.has(i) ? { withoutStart: true as const } : {}) });
  }
  return { entries, kept: kept.subarray(0, keptCount), duplicates, conflicting };
}

/**
 * Copies an export made without the clock time: the same CCM entry (program, staff, minutes and note, spacing and
 * case aside) that another input holds with a start time, where every input that has the time gives the same
 * one. One export has a Start column and the other not; the minutes agree, so nothing was edited between them
 * and nothing is left to choose (explore10 A06): the row without the time is dropped as a copy of the one with
 * it. Different minutes, or two start times, are conflicting-copies'.
 */
function copiesWithoutStart(all: readonly TimeEntry[], order: Int32Array, start: number, end: number, duplicateOf: Int32Array, withoutStart: Set<number>): void {
  const groups = new Map<string, number[]>();
  for (let a = start; a < end; a++) {
    const i = order[a]!;
    const e = all[i]!;
    if (duplicateOf[i] !== -1 || e.minutes === null || !CCM_PROGRAMS.has(e.program) || e.note.trim() === '') continue;
    const key = `${versionKey(e)}\u0000${e.minutes}`;
    const list = groups.get(key);
    if (list) list.push(i);
    else groups.set(key, [i]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const timed = group.filter((i) => all[i]!.start !== undefined);
    if (timed.length === 0 || timed.length === group.length || timed.some((i) => all[i]!.start !== all[timed[0]!]!.start)) continue;
    for (const i of group) {
      if (all[i]!.start !== undefined || timed.some((t) => sameTable(all[t]!, all[i]!))) continue;
      duplicateOf[i] = timed[0]!;
      withoutStart.add(i);
    }
  }
}

/** Marks in `duplicateOf` the exact copies (D2) among the rows `order[start…end)` of one patient-day. */
function exactCopies(all: readonly TimeEntry[], order: Int32Array, start: number, end: number, duplicateOf: Int32Array): void {
  if (end - start <= PAIRWISE_LIMIT) {
    for (let a = start + 1; a < end; a++) {
      const entry = all[order[a]!]!;
      for (let b = start; b < a; b++) {
        if (duplicateOf[order[b]!] === -1 && sameRow(entry, all[order[b]!]!)) {
          keepCopy(all, order, start, a, order[a]!, order[b]!, duplicateOf);
          break;
        }
      }
    }
    return;
  }
  // Many rows of one patient on one day: a map by the full identity keeps this linear.
  const first = new Map<string, number>();
  for (let a = start; a < end; a++) {
    const e = all[order[a]!]!;
    const key = [e.program, (e.staff ?? '').toLowerCase(), String(e.start ?? ''), String(e.minutes ?? e.minutesText ?? ''), duplicateNote(e.note)].join('\u0000');
    const kept = first.get(key);
    if (kept === undefined) first.set(key, order[a]!);
    else if (keepCopy(all, order, start, a, order[a]!, kept, duplicateOf)) first.set(key, order[a]!);
  }
}

/**
 * Marks one of two exact copies (D2) the duplicate: the later row, unless only it has a status ccm cannot read
 * as finished. Kept by file order, whether an entry "Open" in October's export and "Completed" in November's
 * counted depended on the order the exports were given in (explore10 A01); and the change may go either way
 * ("Completed", then "Reopened - returned for correction": explore11 A02). The copy with the unread status is
 * kept, so unknown-entry-status names it and holds the minutes until a person settles it, whatever the order.
 * Returns whether the later row is kept; rows already pointing at the one dropped then point at it.
 */
function keepCopy(all: readonly TimeEntry[], order: Int32Array, start: number, end: number, later: number, earlier: number, duplicateOf: Int32Array): boolean {
  if (all[later]!.unrecognizedStatus === undefined || all[earlier]!.unrecognizedStatus !== undefined) {
    duplicateOf[later] = earlier;
    return false;
  }
  duplicateOf[earlier] = later;
  for (let c = start; c < end; c++) if (duplicateOf[order[c]!] === earlier) duplicateOf[order[c]!] = later;
  return true;
}

/**
 * Entries another export marks withdrawn: the same row (patient, date and the D2 identity) read as withdrawn
 * in another table. Monthly exports given together repeat an entry, and the later one may say it was voided
 * since: its minutes were never spent. A withdrawn row whose own table also holds the row active withdrew a
 * copy within that export (a duplicate voided in the EHR), not the entry, and withdraws nothing elsewhere.
 *
 * A withdrawn row matching no active row exactly may still be the entry in another version: the later export
 * has no Start column, or shows a voided entry's minutes as 0. Matched as conflicting copies are (same program,
 * staff and non-empty note, minutes differing or a clock time in one only; two different clock times are two
 * activities), the active row is `near`: ccm cannot tell whether it was voided, so conflicting-copies holds it
 * rather than counting it or dropping it unseen. Not when the withdrawn row's own table holds an active row
 * of that note too: the export says which of its same-note rows stand.
 */
function nearKey(e: WithdrawnEntry): string {
  return `${e.patientId}\u0000${e.date}\u0000${versionKey(e)}`;
}

function withdrawnElsewhere(entries: readonly TimeEntry[], withdrawn: readonly WithdrawnEntry[]) {
  const found = new Map<TimeEntry, WithdrawnEntry>();
  const near = new Map<TimeEntry, WithdrawnEntry[]>();
  if (withdrawn.length === 0) return { found, near };
  const patients = new Set(withdrawn.map((w) => w.patientId));
  // Only the few patients with a withdrawn row are looked at, and only rows of their withdrawn rows' note,
  // staff and day are compared: an exact copy has them too.
  const active = groupBy(entries, (e) => (patients.has(e.patientId) ? nearKey(e) : undefined));
  for (const w of withdrawn) {
    const candidates = active.get(nearKey(w)) ?? [];
    const copies = candidates.filter((e) => sameRow(e, w));
    if (copies.length > 0) {
      if (copies.some((e) => e.table === w.table)) continue;
      for (const e of copies) if (!found.has(e)) found.set(e, w);
      continue;
    }
    if (!CCM_PROGRAMS.has(w.program) || w.note.trim() === '' || candidates.some((e) => sameTable(e, w))) continue;
    for (const e of candidates) {
      if (e.start !== undefined && w.start !== undefined && e.start !== w.start) continue;
      const list = near.get(e);
      if (list) list.push(w);
      else near.set(e, [w]);
    }
  }
  for (const e of found.keys()) near.delete(e);
  return { found, near };
}

/** An entry's codes (Codes) for the fields the model groups by, by the entry's position; -1 where it has none. */
interface EntryCodes {
  readonly patientCodes: Codes;
  readonly dayCodes: Codes;
  /** Months of CCM-program entries (of the period, when one is given). */
  readonly monthCodes: Codes;
  /** Staff keys (staffKey). */
  readonly staffCodes: Codes;
  readonly patient: Int32Array;
  readonly day: Int32Array;
  /** -1: not a CCM-program entry of the period, so in no patient-month. */
  readonly month: Int32Array;
  /** -1: no staff name, so in no staff-day. */
  readonly staff: Int32Array;
}

/**
 * Every field the model groups entries by, coded in one walk over the entries. Each walk over a million entries
 * in file order is a cache miss or so per entry (~35 ms) whatever it reads; coding patient and day, then month,
 * then staff took three.
 */
function codeEntries(all: readonly TimeEntry[], period: string | undefined): EntryCodes {
  const codes = {
    patientCodes: new Codes(),
    dayCodes: new Codes(),
    monthCodes: new Codes(),
    staffCodes: new Codes(),
    patient: new Int32Array(all.length),
    day: new Int32Array(all.length),
    month: new Int32Array(all.length),
    staff: new Int32Array(all.length),
  };
  const staffKeys = new Map<string, string>();
  // A log lists a staff member's day row after row (the name one shared string): the name's code is looked up
  // only when the name changes.
  let lastStaff: string | undefined;
  let staffCode = -1;
  for (let i = 0; i < all.length; i++) {
    const e = all[i]!;
    codes.patient[i] = codes.patientCodes.code(e.patientId);
    codes.day[i] = codes.dayCodes.code(e.date);
    codes.month[i] = CCM_PROGRAMS.has(e.program) && (period === undefined || e.month === period) ? codes.monthCodes.code(e.month) : -1;
    if (e.staff !== lastStaff) {
      lastStaff = e.staff;
      const key = staffKeyOf(staffKeys, e.staff);
      staffCode = key === undefined ? -1 : codes.staffCodes.code(key);
    }
    codes.staff[i] = staffCode;
  }
  return codes;
}

/**
 * Entries of one staff member on one day, every patient and program, keyed `staff\0date`, staff-days in order
 * of first appearance. Each staff-day is numbered first and its list then made at its exact length and filled
 * by position: lists grown by push keep spare room (17 slots for 3 entries) and were copied to their length.
 */
function staffDays(entries: readonly TimeEntry[], staff: Int32Array, staffCodes: Codes, day: Int32Array, dayCodes: Codes): Map<string, TimeEntry[]> {
  const dayCount = dayCodes.values.length;
  const numbers = new Map<number, number>();
  const staffDayOf = new Int32Array(entries.length);
  const sizes: number[] = [];
  const firsts: number[] = [];
  for (let k = 0; k < entries.length; k++) {
    if (staff[k]! < 0) {
      staffDayOf[k] = -1;
      continue;
    }
    const key = staff[k]! * dayCount + day[k]!;
    let n = numbers.get(key);
    if (n === undefined) {
      n = sizes.length;
      numbers.set(key, n);
      sizes.push(0);
      firsts.push(k);
    }
    sizes[n]!++;
    staffDayOf[k] = n;
  }
  const lists = sizes.map((size) => new Array<TimeEntry>(size));
  const filled = new Int32Array(lists.length);
  for (let k = 0; k < entries.length; k++) {
    const n = staffDayOf[k]!;
    if (n >= 0) lists[n]![filled[n]!++] = entries[k]!;
  }
  const byKey = new Map<string, TimeEntry[]>();
  for (let n = 0; n < lists.length; n++) byKey.set(`${staffCodes.values[staff[firsts[n]!]!]!}\u0000${dayCodes.values[day[firsts[n]!]!]!}`, lists[n]!);
  return byKey;
}

export function buildModel(ingested: Ingested, options: ModelOptions): AuditModel {
  const { data, spellings: idSpellings } = foldLeadingZeros(ingested);
  const { found: withdrawn, near } = withdrawnElsewhere(data.entries, data.withdrawn);
  const all = withdrawn.size === 0 ? data.entries : data.entries.filter((e) => !withdrawn.has(e));
  const codes = codeEntries(all, options.period);
  const { patientCodes, dayCodes, monthCodes, staffCodes } = codes;
  const { entries, kept, duplicates: copies, conflicting } = removeDuplicates(all, codes.patient, patientCodes.values.length, codes.day, dayCodes.values.length);
  const duplicates: DuplicatePair[] = withdrawn.size === 0 ? copies : [...copies, ...[...withdrawn].map(([entry, w]) => ({ entry, duplicateOf: w, withdrawn: true as const }))];
  // An exact copy dropped here leaves its first row, which the withdrawn row matches as well.
  const dropped = near.size === 0 ? undefined : new Set(copies.map((d) => d.entry));
  const withdrawnVersions = [...near].filter(([entry]) => !dropped!.has(entry)).map(([entry, rows]) => ({ entry, withdrawn: rows }));
  // The kept entries' codes, by their position in `entries`: moved down in place (kept[k] >= k), since four more
  // arrays of a million codes add to the external memory that makes V8 collect garbage early.
  for (let k = 0; k < kept.length; k++) {
    const i = kept[k]!;
    codes.patient[k] = codes.patient[i]!;
    codes.day[k] = codes.day[i]!;
    codes.month[k] = codes.month[i]!;
    codes.staff[k] = codes.staff[i]!;
  }
  const patient = codes.patient.subarray(0, kept.length);
  const day = codes.day.subarray(0, kept.length);
  const month = codes.month.subarray(0, kept.length);
  const staff = codes.staff.subarray(0, kept.length);

  // Patient-months: CCM entries (of the period, with --month; other months' entries stay visible to rules,
  // e.g. cloned notes), sorted by patient id then month as text, each month's entries in time-log order.
  // Positions of the CCM entries, in a typed array filled to `ccmCount`: pushing a million numbers onto an
  // array and copying them into an Int32Array for the sort cost ~30 ms.
  const ccmAll = new Int32Array(entries.length);
  let ccmCount = 0;
  for (let k = 0; k < entries.length; k++) if (month[k]! >= 0) ccmAll[ccmCount++] = k;
  const ccm = ccmAll.subarray(0, ccmCount);
  const patientRank = patientCodes.ranks();
  const monthRank = monthCodes.ranks();
  const patientKey = byRank(patientRank, patient);
  const monthKey = new Int32Array(entries.length);
  for (const k of ccm) monthKey[k] = monthRank[month[k]!]!;
  const ccmOrder = countingSort(countingSort(ccm, monthKey, monthCodes.values.length), patientKey, patientCodes.values.length);
  const patientMonths: PatientMonthRef[] = [];
  runs(ccmOrder, (k) => patientKey[k]! * monthCodes.values.length + monthKey[k]!, (start, end) => {
    // The ids from the codes rather than from the first entry: reading an entry here, in patient order, is a
    // cache miss per patient-month (~50 ms on the 1M-row input).
    const k = ccmOrder[start]!;
    patientMonths.push({ patientId: patientCodes.values[patient[k]!]!, month: monthCodes.values[month[k]!]!, entries: slice(entries, ccmOrder, start, end) });
  });

  // Entries by patient, patients in order of first appearance (as a Map would insert them).
  const entriesByPatient = new Map<string, TimeEntry[]>();
  const patientOrder = countingSortPositions(patient, patientCodes.values.length);
  runs(patientOrder, (k) => patient[k]!, (start, end) => {
    const list = slice(entries, patientOrder, start, end);
    entriesByPatient.set(list[0]!.patientId, list);
  });

  const entriesByStaffDay = staffDays(entries, staff, staffCodes, day, dayCodes);

  const model: AuditModel = {
    entries,
    duplicates,
    conflictingCopies: conflicting,
    withdrawnVersions,
    consents: data.consents,
    diagnoses: data.diagnoses,
    services: data.services,
    carePlans: data.carePlans,
    rejected: data.rejected,
    kindsPresent: data.kindsPresent,
    hasMbiColumn: data.hasMbiColumn,
    period: options.period,
    runDate: options.runDate,
    patientMonths,
    entriesByPatient,
    consentsByPatient: groupBy(data.consents, (c) => c.patientId),
    diagnosesByPatient: groupBy(data.diagnoses, (d) => d.patientId),
    servicesByPatientMonth: groupBy(data.services, (s) => patientMonthKey(s.patientId, s.month)),
    carePlansByPatientMonth: groupBy(data.carePlans, (p) => patientMonthKey(p.patientId, p.month)),
    entriesByStaffDay,
    tableName: tableNamer(data.inputs),
    idSpellings,
    entryKeyAt: entryKeys(data),
  };
  return options.freeze ? freezeModel(model) : model;
}

/**
 * Time-log rows by table and row number: one array slot per row rather than a string key per entry, which for a
 * million entries is the difference between a few MB and ~100 MB.
 */
function entryKeys(data: Pick<Ingested, 'entries' | 'withdrawn'>): (source: SourceRef) => number | undefined {
  /** Per table: its rows, and their keys once asked (NaN: not yet). */
  const byName = new Map<string, { rows: WithdrawnEntry[]; keys: Float64Array | undefined }>();
  // Entries of one table share its TableRef, and come in runs: a name is built once per run, not per entry.
  let table: TableRef | undefined;
  let rows: WithdrawnEntry[] = [];
  for (const list of [data.entries, data.withdrawn]) {
    for (const e of list) {
      if (e.table !== table) {
        table = e.table;
        const name = `${table.file}\u0000${table.sheet ?? ''}`;
        let found = byName.get(name);
        if (!found) byName.set(name, (found = { rows: [], keys: undefined }));
        rows = found.rows;
      }
      rows[e.row] = e;
    }
  }
  // The findings cite rows of one or two tables, a million times: the last table asked is remembered by its
  // file and sheet, since building and hashing a name string per call was most of this function's ~220 ms.
  let lastFile: string | undefined;
  let lastSheet: string | null | undefined;
  let lastFound: { rows: WithdrawnEntry[]; keys: Float64Array | undefined } | undefined;
  return (source) => {
    if (source.file !== lastFile || source.sheet !== lastSheet) {
      lastFile = source.file;
      lastSheet = source.sheet;
      lastFound = byName.get(`${source.file}\u0000${source.sheet ?? ''}`);
    }
    const found = lastFound;
    const entry = found?.rows[source.row];
    if (found === undefined || entry === undefined) return undefined;
    const keys = (found.keys ??= new Float64Array(found.rows.length).fill(Number.NaN));
    let key = keys[source.row]!;
    if (Number.isNaN(key)) keys[source.row] = key = entryKey(entry);
    return key;
  };
}

/**
 * Freezes the model, its lists and its maps' lists, the records and their sources. The model's shape is known,
 * so this walks it directly instead of reflecting over every record.
 */
function freezeModel(model: AuditModel): AuditModel {
  const record = (r: { source: SourceRef } | TimeEntry): void => {
    Object.freeze('source' in r ? r.source : r.table);
    Object.freeze(r);
  };
  const records = (list: readonly ({ source: SourceRef } | TimeEntry)[]): void => {
    for (const r of list) record(r);
    Object.freeze(list);
  };
  records(model.entries);
  for (const d of model.duplicates) {
    record(d.entry);
    Object.freeze(d);
  }
  Object.freeze(model.duplicates);
  for (const copies of model.conflictingCopies) Object.freeze(copies);
  for (const pair of model.withdrawnVersions) {
    Object.freeze(pair.withdrawn);
    Object.freeze(pair);
  }
  Object.freeze(model.withdrawnVersions);
  Object.freeze(model.conflictingCopies);
  records(model.consents);
  records(model.diagnoses);
  records(model.services);
  records(model.carePlans);
  records(model.rejected);
  for (const pm of model.patientMonths) {
    Object.freeze(pm.entries);
    Object.freeze(pm);
  }
  Object.freeze(model.patientMonths);
  for (const map of [model.entriesByPatient, model.consentsByPatient, model.diagnosesByPatient, model.servicesByPatientMonth, model.carePlansByPatientMonth, model.entriesByStaffDay]) {
    for (const list of map.values()) Object.freeze(list);
    Object.freeze(map);
  }
  Object.freeze(model.kindsPresent);
  Object.freeze(model.idSpellings);
  return Object.freeze(model);
}
