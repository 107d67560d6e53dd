import { z } from 'zod';
import { CCM_PROGRAMS, patientMonthKey } from '../model/build.js';
import type { TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { MAX_ROWS_NAMED, count, describeRows, isAuditedEntry } from './util.js';

/** Shorter notes are judged by vague-note; identical short notes ("BP check") are not evidence of cloning. */
const DEFAULT_MIN_LENGTH = 25;

/** Case and spacing differ between copies; digits and dates are kept, so "A1c 7.2" and "A1c 8.1" differ. */
function normalizeNote(note: string): string {
  return note.toLowerCase().replace(/\s+/g, ' ').trim();
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
    const groups = new Map<string, TimeEntry[]>();
    for (const entry of model.entries) {
      if (!CCM_PROGRAMS.has(entry.program)) continue;
      const key = normalizeNote(entry.note);
      if (key.length < options.minLength) continue;
      const group = groups.get(key);
      if (group) group.push(entry);
      else groups.set(key, [entry]);
    }
    for (const group of groups.values()) {
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
          data: { others: count(others, 'other row'), rows: describeRows(entry.source, named.map((o) => o.source), others) },
          entries: [entry],
        });
      }
    }
  },
});
