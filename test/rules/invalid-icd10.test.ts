import { invalidIcd10 } from '../../src/rules/invalid-icd10.js';
import { diagnosis, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(invalidIcd10, {
  valid: [
    { name: 'well-formed codes', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('i10'), diagnosis('E11.99')] } },
    { name: 'a patient without CCM months', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('250.00', { patientId: 'P2' })] } },
  ],
  invalid: [
    {
      name: 'malformed codes listed once per patient-month, the diagnosis rows as sources',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('250.00'), diagnosis('Diabetes')] },
      findings: [{ messageId: 'malformed', sources: ['diagnoses.csv:3', 'diagnoses.csv:4'], data: { codes: '"250.00", "Diabetes"', month: '2026-10' }, patientId: 'P1', month: '2026-10', severity: 'warning' }],
    },
    {
      name: 'every audited month of the patient',
      model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' })], diagnoses: [diagnosis('E1')] },
      findings: [
        { messageId: 'malformed', month: '2026-09', sources: ['diagnoses.csv:2'] },
        { messageId: 'malformed', month: '2026-10', sources: ['diagnoses.csv:2'] },
      ],
    },
  ],
});
