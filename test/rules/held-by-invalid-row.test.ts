import { describe, expect, it } from 'vitest';
import { heldByInvalidRow } from '../../src/rules/held-by-invalid-row.js';
import { resolveRules, runRules, WITHHELD } from '../../src/rules/engine.js';
import { consent, entry, model, rejected, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A billed-services row rejected for its code cell. */
function badCode(init: Parameters<typeof rejected>[0] = {}) {
  return rejected({ source: { file: 'services.csv', sheet: null, row: 4 }, kind: 'services', column: 'CPT Code', value: '99490/99439', reason: '"99490/99439" is not one CPT or HCPCS code', patientId: 'P1', month: '2026-10', ...init });
}

/** A consents row rejected for its date. */
function badConsentDate(init: Parameters<typeof rejected>[0] = {}) {
  return rejected({ source: { file: 'consents.csv', sheet: null, row: 3 }, kind: 'consents', column: 'Consent Date', value: '09/31/2026', reason: '"09/31/2026" is not a date', patientId: 'P1', mayEndConsent: true, ...init });
}

const twoMonths = [entry({ date: '2026-09-03' }), entry({ date: '2026-10-05' })];

ruleTester(heldByInvalidRow, {
  valid: [
    { name: 'no rejected rows', model: { entries: [entry()], services: [service('99490')] } },
    { name: 'a rejected billed-services row of a code that is not CCM', model: { entries: [entry()], rejected: [badCode({ column: 'Units', value: 'abc', reason: '"abc" is not a whole number of units', code: '99213' })] } },
    { name: 'a rejected billed-services row without a patient id', model: { entries: [entry()], rejected: [badCode({ column: 'MRN', value: '', reason: 'the patient id is empty', patientId: undefined, month: undefined })] } },
    { name: 'a rejected billed-services row of another month', model: { entries: [entry()], rejected: [badCode({ month: '2026-09' })] } },
    { name: 'a rejected billed-services row of another patient', model: { entries: [entry()], rejected: [badCode({ patientId: 'P2', month: undefined })] } },
    { name: 'a rejected consents row that would be an acceptance', model: { entries: [entry()], consents: [consent()], rejected: [badConsentDate({ mayEndConsent: undefined })] } },
    { name: 'a rejected refusal dated after the month', model: { entries: [entry()], consents: [consent()], rejected: [badConsentDate({ month: '2026-11' })] } },
    { name: 'a rejected time-log row', model: { entries: [entry()], rejected: [rejected({ patientId: 'P1', month: '2026-10' })] } },
    { name: 'a rejected row of a service allowed with CCM (TCM 99495)', model: { entries: [entry()], rejected: [badCode({ column: 'Units', value: 'x', reason: '"x" is not a whole number of units', code: '99495' })] } },
    { name: 'a rejected PCM row of another month', model: { entries: [entry()], rejected: [badCode({ column: 'Units', value: 'x', reason: '"x" is not a whole number of units', code: '99426', month: '2026-09' })] } },
  ],
  invalid: [
    {
      name: 'an unreadable CCM code in the month holds the month',
      model: { entries: [entry()], rejected: [badCode()] },
      findings: [{ messageId: 'claimInMonth', data: { row: 4, problems: 'CPT Code "99490/99439"', month: '2026-10' }, sources: ['services.csv:4'], patientId: 'P1', month: '2026-10', entryIds: [0], severity: 'error' }],
    },
    {
      name: 'a readable CCM code with bad units holds only its own month',
      model: { entries: twoMonths, rejected: [badCode({ column: 'Units', value: 'two', reason: '"two" is not a whole number of units', code: '99439' })] },
      findings: [{ messageId: 'claimInMonth', data: { problems: 'Units "two"' }, month: '2026-10' }],
    },
    {
      name: 'no month read: every audited month of the patient is held, one finding per row however many cells are bad',
      model: {
        entries: twoMonths,
        rejected: [
          badCode({ column: 'Date of Service', value: 'soon', reason: '"soon" is not a date', month: undefined }),
          badCode({ month: undefined }),
        ],
      },
      findings: [
        { messageId: 'claimUndated', data: { problems: 'Date of Service "soon", CPT Code "99490/99439"', month: '2026-09' }, month: '2026-09' },
        { messageId: 'claimUndated', month: '2026-10' },
      ],
    },
    {
      name: 'with --month only the audited month is held',
      model: { entries: twoMonths, period: '2026-10', rejected: [badCode({ month: undefined })] },
      findings: [{ messageId: 'claimUndated', month: '2026-10' }],
    },
    {
      name: 'an unreadable row of PCM in the month holds it: it may be overlapping care management by the CCM practitioner (R-EXCL-PCM, D8)',
      model: { entries: [entry()], rejected: [badCode({ column: 'Billing NPI', value: '12345', reason: '"12345" is not an NPI', code: '99426' })] },
      findings: [{ messageId: 'overlapInMonth', data: { code: '99426', service: 'principal care management', problems: 'Billing NPI "12345"', month: '2026-10' }, month: '2026-10', severity: 'error' }],
    },
    {
      name: 'an undated row of home health supervision holds every month of the patient',
      model: { entries: twoMonths, rejected: [badCode({ column: 'Date of Service', value: 'soon', reason: '"soon" is not a date', code: 'G0181', month: undefined })] },
      findings: [
        { messageId: 'overlapUndated', data: { code: 'G0181', service: 'home health supervision' }, month: '2026-09' },
        { messageId: 'overlapUndated', month: '2026-10' },
      ],
    },
    {
      name: 'an empty code cell may be CCM too',
      model: { entries: [entry()], rejected: [badCode({ value: '', reason: 'the procedure code is empty' })] },
      findings: [{ messageId: 'claimInMonth', data: { problems: 'CPT Code empty' } }],
    },
    {
      name: 'a month already billed by a readable row is held too (at risk: the unread row may be a second claim)',
      model: { entries: [entry()], services: [service('99490')], rejected: [badCode({ source: { file: 'services.csv', sheet: null, row: 5 } })] },
      findings: [{ messageId: 'claimInMonth', sources: ['services.csv:5'] }],
    },
    {
      name: 'a refusal whose date cannot be read holds every month of the patient',
      model: { entries: twoMonths, consents: [consent({ date: '2025-01-10' })], rejected: [badConsentDate()] },
      findings: [
        { messageId: 'refusalUndated', data: { row: 3, problems: 'Consent Date "09/31/2026"', month: '2026-09' }, sources: ['consents.csv:3'], month: '2026-09' },
        { messageId: 'refusalUndated', month: '2026-10' },
      ],
    },
    {
      name: 'a refusal dated by its month alone holds that month and the later ones',
      model: { entries: [entry({ date: '2026-08-03' }), ...twoMonths], consents: [consent({ date: '2025-01-10' })], rejected: [badConsentDate({ value: '2026-09', reason: '"2026-09" is not a date', month: '2026-09' })] },
      findings: [
        { messageId: 'refusalFrom', data: { from: '2026-09', month: '2026-09' }, month: '2026-09' },
        { messageId: 'refusalFrom', data: { from: '2026-09', month: '2026-10' }, month: '2026-10' },
      ],
    },
    {
      name: 'a readable acceptance of a later month ends the doubt a refusal of a known month casts',
      model: {
        entries: [entry({ date: '2026-08-03' }), ...twoMonths, entry({ date: '2026-11-03' })],
        consents: [consent({ date: '2025-01-10' }), consent({ date: '2026-10-05' })],
        rejected: [badConsentDate({ value: '2026-09', reason: '"2026-09" is not a date', month: '2026-09' })],
      },
      findings: [{ messageId: 'refusalFrom', month: '2026-09' }],
    },
    {
      name: 'an acceptance in the refusal\'s own month may precede it: the later months stay held',
      model: {
        entries: [...twoMonths],
        consents: [consent({ date: '2025-01-10' }), consent({ date: '2026-09-20' })],
        rejected: [badConsentDate({ value: '2026-09', reason: '"2026-09" is not a date', month: '2026-09' })],
      },
      findings: [{ messageId: 'refusalFrom', month: '2026-09' }, { messageId: 'refusalFrom', month: '2026-10' }],
    },
    {
      name: 'an acceptance whose revocation cannot be read holds the months from its date',
      model: {
        entries: twoMonths,
        consents: [consent({ date: '2025-01-10' })],
        rejected: [badConsentDate({ column: 'Revoked Date', value: 'sometime', reason: '"sometime" is neither a date nor yes/no', month: '2026-10' })],
      },
      findings: [{ messageId: 'refusalFrom', data: { from: '2026-10', problems: 'Revoked Date "sometime"' }, month: '2026-10' }],
    },
  ],
});

describe('held-by-invalid-row redaction', () => {
  it('withholds the cell text it quotes', () => {
    const m = model({ entries: [entry()], rejected: [badCode()] });
    const [finding] = runRules(m, resolveRules([heldByInvalidRow], {})).findings;
    expect(finding!.message).toContain('"99490/99439"');
    expect(finding!.redactedMessage).toContain(`CPT Code "${WITHHELD}"`);
    expect(finding!.redactedMessage).not.toContain('99490/99439');
  });
});
