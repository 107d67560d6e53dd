import type { AuditResult } from '../audit-types.js';
import type { PatientMonth } from '../billing/types.js';

/** How many months a note names before "…": enough to find the pattern, short enough for one line. */
const EXAMPLES = 3;

/**
 * One sentence per kind of missing claim data (summary.incompleteClaims), naming the first few months and how
 * to supply the data, for the terminal summary and stderr. A claim cannot go out without a billing NPI and at
 * least one ICD-10-CM code, and claims.csv leaves the fields empty rather than guess them. Empty when
 * every claim-ready month is complete.
 */
export function incompleteClaimNotes(result: AuditResult): string[] {
  const { noBillingNpi, noDiagnoses } = result.summary.incompleteClaims;
  const notes: string[] = [];
  if (noBillingNpi > 0) {
    notes.push(
      `${months(noBillingNpi)} no billing NPI (${examples(result, (pm) => pm.billingNpi === null, noBillingNpi)}): ` +
        'add a billing NPI column to the time log, or set billing.defaultNpi in the config; claims.csv leaves billing_npi empty.',
    );
  }
  if (noDiagnoses > 0) {
    notes.push(
      `${months(noDiagnoses)} no diagnosis code (${examples(result, (pm) => pm.diagnoses.length === 0, noDiagnoses)}): ` +
        'give a diagnoses (problem list) export with the patients\' ICD-10-CM codes active in the month; claims.csv leaves icd1-icd12 empty.',
    );
  }
  return notes;
}

function months(n: number): string {
  return n === 1 ? '1 claim-ready patient-month has' : `${n} claim-ready patient-months have`;
}

/** The first few such billable months, in report order (the reporters show what the audit found; ids as redacted). */
function examples(result: AuditResult, lacks: (pm: PatientMonth) => boolean, total: number): string {
  const found: string[] = [];
  for (const pm of result.patientMonths) {
    if (pm.status !== 'billable' || !lacks(pm)) continue;
    found.push(`${pm.patientId} ${pm.month}`);
    if (found.length === EXAMPLES) break;
  }
  return total > found.length ? `${found.join(', ')}, …` : found.join(', ');
}
