import { z } from 'zod';
import { ccmServices } from '../billing/already-billed.js';
import { describeLocation } from '../errors.js';
import type { IdSpellings } from '../model/id-spellings.js';
import { sourceOf } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { describeRows } from './util.js';

export const idLeadingZeros = defineRule({
  id: 'id-leading-zeros',
  code: 'CCM035',
  severity: 'error',
  level: 'month',
  description: 'An all-digit patient id is written with leading zeros in one table and without them in another (001234, 1234).',
  rationale:
    'The CCM platform writes an MRN as text (001234); an export that went through Excel lost its zeros (1234). Read as two patients, ' +
    'the month\'s CCM already billed under 1234 went unseen and ccm would bill the beneficiary-month a second time, the overpayment ' +
    'both OIG audits found most (R-EXCL-ONE-PRACTITIONER, R-OIG-2019, R-OIG-2021). The reference is silent on id formats, so ccm takes ' +
    'the conservative reading: where no single table holds two of the spellings, they are one patient, under the time log\'s spelling, ' +
    'for the time, consents, diagnoses, care plans and billed services alike (a month billed under either spelling is already billed), ' +
    'and this warning names the spellings so the export can be corrected. Where one table holds two of them (0123 and 123 in one time ' +
    'log), that system tells them apart and ccm keeps them apart; then a month with CCM billed only under the other spelling is an ' +
    'error that holds the claim, since the claim sent may be this patient\'s with its zeros dropped.',
  references: ['R-EXCL-ONE-PRACTITIONER', 'R-OIG-2019', 'R-OIG-2021'],
  fix:
    'Correct the export that dropped the leading zeros (format the id column as text, or export it from the source system without ' +
    'opening it in Excel), then audit again; where two patients really differ only by leading zeros, check which one the billed claim is for.',
  options: z.strictObject({}),
  messages: {
    folded:
      'Patient ids {ids} differ only by leading zeros ({rows}); no table holds two of them, so ccm reads them all as patient ' +
      '{patientId}: a month billed under any of them is already billed, and consents, diagnoses and care plans count for this patient.',
    apart:
      'CCM is billed for {month} under patient id {other} ({rows}), which may be this patient\'s id with its leading zeros dropped; ' +
      '{table} holds both spellings as two patients, so ccm cannot tell whether this month is already billed.',
  },
  quotedCells: ['ids', 'other'],
  check({ model, report }) {
    const apart = new Map<string, IdSpellings>();
    for (const group of model.idSpellings) {
      if (group.patientId !== null) {
        const sources = group.spellings.flatMap((s) => s.sources);
        report({
          messageId: 'folded',
          data: { ids: group.spellings.map((s) => s.id).join(', '), rows: describeRows(sources[0]!, sources), patientId: group.patientId },
          patientId: group.patientId,
          sources,
          maxSeverity: 'warning',
        });
        continue;
      }
      for (const s of group.spellings) apart.set(s.id, group);
    }
    if (apart.size === 0) return;
    // Kept apart: a patient-month of one spelling whose CCM is billed only under another may be billed already.
    for (const pm of model.patientMonths) {
      const group = apart.get(pm.patientId);
      if (group === undefined || ccmServices(model, pm).length > 0) continue;
      const others = group.spellings.filter((s) => s.id !== pm.patientId && ccmServices(model, { patientId: s.id, month: pm.month }).length > 0);
      if (others.length === 0) continue;
      const billed = others.flatMap((s) => ccmServices(model, { patientId: s.id, month: pm.month }).map((service) => service.source));
      const base = sourceOf(pm.entries[0]!);
      report({
        messageId: 'apart',
        data: { month: pm.month, other: others.map((s) => s.id).join(', '), rows: describeRows(base, billed), table: clashingTable(group.spellings) },
        patientId: pm.patientId,
        month: pm.month,
        sources: [base, ...billed],
      });
    }
  },
});

/** The first table holding two of the spellings, as a message names it. */
function clashingTable(spellings: readonly { readonly sources: readonly { file: string; sheet: string | null }[] }[]): string {
  const seen = new Set<string>();
  for (const s of spellings) {
    for (const source of s.sources) {
      const key = `${source.file}\u0000${source.sheet ?? ''}`;
      if (seen.has(key)) return describeLocation({ file: source.file, sheet: source.sheet });
      seen.add(key);
    }
  }
  return 'one table';
}
