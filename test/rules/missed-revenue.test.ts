import { describe, expect, it } from 'vitest';
import { resolveRules, runRules } from '../../src/rules/engine.js';
import { missedRevenue } from '../../src/rules/missed-revenue.js';
import { NPI_A, NPI_B, entry, model, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const staff = (minutes: number) => entry({ minutes });
const md = (minutes: number) => entry({ minutes, credential: 'MD', staff: 'Dr. Ada Park' });

ruleTester(missedRevenue, {
  valid: [
    { name: '99490 with 39 minutes', model: { entries: [staff(39)], services: [service('99490')] } },
    { name: '99490 + 99439 with 40 minutes', model: { entries: [staff(40)], services: [service('99490'), service('99439')] } },
    { name: '99490 + 99439 ×2 with 75 minutes (the cap)', model: { entries: [staff(75)], services: [service('99490'), service('99439', { units: 2 })] } },
    { name: 'no CCM codes billed', model: { entries: [staff(60)], services: [service('99495')] } },
    // 150 practitioner minutes earn 99437 ×4, above its reported MUE of 2 (R-CODE-MUE): no more units are suggested.
    { name: '99491 + 99437 ×2 billed with 150 practitioner minutes: the reported MUE', model: { entries: [md(150)], services: [service('99491'), service('99437', { units: 2 })] } },
    { name: 'mixed CCM types are unsupported-code\'s concern', model: { entries: [staff(60), md(60)], services: [service('99490'), service('99491')] } },
    { name: 'complex CCM billed in full', model: { entries: [entry({ minutes: 90, program: 'complex-ccm' })], services: [service('99487'), service('99489')] } },
    // Only one practitioner may bill CCM for the month (R-EXCL-ONE-PRACTITIONER): no add-on, nor base, is suggested.
    { name: 'the base code billed under another NPI: no add-on suggested', model: { entries: [staff(45)], services: [service('99490', { npi: NPI_B })] } },
    { name: 'the entries\' NPI billed the add-on, another NPI the base', model: { entries: [staff(65)], services: [service('99439'), service('99490', { npi: NPI_B })] } },
    { name: 'both NPIs billed the base', model: { entries: [staff(45)], services: [service('99490'), service('99490', { npi: NPI_B })] } },
    // The bundled fees rank 99490 + 99439 ×2 above 99491 for these minutes (the betterFamily case below); this schedule does not.
    {
      name: 'a practitioner family the practice\'s own fee schedule pays best',
      model: { entries: [md(30), staff(40)], services: [service('99491')] },
      fees: { source: 'practice-fees.csv', amounts: { 2026: { '99490': 10, '99439': 10, '99491': 200, '99437': 60, '99487': 140, '99489': 70 } } },
    },
    { name: 'entries without an NPI, the base billed under two NPIs', model: { entries: [entry({ minutes: 45, npi: undefined })], services: [service('99490', { npi: NPI_A }), service('99490', { npi: NPI_B })] } },
  ],
  invalid: [
    {
      name: 'entries without an NPI, the base billed under one NPI: the add-on is that claim\'s to bill',
      model: { entries: [entry({ minutes: 45, npi: undefined })], services: [service('99490', { npi: NPI_B })] },
      findings: [{ messageId: 'unbilledUnits', data: { code: '99439', supported: 1, billed: 0 } }],
    },
    {
      name: '99490 alone with 45 minutes',
      model: { entries: [staff(45)], services: [service('99490')] },
      findings: [{ messageId: 'unbilledUnits', severity: 'info', sources: ['services.csv:2'], data: { code: '99439', supported: 1, billed: 0, amount: '$48.00' }, month: '2026-10' }],
    },
    {
      name: '99439 once with 60 minutes',
      model: { entries: [staff(60)], services: [service('99490'), service('99439')] },
      findings: [{ messageId: 'unbilledUnits', data: { code: '99439', supported: 2, billed: 1, amount: '$48.00' } }],
    },
    {
      name: 'a 2025 month is priced with 2025 fees',
      model: { entries: [entry({ minutes: 45, date: '2025-10-05' })], services: [service('99490', { date: '2025-10-31' })] },
      findings: [{ messageId: 'unbilledUnits', data: { amount: '$45.93' } }],
    },
    {
      name: 'amounts come from the fee schedule the claims are priced with (--fee-schedule), not the bundled one',
      model: { entries: [staff(45)], services: [service('99490')] },
      fees: { source: 'practice-fees.csv', amounts: { 2026: { '99490': 70, '99439': 55.5, '99491': 90, '99437': 60, '99487': 140, '99489': 70 } } },
      findings: [{ messageId: 'unbilledUnits', data: { code: '99439', amount: '$55.50' } }],
    },
    {
      name: 'units are suggested up to the reported MUE only',
      model: { entries: [md(150)], services: [service('99491'), service('99437')] },
      findings: [{ messageId: 'unbilledUnits', data: { code: '99437', supported: 2, billed: 1 } }],
    },
    {
      name: 'a practitioner family that pays less than the staff family',
      model: { entries: [md(30), staff(40)], services: [service('99491')] },
      findings: [{ messageId: 'betterFamily', data: { best: '99490 + 99439 ×2', bestAmount: '$162.13', family: 'practitioner', familyAmount: '$84.84' } }],
    },
    {
      name: 'complex codes billed in a month not marked complex',
      model: { entries: [staff(90)], services: [service('99487')] },
      findings: [{ messageId: 'betterFamily', data: { best: '99490 + 99439 ×2', familyAmount: '$0.00' } }],
    },
  ],
});

describe('missed-revenue fingerprints', () => {
  it('the findings of one month cite the same claim rows, yet a baseline can accept each on its own', () => {
    // 65 practitioner minutes, 99490 billed: 99439 ×2 unbilled, and the practitioner family pays more.
    const m = model({ entries: [md(65)], services: [service('99490')] });
    const fees = { source: 'fees.csv', amounts: { 2026: { '99490': 60, '99439': 10, '99491': 200, '99437': 100, '99487': 130, '99489': 70 } } };
    const { findings } = runRules(m, resolveRules([missedRevenue], {}), { fees });
    expect(findings.map((f) => f.message)).toEqual([expect.stringMatching(/earn 99439 ×2, but 0 unit\(s\) are billed/), expect.stringMatching(/more than the billed non-complex codes/)]);
    expect(new Set(findings.map((f) => f.fingerprint)).size).toBe(findings.length);
  });
});
