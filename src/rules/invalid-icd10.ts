import { z } from 'zod';
import type { Diagnosis } from '../model/schema.js';
import { isWellFormedIcd10 } from '../normalize/codes.js';
import { defineRule } from './define-rule.js';
import { perPatient } from './util.js';

export const invalidIcd10 = defineRule({
  id: 'invalid-icd10',
  code: 'CCM016',
  severity: 'warning',
  level: 'month',
  description: 'A patient\'s diagnosis code is not shaped like an ICD-10-CM code.',
  rationale:
    'The claim and the eligibility check (R-ELIG-CCM, R-DOC-CHECKLIST) need valid ICD-10-CM codes; a malformed code (an ICD-9 code, a ' +
    'description in the code column, a typo) cannot be counted as a chronic condition. It is a warning: the code is reported so it can be ' +
    'fixed, and insufficient-chronic-conditions decides whether the month still qualifies. It is reported for every audited month of the ' +
    'patient, because every month\'s claim carries the problem list.',
  references: ['R-ELIG-CCM', 'R-DOC-CHECKLIST'],
  fix: 'Correct the code in the problem list to a valid ICD-10-CM code (a letter, a digit, then up to five letters or digits, e.g. E11.9).',
  options: z.strictObject({}),
  quotedCells: ['codes'],
  messages: {
    malformed: 'Diagnosis code(s) {codes} are not valid ICD-10-CM codes and cannot count toward the chronic conditions for {month}.',
  },
  check({ model, report }) {
    // A patient's malformed codes are the same every month: found once per patient.
    const malformedOf = perPatient((patientId) => (model.diagnosesByPatient.get(patientId) ?? []).filter((d) => !isWellFormedIcd10(d.code)));
    for (const pm of model.patientMonths) {
      const malformed = malformedOf(pm.patientId);
      if (malformed.length === 0) continue;
      report({
        messageId: 'malformed',
        data: { codes: [...new Set(malformed.map((d) => `"${d.codeText}"`))].join(', '), month: pm.month },
        patientId: pm.patientId,
        month: pm.month,
        sources: malformed.map((d) => d.source),
      });
    }
  },
});
