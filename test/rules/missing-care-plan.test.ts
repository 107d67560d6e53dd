import { missingCarePlan } from '../../src/rules/missing-care-plan.js';
import { carePlan, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(missingCarePlan, {
  valid: [
    { name: 'a plan established before the month', model: { entries: [entry()], carePlans: [carePlan({ date: '2026-03-02' })] } },
    { name: 'a plan dated on the month\'s last day', model: { entries: [entry()], carePlans: [carePlan({ date: '2026-10-31' })] } },
    { name: 'a plan from another month still counts', model: { entries: [entry({ date: '2026-10-05' })], carePlans: [carePlan({ date: '2026-12-01' }), carePlan({ date: '2025-06-01' })] } },
    { name: 'skipped without a care-plan export', model: { entries: [entry()] } },
    {
      name: 'a plan that ends during the month was in place for part of it',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15' }), carePlan({ date: '2026-10-20', endDate: '2026-10-20', endedStatus: 'Discontinued' })] },
    },
    {
      name: 'a plan with an end date after the month',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15', endDate: '2026-11-30' })] },
    },
    {
      name: 'a new plan after an ended one',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15' }), carePlan({ date: '2026-05-01', endDate: '2026-05-01', endedStatus: 'Closed' }), carePlan({ date: '2026-08-01' })] },
    },
    {
      name: 'an end before the plan\'s own date ends an earlier plan, not it',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15', endDate: '2025-06-30' }), carePlan({ date: '2026-02-01' })] },
    },
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
    {
      name: 'a plan discontinued before the month (status row)',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15', action: 'Established' }), carePlan({ date: '2026-05-01', endDate: '2026-05-01', endedStatus: 'Discontinued' })] },
      findings: [{ messageId: 'ended', data: { date: '2026-05-01', how: 'status "Discontinued"', month: '2026-10' } }],
    },
    {
      name: 'a plan whose end date is before the month',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2025-01-15', endDate: '2026-09-30' })] },
      findings: [{ messageId: 'ended', data: { date: '2026-09-30', how: 'its end date', month: '2026-10' } }],
    },
    {
      name: 'only an ended row',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2026-03-01', endDate: '2026-03-01', endedStatus: 'Inactive' })] },
      findings: [{ messageId: 'ended', data: { date: '2026-03-01', how: 'status "Inactive"', month: '2026-10' } }],
    },
    {
      name: 'a status not read as a plan in place is not counted, and named',
      model: { entries: [entry()], carePlans: [carePlan({ date: '2026-03-01', uncountedStatus: 'See note' }), carePlan({ date: '2026-04-01', uncountedStatus: 'Draft' })] },
      findings: [{ messageId: 'uncounted', data: { month: '2026-10', statuses: '"See note", "Draft"' } }],
    },
  ],
});
