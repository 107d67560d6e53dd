import { missingConsent } from '../../src/rules/missing-consent.js';
import { consent, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(missingConsent, {
  valid: [
    { name: 'consent before the month', model: { entries: [entry()], consents: [consent({ date: '2026-01-15' })] } },
    { name: 'consent on the last day of the month', model: { entries: [entry({ date: '2026-10-05' })], consents: [consent({ date: '2026-10-31' })] } },
    { name: 'revoked during the month: covered to its end', model: { entries: [entry()], consents: [consent({ revokedDate: '2026-10-20' })] } },
    { name: 'revoked on the first day of the month', model: { entries: [entry()], consents: [consent({ revokedDate: '2026-10-01' })] } },
    { name: 'a refusal followed by consent', model: { entries: [entry()], consents: [consent({ date: '2026-02-01', standing: 'declined' }), consent({ date: '2026-03-01' })] } },
    { name: 'a refusal after consent ends it only at the end of its month', model: { entries: [entry()], consents: [consent({ date: '2026-03-01' }), consent({ date: '2026-10-15', standing: 'declined' })] } },
    {
      name: 'consented, declined, consented again',
      model: { entries: [entry()], consents: [consent({ date: '2026-09-20' }), consent({ date: '2026-06-01', standing: 'declined' }), consent({ date: '2026-03-01' })] },
    },
    { name: 'revoked and consented again', model: { entries: [entry()], consents: [consent({ date: '2025-01-01', revokedDate: '2025-06-01' }), consent({ date: '2026-09-01' })] } },
    { name: 'months outside --month get no findings', model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' })], consents: [consent({ date: '2026-10-01' })], period: '2026-10' } },
    { name: 'other programs do not make a CCM month', model: { entries: [entry({ program: 'rpm' })], consents: [] } },
  ],
  invalid: [
    {
      name: 'no consents export: every month is reported',
      model: { entries: [entry({ date: '2026-09-03' }), entry({ date: '2026-10-03' }), entry({ date: '2026-10-09' })] },
      findings: [
        { messageId: 'noConsentFile', month: '2026-09', entryIds: [0], patientId: 'P1', severity: 'error' },
        { messageId: 'noConsentFile', month: '2026-10', entryIds: [1, 2], rows: [3, 4] },
      ],
    },
    { name: 'no consent record for the patient', model: { entries: [entry()], consents: [consent({ patientId: 'P2' })] }, findings: [{ messageId: 'none', data: { month: '2026-10' } }] },
    { name: 'only a refusal', model: { entries: [entry()], consents: [consent({ standing: 'declined' })] }, findings: [{ messageId: 'declined' }] },
    {
      name: 'an acceptance and a refusal without a date: the refusal may have ended it',
      model: { entries: [entry()], consents: [consent({ date: '2026-09-01' }), consent({ standing: 'declined', date: undefined })] },
      findings: [{ messageId: 'undatedRefusal', data: { consentRow: 'consents.csv, row 3', month: '2026-10' } }],
    },
    {
      name: 'consent dated after the month',
      model: { entries: [entry()], consents: [consent({ date: '2026-11-03' }), consent({ date: '2026-12-01' })] },
      findings: [{ messageId: 'afterMonth', data: { date: '2026-11-03', month: '2026-10' } }],
    },
    { name: 'revoked before the month began', model: { entries: [entry()], consents: [consent({ revokedDate: '2026-09-30' })] }, findings: [{ messageId: 'revoked', data: { date: '2026-09-30' } }] },
    {
      name: 'only a pending consent request',
      model: { entries: [entry()], consents: [consent({ standing: 'pending', status: 'Awaiting signature' })] },
      findings: [{ messageId: 'pending', data: { status: 'Awaiting signature', month: '2026-10' } }],
    },
    {
      name: 'a status ccm cannot read is named, not counted as consent',
      model: { entries: [entry()], consents: [consent({ standing: 'unrecognized', status: 'Enrolled' }), consent({ standing: 'declined' })] },
      findings: [{ messageId: 'unrecognized', data: { status: 'Enrolled' } }],
    },
    {
      name: 'an unreadable status before the month is named over a consent dated after it',
      model: { entries: [entry()], consents: [consent({ standing: 'unrecognized', status: 'Enrolled', date: '2026-02-01' }), consent({ date: '2026-11-03' })] },
      findings: [{ messageId: 'unrecognized', data: { status: 'Enrolled' } }],
    },
    {
      name: 'a refusal after consent ends it at the end of its month',
      model: { entries: [entry()], consents: [consent({ date: '2026-03-01' }), consent({ date: '2026-06-01', standing: 'declined', row: 7 })] },
      findings: [{ messageId: 'withdrawn', data: { date: '2026-06-01', month: '2026-10', consentRow: 'consents.csv, row 7' } }],
    },
    {
      name: 'a later record worded as a revocation says the patient revoked consent',
      model: { entries: [entry()], consents: [consent({ date: '2026-03-01' }), consent({ date: '2026-06-01', standing: 'declined', status: 'Revoked', revocation: true, row: 7 })] },
      findings: [{ messageId: 'revokedLater', data: { date: '2026-06-01', month: '2026-10', consentRow: 'consents.csv, row 7' } }],
    },
    {
      name: 'a refusal on the day of the consent ends it (their order that day is unknown)',
      model: { entries: [entry()], consents: [consent({ date: '2026-09-02', standing: 'declined' }), consent({ date: '2026-09-02' })] },
      findings: [{ messageId: 'withdrawn', data: { date: '2026-09-02' } }],
    },
    { name: 'a consent without a date', model: { entries: [entry()], consents: [consent({ date: undefined })] }, findings: [{ messageId: 'undated' }] },
    {
      name: 'an October consent does not cover September',
      model: { entries: [entry({ date: '2026-09-20' }), entry({ date: '2026-10-20' })], consents: [consent({ date: '2026-10-02' })] },
      findings: [{ messageId: 'afterMonth', month: '2026-09', entryIds: [0] }],
    },
  ],
});
