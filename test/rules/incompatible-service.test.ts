import { describe, expect, it } from 'vitest';
import { ALLOWED_WITH_CCM, OVERLAPPING_CARE_MANAGEMENT } from '../../src/rules/code-lists.js';
import { incompatibleService } from '../../src/rules/incompatible-service.js';
import { NPI_A, NPI_B, entry, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(incompatibleService, {
  valid: [
    { name: 'TCM and RPM in the same month do not trigger', model: { entries: [entry()], services: [service('99495'), service('99457'), service('99490')] } },
    { name: 'every service allowed with CCM', model: { entries: [entry()], services: ALLOWED_WITH_CCM.map((code) => service(code)) } },
    { name: 'G0181 in another month', model: { entries: [entry()], services: [service('G0181', { date: '2026-09-30' })] } },
    { name: 'G0181 for another patient', model: { entries: [entry()], services: [service('G0181', { patientId: 'P2' })] } },
    { name: 'months outside --month get no findings', model: { entries: [entry({ date: '2026-09-03' }), entry()], services: [service('G0181', { date: '2026-09-30' })], period: '2026-10' } },
  ],
  invalid: [
    {
      name: 'G0181 by the same NPI is an error',
      model: { entries: [entry(), entry()], services: [service('G0181', { npi: NPI_A })] },
      findings: [{ messageId: 'samePractitioner', severity: 'error', sources: ['services.csv:2', 'time_log.csv:2'], data: { services: 'G0181 (home health supervision, 2026-10-31)', npis: NPI_A }, patientId: 'P1', month: '2026-10' }],
    },
    {
      name: 'G0181 by a different NPI is only a warning',
      model: { entries: [entry()], services: [service('G0181', { npi: NPI_B })] },
      findings: [{ messageId: 'differentPractitioner', severity: 'warning', sources: ['services.csv:2', 'time_log.csv:2'], data: { npis: NPI_B } }],
    },
    {
      name: 'a service without an NPI is treated as the same practitioner',
      model: { entries: [entry()], services: [service('G0182', { npi: undefined })] },
      findings: [{ messageId: 'unknownPractitioner', severity: 'error' }],
    },
    {
      name: 'CCM entries without an NPI cannot be told apart from another NPI',
      model: { entries: [entry({ npi: undefined })], services: [service('99424', { npi: NPI_B })] },
      findings: [{ messageId: 'unknownPractitioner', severity: 'error' }],
    },
    {
      name: 'entries without an NPI bill under billing.defaultNpi: another valid NPI is another practitioner',
      model: { entries: [entry({ npi: undefined })], services: [service('99426', { npi: NPI_B })] },
      defaultNpi: NPI_A,
      findings: [{ messageId: 'differentPractitioner', severity: 'warning' }],
    },
    {
      name: 'some entries without an NPI beside one NPI bill under it: another valid NPI is another practitioner',
      model: { entries: [entry(), entry({ npi: undefined })], services: [service('99426', { npi: NPI_B })] },
      findings: [{ messageId: 'differentPractitioner', severity: 'warning' }],
    },
    {
      name: 'billing.defaultNpi is the CCM practitioner: a service under it is the same',
      model: { entries: [entry({ npi: undefined })], services: [service('G0181', { npi: NPI_A })] },
      defaultNpi: NPI_A,
      findings: [{ messageId: 'samePractitioner', severity: 'error' }],
    },
    {
      name: 'a service whose NPI is not one (a digit short) identifies no practitioner: treated as the same',
      model: { entries: [entry()], services: [service('99426', { npi: '123456789' })] },
      findings: [{ messageId: 'unknownPractitioner', severity: 'error' }],
    },
    {
      name: 'nor do CCM entries whose NPI fails the check digit',
      model: { entries: [entry({ npi: '1234567890' })], services: [service('G0181', { npi: NPI_B })] },
      findings: [{ messageId: 'unknownPractitioner', severity: 'error' }],
    },
    {
      name: 'same and different practitioners in one month give one finding each',
      model: { entries: [entry()], services: [service('90960', { npi: NPI_A }), service('99427', { npi: NPI_B }), service('G0557', { npi: NPI_A }), service('99495')] },
      findings: [
        { messageId: 'samePractitioner', sources: ['services.csv:2', 'services.csv:4', 'time_log.csv:2'], data: { services: '90960 (ESRD monthly services, 2026-10-31), G0557 (advanced primary care management, 2026-10-31)' } },
        { messageId: 'differentPractitioner', severity: 'warning', sources: ['services.csv:3', 'time_log.csv:2'] },
      ],
    },
    {
      name: 'each overlapping family of codes triggers',
      model: { entries: [entry()], services: ['G0181', 'G0182', '90951', '90970', '99424', '99425', '99426', '99427', 'G0556', 'G0558'].map((code) => service(code)) },
      findings: [{ messageId: 'samePractitioner', sources: [...Array.from({ length: 10 }, (_, i) => `services.csv:${i + 2}`), 'time_log.csv:2'] }],
    },
  ],
});

// The code list itself, against the reference's ranges (D8).
describe('OVERLAPPING_CARE_MANAGEMENT', () => {
  it('holds G0181, G0182, 90951–90970, 99424–99427 and G0556–G0558 and nothing allowed with CCM', () => {
    expect(OVERLAPPING_CARE_MANAGEMENT.size).toBe(2 + 20 + 4 + 3);
    for (const code of ['G0181', 'G0182', '90951', '90970', '99424', '99427', 'G0556', 'G0558']) expect(OVERLAPPING_CARE_MANAGEMENT.has(code)).toBe(true);
    for (const code of ['90950', '90971', '99423', '99428', 'G0555', 'G0559', ...ALLOWED_WITH_CCM]) expect(OVERLAPPING_CARE_MANAGEMENT.has(code)).toBe(false);
  });
});
