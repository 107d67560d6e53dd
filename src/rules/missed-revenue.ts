import { z } from 'zod';
import { REPORTED_MUES, roundCents } from '../billing/codes.js';
import { compareBilled, describeLines, earnedLines, type BilledComparison } from './billed-ccm.js';
import { defineRule } from './define-rule.js';
import type { RuleReport } from './types.js';
import { formatDollars } from './util.js';

type Report = Omit<RuleReport<'unbilledUnits' | 'betterFamily'>, 'patientId' | 'month'>;

function missed(c: BilledComparison): Report[] {
  // Mixed families are an unsupported-code problem: what was "missed" cannot be told until one family is chosen.
  // With CCM billed under another NPI too, this practitioner may not be the one to bill the month at all
  // (R-EXCL-ONE-PRACTITIONER): no code, base or add-on, is suggested until multiple-billing-practitioners'
  // error is resolved.
  if (c.families.length !== 1 || c.otherPractitioner) return [];
  const family = c.families[0]!;
  const sources = c.services.map((s) => s.source);
  const earned = earnedLines(family, c.minutes);
  const found: Report[] = [];
  for (const line of earned) {
    const billed = c.billed.get(line.code) ?? 0;
    // Units above the reported MUE are likely denied (claim-over-mue): never suggested as revenue.
    const units = Math.min(line.units, REPORTED_MUES.get(line.code) ?? line.units);
    if (units <= billed) continue;
    found.push({
      messageId: 'unbilledUnits',
      data: { code: line.code, supported: units, billed, amount: formatDollars(roundCents(c.price(line.code) * (units - billed))) },
      sources,
      // The month's findings cite the same claim rows: what each is about tells them apart in a baseline.
      detail: line.code,
    });
  }
  const earnedPayment = roundCents(earned.reduce((sum, l) => sum + c.price(l.code) * l.units, 0));
  if (c.best && c.best.family.family !== family.family && c.best.payment > earnedPayment) {
    found.push({
      messageId: 'betterFamily',
      data: { best: describeLines(c.best.lines), bestAmount: formatDollars(c.best.payment), family: family.family, familyAmount: formatDollars(earnedPayment) },
      sources,
      detail: 'family',
    });
  }
  return found;
}

export const missedRevenue = defineRule({
  id: 'missed-revenue',
  code: 'CCM025',
  severity: 'info',
  level: 'month',
  description: 'The month\'s supported minutes earn CCM codes or units that were not billed.',
  rationale:
    'Add-on units are earned by each full increment of documented time (R-TIME-ADDON-FULL, D5), and ccm picks, for each month, the ' +
    'compliant code family with the highest estimated payment (D4). When the billed-services export shows fewer units than the supported ' +
    'minutes earn, or a family that pays less than another the documentation supports, the difference is reported for information. ' +
    'Add-on units above their reported MUE (R-CODE-MUE, UNCONFIRMED) are not suggested: a line above it is likely denied. ' +
    'Amounts are estimates from the fee schedule the claims are priced with (the bundled national non-facility fees of the month\'s year, or --fee-schedule), never a promise of payment. Runs only for ' +
    'months whose billed services include CCM codes of the month\'s own claim (under the entries\' NPI or none), and not when CCM for ' +
    'the month is also billed under another NPI: only one practitioner may bill CCM for a patient-month (R-EXCL-ONE-PRACTITIONER), so ' +
    'more units are no revenue to claim until multiple-billing-practitioners\' error is resolved.',
  references: ['R-TIME-ADDON-FULL', 'R-TIME-PRACTITIONER', 'R-EXCL-ONE-PRACTITIONER', 'R-CODE-MUE', 'D4', 'D5'],
  fix: 'Review the claim: if the documentation is right, bill the supported codes and units (a corrected claim where the payer allows it).',
  options: z.strictObject({}),
  messages: {
    unbilledUnits: 'The supported minutes earn {code} ×{supported}, but {billed} unit(s) are billed: about {amount} not claimed.',
    betterFamily: 'The supported minutes earn {best} (about {bestAmount}), more than the billed {family} codes can (about {familyAmount}).',
  },
  check({ model, support, fees, report }) {
    for (const pm of model.patientMonths) {
      const comparison = compareBilled(model, pm, support, fees);
      if (comparison === null) continue;
      for (const item of missed(comparison)) report({ ...item, patientId: pm.patientId, month: pm.month });
    }
  },
});
