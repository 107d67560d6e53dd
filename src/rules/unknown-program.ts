import { z } from 'zod';
import { patientMonthKey } from '../model/build.js';
import { addMinutes, countableMinutes } from '../model/queries.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { programQualifier } from '../normalize/programs.js';
import { defineRule } from './define-rule.js';
import { count, describeRows, formatMinutes, inPeriod } from './util.js';

export const unknownProgram = defineRule({
  id: 'unknown-program',
  code: 'CCM028',
  severity: 'warning',
  level: 'entry',
  description: 'Time entries carry a program label ccm cannot classify, so their minutes do not count toward CCM.',
  rationale:
    'Only CCM minutes count toward CCM codes, and minutes of recognized other programs (TCM, RPM, BHI/CoCM, PCM, APCM) are left out ' +
    'without comment (D3). A label that names no single program ("Care Management", "CCM/TCM", a local code) is different: it may ' +
    'well be CCM time under a name the tool does not know, and silently leaving it out would lose billable minutes. Such rows are ' +
    'reported per patient, month and label, with the minutes not counted; so is a label that names a program with a word that takes it away ' +
    '("Pre-CCM", "CCM - declined", "CCM - voided"), which the reference does not address and which is not counted on the program\'s name; they stay uncounted, because counting another program\'s ' +
    'time toward CCM is the worse mistake (R-TIME-NO-DOUBLE). It is a warning: the rows are not wrong, only unread.',
  references: ['D3', 'R-TIME-NO-DOUBLE'],
  fix: 'Write a program name ccm recognizes (CCM, Complex CCM, TCM, …) in the export, or classify the label in the `programs` map of ccm.config.json (e.g. {"Care Management": "ccm"}, or "other" for a non-CCM program).',
  options: z.strictObject({}),
  quotedCells: ['label'],
  messages: {
    unknown: 'Program "{label}" names no program ccm recognizes, so its {minutes} minutes in {month} ({entries}: {rows}) are not counted toward CCM.',
    qualified:
      'Program "{label}" names CCM but says "{qualifier}", so its {minutes} minutes in {month} ({entries}: {rows}) are not counted toward CCM.',
  },
  check({ model, report }) {
    // Grouped by patient-month and label as written: each distinct label is one thing to fix or map.
    const groups = new Map<string, TimeEntry[]>();
    for (const entry of model.entries) {
      if (entry.program !== 'unknown' || !inPeriod(model, entry.month)) continue;
      const key = `${patientMonthKey(entry.patientId, entry.month)}\u0000${entry.programText ?? ''}`;
      const list = groups.get(key);
      if (list) list.push(entry);
      else groups.set(key, [entry]);
    }
    for (const entries of groups.values()) {
      const first = entries[0]!;
      const base = sourceOf(first);
      const label = first.programText ?? '';
      // "CCM - declined" names CCM: "names no program" would be wrong, and the word is what to check.
      const qualifier = programQualifier(label);
      report({
        messageId: qualifier === undefined ? 'unknown' : 'qualified',
        data: {
          label,
          ...(qualifier === undefined ? {} : { qualifier }),
          entries: count(entries.length, 'entry', 'entries'),
          rows: describeRows(base, entries.map(sourceOf)),
          minutes: formatMinutes(entries.reduce((sum, e) => addMinutes(sum, countableMinutes(e)), 0)),
          month: first.month,
        },
        patientId: first.patientId,
        month: first.month,
        entries,
      });
    }
  },
});
