import { multipleBillingPractitioners } from '../../src/rules/multiple-billing-practitioners.js';
import { NPI_A, NPI_B, entry, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(multipleBillingPractitioners, {
  valid: [
    { name: 'one NPI', model: { entries: [entry(), entry()] } },
    { name: 'an entry without an NPI is not another practitioner', model: { entries: [entry(), entry({ npi: undefined })] } },
    { name: 'different NPIs in different months', model: { entries: [entry({ date: '2026-09-03' }), entry({ npi: NPI_B })] } },
    { name: 'another NPI on a non-CCM entry', model: { entries: [entry(), entry({ npi: NPI_B, program: 'tcm' })] } },
    { name: 'CCM billed under the entries\' NPI', model: { entries: [entry()], services: [service('99490', { npi: NPI_A })] } },
    { name: 'a CCM service without an NPI is the practice\'s own claim', model: { entries: [entry()], services: [service('99490', { npi: undefined })] } },
    { name: 'another NPI bills a non-CCM service', model: { entries: [entry()], services: [service('99495', { npi: NPI_B })] } },
    { name: 'another NPI bills CCM in another month', model: { entries: [entry()], services: [service('99490', { npi: NPI_B, date: '2026-09-30' })] } },
    { name: 'entries without an NPI cannot be compared', model: { entries: [entry({ npi: undefined })], services: [service('99490', { npi: NPI_B })] } },
    {
      name: 'entries without an NPI: one NPI and rows without one are one claim',
      model: { entries: [entry({ npi: undefined })], services: [service('99490', { npi: NPI_B }), service('99439', { npi: undefined })] },
    },
    {
      name: 'entries without an NPI: a second NPI on a non-CCM service',
      model: { entries: [entry({ npi: undefined })], services: [service('99490', { npi: NPI_A }), service('99495', { npi: NPI_B })] },
    },
  ],
  invalid: [
    {
      name: 'two NPIs in one patient-month',
      model: { entries: [entry(), entry({ npi: NPI_B }), entry()] },
      findings: [{ messageId: 'multiple', entryIds: [0, 1, 2], data: { count: 2, npis: `${NPI_A}: 2 entries, ${NPI_B}: 1 entry`, month: '2026-10' }, severity: 'error' }],
    },
    {
      name: 'CCM for the month billed under another NPI',
      model: { entries: [entry(), entry()], services: [service('99490', { npi: NPI_B }), service('99439', { npi: NPI_B, units: 2 })] },
      findings: [
        {
          messageId: 'billedByOther',
          entryIds: [0, 1],
          severity: 'error',
          sources: ['services.csv:2', 'services.csv:3', 'time_log.csv:2', 'time_log.csv:3'],
          data: { month: '2026-10', other: NPI_B, codes: '99490, 99439 ×2', rows: 'services.csv, rows 2, 3', npi: NPI_A },
        },
      ],
    },
    {
      name: 'entries without an NPI, CCM billed under two NPIs: two practitioners\' claims',
      model: {
        entries: [entry({ npi: undefined }), entry({ npi: undefined })],
        services: [service('99490', { npi: NPI_A }), service('99490', { npi: NPI_B }), service('99439', { npi: NPI_B, units: 2 }), service('99439', { npi: undefined })],
      },
      findings: [
        {
          messageId: 'billedByMany',
          entryIds: [0, 1],
          severity: 'error',
          sources: ['services.csv:2', 'services.csv:3', 'services.csv:4', 'time_log.csv:2', 'time_log.csv:3'],
          data: { month: '2026-10', count: 2, npis: `${NPI_A} (99490), ${NPI_B} (99490, 99439 ×2)`, rows: 'services.csv, rows 2, 3, 4' },
        },
      ],
    },
  ],
});
