import { z } from 'zod';
import { groupBy } from '../model/build.js';
import { carePlanInPlace, isPlanInForce } from '../model/queries.js';
import { defineRule } from './define-rule.js';
import { MAX_ROWS_NAMED, monthEnd, monthStart } from './util.js';

export const missingCarePlan = defineRule({
  id: 'missing-care-plan',
  code: 'CCM018',
  severity: 'error',
  level: 'month',
  description: 'No care plan for the patient is in place in the month: none dated on or before its end, or it ended before the month.',
  rationale:
    'A comprehensive care plan must be established, implemented, revised or monitored in every billed month (R-PLAN-REQUIRED), and ' +
    'reviewers ask for it (R-DOC-CHECKLIST). The export shows when plans were established or reviewed; a month before the first plan cannot ' +
    'have had one monitored. A plan dated earlier counts for later months, because monitoring an existing plan is enough. All of the ' +
    'patient\'s plans are considered, not only the month\'s. A plan ends at its End Date, or on the date of a row whose status or action ' +
    'says it ended (Discontinued, Closed, Inactive); it counts through the month it ended, when it was in place for part of the month, and ' +
    'not after, until a later plan. The reference is silent on ended plans: this is the conservative reading. A row whose status is not ' +
    'read as a plan in place (Draft, Review due, or words not recognized) is not counted, and named. The rule runs only when a care-plan ' +
    'export was given (without one nothing can be concluded); a month without a plan blocks the claim (D1).',
  references: ['R-PLAN-REQUIRED', 'R-DOC-CHECKLIST', 'D1'],
  fix: 'Establish the patient\'s comprehensive care plan (and include its date in the care-plan export), or do not bill the month.',
  options: z.strictObject({}),
  messages: {
    none: 'The care-plan export has no care plan for this patient, so none was in place in {month}.',
    afterMonth: 'The patient\'s first care plan is dated {date}, after {month}; no care plan was in place that month.',
    ended: 'The patient\'s care plan ended on {date} ({how}), before {month}; no care plan was in place that month.',
    uncounted: 'No care plan was in place in {month}: care-plan status {statuses} is not read as a plan in place.',
  },
  check({ model, report }) {
    if (!model.kindsPresent.has('carePlans')) return;
    const plansByPatient = groupBy(model.carePlans, (plan) => plan.patientId);
    for (const pm of model.patientMonths) {
      const plans = plansByPatient.get(pm.patientId) ?? [];
      const [start, end] = [monthStart(pm.month), monthEnd(pm.month)];
      if (carePlanInPlace(plans, pm.month)) continue;

      const counted = plans.filter(isPlanInForce);
      const where = { patientId: pm.patientId, month: pm.month, entries: pm.entries };
      const lastEnd = latest(plans.filter((p) => p.endDate !== undefined && p.endDate < start), (p) => p.endDate!);
      const since = lastEnd?.endDate ?? '';
      const uncounted = [...new Set(plans.filter((p) => p.uncountedStatus !== undefined && p.date <= end && p.date >= since).map((p) => p.uncountedStatus!))];
      const first = counted.reduce<string | undefined>((min, p) => (min === undefined || p.date < min ? p.date : min), undefined);
      if (uncounted.length > 0) {
        const statuses = uncounted.slice(0, MAX_ROWS_NAMED).map((s) => `"${s}"`).join(', ') + (uncounted.length > MAX_ROWS_NAMED ? ` and ${uncounted.length - MAX_ROWS_NAMED} more` : '');
        report({ messageId: 'uncounted', data: { month: pm.month, statuses }, ...where });
      } else if (lastEnd !== undefined) {
        const how = lastEnd.endedStatus !== undefined ? `status "${lastEnd.endedStatus}"` : 'its end date';
        report({ messageId: 'ended', data: { date: lastEnd.endDate!, how, month: pm.month }, ...where });
      } else if (first === undefined) report({ messageId: 'none', data: { month: pm.month }, ...where });
      else report({ messageId: 'afterMonth', data: { date: first, month: pm.month }, ...where });
    }
  },
});

function latest<T>(items: readonly T[], key: (item: T) => string): T | undefined {
  let best: T | undefined;
  for (const item of items) if (best === undefined || key(item) > key(best)) best = item;
  return best;
}
