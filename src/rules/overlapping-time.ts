import { z } from 'zod';
import { CCM_PROGRAMS } from '../model/build.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { clockSpan } from '../normalize/times.js';
import { defineRule } from './define-rule.js';
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
 * Entries with both clock times and a positive span; without them an overlap cannot be shown. An entry
 * crossing midnight ends after 24:00 of its day (clockSpan), so it still overlaps that evening's entries.
 */
function intervals(entries: readonly TimeEntry[]): Interval[] {
  const list: Interval[] = [];
  for (const entry of entries) {
    if (entry.start === undefined || entry.stop === undefined) continue;
    const span = clockSpan(entry.start, entry.stop);
    if (span > 0) list.push({ entry, start: entry.start, stop: entry.start + span });
  }
  return list.sort((a, b) => a.start - b.start || a.stop - b.stop);
}

/**
 * Every overlapping pair of one staff-day, by a sweep over intervals sorted by start: only intervals still
 * open at the next start are compared, so a day of back-to-back entries costs O(n log n), and the work
 * beyond that is proportional to the overlaps found.
 */
export function overlappingPairs(entries: readonly TimeEntry[]): [Interval, Interval][] {
  const pairs: [Interval, Interval][] = [];
  let open: Interval[] = [];
  for (const current of intervals(entries)) {
    // Touching is not overlapping: 09:00–09:20 ends as 09:20–09:40 begins.
    open = open.filter((o) => o.stop > current.start);
    for (const o of open) pairs.push([o, current]);
    open.push(current);
  }
  return pairs;
}

/** "09:00–09:30 (row 27, patient 20463, CCM)", the row as seen from the finding's first row. */
function describe(i: Interval, base: Interval): string {
  // The program as classified, never the cell as written: a label read by its words ("CCM call with daughter
  // re …") can carry free text, which a message must not quote.
  const program = PROGRAM_NAMES[i.entry.program];
  return `${clock(i.start)}–${clock(i.stop % MINUTES_PER_DAY)} (${rowFrom(sourceOf(base.entry), sourceOf(i.entry))}, patient ${i.entry.patientId}, ${program})`;
}

export const overlappingTime = defineRule({
  id: 'overlapping-time',
  code: 'CCM009',
  severity: 'error',
  level: 'entry',
  description: 'One staff member logged overlapping clock times on the same day (any patients, any programs).',
  rationale:
    'A person cannot spend the same minutes on two activities: overlapping intervals mean some minutes are counted twice, for two patients ' +
    'or for CCM and another billed service (R-TIME-NO-DOUBLE, D3). Which entry is wrong cannot be told from the log, so both CCM entries ' +
    'of the pair are unsupported until corrected (D1). Non-CCM entries (TCM, RPM…) take part in the comparison and appear in the sources, ' +
    'but only CCM entries are reported as unsupported. When the two CCM entries belong to different patients, each ' +
    'patient gets its own finding (its entry first), so the time it loses is explained under that patient. Entries without both ' +
    'a start and a stop time are skipped (CMS does not require clock times, R-DOC-ENTRY), as are spans whose stop is not after their ' +
    'start (a stop more than 12 hours before the start crosses midnight: 23:50–00:15 is 25 minutes). Intervals that only touch do not ' +
    'overlap.',
  references: ['R-TIME-NO-DOUBLE', 'R-DOC-ENTRY', 'D1', 'D3'],
  fix: 'Correct the start and stop times of the overlapping entries in the source system so each minute is logged once.',
  options: z.strictObject({}),
  messages: {
    overlap: '{staff} logged overlapping time on {date}: {first} and {second}.',
  },
  check({ model, report }) {
    /** The message names `own` first; `entries` are the CCM entries the overlap makes unsupported. */
    const reportPair = (own: Interval, other: Interval, entries: TimeEntry[], sources = [sourceOf(own.entry), sourceOf(other.entry)]): void =>
      report({
        messageId: 'overlap',
        data: { staff: staffLabel(own.entry), date: own.entry.date, first: describe(own, own), second: describe(other, own) },
        entries,
        sources,
      });
    for (const dayEntries of model.entriesByStaffDay.values()) {
      const day = dayEntries[0];
      if (day === undefined || !inPeriod(model, day.month) || !dayEntries.some((e) => CCM_PROGRAMS.has(e.program))) continue;
      for (const [a, b] of overlappingPairs(dayEntries)) {
        const aCcm = CCM_PROGRAMS.has(a.entry.program);
        const bCcm = CCM_PROGRAMS.has(b.entry.program);
        // Each patient that loses minutes gets a finding, so the exception list shows why under that patient;
        // two entries of one patient (one day, so one month) share one. The first finding cites both rows, as
        // it always has (its fingerprint stays valid in baselines); the second patient's cites its own row,
        // the one to fix in that patient's record, and names the other in its message.
        if (aCcm && bCcm && a.entry.patientId !== b.entry.patientId) {
          reportPair(a, b, [a.entry]);
          reportPair(b, a, [b.entry], [sourceOf(b.entry)]);
        } else if (aCcm || bCcm) reportPair(a, b, [a.entry, b.entry].filter((e) => CCM_PROGRAMS.has(e.program)));
      }
    }
  },
});
