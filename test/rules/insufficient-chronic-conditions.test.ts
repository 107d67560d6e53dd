import { insufficientChronicConditions } from '../../src/rules/insufficient-chronic-conditions.js';
import { diagnosis, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(insufficientChronicConditions, {
  valid: [
    { name: 'two chronic conditions', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('I10')] } },
    { name: 'onset on the last day of the month', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('I50.9', { onsetDate: '2026-10-31' })] } },
    { name: 'no onset date', model: { entries: [entry()], diagnoses: [diagnosis('E11.9', { onsetDate: undefined }), diagnosis('N18.30', { onsetDate: undefined })] } },
    { name: 'resolved on the first day of the month is still active', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { resolvedDate: '2026-10-01' })] } },
    { name: 'a payer-listed code counts as chronic', model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('F32.A')] }, options: { additionalChronicCodes: ['F32A'] } },
    { name: 'skipped without a diagnosis export', model: { entries: [entry()] } },
    { name: 'months outside --month get no findings', model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' })], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { onsetDate: '2026-10-01' })], period: '2026-10' } },
  ],
  invalid: [
    {
      name: 'one category twice is one condition (E11.9 + E11.65)',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('E11.65')] },
      findings: [{ messageId: 'tooFew', entryIds: [0], month: '2026-10', severity: 'error', data: { count: 1, minimum: 2, counted: 'E11 (E11.9, E11.65)', notCounted: 'none' } }],
    },
    {
      name: 'what did not count and why',
      model: {
        entries: [entry()],
        diagnoses: [
          diagnosis('I10'),
          diagnosis('J06.9'),
          diagnosis('Z79.4'),
          diagnosis('I50.9', { resolvedDate: '2026-08-01' }),
          diagnosis('N18.30', { onsetDate: '2026-11-02' }),
          diagnosis('E78.5', { resolved: true }),
          diagnosis('E11.99'),
          diagnosis('250.00'),
        ],
      },
      findings: [
        {
          messageId: 'tooFew',
          data: {
            count: 1,
            counted: 'I10',
            notCounted:
              'J06.9 (not chronic), Z79.4 (chronic status undetermined), I50.9 (resolved 2026-08-01), N18.30 (onset 2026-11-02, after the month), E78.5 (marked resolved), E11.99 (unknown code), "250.00" (not a valid ICD-10-CM code)',
          },
        },
      ],
    },
    {
      name: 'a status read as over is named as written',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { resolved: true, inactiveStatus: 'In remission' })] },
      findings: [{ messageId: 'tooFew', data: { counted: 'E11.9', notCounted: 'I10 (status "In remission")' } }],
    },
    {
      name: 'a status ccm cannot read is not counted, and the message quotes it',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { unrecognizedStatus: 'See note' })] },
      findings: [{ messageId: 'tooFew', data: { count: 1, counted: 'E11.9', notCounted: 'I10 (status "See note" not recognized)' } }],
    },
    {
      name: 'no diagnoses for the patient',
      model: { entries: [entry()], diagnoses: [diagnosis('E11.9', { patientId: 'P2' }), diagnosis('I10', { patientId: 'P2' })] },
      findings: [{ messageId: 'noDiagnoses', data: { minimum: 2, month: '2026-10' } }],
    },
    {
      name: 'an empty diagnosis export reports every month',
      model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' })], diagnoses: [] },
      findings: [
        { messageId: 'noDiagnoses', month: '2026-09' },
        { messageId: 'noDiagnoses', month: '2026-10' },
      ],
    },
    {
      name: 'a condition added during a later month does not count earlier',
      model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' })], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { onsetDate: '2026-10-01' })] },
      findings: [{ messageId: 'tooFew', month: '2026-09', entryIds: [0] }],
    },
  ],
});
