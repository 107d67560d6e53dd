import { unsupportedCode } from '../../src/rules/unsupported-code.js';
import { NPI_A, NPI_B, entry, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const staff = (minutes: number) => entry({ minutes });
const md = (minutes: number) => entry({ minutes, credential: 'MD', staff: 'Dr. Ada Park' });

ruleTester(unsupportedCode, {
  valid: [
    { name: '99490 with 20 minutes', model: { entries: [staff(20)], services: [service('99490')] } },
    { name: '99490 + 99439 with 40 minutes', model: { entries: [staff(40)], services: [service('99490'), service('99439')] } },
    { name: '99490 + 99439 ×2 with 60 minutes', model: { entries: [staff(60)], services: [service('99490'), service('99439', { units: 2 })] } },
    { name: 'billing less than supported is missed-revenue\'s concern', model: { entries: [staff(59)], services: [service('99490')] } },
    { name: '99491 with 30 practitioner minutes', model: { entries: [md(30)], services: [service('99491')] } },
    { name: 'practitioner minutes count toward 99490', model: { entries: [staff(10), md(10)], services: [service('99490')] } },
    { name: '99487 + 99489 in a complex month with 90 minutes', model: { entries: [entry({ minutes: 90, program: 'complex-ccm' })], services: [service('99487'), service('99489')] } },
    { name: 'no CCM codes billed', model: { entries: [staff(5)], services: [service('99495')] } },
    { name: 'no services export', model: { entries: [staff(5)] } },
    // Two practitioners' claims are multiple-billing-practitioners' error: their units are not one claim.
    {
      name: 'entries without an NPI, 99490 billed once under each of two NPIs',
      model: { entries: [entry({ minutes: 25, npi: undefined })], services: [service('99490', { npi: NPI_A }), service('99490', { npi: NPI_B })] },
    },
    { name: 'CCM billed under another NPI than the entries\' is no claim of theirs', model: { entries: [staff(5)], services: [service('99490', { npi: NPI_B })] } },
    {
      name: 'a month billed without CCM time outside the audited period is left to that month\'s audit',
      model: { entries: [staff(25)], services: [service('99490'), service('99490', { date: '2026-09-30' })], period: '2026-10' },
    },
    // Reported MUEs, per date of service (R-CODE-MUE): 99437 = 2, 99489 = 10.
    { name: '99437 ×2 on one date is within its reported MUE', model: { entries: [md(90)], services: [service('99491'), service('99437', { units: 2 })] } },
    { name: '99437 ×4 spread over two dates of service', model: { entries: [md(150)], services: [service('99491'), service('99437', { units: 2, date: '2026-10-15' }), service('99437', { units: 2 })] } },
    {
      name: '99489 ×10 on one date is within its reported MUE',
      model: { entries: [entry({ minutes: 360, program: 'complex-ccm' })], services: [service('99487'), service('99489', { units: 10 })] },
    },
    { name: 'no CCM code billed for a month without CCM time', model: { entries: [staff(25)], services: [service('99490'), service('99495', { date: '2026-09-30' })] } },
  ],
  invalid: [
    // Above the reported MUE: UNCONFIRMED, so a warning whatever the rule's severity (D7).
    {
      name: '99437 ×5 on one date, every unit supported',
      model: { entries: [md(200)], services: [service('99491'), service('99437', { units: 5 })] },
      findings: [{ messageId: 'overMue', severity: 'warning', sources: ['services.csv:3'], data: { code: '99437', units: 5, date: '2026-10-31', mue: 2 } }],
    },
    {
      name: '99489 rows on one date are added up against its reported MUE',
      model: { entries: [entry({ minutes: 400, program: 'complex-ccm' })], services: [service('99487'), service('99489', { units: 6 }), service('99489', { units: 5 })] },
      findings: [{ messageId: 'overMue', severity: 'warning', sources: ['services.csv:3', 'services.csv:4'], data: { code: '99489', units: 11, mue: 10 } }],
    },
    // No CCM time at all: no patient-month, and zero minutes support any CCM code (R-DOC-CHECKLIST).
    {
      name: 'CCM billed for a month whose time log has no CCM time',
      model: { entries: [staff(25)], services: [service('99490'), service('99490', { date: '2026-09-30' }), service('99439', { date: '2026-09-30', units: 2 })] },
      findings: [{ messageId: 'noCcmTime', severity: 'error', month: '2026-09', sources: ['services.csv:3', 'services.csv:4'], data: { codes: '99490 + 99439 ×2', month: '2026-09' } }],
    },
    {
      name: 'CCM billed for a patient the time log never names, under any NPI, in the audited month',
      model: { entries: [staff(25)], services: [service('99490'), service('99487', { patientId: 'P9' }), service('99491', { patientId: 'P9', npi: NPI_B })], period: '2026-10' },
      findings: [{ messageId: 'noCcmTime', patientId: 'P9', month: '2026-10', sources: ['services.csv:3', 'services.csv:4'], data: { codes: '99487 + 99491' } }],
    },
    {
      name: 'CCM billed for a month whose only time is RPM',
      model: { entries: [entry({ minutes: 25, program: 'rpm' })], services: [service('99490'), service('99457')] },
      findings: [{ messageId: 'onlyOtherProgramTime', sources: ['services.csv:2'], data: { codes: '99490', month: '2026-10', minutes: '25' } }],
    },
    {
      name: 'the entries\' own claim is compared, another NPI\'s rows left out',
      model: { entries: [staff(25)], services: [service('99490'), service('99439', { npi: undefined }), service('99490', { npi: NPI_B })] },
      findings: [{ messageId: 'exceedsSupport', sources: ['services.csv:3'], data: { code: '99439', units: 1, needed: 40, minutes: '25', supported: 0 } }],
    },
    {
      name: 'entries without an NPI: one NPI and rows without one are one claim',
      model: { entries: [entry({ minutes: 25, npi: undefined })], services: [service('99490', { npi: NPI_B }), service('99490', { npi: undefined })] },
      findings: [{ messageId: 'overCap', sources: ['services.csv:2', 'services.csv:3'], data: { code: '99490', units: 2, max: 1 } }],
    },
    {
      name: '99490 with 19 minutes',
      model: { entries: [staff(19)], services: [service('99490')] },
      findings: [{ messageId: 'exceedsSupport', severity: 'error', sources: ['services.csv:2'], data: { code: '99490', units: 1, needed: 20, minutes: '19', supported: 0 }, month: '2026-10' }],
    },
    {
      name: '99439 with 39 minutes',
      model: { entries: [staff(39)], services: [service('99490'), service('99439')] },
      findings: [{ messageId: 'exceedsSupport', sources: ['services.csv:3'], data: { code: '99439', units: 1, needed: 40, minutes: '39', supported: 0 } }],
    },
    {
      name: '99439 ×2 with 59 minutes',
      model: { entries: [staff(59)], services: [service('99490'), service('99439', { units: 2 })] },
      findings: [{ messageId: 'exceedsSupport', data: { code: '99439', units: 2, needed: 60, supported: 1 } }],
    },
    {
      name: 'units are added over rows',
      model: { entries: [staff(45)], services: [service('99490'), service('99439'), service('99439')] },
      findings: [{ messageId: 'exceedsSupport', sources: ['services.csv:3', 'services.csv:4'], data: { code: '99439', units: 2, supported: 1 } }],
    },
    {
      name: '99439 more than twice',
      model: { entries: [staff(90)], services: [service('99490'), service('99439', { units: 3 })] },
      findings: [{ messageId: 'overCap', data: { code: '99439', units: 3, max: 2 } }],
    },
    {
      name: 'the base code more than once',
      model: { entries: [staff(40)], services: [service('99490', { units: 2 })] },
      findings: [{ messageId: 'overCap', data: { code: '99490', max: 1 } }],
    },
    {
      name: 'an add-on without its base',
      model: { entries: [staff(45)], services: [service('99439')] },
      findings: [{ messageId: 'addOnWithoutBase', data: { addOn: '99439', base: '99490' }, sources: ['services.csv:2'] }],
    },
    {
      name: 'two CCM types in one month',
      model: { entries: [staff(40), md(30)], services: [service('99490'), service('99491')] },
      findings: [{ messageId: 'mixedFamilies', sources: ['services.csv:2', 'services.csv:3'], data: { codes: '99490 + 99491' } }],
    },
    {
      name: 'complex CCM without a complex marker',
      model: { entries: [staff(90)], services: [service('99487'), service('99489')] },
      findings: [{ messageId: 'notComplex', data: { codes: '99487, 99489' }, sources: ['services.csv:2', 'services.csv:3'] }],
    },
    {
      name: '99491 needs the practitioner\'s own minutes',
      model: { entries: [staff(45)], services: [service('99491')] },
      findings: [{ messageId: 'exceedsSupport', data: { code: '99491', needed: 30, whose: 'the practitioner\'s own', minutes: '0' } }],
    },
    {
      name: 'excluded entries do not support the code (D1)',
      model: { entries: [staff(15), entry({ minutes: 10, note: 'phone call' })], services: [service('99490')] },
      enable: ['vague-note'],
      findings: [{ messageId: 'exceedsSupport', data: { minutes: '15' } }],
    },
  ],
});
