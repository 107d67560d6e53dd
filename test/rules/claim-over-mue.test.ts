import { claimOverMue } from '../../src/rules/claim-over-mue.js';
import { entry, service } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const md = (minutes: number, fields = {}) => entry({ minutes, credential: 'MD', staff: 'Dr. Ada Park', ...fields });
const complex = (minutes: number) => entry({ minutes, program: 'complex-ccm' });

ruleTester(claimOverMue, {
  valid: [
    { name: '119 practitioner minutes: 99491 + 99437 ×2, at the reported MUE', model: { entries: [md(119)] } },
    { name: '389 complex minutes: 99487 + 99489 ×10, at the reported MUE', model: { entries: [complex(389)] } },
    { name: '200 clinical-staff minutes: 99439 stops at its cap of 2', model: { entries: [entry({ minutes: 200 })] } },
    { name: 'a month already billed is unsupported-code\'s to check', model: { entries: [md(150)], services: [service('99491'), service('99437', { units: 2 })] } },
    { name: 'a month outside --month', model: { entries: [md(150, { date: '2026-09-10' }), entry()], period: '2026-10' } },
    {
      name: 'minutes an error leaves unsupported do not count',
      model: { entries: [md(60), md(60, { date: '2026-10-06', note: 'CCM call' })] },
      enable: ['vague-note'],
    },
  ],
  invalid: [
    {
      name: '120 practitioner minutes: 99491 + 99437 ×3, above the reported MUE of 2 (R-CODE-MUE)',
      model: { entries: [md(120)] },
      findings: [{ messageId: 'overMue', severity: 'warning', entryIds: [0], month: '2026-10', data: { code: '99437', units: 3, mue: 2, minutes: '120' } }],
    },
    {
      name: '390 complex minutes over two entries: 99487 + 99489 ×11, above the reported MUE of 10',
      model: { entries: [complex(200), complex(190)] },
      findings: [{ messageId: 'overMue', entryIds: [0, 1], data: { code: '99489', units: 11, mue: 10 } }],
    },
  ],
});
