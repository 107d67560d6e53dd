import { describe, expect, it } from 'vitest';
import { alreadyBilled } from '../../src/billing/already-billed.js';
import { idLeadingZeros } from '../../src/rules/id-leading-zeros.js';
import { carePlan, consent, diagnosis, entry, model, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const MRN = '001234';
const DROPPED = '1234';

ruleTester(idLeadingZeros, {
  valid: [
    { name: 'one spelling everywhere', model: { entries: [entry({ patientId: MRN })], services: [service('99490', { patientId: MRN })] } },
    { name: 'ids that are not all digits keep their zeros', model: { entries: [entry({ patientId: 'A0012' })], services: [service('99490', { patientId: 'A012' })] } },
    { name: 'an all-zero id is no spelling of another', model: { entries: [entry({ patientId: '000' })], services: [service('99490', { patientId: '0' })] } },
    {
      name: 'two patients apart in the time log, the other one billed under its own id: this month is billed',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '0123' }), service('99490', { patientId: '123' })] },
    },
    {
      name: 'two patients apart, CCM billed under the other spelling in another month',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '123', date: '2026-09-15' })] },
    },
  ],
  invalid: [
    {
      name: 'the billed-services export lost the zeros: one patient, a warning naming both spellings',
      model: { entries: [entry({ patientId: MRN })], services: [service('99490', { patientId: DROPPED })] },
      findings: [{ messageId: 'folded', severity: 'warning', patientId: MRN, month: null, rows: [2, 2], data: { ids: `${MRN}, ${DROPPED}`, patientId: MRN } }],
    },
    {
      name: 'the time log lost them: the time log\'s spelling is the patient\'s',
      model: { entries: [entry({ patientId: DROPPED })], consents: [consent({ patientId: MRN })] },
      findings: [{ messageId: 'folded', severity: 'warning', patientId: DROPPED, data: { ids: `${DROPPED}, ${MRN}`, patientId: DROPPED } }],
    },
    {
      name: 'two patients apart in the time log, CCM billed only under the other spelling: held',
      model: { entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], services: [service('99490', { patientId: '123' })] },
      findings: [{ messageId: 'apart', severity: 'error', patientId: '0123', month: '2026-10', rows: [2, 2], data: { month: '2026-10', other: '123', table: 'time_log.csv' } }],
    },
  ],
});

describe('leading zeros in the model', () => {
  it('files consents, diagnoses, care plans and billed services under the time log\'s spelling', () => {
    const m = model({
      entries: [entry({ patientId: MRN })],
      consents: [consent({ patientId: '01234' })],
      diagnoses: [diagnosis('E11.9', { patientId: DROPPED }), diagnosis('I10', { patientId: DROPPED })],
      carePlans: [carePlan({ patientId: DROPPED })],
      services: [service('99490', { patientId: DROPPED })],
    });
    expect(m.consentsByPatient.get(MRN)).toHaveLength(1);
    expect(m.diagnosesByPatient.get(MRN)).toHaveLength(2);
    expect(m.carePlans.map((p) => p.patientId)).toEqual([MRN]);
    expect(alreadyBilled(m, m.patientMonths[0]!)).toBe(true);
    expect(m.idSpellings).toMatchObject([{ digits: DROPPED, patientId: MRN }]);
  });

  it('keeps spellings one table holds apart: two patients there', () => {
    const m = model({ entries: [entry({ patientId: '0123' }), entry({ patientId: '123' })], consents: [consent({ patientId: '123' })] });
    expect(m.patientMonths.map((pm) => pm.patientId)).toEqual(['0123', '123']);
    expect(m.consentsByPatient.get('0123')).toBeUndefined();
    expect(m.idSpellings).toMatchObject([{ digits: '123', patientId: null }]);
  });
});
