import { multipleBillingPractitioners } from '../../src/rules/multiple-billing-practitioners.js';
import { NPI_A, NPI_B, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(multipleBillingPractitioners, {
  valid: [
    { name: 'one NPI', model: { entries: [entry(), entry()] } },
    { name: 'an entry without an NPI is not another practitioner', model: { entries: [entry(), entry({ npi: undefined })] } },
    { name: 'different NPIs in different months', model: { entries: [entry({ date: '2026-09-03' }), entry({ npi: NPI_B })] } },
    { name: 'another NPI on a non-CCM entry', model: { entries: [entry(), entry({ npi: NPI_B, program: 'tcm' })] } },
  ],
  invalid: [
    {
      name: 'two NPIs in one patient-month',
      model: { entries: [entry(), entry({ npi: NPI_B }), entry()] },
      findings: [{ messageId: 'multiple', entryIds: [0, 1, 2], data: { count: 2, npis: `${NPI_A}: 2 entries, ${NPI_B}: 1 entry`, month: '2026-10' }, severity: 'error' }],
    },
  ],
});
