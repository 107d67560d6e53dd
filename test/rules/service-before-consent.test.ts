import { serviceBeforeConsent } from '../../src/rules/service-before-consent.js';
import { NPI_A, NPI_B, consent, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(serviceBeforeConsent, {
  valid: [
    { name: 'consent the same day as the entry', model: { entries: [entry({ date: '2026-10-12' })], consents: [consent({ date: '2026-10-12' })] } },
    { name: 'consent long before', model: { entries: [entry()], consents: [consent({ date: '2025-03-01' })] } },
    { name: 'no consent at all is left to missing-consent', model: { entries: [entry()], consents: [] } },
    { name: 'no consents export is left to missing-consent', model: { entries: [entry()] } },
    { name: 'only a declined consent is left to missing-consent', model: { entries: [entry()], consents: [consent({ date: '2026-01-01', standing: 'declined' })] } },
    { name: 'the earliest of several consents counts', model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2026-10-20' }), consent({ date: '2026-02-01' })] } },
    { name: 'other programs are not judged', model: { entries: [entry({ date: '2026-10-01', program: 'tcm' })], consents: [consent({ date: '2026-10-12' })] } },
    {
      name: 'a revocation ends consent at the end of its month, not on its day',
      model: { entries: [entry({ date: '2026-10-20' })], consents: [consent({ date: '2026-01-15', revokedDate: '2026-10-05' })] },
    },
    {
      name: 'a revoked consent never renewed is left to missing-consent',
      model: { entries: [entry({ date: '2026-10-12' })], consents: [consent({ date: '2026-01-15', revokedDate: '2026-08-10' })] },
    },
    {
      name: 'time after a renewed consent counts',
      model: { entries: [entry({ date: '2026-10-12' })], consents: [consent({ date: '2026-01-15', revokedDate: '2026-08-10' }), consent({ date: '2026-10-01' })] },
    },
    // Entries bill under NPI_A unless a case says otherwise; a change of practitioner needs a new consent (R-CONSENT-ONCE).
    {
      name: 'a consent to the new practitioner before the entries',
      model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-10-05', npi: NPI_A })] },
    },
    {
      name: 'no consent names the billing NPI: every consent counts (consent-other-practitioner warns)',
      model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2025-01-10', npi: NPI_B })] },
    },
    {
      name: 'a consent without an NPI covers any practitioner, whatever later consent names one',
      model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2025-01-10' }), consent({ date: '2026-10-28', npi: NPI_A })] },
    },
    {
      name: 'entries without an NPI: every consent counts',
      model: { entries: [entry({ date: '2026-10-05', npi: undefined })], consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-10-28', npi: NPI_A })] },
    },
    {
      name: 'a month under two NPIs is left to multiple-billing-practitioners: every consent counts',
      model: {
        entries: [entry({ date: '2026-10-05' }), entry({ date: '2026-10-06', npi: NPI_B })],
        consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-10-28', npi: NPI_A })],
      },
    },
    {
      name: 'the previous practitioner\'s months count under the previous practitioner\'s consent',
      model: { entries: [entry({ date: '2026-06-10', npi: NPI_B })], consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-07-28', npi: NPI_A })] },
    },
  ],
  invalid: [
    {
      name: 'an entry the day before consent',
      model: { entries: [entry({ date: '2026-10-11' }), entry({ date: '2026-10-12' })], consents: [consent({ date: '2026-10-12' })] },
      findings: [{ messageId: 'beforeConsent', entryIds: [0], data: { date: '2026-10-11', consentDate: '2026-10-12', consentRow: 'consents.csv, row 2' }, severity: 'error' }],
    },
    {
      name: 'a refusal after consent ends it; time before the renewed consent does not count, and the message says the patient declined',
      model: {
        entries: [entry({ date: '2026-10-05' })],
        consents: [consent({ date: '2026-03-01' }), consent({ date: '2026-06-01', standing: 'declined', status: 'Patient declined' }), consent({ date: '2026-10-12' })],
      },
      findings: [
        {
          messageId: 'afterRefusal',
          data: { date: '2026-10-05', declinedDate: '2026-06-01', declinedRow: 'consents.csv, row 3', consentDate: '2026-10-12', consentRow: 'consents.csv, row 4' },
        },
      ],
    },
    {
      name: 'a later record worded as a revocation says the patient revoked consent, naming its row',
      model: {
        entries: [entry({ date: '2026-10-05' })],
        consents: [consent({ date: '2026-03-01' }), consent({ date: '2026-06-01', standing: 'declined', status: 'Revoked', revocation: true }), consent({ date: '2026-10-12' })],
      },
      findings: [
        {
          messageId: 'beforeRenewedConsent',
          data: { date: '2026-10-05', revokedDate: '2026-06-01', revokedRow: 'consents.csv, row 3', consentDate: '2026-10-12', consentRow: 'consents.csv, row 4' },
        },
      ],
    },
    {
      name: 'the latest ending is named: a refusal after an earlier revocation',
      model: {
        entries: [entry({ date: '2026-10-05' })],
        consents: [
          consent({ date: '2026-01-15', revokedDate: '2026-02-10' }),
          consent({ date: '2026-03-01' }),
          consent({ date: '2026-06-01', standing: 'declined', status: 'Refused CCM' }),
          consent({ date: '2026-10-12' }),
        ],
      },
      findings: [{ messageId: 'afterRefusal', data: { declinedDate: '2026-06-01', declinedRow: 'consents.csv, row 4' } }],
    },
    {
      name: 'a declined record does not count as the earliest consent',
      model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2026-01-01', standing: 'declined' }), consent({ date: '2026-10-12' })] },
      findings: [{ messageId: 'beforeConsent', data: { consentRow: 'consents.csv, row 3' } }],
    },
    {
      name: 'an entry after a revocation and before the renewed consent',
      model: {
        entries: [entry({ date: '2026-10-12' }), entry({ date: '2026-10-20' })],
        consents: [consent({ date: '2026-01-15', revokedDate: '2026-08-10' }), consent({ date: '2026-10-20' })],
      },
      findings: [
        {
          messageId: 'beforeRenewedConsent',
          entryIds: [0],
          data: { date: '2026-10-12', revokedDate: '2026-08-10', revokedRow: 'consents.csv, row 2', consentDate: '2026-10-20', consentRow: 'consents.csv, row 3' },
          severity: 'error',
        },
      ],
    },
    {
      name: 'consents are per patient',
      model: { entries: [entry({ date: '2026-10-05' }), entry({ date: '2026-10-05', patientId: 'P2' })], consents: [consent({ date: '2026-01-01' }), consent({ patientId: 'P2', date: '2026-10-06' })] },
      findings: [{ messageId: 'beforeConsent', entryIds: [1], patientId: 'P2' }],
    },
    {
      name: 'time before the consent to the new billing practitioner does not count, though the previous one\'s consent was in force (explore9 B03)',
      model: {
        entries: [entry({ date: '2026-06-10', npi: NPI_B }), entry({ date: '2026-07-05' }), entry({ date: '2026-07-28' })],
        consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-07-28', npi: NPI_A })],
      },
      findings: [
        {
          messageId: 'beforePractitionerConsent',
          entryIds: [1],
          data: { date: '2026-07-05', consentDate: '2026-07-28', consentRow: 'consents.csv, row 3', npi: NPI_A, otherRow: 'consents.csv, row 2', otherNpi: NPI_B },
          severity: 'error',
        },
      ],
    },
    {
      name: 'months billed under the new practitioner before the consent to it do not count either',
      model: {
        entries: [entry({ date: '2026-05-10' }), entry({ date: '2026-07-05' })],
        consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-07-28', npi: NPI_A })],
      },
      findings: [
        { messageId: 'beforePractitionerConsent', entryIds: [0], month: '2026-05' },
        { messageId: 'beforePractitionerConsent', entryIds: [1], month: '2026-07' },
      ],
    },
    {
      // A time log with no NPI column bills under billing.defaultNpi, as the claim does (explore10 B04).
      name: 'entries without an NPI bill under billing.defaultNpi: time before the consent to it does not count',
      model: { entries: [entry({ date: '2026-10-05', npi: undefined })], consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-10-20', npi: NPI_A })] },
      defaultNpi: NPI_A,
      findings: [{ messageId: 'beforePractitionerConsent', entryIds: [0], data: { consentDate: '2026-10-20', npi: NPI_A, otherNpi: NPI_B } }],
    },
    {
      name: 'with no earlier consent at all, the consent to the billing practitioner is the first one',
      model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2026-10-20', npi: NPI_A })] },
      findings: [{ messageId: 'beforeConsent', data: { consentDate: '2026-10-20' } }],
    },
    {
      name: 'the new practitioner\'s consent revoked and renewed: the revocation is named',
      model: {
        entries: [entry({ date: '2026-10-05' })],
        consents: [consent({ date: '2025-01-10', npi: NPI_B }), consent({ date: '2026-03-01', npi: NPI_A, revokedDate: '2026-05-02' }), consent({ date: '2026-10-20', npi: NPI_A })],
      },
      findings: [{ messageId: 'beforeRenewedConsent', data: { revokedDate: '2026-05-02', consentDate: '2026-10-20', consentRow: 'consents.csv, row 4' } }],
    },
  ],
});
