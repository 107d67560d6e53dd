import { describe, expect, it } from 'vitest';
import { alreadyBilled } from '../../src/billing/already-billed.js';
import { idLeadingZeros } from '../../src/rules/id-leading-zeros.js';
import { carePlan, consent, diagnosis, entry, model, NPI_B, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const MRN = '001234';
const DROPPED = '1234';
/** The warning every kept-apart group gets, here for ids 0123 and 123 first seen in the time log. */
const KEPT_APART = { messageId: 'keptApart', severity: 'warning', patientId: '0123', month: null } as const;
/** explore10 B03: a hand-kept consent log, the acceptance typed as text (01234), the later revocation as a number (1234). */
const B03 = { entries: [entry({ patientId: '01234', date: '2026-11-05' })], period: '2026-11' };
const B03_KEPT_APART = { messageId: 'keptApart', severity: 'warning', patientId: '01234', data: { ids: '01234, 1234', why: 'consents.csv holds both spellings as two patients' } } as const;
const ACCEPTED = consent({ patientId: '01234' });

ruleTester(idLeadingZeros, {
  valid: [
    { name: 'one spelling everywhere', model: { entries: [entry({ patientId: MRN })], services: [service('99490', { patientId: MRN })] } },
    { name: 'ids that are not all digits keep their zeros', model: { entries: [entry({ patientId: 'A0012' })], services: [service('99490', { patientId: 'A012' })] } },
    { name: 'an all-zero id is no spelling of another', model: { entries: [entry({ patientId: '000' })], services: [service('99490', { patientId: '0' })] } },
  ],
  invalid: [
    {
      name: 'the billed-services export lost the zeros: one patient, a warning naming both spellings',
      model: { entries: [entry({ patientId: MRN })], services: [service('99490', { patientId: DROPPED })] },
      findings: [{ messageId: 'folded', severity: 'warning', patientId: MRN, month: null, rows: [2, 2], data: { ids: `${MRN}, ${DROPPED}`, patientId: MRN } }],
    },
    {
      name: 'the time log lost them, billed services kept them: the time log\'s spelling is the patient\'s',
      model: { entries: [entry({ patientId: DROPPED })], services: [service('99490', { patientId: MRN })] },
      findings: [{ messageId: 'folded', severity: 'warning', patientId: DROPPED, data: { ids: `${DROPPED}, ${MRN}`, patientId: DROPPED } }],
    },
    {
      // 0012345 (Alice) in the time log, 12345 (Bob) in the consents: Alice is never billed on Bob's consent (explore10 A05).
      name: 'a consent under another spelling is kept apart: it may be another patient\'s, and missing-consent holds the month',
      model: { entries: [entry({ patientId: MRN })], consents: [consent({ patientId: DROPPED })] },
      enable: ['missing-consent'],
      findings: [
        { messageId: 'keptApart', severity: 'warning', patientId: MRN, data: { ids: `${MRN}, ${DROPPED}`, why: 'time, consents, diagnoses or care plans are filed under more than one spelling, and they may be two patients' } },
        { rule: 'missing-consent', messageId: 'none', patientId: MRN, month: '2026-10' },
      ],
    },
    {
      name: 'two patients apart in the time log, CCM billed only under the other spelling: held',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '123' })] },
      findings: [KEPT_APART, { messageId: 'apart', severity: 'error', patientId: '0123', month: '2026-10', rows: [2, 2], data: { month: '2026-10', other: '123', why: 'time_log.csv holds both spellings as two patients' } }],
    },
    {
      name: 'two patients apart in the time log, the other one billed under its own id: this month is billed, only the warning names them',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '0123' }), service('99490', { patientId: '123' })] },
      findings: [{ ...KEPT_APART, sources: ['services.csv:2', 'services.csv:3', 'time_log.csv:2', 'time_log.csv:3'], data: { ids: '0123, 123', rows: 'rows 2, 3; services.csv, row 2 and 1 more', why: 'time_log.csv holds both spellings as two patients' } }],
    },
    {
      name: 'two patients apart, CCM billed under the other spelling in another month',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '123', date: '2026-09-15' })] },
      findings: [KEPT_APART],
    },
    {
      name: 'explore10 B03: a revocation under the spelling without the zero holds the month after it, naming both spellings and rows',
      model: { ...B03, consents: [ACCEPTED, consent({ patientId: '1234', date: '2026-10-02', standing: 'declined', revocation: true, status: 'Revoked - patient opted out of CCM' })] },
      findings: [
        { ...B03_KEPT_APART, data: { ids: '01234, 1234', rows: 'row 2; consents.csv, rows 3, 2', why: 'consents.csv holds both spellings as two patients' } },
        { messageId: 'apartConsent', severity: 'error', patientId: '01234', month: '2026-11', sources: ['consents.csv:3', 'time_log.csv:2'], data: { other: '1234', rows: 'consents.csv, row 3', month: '2026-11', why: 'consents.csv holds both spellings as two patients' } },
      ],
    },
    {
      name: 'a refusal without a date, or an acceptance with a revoked date, under the other spelling: held',
      model: { ...B03, consents: [ACCEPTED, consent({ patientId: '1234', date: undefined, standing: 'declined' }), consent({ patientId: '1234', revokedDate: '2026-09-30' })] },
      findings: [B03_KEPT_APART, { messageId: 'apartConsent', patientId: '01234', sources: ['consents.csv:3', 'consents.csv:4', 'time_log.csv:2'], data: { rows: 'consents.csv, rows 3, 4' } }],
    },
    {
      name: 'a revocation under the other spelling in the audited month: consent still covers the month, only the warning',
      model: { ...B03, consents: [ACCEPTED, consent({ patientId: '1234', date: '2026-11-20', standing: 'declined', revocation: true })] },
      findings: [B03_KEPT_APART],
    },
    {
      name: 'a refusal under the other spelling before this patient\'s acceptance ends nothing',
      model: { ...B03, consents: [ACCEPTED, consent({ patientId: '1234', date: '2025-12-01', standing: 'declined' })] },
      findings: [B03_KEPT_APART],
    },
    {
      name: 'an acceptance under the other spelling never counts: missing-consent blocks the month',
      model: { period: '2026-11', entries: [entry({ patientId: '01234', date: '2026-11-05' }), entry({ patientId: '1234', date: '2026-09-05' })], consents: [consent({ patientId: '1234' })] },
      enable: ['missing-consent'],
      findings: [{ ...B03_KEPT_APART, data: { why: 'time_log.csv holds both spellings as two patients' } }, { rule: 'missing-consent', messageId: 'none', patientId: '01234', month: '2026-11' }],
    },
    {
      name: 'a service overlapping CCM under the other spelling, by the CCM practitioner or an unknown one: held; by another practitioner: not',
      model: {
        entries: [entry({ patientId: '0123' }), entry({ patientId: '123', date: '2026-09-10' })],
        services: [service('99424', { patientId: '123' }), service('G0181', { patientId: '123', npi: undefined }), service('G0182', { patientId: '123', npi: NPI_B })],
      },
      findings: [KEPT_APART, { messageId: 'apartOverlap', severity: 'error', patientId: '0123', month: '2026-10', sources: ['services.csv:2', 'services.csv:3', 'time_log.csv:2'], data: { other: '123' } }],
    },
    {
      name: 'a care plan ended under the other spelling before the month: held',
      model: {
        entries: [entry({ patientId: '0123' })],
        carePlans: [carePlan({ patientId: '0123' }), carePlan({ patientId: '123', date: '2026-09-30', endDate: '2026-09-30', endedStatus: 'Discontinued' })],
      },
      findings: [
        { ...KEPT_APART, data: { why: 'care_plans.csv holds both spellings as two patients' } },
        { messageId: 'apartCarePlan', severity: 'error', patientId: '0123', month: '2026-10', sources: ['care_plans.csv:3', 'time_log.csv:2'], data: { other: '123', why: 'care_plans.csv holds both spellings as two patients' } },
      ],
    },
    {
      name: 'a resolved diagnosis under the other spelling withholds nothing (another row of the code active in the month counts even under one spelling)',
      model: {
        entries: [entry({ patientId: '0123' })],
        diagnoses: [diagnosis('E11.9', { patientId: '0123' }), diagnosis('I10', { patientId: '0123' }), diagnosis('E11.9', { patientId: '123', resolved: true, resolvedDate: '2026-01-01' })],
      },
      findings: [{ ...KEPT_APART, data: { why: 'diagnoses.csv holds both spellings as two patients' } }],
    },
  ],
});

describe('leading zeros in the model', () => {
  it('files billed services under the time log\'s spelling (that can only withhold a claim)', () => {
    const m = model({ entries: [entry({ patientId: MRN })], services: [service('99490', { patientId: DROPPED })] });
    expect(alreadyBilled(m, m.patientMonths[0]!)).toBe(true);
    expect(m.idSpellings).toMatchObject([{ digits: DROPPED, patientId: MRN }]);
  });

  it('never files consents, diagnoses or care plans of another spelling under the patient (explore10 A05)', () => {
    const m = model({
      entries: [entry({ patientId: MRN })],
      consents: [consent({ patientId: '01234' })],
      diagnoses: [diagnosis('E11.9', { patientId: DROPPED }), diagnosis('I10', { patientId: DROPPED })],
      carePlans: [carePlan({ patientId: DROPPED })],
      services: [service('99490', { patientId: DROPPED })],
    });
    expect(m.consentsByPatient.get(MRN)).toBeUndefined();
    expect(m.diagnosesByPatient.get(MRN)).toBeUndefined();
    expect(m.idSpellings).toMatchObject([{ digits: DROPPED, patientId: null }]);
  });

  it('keeps spellings one table holds apart: two patients there', () => {
    const m = model({ entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], consents: [consent({ patientId: '123' })] });
    expect(m.patientMonths.map((pm) => pm.patientId)).toEqual(['0123', '123']);
    expect(m.consentsByPatient.get('0123')).toBeUndefined();
    expect(m.idSpellings).toMatchObject([{ digits: '123', patientId: null }]);
  });
});
