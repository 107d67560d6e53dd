import { z } from 'zod';
import { CCM_PROGRAMS } from '../model/build.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { clockSpan } from '../normalize/times.js';
import { defineRule } from './define-rule.js';
import { DisjointIntervals } from './disjoint-intervals.js';
import { clock, inPeriod, rowFrom, staffLabel } from './util.js';

/** Program names for messages. */
const PROGRAM_NAMES: Readonly<Record<TimeEntry['program'], string>> = {
  ccm: 'CCM',
  'complex-ccm': 'complex CCM',
  pcm: 'PCM',
  tcm: 'TCM',
  rpm: 'RPM',
  bhi: 'BHI/CoCM',
  apcm: 'APCM',
  other: 'another program',
  unknown: 'unrecognized program',
};

const MINUTES_PER_DAY = 1440;

interface Interval {
  entry: TimeEntry;
  start: number;
  stop: number;
}

/**
 * How long an entry ran from its start: stop − start (clockSpan), or, without a stop, its minutes ("Start
 * Time, Duration" exports); undefined without a start, when no overlap can be shown.
 */
export function clockLength(entry: TimeEntry): number | undefined {
  if (entry.start === undefined) return undefined;
  if (entry.stop !== undefined) return clockSpan(entry.start, entry.stop);
  return entry.minutes !== null && entry.minutes > 0 ? entry.minutes : undefined;
}

/**
 * Entries with a start and a positive length; without them an overlap cannot be shown. An entry crossing
 * midnight ends after 24:00 of its day, so it still overlaps that evening's entries; its minutes after
 * midnight are compared with the next day's entries by `pastMidnight`.
 */
function intervals(entries: readonly TimeEntry[]): Interval[] {
  const list: Interval[] = [];
  for (const entry of entries) {
    const length = clockLength(entry);
    if (length !== undefined && length > 0) list.push({ entry, start: entry.start!, stop: entry.start! + length });
  }
  return list.sort((a, b) => a.start - b.start || a.stop - b.stop);
}

/** The staff-day's intervals mayOverlap has seen, reused from day to day. */
const seen = new DisjointIntervals();

/**
 * Whether a staff-day's intervals (as `intervals` makes them) hold an overlapping pair or one that runs past
 * midnight: a day with neither reports nothing, and nearly every day has neither. Making an interval object per
 * entry and sorting them for every staff-day only to find that was most of the rule's ~290 ms on a million-row log.
 */
export function mayOverlap(entries: readonly TimeEntry[]): boolean {
  seen.clear();
  for (const entry of entries) {
    const length = clockLength(entry);
    if (length === undefined || !(length > 0)) continue;
    const start = entry.start!;
    const stop = start + length;
    // A time that is not a number (never read so) cannot be placed: intervals and their sort decide then.
    if (!(stop > start) || stop > MINUTES_PER_DAY || !seen.add(start, stop)) return true;
  }
  return seen.hasOverlap();
}

/**
 * Every overlapping pair of one staff-day, by a sweep over intervals sorted by start: only intervals still
 * open at the next start are compared, so a day of back-to-back entries costs O(n log n), and the work
 * beyond that is proportional to the overlaps found.
 */
export function overlappingPairs(entries: readonly TimeEntry[]): [Interval, Interval][] {
  return pairsAmong(intervals(entries));
}

function pairsAmong(sorted: readonly Interval[]): [Interval, Interval][] {
  const pairs: [Interval, Interval][] = [];
  const open: Interval[] = [];
  for (const current of sorted) {
    // Touching is not overlapping: 09:00–09:20 ends as 09:20–09:40 begins. The closed ones are dropped in
    // place, keeping the order: a new array per interval was a million short-lived arrays on a large log.
    let kept = 0;
    for (const o of open) if (o.stop > current.start) open[kept++] = o;
    open.length = kept;
    for (const o of open) pairs.push([o, current]);
    open.push(current);
  }
  return pairs;
}

/**
 * Pairs of an entry of the previous day that runs past midnight (23:40–00:20) with the entries of `day` it
 * overlaps: its interval moves a day back (−20–20), so 00:00–00:25 the next morning overlaps it. Pairs of
 * two previous-day entries were found on their own day.
 */
export function pastMidnight(previousDay: readonly TimeEntry[], day: readonly TimeEntry[]): [Interval, Interval][] {
  const carried = intervals(previousDay).filter((i) => i.stop > MINUTES_PER_DAY);
  if (carried.length === 0) return [];
  const pairs: [Interval, Interval][] = [];
  const next = intervals(day);
  for (const c of carried) {
    const late = { entry: c.entry, start: c.start - MINUTES_PER_DAY, stop: c.stop - MINUTES_PER_DAY };
    for (const i of next) {
      if (i.start >= late.stop) break;
      pairs.push([late, i]);
    }
  }
  return pairs;
}

/** The day after an ISO date. */
function dayAfter(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

/** A clock time of an interval that may start before midnight of the day it is compared on (−20 is 23:40). */
function clockOf(minutes: number): string {
  return clock(((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY);
}

/** "09:00–09:30 (row 27, patient 20463, CCM)", the row as seen from the finding's first row. */
function describe(i: Interval, base: Interval): string {
  // The program as classified, never the cell as written: a label read by its words ("CCM call with daughter
  // re …") can carry free text, which a message must not quote.
  const program = PROGRAM_NAMES[i.entry.program];
  return `${clockOf(i.start)}–${clockOf(i.stop)} (${rowFrom(sourceOf(base.entry), sourceOf(i.entry))}, patient ${i.entry.patientId}, ${program})`;
}

export const overlappingTime = defineRule({
  id: 'overlapping-time',
  code: 'CCM009',
  severity: 'error',
  level: 'entry',
  description: 'One staff member logged overlapping clock times (any patients, any programs; an entry past midnight against the next day\'s).',
  rationale:
    'A person cannot spend the same minutes on two activities: overlapping intervals mean some minutes are counted twice, for two patients ' +
    'or for CCM and another billed service (R-TIME-NO-DOUBLE, D3). Which entry is wrong cannot be told from the log, so both CCM entries ' +
    'of the pair are unsupported until corrected (D1). Non-CCM entries (TCM, RPM…) take part in the comparison and appear in the sources, ' +
    'but only CCM entries are reported as unsupported. When the two CCM entries belong to different patients, each ' +
    'patient gets its own finding (its entry first), so the time it loses is explained under that patient. An entry with a start and ' +
    'no stop runs for its minutes. Entries without a start time are skipped (CMS does not require clock times, R-DOC-ENTRY), as are ' +
    'spans whose stop is not after their start (a stop more than 12 hours before the start crosses midnight: 23:50–00:15 is 25 minutes; its minutes after midnight are ' +
    'compared with the next day\'s entries of the same person). Intervals that only touch do not overlap. Two staff members\' ' +
    'overlapping entries of one patient are concurrent-staff-time\'s.',
  references: ['R-TIME-NO-DOUBLE', 'R-DOC-ENTRY', 'D1', 'D3'],
  fix: 'Correct the start and stop times of the overlapping entries in the source system so each minute is logged once.',
  options: z.strictObject({}),
  messages: {
    overlap: '{staff} logged overlapping time on {date}: {first} and {second}.',
  },
  check({ model, report }) {
    /** The message names `own` first; `entries` are the CCM entries the overlap makes unsupported. */
    const reportPair = (own: Interval, other: Interval, entries: TimeEntry[], sources = [sourceOf(own.entry), sourceOf(other.entry)]): void => {
      const [a, b] = own.entry.date <= other.entry.date ? [own.entry.date, other.entry.date] : [other.entry.date, own.entry.date];
      report({
        messageId: 'overlap',
        data: { staff: staffLabel(own.entry), date: a === b ? a : `${a} and ${b}`, first: describe(own, own), second: describe(other, own) },
        entries,
        sources,
      });
    };
    const audited = (e: TimeEntry): boolean => CCM_PROGRAMS.has(e.program) && inPeriod(model, e.month);
    const reportPairs = (pairs: readonly [Interval, Interval][]): void => {
      for (const [a, b] of pairs) {
        const aCcm = CCM_PROGRAMS.has(a.entry.program);
        const bCcm = CCM_PROGRAMS.has(b.entry.program);
        // Each patient that loses minutes gets a finding, so the exception list shows why under that patient;
        // two entries of one patient share one. The first finding cites both rows, as it always has (its
        // fingerprint stays valid in baselines); the second patient's cites its own row, the one to fix in
        // that patient's record, and names the other in its message. Past midnight the two entries can fall
        // in two months: only the audited month's are reported.
        if (aCcm && bCcm && a.entry.patientId !== b.entry.patientId) {
          if (inPeriod(model, a.entry.month)) reportPair(a, b, [a.entry]);
          if (inPeriod(model, b.entry.month)) reportPair(b, a, [b.entry], [sourceOf(b.entry)]);
        } else if (audited(a.entry) || audited(b.entry)) reportPair(a, b, [a.entry, b.entry].filter((e) => CCM_PROGRAMS.has(e.program)));
      }
    };
    for (const [key, dayEntries] of model.entriesByStaffDay) {
      const day = dayEntries[0];
      if (day === undefined || !mayOverlap(dayEntries)) continue;
      // The day's intervals are made once: for its own overlaps and to see whether one runs past midnight.
      const list = intervals(dayEntries);
      if (inPeriod(model, day.month) && dayEntries.some((e) => CCM_PROGRAMS.has(e.program))) reportPairs(pairsAmong(list));
      // An entry that runs past midnight (rare) against the next morning's entries of the same person. (An
      // interval of a length of zero or less, left out of the list, cannot end after midnight.)
      if (!list.some((i) => i.stop > MINUTES_PER_DAY)) continue;
      const next = model.entriesByStaffDay.get(`${key.slice(0, key.length - day.date.length)}${dayAfter(day.date)}`);
      if (next !== undefined) reportPairs(pastMidnight(dayEntries, next));
    }
  },
});
