import { missingCarePlan } from '../../src/rules/missing-care-plan.js';
import { carePlan, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(missingCarePlan, {
  valid: [
    { name: 'a plan established before the month', model: { entries: [entry()], carePlans: [carePlan({ date: '2026-03-02' })] } },
    { name: 'a plan dated on the month\'s last day', model: { entries: [entry()], carePlans: [carePlan({ date: '2026-10-31' })] } },
    { name: 'a plan from another month still counts', model: { entries: [entry({ date: '2026-10-05' })], carePlans: [carePlan({ date: '2026-12-01' }), carePlan({ date: '2025-06-01' })] } },
    { name: 'skipped without a care-plan export', model: { entries: [entry()] } },
  ],
  invalid: [
    {
      name: 'no plan for the patient',
      model: { entries: [entry(), entry()], carePlans: [carePlan({ patientId: 'P2' })] },
      findings: [{ messageId: 'none', entryIds: [0, 1], data: { month: '2026-10' }, severity: 'error' }],
    },
    { name: 'an empty care-plan export', model: { entries: [entry()], carePlans: [] }, findings: [{ messageId: 'none' }] },
    {
      name: 'the first plan is dated after the month',
      model: { entries: [entry({ date: '2026-09-10' }), entry({ date: '2026-10-10' })], carePlans: [carePlan({ date: '2026-10-05' })] },
      findings: [{ messageId: 'afterMonth', month: '2026-09', entryIds: [0], data: { date: '2026-10-05', month: '2026-09' } }],
    },
  ],
});
