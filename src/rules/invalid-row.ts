import { z } from 'zod';
import { KIND_LABELS, type InputKind } from '../normalize/columns.js';
import { defineRule } from './define-rule.js';

export const invalidRow = defineRule({
  id: 'invalid-row',
  code: 'CCM001',
  severity: 'error',
  level: 'entry',
  description: 'A row could not be read (empty patient id, unreadable date or clock time…) and was left out of the audit.',
  rationale:
    'A record reviewer counts only time that is documented with a date, a patient and minutes (R-DOC-ENTRY, R-DOC-CHECKLIST). ' +
    'A row ccm cannot read is never dropped silently: it is reported here, and its minutes count toward nothing until it is fixed. ' +
    'Rows of every input (time log, consents, diagnoses, billed services, care plans) are reported, whatever the program or month, ' +
    'because a rejected row has no reliable month or program to filter on. A row that may be a CCM claim or the end of consent ' +
    'also holds its patient\'s months out of the claims: held-by-invalid-row.',
  references: ['R-DOC-ENTRY', 'R-DOC-CHECKLIST', 'D1'],
  fix: 'Correct the cell named in the message in the export and run the audit again.',
  options: z.strictObject({}),
  quotedCells: ['value'],
  messages: {
    rejected: 'The {kind} row was left out of the audit: column "{column}" holds "{value}": {reason}.',
  },
  check({ model, report }) {
    for (const row of model.rejected) {
      report({
        messageId: 'rejected',
        data: { kind: KIND_LABELS[row.kind as InputKind] ?? row.kind, column: row.column, value: row.value, reason: row.reason },
        sources: [row.source],
        // A bad Start and a bad Stop on one row are two findings; a baseline accepting one must not accept both.
        detail: row.column,
        ...(row.patientId !== undefined ? { patientId: row.patientId } : {}),
      });
    }
  },
});
