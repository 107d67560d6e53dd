import { z } from 'zod';
import { CCM_PROGRAMS, patientMonthKey } from '../model/build.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';
import { defineRule } from './define-rule.js';
import { MAX_ROWS_NAMED, count, describeRows, isAuditedEntry } from './util.js';

/** Shorter notes are judged by vague-note; identical short notes ("BP check") are not evidence of cloning. */
const DEFAULT_MIN_LENGTH = 25;

/** Case and spacing differ between copies; digits and dates are kept, so "A1c 7.2" and "A1c 8.1" differ. */
export function normalizeNote(note: string): string {
  return note.toLowerCase().replace(/\s+/g, ' ').trim();
}


/** ASCII lower case by table: one load instead of two comparisons per character. */
const LOWER = Uint8Array.from({ length: 128 }, (_, c) => (c >= 65 && c <= 90 ? c + 32 : c));

/** Length of the normalized note whose hash noteHash returned last (a second result without an object per call). */
let hashedLength = 0;

/**
 * A 30-bit hash of normalizeNote(note), computed in one pass without building the normalized string (ASCII
 * notes; others are normalized first); its length is left in `hashedLength`. Grouping a million notes by a
 * small integer instead of by their text keeps no copy of the notes alive; groups are then split by the exact
 * text, so a collision costs a comparison and never makes two notes look cloned.
 */
export function noteHash(note: string): number {
  let h = FNV_OFFSET;
  let length = 0;
  let pendingSpace = false;
  for (let i = 0; i < note.length; i++) {
    const c = note.charCodeAt(i);
    if (c <= 32) {
      // \s in ASCII: tab, LF, VT, FF, CR and space.
      if (c === 32 || (c >= 9 && c <= 13)) {
        pendingSpace = length > 0;
        continue;
      }
    } else if (c > 127) return hashText(normalizeNote(note));
    if (pendingSpace) {
      h = Math.imul(h ^ 32, FNV_PRIME);
      length++;
      pendingSpace = false;
    }
    h = Math.imul(h ^ LOWER[c]!, FNV_PRIME);
    length++;
  }
  hashedLength = length;
  return h >>> 2;
}

/** noteHash with its length, for tests. */
export function noteKey(note: string): { hash: number; length: number } {
  const hash = noteHash(note);
  return { hash, length: hashedLength };
}

function hashText(text: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  hashedLength = text.length;
  return h >>> 2;
}

/** Non-space characters sampled from each end of a note by sampleHash. */
const SAMPLE = 16;

/**
 * A 30-bit hash of the first and last SAMPLE non-space characters of normalizeNote(note), read from the two
 * ends of the note without its middle. Lower-casing maps each ASCII character on its own, so when the ends
 * read are ASCII they are the normalized note's ends; otherwise the note is normalized first (`normalized`).
 */
export function sampleHash(note: string, normalized = false): number {
  let h = FNV_OFFSET;
  let taken = 0;
  for (let i = 0; i < note.length && taken < SAMPLE; i++) {
    const c = note.charCodeAt(i);
    if (c > 127 && !normalized) return sampleHash(normalizeNote(note), true);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    h = Math.imul(h ^ (c > 127 ? c : LOWER[c]!), FNV_PRIME);
    taken++;
  }
  taken = 0;
  for (let i = note.length - 1; i >= 0 && taken < SAMPLE; i--) {
    const c = note.charCodeAt(i);
    if (c > 127 && !normalized) return sampleHash(normalizeNote(note), true);
    if (c === 32 || (c >= 9 && c <= 13)) continue;
    h = Math.imul(h ^ (c > 127 ? c : LOWER[c]!), FNV_PRIME);
    taken++;
  }
  return h >>> 2;
}

/** Bits of a 30-bit hash sortByHash orders by in each of its two passes. */
const RADIX_BITS = 15;
const RADIX = 1 << RADIX_BITS;

/**
 * Positions of the entries whose `hash` (30 bits; undefined leaves an entry out) is shared, in groups of one
 * hash (smallest hash first), in time-log order within each group.
 */
function sameHashGroups(entries: readonly TimeEntry[], hash: (entry: TimeEntry) => number | undefined): number[][] {
  const hashes = new Uint32Array(entries.length);
  const positions = new Int32Array(entries.length);
  let n = 0;
  for (let i = 0; i < entries.length; i++) {
    const h = hash(entries[i]!);
    if (h === undefined) continue;
    hashes[n] = h;
    positions[n++] = i;
  }
  const sorted = sortByHash(hashes.subarray(0, n), positions.subarray(0, n));
  const groups: number[][] = [];
  for (let a = 0; a < n; ) {
    const h = sorted.hashes[a]!;
    let b = a + 1;
    while (b < n && sorted.hashes[b] === h) b++;
    if (b - a > 1) groups.push(Array.from(sorted.positions.subarray(a, b)));
    a = b;
  }
  return groups;
}

/**
 * Hashes (of 30 bits, as noteHash and sampleHash give) and their positions (in increasing order) sorted by hash,
 * positions staying in order within a hash: a radix sort of two stable passes of RADIX_BITS, so equal hashes end
 * up next to each other without a map of a million keys. A native sort of a million numbers packing hash and position took ~100-190 ms; this, ~30.
 */
export function sortByHash(hashes: Uint32Array, positions: Int32Array): { hashes: Uint32Array; positions: Int32Array } {
  let fromHashes = hashes;
  let fromPositions = positions;
  let toHashes: Uint32Array = new Uint32Array(hashes.length);
  let toPositions: Int32Array = new Int32Array(hashes.length);
  const starts = new Int32Array(RADIX);
  for (let shift = 0; shift < 2 * RADIX_BITS; shift += RADIX_BITS) {
    starts.fill(0);
    for (let i = 0; i < fromHashes.length; i++) starts[(fromHashes[i]! >>> shift) & (RADIX - 1)]!++;
    let at = 0;
    for (let d = 0; d < RADIX; d++) {
      const count = starts[d]!;
      starts[d] = at;
      at += count;
    }
    for (let i = 0; i < fromHashes.length; i++) {
      const h = fromHashes[i]!;
      const to = starts[(h >>> shift) & (RADIX - 1)]!++;
      toHashes[to] = h;
      toPositions[to] = fromPositions[i]!;
    }
    [fromHashes, toHashes] = [toHashes, fromHashes];
    [fromPositions, toPositions] = [toPositions, fromPositions];
  }
  return { hashes: fromHashes, positions: fromPositions };
}

/**
 * CCM entries whose notes (of at least minLength characters, normalized) may be the same: equal noteHash, in
 * time-log order within each group. Hashing a million notes in full cost ~400 ms; most notes already differ
 * in their ends, so they are grouped by sampleHash first and only those that share a sample are hashed in full.
 */
function sameNoteCandidates(entries: readonly TimeEntry[], minLength: number): TimeEntry[][] {
  const sampled = sameHashGroups(entries, (e) => (CCM_PROGRAMS.has(e.program) ? sampleHash(e.note) : undefined));
  // Back in time-log order; they are few, so sorting their positions costs less than filtering the log.
  const shared = sampled
    .flat()
    .sort((a, b) => a - b)
    .map((i) => entries[i]!);
  const full = sameHashGroups(shared, (e) => {
    const hash = noteHash(e.note);
    return hashedLength < minLength ? undefined : hash;
  });
  return full.map((group) => group.map((i) => shared[i]!));
}

/** Entries of one group that really share the normalized note (nearly always the whole group). */
function byExactNote(group: readonly TimeEntry[]): TimeEntry[][] {
  const byNote = new Map<string, TimeEntry[]>();
  for (const e of group) {
    const key = normalizeNote(e.note);
    const list = byNote.get(key);
    if (list) list.push(e);
    else byNote.set(key, [e]);
  }
  return [...byNote.values()];
}

export const clonedNote = defineRule({
  id: 'cloned-note',
  code: 'CCM012',
  severity: 'warning',
  level: 'entry',
  description: 'The same CCM note appears for different patients, or for one patient in different months.',
  rationale:
    'Medicare contractors treat documentation worded exactly like previous entries, or identical from patient to patient, as cloned: it ' +
    'lacks patient-specific information and leads to denial and recoupment (R-CLONE-MAC); OIG found copy-paste hard to detect and urged ' +
    'audits for it (R-CLONE-OIG). Applying this to month-to-month CCM notes is an inference (R-CLONE-CCM, UNCONFIRMED), so it is a warning ' +
    'for review (D7), not an error. Notes are compared after lower-casing and collapsing spaces; the same note twice for one patient in one ' +
    'month is not reported. Every CCM entry of the log is compared, so a note copied from an earlier month is found even with --month; only ' +
    'the audited month\'s entries are reported.',
  references: ['R-CLONE-MAC', 'R-CLONE-OIG', 'R-CLONE-CCM', 'D7'],
  fix: 'Rewrite the note to describe what was done for this patient in this month; review the template or copy-forward habit that produced it.',
  options: z.strictObject({
    minLength: z
      .number()
      .int()
      .min(0)
      .default(DEFAULT_MIN_LENGTH)
      .describe('Notes shorter than this many characters (after normalizing) are not compared.'),
  }),
  messages: {
    acrossPatients: 'The same note appears on {others} ({rows}), including other patients\' entries; a copied note does not show patient-specific care.',
    acrossMonths: 'The same note appears on {others} of this patient in other months ({rows}); a note copied from month to month does not show this month\'s care.',
  },
  check({ model, options, report }) {
    const candidates: TimeEntry[][] = [];
    for (const group of sameNoteCandidates(model.entries, options.minLength)) candidates.push(...byExactNote(group));
    for (const group of candidates) {
      if (group.length < 2) continue;
      // Copies within one patient-month are not clones; counting them lets each entry's "others" be found without comparing all pairs.
      const perPatientMonth = new Map<string, number>();
      const patients = new Set<string>();
      for (const e of group) {
        const key = patientMonthKey(e.patientId, e.month);
        perPatientMonth.set(key, (perPatientMonth.get(key) ?? 0) + 1);
        patients.add(e.patientId);
      }
      for (const entry of group) {
        if (!isAuditedEntry(model, entry)) continue;
        const others = group.length - perPatientMonth.get(patientMonthKey(entry.patientId, entry.month))!;
        if (others === 0) continue;
        const named: TimeEntry[] = [];
        for (const o of group) {
          if (named.length === MAX_ROWS_NAMED) break;
          if (o.patientId !== entry.patientId || o.month !== entry.month) named.push(o);
        }
        report({
          messageId: patients.size > 1 ? 'acrossPatients' : 'acrossMonths',
          data: { others: count(others, 'other row'), rows: describeRows(sourceOf(entry), named.map(sourceOf), others) },
          entries: [entry],
        });
      }
    }
  },
});
