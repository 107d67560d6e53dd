import { z } from 'zod';
import { groupBy, patientMonthKey } from '../model/build.js';
import { countableMinutes } from '../model/queries.js';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { count, describeRows, formatMinutes, isAuditedEntry } from './util.js';

export const unknownEntryStatus = defineRule({
  id: 'unknown-entry-status',
  code: 'CCM033',
  severity: 'error',
  level: 'entry',
  description: 'Time entries carry an entry status ccm reads neither as a finished entry nor as withdrawn, so their minutes are held.',
  rationale:
    'Time logs often carry a status per entry. ccm leaves out a row its status withdraws (deleted, voided, entered in error, a duplicate, ' +
    'the wrong chart, "Do not bill", "Not billable") and counts one whose status says the entry is finished (completed, signed, finalized, ' +
    'closed, approved, billed, submitted, posted, locked, reviewed, ready to bill, active). Any other status is not read on a guess: a draft, ' +
    'an unsigned or open note, one pending review, or a word of the practice\'s own may mean the entry is not to be billed, and minutes that ' +
    'would not survive a record review must not count (D1). The reference is silent on entry statuses; as with consents and care plans whose ' +
    'status ccm cannot read, the conservative reading is not to count them, and to say so: the entries are reported per patient, month ' +
    'and status, and their minutes are unsupported until the status is classified. Entries of other programs, whose minutes never count ' +
    'toward CCM (D3), are not reported.',
  references: ['D1', 'D3', 'R-DOC-CHECKLIST'],
  fix: 'Check what the status means in the source system. If the entries are finished and billable, classify the status in the `entryStatuses` map of ccm.config.json (e.g. {"Locked by QA": "active"}; "withdrawn" when it means the entry does not count); if they are drafts or unsigned notes, finish them there and export again.',
  options: z.strictObject({}),
  quotedCells: ['status'],
  messages: {
    unknown:
      'Entry status "{status}" is read neither as a finished entry nor as withdrawn, so the {minutes} minutes of {entries} in {month} ({rows}) are not counted until it is classified.',
  },
  check({ model, report }) {
    // Grouped by patient-month and status as written: each distinct status is one thing to check or map.
    const groups = groupBy(model.entries, (entry) =>
      entry.unrecognizedStatus === undefined || !isAuditedEntry(model, entry) ? undefined : `${patientMonthKey(entry.patientId, entry.month)}\u0000${entry.unrecognizedStatus}`,
    );
    for (const entries of groups.values()) {
      const first = entries[0]!;
      report({
        messageId: 'unknown',
        data: {
          status: first.unrecognizedStatus!,
          entries: count(entries.length, 'entry', 'entries'),
          rows: describeRows(sourceOf(first), entries.map(sourceOf)),
          minutes: formatMinutes(entries.reduce((sum, e) => sum + countableMinutes(e), 0)),
          month: first.month,
        },
        patientId: first.patientId,
        month: first.month,
        entries,
      });
    }
  },
});
