import { z } from 'zod';
import type { PatientMonthRef } from '../model/build.js';
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
    const reportCodes = (pm: PatientMonthRef, messageId: 'unknown' | 'notBillable', list: readonly Diagnosis[]): void => {
      report({
        messageId,
        data: { codes: [...new Set(list.map((d) => displayIcd10(d.code)))].join(', '), month: pm.month },
        patientId: pm.patientId,
        month: pm.month,
        sources: list.map((d) => d.source),
      });
    };
    // A code's status depends on the month only through its code set's fiscal year: a patient's months of one
    // fiscal year share the answer, sorted once (a patient's months are listed together). Asked month by month,
    // it was two map lookups per diagnosis of each of 330,000 months.
    let sorted: readonly Diagnosis[] | undefined;
    let sortedYear = 0;
    let unknown: Diagnosis[] | undefined;
    let notBillable: Diagnosis[] | undefined;
    for (const pm of model.patientMonths) {
      const diagnoses = diagnosesOf(pm.patientId);
      if (diagnoses.length === 0) continue;
      const year = icdInMonth(diagnoses[0]!.code, pm.month).fiscalYear;
      if (diagnoses !== sorted || year !== sortedYear) {
        sorted = diagnoses;
        sortedYear = year;
        // The lists are made at the first code that is not billable: nearly every patient has none.
        unknown = undefined;
        notBillable = undefined;
        for (const d of diagnoses) {
          const status = icdInMonth(d.code, pm.month).status;
          if (status === 'unknown') (unknown ??= []).push(d);
          else if (status === 'not-billable') (notBillable ??= []).push(d);
        }
      }
      if (unknown !== undefined) reportCodes(pm, 'unknown', unknown);
      if (notBillable !== undefined) reportCodes(pm, 'notBillable', notBillable);
    }
  },
});
