import { z } from 'zod';
import { describeLocation } from '../errors.js';
import { countableMinutes } from '../model/queries.js';
import { sourceOf, type WithdrawnEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { clock, count, describeRows, formatMinutes, inPeriod } from './util.js';

/** One row's version of the entry: "20 min", "25 min from 09:00", "unreadable minutes". */
function version(entry: WithdrawnEntry): string {
  const minutes = entry.minutes === null ? 'unreadable minutes' : `${formatMinutes(entry.minutes)} min`;
  return entry.start === undefined ? minutes : `${minutes} from ${clock(entry.start)}`;
}

export const conflictingCopies = defineRule({
  id: 'conflicting-copies',
  code: 'CCM034',
  severity: 'error',
  level: 'entry',
  description:
    'Two inputs hold the same CCM entry (patient, date, staff, program and note) with different minutes or clock times, or one holds it active and another withdrawn in another version; none of its rows counts.',
  rationale:
    'Monthly exports overlap, and auditing them together is how a consultant reviews a year. An entry corrected between two exports ' +
    '(20 minutes, then 25) is no exact copy, so duplicate-entry does not drop it (D2), and counted in both exports the activity\'s ' +
    'minutes count twice; a reviewer sees one call documented twice with one note (D1). The reference is silent on such near-copies. ' +
    'The same patient, date, staff, program and note (spacing and case ignored) in two inputs is far more likely one activity edited ' +
    'between exports than two activities, and ccm cannot tell which version is right, so none of the rows counts until a person ' +
    'checks: the conservative reading. Rows of one input are not compared (two calls in a day with one templated note are cloned-note\'s ' +
    'to judge), nor two rows that both have a start time: different times are two activities, the same time is overlapping-time\'s; ' +
    'with the same minutes, a row without a clock time is a copy of the one with it (duplicate-entry). ' +
    'Only CCM entries of the audited month are reported, and an empty note makes no copy. The same holds when the other input ' +
    'marks its row withdrawn (voided, deleted): a later export without a Start column, or one that shows a voided entry as 0 minutes, ' +
    'repeats the entry in another version, and ccm cannot tell whether the active row was voided since (its minutes never spent) or ' +
    'is another activity. Counting it could bill voided time, dropping it unseen could hide a real one, so it is held like any ' +
    'other version ccm cannot choose; a withdrawn row matching the active row exactly is duplicate-entry\'s (left out). Not when the ' +
    'withdrawing input itself holds an active row of that note: that export says which of its rows stand.',
  references: ['D1', 'D2', 'R-TIME-NO-DOUBLE'],
  fix: 'Check which row is right and give the audit the entry once: audit the latest export alone for the month, or remove the outdated row from the inputs. If they really are two activities, accept the finding in a baseline, or log them with clock times or notes of their own.',
  options: z.strictObject({}),
  messages: {
    conflicting:
      'Row {row} and {others} hold one entry (same patient, date, staff, program and note) in {inputs} with different versions ({versions}): likely edited between exports, so none of their {minutes} minutes counts until the log holds it once.',
    withdrawnVersion:
      '{entry} holds an entry that {others} marks withdrawn (deleted, voided, entered in error) in another version ({versions}; same patient, date, staff, program and note): ccm cannot tell whether it was voided since, so its {minutes} minutes do not count until a person checks.',
  },
  check({ model, report }) {
    for (const copies of model.conflictingCopies) {
      const first = copies[0]!;
      if (!inPeriod(model, first.month)) continue;
      const base = sourceOf(first);
      const inputs = new Set(copies.map((e) => `${e.table.file}\u0000${e.table.sheet ?? ''}`)).size;
      report({
        messageId: 'conflicting',
        data: {
          row: base.row,
          others: describeRows(base, copies.slice(1).map(sourceOf)),
          inputs: count(inputs, 'input'),
          versions: copies.map(version).join('; '),
          minutes: formatMinutes(copies.reduce((sum, e) => sum + countableMinutes(e), 0)),
        },
        patientId: first.patientId,
        month: first.month,
        entries: copies,
      });
    }
    for (const { entry, withdrawn } of model.withdrawnVersions) {
      if (!inPeriod(model, entry.month)) continue;
      const base = sourceOf(entry);
      report({
        messageId: 'withdrawnVersion',
        data: {
          // Named in full: the withdrawn row's file may sort first among the finding's sources.
          entry: describeLocation(base),
          others: describeRows(base, withdrawn.map(sourceOf)),
          versions: [entry, ...withdrawn].map(version).join('; '),
          minutes: formatMinutes(countableMinutes(entry)),
        },
        patientId: entry.patientId,
        month: entry.month,
        entries: [entry],
        sources: [base, ...withdrawn.map(sourceOf)],
      });
    }
  },
});
