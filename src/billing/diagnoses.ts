import { icdInMonth, isActiveInMonth } from '../model/queries.js';
import type { Diagnosis } from '../model/schema.js';
import { displayIcd10 } from '../normalize/codes.js';

/** A professional claim (CMS-1500 item 21, 837P) carries at most 12 diagnosis codes. */
export const MAX_CLAIM_DIAGNOSES = 12;

/**
 * Diagnosis codes for the month's claim, dotted: billable codes of the month's code set only (the others are
 * the invalid-icd10 and unknown-diagnosis-code rules' business), each once, chronic conditions first because they justify CCM (R-ELIG-CCM),
 * then the rest; within each group the problem list's order. Chronic = AHRQ CCIR "chronic" for the code set
 * of the month's last day; 'no-determination' is not promoted. With `day` (the claim's date of service under
 * threshold-met), only conditions diagnosed by then: a claim lists no diagnosis made after its date of service.
 */
export function claimDiagnoses(diagnoses: readonly Diagnosis[], month: string, day?: string): string[] {
  const seen = new Set<string>();
  const chronic: string[] = [];
  const other: string[] = [];
  for (const d of diagnoses) {
    if (seen.has(d.code) || !isActiveInMonth(d, month, day)) continue;
    const info = icdInMonth(d.code, month);
    // A claim line with a malformed, unknown or header code is rejected; those are the diagnosis rules' findings.
    if (info.status !== 'billable') continue;
    seen.add(d.code);
    (info.chronic === 'chronic' ? chronic : other).push(d.code);
  }
  return [...chronic, ...other].slice(0, MAX_CLAIM_DIAGNOSES).map(dotted);
}

/** One dotted string per code for every claim that lists it, not one per patient-month. */
const DOTTED = new Map<string, string>();

function dotted(code: string): string {
  let text = DOTTED.get(code);
  if (text === undefined) {
    text = displayIcd10(code);
    DOTTED.set(code, text);
  }
  return text;
}
