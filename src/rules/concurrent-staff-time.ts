import { z } from 'zod';
import { CCM_PROGRAMS, staffKey } from '../model/build.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { DisjointIntervals } from './disjoint-intervals.js';
import { clockLength } from './overlapping-time.js';
import { clock, inPeriod, rowFrom, staffLabel } from './util.js';

const MINUTES_PER_DAY = 1440;
/** A staff name staffKey gives a key for; tested without building the key, which only overlaps need. */
const NOT_BLANK = /\S/;

/** An entry's clock interval in minutes since 1970-01-01 00:00, so entries past midnight meet the next day's. */
interface Span {
  entry: TimeEntry;
  start: number;
  stop: number;
}

/** Days since 1970-01-01 of an ISO date, remembered: an audit asks once per entry, about a few hundred days. */
const dayNumbers = new Map<string, number>();
function dayNumber(date: string): number {
  let day = dayNumbers.get(date);
  if (day === undefined) {
    const [y, m, d] = date.split('-').map(Number);
    day = Date.UTC(y!, m! - 1, d!) / 86_400_000;
    dayNumbers.set(date, day);
  }
  return day;
}

/**
 * Whether an entry's minutes can count by what the entry itself says; if not, another entry-level error already
 * keeps them out, and a receptionist's or a draft's entry must not cost the RN's call its minutes: no staff member
 * or credential, or one that is not clinical (missing-staff, non-clinical-staff-time), a status ccm cannot read
 * (unknown-entry-status), no positive minutes (invalid-minutes) or a date after the audit's (future-date).
 */
function mayCount(entry: TimeEntry, runDate: string): boolean {
  return (
    (entry.role === 'clinical-staff' || entry.role === 'practitioner') &&
    entry.credential !== undefined &&
    entry.staff !== undefined &&
    NOT_BLANK.test(entry.staff) &&
    entry.unrecognizedStatus === undefined &&
    entry.minutes !== null &&
    entry.minutes > 0 &&
    entry.date <= runDate
  );
}

/**
 * A patient's CCM entries that can be placed on the clock and may count, sorted by start (longer first, then
 * time-log order). The others take no part: their own rule's error keeps their minutes out already.
 */
function spans(entries: readonly TimeEntry[], runDate: string): Span[] {
  const list: Span[] = [];
  for (const entry of entries) {
    if (!CCM_PROGRAMS.has(entry.program) || entry.start === undefined || !mayCount(entry, runDate)) continue;
    const length = clockLength(entry);
    if (length === undefined || length <= 0) continue;
    const start = dayNumber(entry.date) * MINUTES_PER_DAY + entry.start;
    list.push({ entry, start, stop: start + length });
  }
  return list.sort((a, b) => a.start - b.start || b.stop - a.stop || a.entry.id - b.entry.id);
}

/** The patient's intervals mayShareMinutes has seen, reused from patient to patient. */
const seen = new DisjointIntervals();

/**
 * Whether any two of the entries `spans` would place on the clock overlap: a patient without such a pair
 * reports nothing, and nearly every patient has none. A span object per entry, sorted, only to find that was
 * most of the rule's ~230 ms on a million-row log.
 */
export function mayShareMinutes(entries: readonly TimeEntry[], runDate: string): boolean {
  seen.clear();
  for (const entry of entries) {
    if (entry.start === undefined || !CCM_PROGRAMS.has(entry.program) || !mayCount(entry, runDate)) continue;
    const length = clockLength(entry);
    if (length === undefined || length <= 0) continue;
    const start = dayNumber(entry.date) * MINUTES_PER_DAY + entry.start;
    const stop = start + length;
    // A time that is not a number (never read so) cannot be placed: spans and their sort decide then.
    if (!(stop > start) || !seen.add(start, stop)) return true;
  }
  return seen.hasOverlap();
}

/**
 * Runs of two or more spans chained by overlaps (each starts before the run so far has ended): only spans of one
 * run can share minutes. A day of back-to-back entries has none, so the work stays a sort per patient.
 */
function overlapRuns(sorted: readonly Span[]): Span[][] {
  const runs: Span[][] = [];
  let first = 0;
  let end = -Infinity;
  for (let i = 0; i <= sorted.length; i++) {
    const s = sorted[i];
    if (s === undefined || s.start >= end) {
      if (i - first > 1) runs.push(sorted.slice(first, i));
      first = i;
    }
    if (s !== undefined) end = Math.max(end, s.stop);
  }
  return runs;
}

/**
 * Which entries of a run count and which repeat minutes another staff member's counted entry holds: the longest
 * entries are kept first (ties: earlier start, then earlier row), so a physician who joins part of an RN's
 * hour-long call loses the joined minutes rather than the RN the hour. Each repeating entry is paired with the
 * first counted entry it overlaps. Overlaps of one person's own entries are overlapping-time's.
 */
function repeats(run: readonly Span[]): [Span, Span][] {
  const pairs: [Span, Span][] = [];
  const counted: Span[] = [];
  const byLength = [...run].sort((a, b) => b.stop - b.start - (a.stop - a.start) || a.start - b.start || a.entry.id - b.entry.id);
  for (const s of byLength) {
    const held = counted.find((c) => c.start < s.stop && s.start < c.stop && staffKey(c.entry) !== staffKey(s.entry));
    if (held === undefined) counted.push(s);
    else pairs.push([s, held]);
  }
  return pairs;
}

/** "09:00–09:30 (row 3)", the row as seen from the finding's own row. */
function describe(s: Span, base: TimeEntry): string {
  return `${clock(s.entry.start!)}–${clock((s.entry.start! + s.stop - s.start) % MINUTES_PER_DAY)} (${rowFrom(sourceOf(base), sourceOf(s.entry))})`;
}

export const concurrentStaffTime = defineRule({
  id: 'concurrent-staff-time',
  code: 'CCM036',
  severity: 'error',
  level: 'entry',
  description: 'Two staff members logged overlapping clock times of one patient\'s CCM; the overlapping entry does not count.',
  rationale:
    'A patient\'s minutes of care management are counted once: an RN and the physician at one care conference, or an RN and a CMA on one ' +
    'call, logging the same clock times each, double the month\'s total time (R-DOC-CHECKLIST) and earn add-on units (R-CODE-99439, ' +
    'R-TIME-ADDON-FULL) with minutes spent once. The reference forbids counting the same minutes twice (R-TIME-NO-DOUBLE) but does not ' +
    'address two staff members\' concurrent time on one patient; the conservative reading is followed, as for the same clock times ' +
    'under two programs (D3): of two CCM entries of one patient by different staff members whose clock times overlap, the longer counts ' +
    '(on a tie, the one starting first, then the earlier row) and the other is unsupported whole (D1 works per entry, so its minutes ' +
    'outside the overlap go too: correct the times to count them). Separate work at overlapping times is flagged too (an RN\'s call ' +
    '09:00–09:20 and a pharmacist\'s review 09:10–09:30): the overlapping minutes are the same patient\'s time counted twice. Only clock ' +
    'times can show an overlap: entries without a start are skipped (CMS does not require clock times, R-DOC-ENTRY). An entry with a ' +
    'start and no stop runs for its minutes, one past midnight meets the next day\'s entries, and intervals that only touch do not ' +
    'overlap. Other programs\' entries do not take part (their minutes never count toward CCM, D3); one staff member\'s overlapping ' +
    'entries are overlapping-time\'s. Nor do entries whose minutes cannot count by what the entry itself says: without a staff ' +
    'member or a clinical credential (missing-staff, non-clinical-staff-time, R-TIME-STAFF), with a status ccm cannot read ' +
    '(unknown-entry-status), without positive minutes (invalid-minutes) or dated after the audit (future-date). Their minutes are ' +
    'kept out by that rule, so they are counted zero times, not twice: a receptionist\'s scheduling entry at the time of the RN\'s ' +
    'call must not cost the call its minutes. Only what the entry says can be asked here: the outcome of entry-level rules that ' +
    'judge its note or its consent (vague-note, service-before-consent) or compare it with other entries ' +
    '(overlapping-time, conflicting-copies) is not known yet, nor invalid-minutes\' configurable upper bound, so an entry held by ' +
    'one of those can still keep another staff member\'s overlapping entry from counting; correct the held entry and audit again.',
  references: ['R-TIME-NO-DOUBLE', 'R-DOC-CHECKLIST', 'R-CODE-99439', 'R-TIME-ADDON-FULL', 'R-DOC-ENTRY', 'R-TIME-STAFF', 'D1', 'D3'],
  fix: 'Keep one person\'s entry for time spent together on the patient (delete or void the other), or correct the clock times if the work was at different times.',
  options: z.strictObject({}),
  messages: {
    concurrent:
      '{staff} logged {own} on {date} while {otherStaff} logged {other} for the same patient; the patient\'s time is counted once, so this entry does not count.',
  },
  check({ model, report }) {
    for (const entries of model.entriesByPatient.values()) {
      if (!mayShareMinutes(entries, model.runDate)) continue;
      for (const run of overlapRuns(spans(entries, model.runDate))) {
        for (const [own, held] of repeats(run)) {
          if (!inPeriod(model, own.entry.month)) continue;
          const [a, b] = own.entry.date <= held.entry.date ? [own.entry.date, held.entry.date] : [held.entry.date, own.entry.date];
          report({
            messageId: 'concurrent',
            data: {
              staff: staffLabel(own.entry),
              own: describe(own, own.entry),
              date: a === b ? a : `${a} and ${b}`,
              otherStaff: staffLabel(held.entry),
              other: describe(held, own.entry),
            },
            entries: [own.entry],
            sources: [sourceOf(own.entry), sourceOf(held.entry)],
          });
        }
      }
    }
  },
});
