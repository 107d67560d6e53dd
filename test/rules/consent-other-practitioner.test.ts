import { consentOtherPractitioner } from '../../src/rules/consent-other-practitioner.js';
import { NPI_A, NPI_B, consent, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

// Entries bill under NPI_A (October 2026) unless a case says otherwise.
ruleTester(consentOtherPractitioner, {
  valid: [
    { name: 'the consent names the NPI the entries bill under', model: { entries: [entry()], consents: [consent({ npi: NPI_A })] } },
    { name: 'a consent without an NPI covers any practitioner', model: { entries: [entry()], consents: [consent()] } },
    { name: 'a later consent for the new practitioner', model: { entries: [entry()], consents: [consent({ npi: NPI_B }), consent({ date: '2026-09-01', npi: NPI_A })] } },
    { name: 'entries without an NPI and no billing.defaultNpi: nothing to compare', model: { entries: [entry({ npi: undefined })], consents: [consent({ npi: NPI_B })] } },
    { name: 'entries without an NPI bill under billing.defaultNpi, which the consent names', model: { entries: [entry({ npi: undefined })], consents: [consent({ npi: NPI_A })] }, defaultNpi: NPI_A },
    { name: 'entries under two NPIs are left to multiple-billing-practitioners', model: { entries: [entry(), entry({ npi: NPI_B })], consents: [consent({ npi: NPI_B })] } },
    { name: 'no consent covering the month is left to missing-consent', model: { entries: [entry()], consents: [consent({ date: '2026-11-02', npi: NPI_B })] } },
    { name: 'a declined record for the new practitioner is not a consent to compare', model: { entries: [entry()], consents: [consent({ npi: NPI_A }), consent({ npi: NPI_B, standing: 'declined' })] } },
    { name: 'no consents export', model: { entries: [entry()] } },
  ],
  invalid: [
    {
      // The claim goes out under billing.defaultNpi; the consent names another practitioner (explore10 B04).
      name: 'entries without an NPI bill under billing.defaultNpi: a consent naming another NPI',
      model: { entries: [entry({ npi: undefined })], consents: [consent({ npi: NPI_B })] },
      defaultNpi: NPI_A,
      findings: [{ messageId: 'otherPractitioner', data: { consentNpi: NPI_B, npi: NPI_A } }],
    },
    {
      name: 'the only consent names another NPI',
      model: { entries: [entry(), entry({ date: '2026-10-20' })], consents: [consent({ npi: NPI_B })] },
      findings: [
        {
          messageId: 'otherPractitioner',
          entryIds: [0, 1],
          data: { month: '2026-10', consentRow: 'consents.csv, row 2', consentNpi: NPI_B, npi: NPI_A },
          severity: 'warning',
          month: '2026-10',
        },
      ],
    },
    {
      name: 'several consents, none for this practitioner: the latest is named',
      model: { entries: [entry()], consents: [consent({ date: '2025-02-01', npi: NPI_B }), consent({ date: '2026-03-01', npi: '1326018838' })] },
      findings: [{ messageId: 'otherPractitioner', data: { consentRow: 'consents.csv, row 3', consentNpi: '1326018838' } }],
    },
    {
      name: 'a consent for this practitioner revoked before the month does not count',
      model: { entries: [entry()], consents: [consent({ npi: NPI_A, revokedDate: '2026-08-01' }), consent({ date: '2026-02-01', npi: NPI_B })] },
      findings: [{ messageId: 'otherPractitioner', data: { consentNpi: NPI_B } }],
    },
  ],
});
