import { z } from 'zod';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { inPeriod, rowFrom } from './util.js';

export const duplicateEntry = defineRule({
  id: 'duplicate-entry',
  code: 'CCM002',
  severity: 'warning',
  level: 'entry',
  description: 'A time-log row repeats an earlier row exactly, or one another export marks withdrawn; it is dropped before any other rule runs.',
  rationale:
    'Exact duplicates (same patient, date, program, staff, start, minutes and note) are almost always an export or copy-paste artifact. ' +
    'Counting them would double the time, so the model keeps the first row and drops the copy (D2); this rule makes the drop visible. ' +
    'It is a warning because no time is lost: the first row still counts. Duplicates of every program are reported, since a dropped row ' +
    'also changes staff-day totals and overlaps; with --month, only the audited month\'s duplicates are reported. Rows that differ only ' +
    'in their program are not copies: the same minutes counted for two programs are double counting (D3), which overlapping-time reports ' +
    'as an error when the rows have clock times. Rows of two inputs that differ only in their minutes are not copies either but one ' +
    'entry edited between exports, which conflicting-copies reports as an error; with the same minutes, a row of an export without ' +
    'a Start column is a copy of the other input\'s row with the clock time, and is dropped. A row that another export repeats with a status saying it was withdrawn (deleted, ' +
    'voided, cancelled, entered in error: monthly exports given together, the later one after the entry was voided) is left out ' +
    'too, its minutes never spent; unless that export also holds the row active, when the withdrawn row was a copy voided there. ' +
    'A withdrawn repeat in other minutes, or without the clock time, is no exact copy: conflicting-copies holds the active row. ' +
    'The reference is silent on this; leaving the voided entry\'s twin unbilled is the conservative reading.',
  references: ['D2', 'D3', 'R-DOC-CHECKLIST'],
  fix: 'Delete the repeated row from the source system (or the export) so the log holds each activity once.',
  options: z.strictObject({}),
  messages: {
    duplicate: 'Row {row} repeats {original} exactly (same patient, date, program, staff, start, minutes and note); the copy was dropped so its time counts once.',
    withoutStart:
      'Row {row} is the entry {original} holds with its clock time (same patient, date, program, staff, minutes and note, in another export without a Start column); the copy was dropped so its time counts once.',
    withdrawnElsewhere:
      'Row {row} is the entry {original} marks withdrawn (deleted, voided, entered in error, a duplicate, do not bill): it was left out too, as its minutes were never spent.',
  },
  check({ model, report }) {
    for (const { entry, duplicateOf, withdrawn, withoutStart } of model.duplicates) {
      if (!inPeriod(model, entry.month)) continue;
      report({
        messageId: withdrawn ? 'withdrawnElsewhere' : withoutStart ? 'withoutStart' : 'duplicate',
        data: { row: entry.row, original: rowFrom(sourceOf(entry), sourceOf(duplicateOf)) },
        entries: [entry],
        sources: [sourceOf(entry), sourceOf(duplicateOf)],
      });
    }
  },
});
