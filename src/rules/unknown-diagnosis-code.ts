import { z } from 'zod';
import { icdInMonth, wellFormedDiagnoses } from '../model/queries.js';
import type { Diagnosis } from '../model/schema.js';
import { displayIcd10 } from '../normalize/codes.js';
import { defineRule } from './define-rule.js';
import { perPatient } from './util.js';

export const unknownDiagnosisCode = defineRule({
  id: 'unknown-diagnosis-code',
  code: 'CCM017',
  severity: 'warning',
  level: 'month',
  description: 'A well-formed diagnosis code is not a billable ICD-10-CM code for the month: unknown, a category header, or retired.',
  rationale:
    'Claims need billable (complete, current) ICD-10-CM codes, and the eligibility check (R-ELIG-CCM, R-DOC-CHECKLIST) can only rate codes ' +
    'it knows. The code set is the one in force at the month\'s end (fiscal years start on 1 October). A code not in any shipped code set ' +
    'is likely a typo; a known but non-billable code is a category header or a retired code that needs a more specific or current code. ' +
    'It is a warning: the month may still qualify on other codes.',
  references: ['R-ELIG-CCM', 'R-DOC-CHECKLIST'],
  fix: 'Replace the code in the problem list with the complete, current billable ICD-10-CM code.',
  options: z.strictObject({}),
  messages: {
    unknown: 'Diagnosis code(s) {codes} are not in the ICD-10-CM code set: check for a typo.',
    notBillable: 'Diagnosis code(s) {codes} are not billable for {month} (a category header or a retired code): use the complete, current code.',
  },
  check({ model, report }) {
    const diagnosesOf = perPatient((patientId): readonly Diagnosis[] => {
      const all = model.diagnosesByPatient.get(patientId);
      return all === undefined ? [] : wellFormedDiagnoses(all);
    });
    for (const pm of model.patientMonths) {
      const diagnoses = diagnosesOf(pm.patientId);
      const groups: Record<'unknown' | 'notBillable', Diagnosis[]> = { unknown: [], notBillable: [] };
      for (const d of diagnoses) {
        const status = icdInMonth(d.code, pm.month).status;
        if (status === 'unknown') groups.unknown.push(d);
        else if (status === 'not-billable') groups.notBillable.push(d);
      }
      for (const messageId of ['unknown', 'notBillable'] as const) {
        const list = groups[messageId];
        if (list.length === 0) continue;
        report({
          messageId,
          data: { codes: [...new Set(list.map((d) => displayIcd10(d.code)))].join(', '), month: pm.month },
          patientId: pm.patientId,
          month: pm.month,
          sources: list.map((d) => d.source),
        });
      }
    }
  },
});
