import { unknownDiagnosisCode } from '../../src/rules/unknown-diagnosis-code.js';
import { diagnosis, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unknownDiagnosisCode, {
  valid: [
    { name: 'billable codes', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('N18.30'), diagnosis('I10')] } },
    { name: 'malformed codes are invalid-icd10\'s concern', model: { entries: [entry()], diagnoses: [diagnosis('250.00')] } },
  ],
  invalid: [
    {
      name: 'a code not in the code set',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('E11.99')] },
      findings: [{ messageId: 'unknown', sources: ['diagnoses.csv:3'], data: { codes: 'E11.99' }, severity: 'warning', month: '2026-10' }],
    },
    {
      name: 'a category header is not billable',
      model: { entries: [entry()], diagnoses: [diagnosis('N18.3'), diagnosis('E11')] },
      findings: [{ messageId: 'notBillable', sources: ['diagnoses.csv:2', 'diagnoses.csv:3'], data: { codes: 'N18.3, E11', month: '2026-10' } }],
    },
    {
      name: 'both kinds in one month give two findings',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.99'), diagnosis('N18.3')] },
      findings: [
        { messageId: 'unknown', sources: ['diagnoses.csv:2'] },
        { messageId: 'notBillable', sources: ['diagnoses.csv:3'] },
      ],
    },
    {
      // A patient's months of one fiscal year share the answer: each month is still reported, and the answer
      // changes with the code set (I42.0 a header from FY2027, I42.00 new in it) and with the patient.
      name: 'months on either side of a code-set change, then another patient',
      model: {
        entries: [
          entry({ date: '2026-08-05' }),
          entry({ date: '2026-09-05' }),
          entry({ date: '2026-10-05' }),
          entry({ date: '2026-11-05' }),
          entry({ patientId: 'P2', date: '2026-11-05' }),
        ],
        diagnoses: [diagnosis('I42.0'), diagnosis('I42.00'), diagnosis('I42.00', { patientId: 'P2' }), diagnosis('E11.99', { patientId: 'P2' })],
      },
      findings: [
        { messageId: 'notBillable', month: '2026-08', data: { codes: 'I42.00' } },
        { messageId: 'notBillable', month: '2026-09', data: { codes: 'I42.00' } },
        { messageId: 'notBillable', month: '2026-10', data: { codes: 'I42.0' } },
        { messageId: 'notBillable', month: '2026-11', data: { codes: 'I42.0' } },
        { messageId: 'unknown', month: '2026-11', data: { codes: 'E11.99' }, sources: ['diagnoses.csv:5'] },
      ],
    },
  ],
});
