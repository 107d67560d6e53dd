import { z } from 'zod';
import type { ChronicIndicator } from '../data/icd10.js';
import type { Diagnosis } from '../model/schema.js';
import { displayIcd10, isWellFormedIcd10 } from '../normalize/codes.js';
import { defineRule } from './define-rule.js';
import { perPatient } from './util.js';
import { MIN_CHRONIC_CONDITIONS, enoughChronicConditions, icdCategory, icdInMonth, inactiveReason } from '../model/queries.js';

const NOT_CHRONIC_REASON: Record<Exclude<ChronicIndicator, 'chronic'>, string> = {
  'not-chronic': 'not chronic',
  'no-determination': 'chronic status undetermined',
  'not-rated': 'not in the chronic-condition index',
};

interface Assessment {
  /** Category → the dotted codes that made it count. */
  counted: Map<string, string[]>;
  /** "J06.9 (not chronic)" */
  notCounted: string[];
}

function assess(diagnoses: readonly Diagnosis[], month: string, additional: ReadonlySet<string>): Assessment {
  const counted = new Map<string, string[]>();
  const notCounted = new Set<string>();
  for (const d of diagnoses) {
    const shown = d.codeText || displayIcd10(d.code);
    if (!isWellFormedIcd10(d.code)) {
      notCounted.add(`"${shown}" (not a valid ICD-10-CM code)`);
      continue;
    }
    const code = displayIcd10(d.code);
    const inactive = inactiveReason(d, month);
    if (inactive !== null) {
      notCounted.add(`${code} (${inactive})`);
      continue;
    }
    const lookup = icdInMonth(d.code, month);
    if (lookup.chronic !== 'chronic' && !additional.has(d.code)) {
      notCounted.add(`${code} (${lookup.status === 'unknown' ? 'unknown code' : NOT_CHRONIC_REASON[lookup.chronic]})`);
      continue;
    }
    const category = icdCategory(d.code);
    const codes = counted.get(category) ?? [];
    if (!codes.includes(code)) codes.push(code);
    counted.set(category, codes);
  }
  return { counted, notCounted: [...notCounted] };
}

function describeCounted(counted: Map<string, string[]>): string {
  if (counted.size === 0) return 'none';
  return [...counted].map(([category, codes]) => (codes.length === 1 ? codes[0]! : `${category} (${codes.join(', ')})`)).join(', ');
}

export const insufficientChronicConditions = defineRule({
  id: 'insufficient-chronic-conditions',
  code: 'CCM015',
  severity: 'error',
  level: 'month',
  description: 'Fewer than two chronic conditions are active in the month according to the diagnosis export.',
  rationale:
    'CCM requires two or more chronic conditions expected to last at least 12 months that place the patient at significant risk ' +
    '(R-ELIG-CCM); reviewers check for them (R-DOC-CHECKLIST) and OIG\'s 2026 audit targets exactly this (R-OIG-2026). CMS publishes no ' +
    'list of qualifying diagnoses, so a code counts when the AHRQ Chronic Condition Indicator for the month\'s code set rates it chronic, ' +
    'or when it is listed in `additionalChronicCodes` (exact codes, for payer-specific lists). A diagnosis is active when its onset is on ' +
    'or before the month\'s end (or unknown) and it was not resolved before the month began; a status read as over (resolved, ' +
    'inactive, not active, closed, discontinued, history of, ruled out, entered in error, refuted, in remission…) without a date counts ' +
    'as resolved; a status that describes the problem\'s control or course counts as active, negated or not (not controlled, no ' +
    'change, not at goal, worsening, not resolved): it says the problem is still there. A status read as neither active nor over is ' +
    'not counted on a guess: the message names it. "In remission" is ' +
    'not counted: the reference is silent, and a condition in remission is not shown to place the patient at significant risk now. ' +
    'Codes of one 3-character category (E11.9 and E11.65) count as one condition: the conservative reading, since variants of ' +
    'one disease are not two conditions. The rule is skipped when no diagnosis export was given (nothing can be concluded then); a ' +
    'month that fails blocks the claim (D1).',
  references: ['R-ELIG-CCM', 'R-OIG-2026', 'R-DOC-CHECKLIST', 'D1'],
  fix: 'Add the patient\'s qualifying chronic diagnoses (with onset dates) to the problem list and diagnosis export, or do not bill CCM for the month.',
  options: z.strictObject({
    additionalChronicCodes: z
      .array(z.string().regex(/^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/, 'expected an ICD-10-CM code in upper case without the dot, e.g. E6601'))
      .default([])
      .describe('ICD-10-CM codes (upper case, no dot) to treat as chronic in addition to the chronic-condition index, e.g. a payer\'s list.'),
  }),
  messages: {
    tooFew:
      '{count} chronic condition(s) active in {month}, fewer than the {minimum} CCM requires; counted: {counted}; not counted: {notCounted}.',
    noDiagnoses: 'The diagnosis export has no diagnoses for this patient, so the {minimum} chronic conditions CCM requires are not documented for {month}.',
  },
  check({ model, options, report }) {
    if (!model.kindsPresent.has('diagnoses')) return;
    const additional = new Set(options.additionalChronicCodes);
    const diagnosesOf = perPatient((patientId): readonly Diagnosis[] => model.diagnosesByPatient.get(patientId) ?? []);
    for (const pm of model.patientMonths) {
      const diagnoses = diagnosesOf(pm.patientId);
      if (diagnoses.length > 0 && enoughChronicConditions(diagnoses, pm.month, additional)) continue;
      // Nearly every month passes: only the ones that do not need what follows (an object a month was 330,000).
      const where = { patientId: pm.patientId, month: pm.month, entries: pm.entries };
      if (diagnoses.length === 0) {
        report({ messageId: 'noDiagnoses', data: { minimum: MIN_CHRONIC_CONDITIONS, month: pm.month }, ...where });
        continue;
      }
      const { counted, notCounted } = assess(diagnoses, pm.month, additional);
      if (counted.size >= MIN_CHRONIC_CONDITIONS) continue;
      report({
        messageId: 'tooFew',
        data: { count: counted.size, month: pm.month, minimum: MIN_CHRONIC_CONDITIONS, counted: describeCounted(counted), notCounted: notCounted.join(', ') || 'none' },
        // A malformed code is quoted as written: it may be any text, withheld when redacted.
        // So is a status as written.
        cells: [
          ...diagnoses.filter((d) => !isWellFormedIcd10(d.code)).map((d) => d.codeText || displayIcd10(d.code)),
          ...diagnoses.flatMap((d) => [d.unrecognizedStatus, d.inactiveStatus].filter((t): t is string => t !== undefined)),
        ],
        ...where,
      });
    }
  },
});
