import { z } from 'zod';
import { defineRule } from './define-rule.js';
import { monthEnd } from './util.js';

export const missingCarePlan = defineRule({
  id: 'missing-care-plan',
  code: 'CCM018',
  severity: 'error',
  level: 'month',
  description: 'No care plan for the patient is dated on or before the end of the month.',
  rationale:
    'A comprehensive care plan must be established, implemented, revised or monitored in every billed month (R-PLAN-REQUIRED), and ' +
    'reviewers ask for it (R-DOC-CHECKLIST). The export shows when plans were established or reviewed; a month before the first plan cannot ' +
    'have had one monitored. A plan dated earlier counts for later months, because monitoring an existing plan is enough. All of the ' +
    'patient\'s plans are considered, not only the month\'s. The rule runs only when a care-plan export was given (without one nothing can ' +
    'be concluded); a month without a plan blocks the claim (D1).',
  references: ['R-PLAN-REQUIRED', 'R-DOC-CHECKLIST', 'D1'],
  fix: 'Establish the patient\'s comprehensive care plan (and include its date in the care-plan export), or do not bill the month.',
  options: z.strictObject({}),
  messages: {
    none: 'The care-plan export has no care plan for this patient, so none was in place in {month}.',
    afterMonth: 'The patient\'s first care plan is dated {date}, after {month}; no care plan was in place that month.',
  },
  check({ model, report }) {
    if (!model.kindsPresent.has('carePlans')) return;
    const firstPlan = new Map<string, string>();
    for (const plan of model.carePlans) {
      const first = firstPlan.get(plan.patientId);
      if (first === undefined || plan.date < first) firstPlan.set(plan.patientId, plan.date);
    }
    for (const pm of model.patientMonths) {
      const first = firstPlan.get(pm.patientId);
      if (first !== undefined && first <= monthEnd(pm.month)) continue;
      const where = { patientId: pm.patientId, month: pm.month, entries: pm.entries };
      if (first === undefined) report({ messageId: 'none', data: { month: pm.month }, ...where });
      else report({ messageId: 'afterMonth', data: { date: first, month: pm.month }, ...where });
    }
  },
});
