import type { AuditResult } from '../audit-types.js';
import type { PatientMonth } from '../billing/types.js';
import { isValidNpi } from '../normalize/codes.js';

/** How many months a note names before "…": enough to find the pattern, short enough for one line. */
const EXAMPLES = 3;

/**
 * One sentence per kind of missing claim data (summary.incompleteClaims), naming the first few months and how
 * to supply the data, for the terminal summary and stderr. A claim cannot go out without a billing NPI and at
 * least one ICD-10-CM code, and claims.csv leaves the fields empty rather than guess them; nor under an NPI that
 * is not valid (not 10 digits, or failing the check digit), which claims.csv keeps as the export wrote it: it is
 * what the biller searches for to correct, and no right value can be guessed from it. Nor before its date of
 * service. Empty when every claim-ready month is complete and due.
 */
export function incompleteClaimNotes(result: AuditResult): string[] {
  const { noBillingNpi, invalidBillingNpi, noDiagnoses } = result.summary.incompleteClaims;
  const notes: string[] = [];
  if (noBillingNpi > 0) {
    notes.push(
      `${months(noBillingNpi, 'has', 'have')} no billing NPI (${examples(result, (pm) => pm.billingNpi === null, noBillingNpi)}): ` +
        'add a billing NPI column to the time log, or set billing.defaultNpi in the config; claims.csv leaves billing_npi empty.',
    );
  }
  if (invalidBillingNpi > 0) {
    notes.push(
      `${months(invalidBillingNpi, 'has', 'have')} a billing NPI that is not a valid NPI ` +
        `(${examples(result, (pm) => pm.billingNpi !== null && !isValidNpi(pm.billingNpi), invalidBillingNpi)}): ` +
        'correct it in the time log or billing.defaultNpi (invalid-npi names the rows); claims.csv keeps it as written, and the payer will reject the claim until it is corrected.',
    );
  }
  if (noDiagnoses > 0) {
    notes.push(
      `${months(noDiagnoses, 'has', 'have')} no diagnosis code (${examples(result, (pm) => pm.diagnoses.length === 0, noDiagnoses)}): ` +
        'give a diagnoses (problem list) export with the patients\' ICD-10-CM codes active in the month; claims.csv leaves icd1-icd12 empty.',
    );
  }
  const early = earlyClaims(result);
  if (early > 0) {
    notes.push(
      `${months(early, 'is', 'are')} dated after the run date ${result.runDate} ` +
        `(${examples(result, (pm) => isEarly(result, pm), early)}): a claim cannot be sent before its date of service; ` +
        (result.options.dateOfService === 'threshold-met'
          ? 'send each claim once its latest line is due (an add-on line is dated the day its units were earned, R-CLAIM-DOS).'
          : 'send the claims once the month is over, or use --dos threshold-met to date each claim the day its minimum was met (R-CLAIM-DOS).'),
    );
  }
  return notes;
}

/**
 * A claim-ready month with a line dated after the run date: the month is not over and the claims are dated its
 * last day (--dos month-end), or, under threshold-met, an add-on is dated the day its units were earned, after
 * the run date (entries dated ahead). The latest line date is the one that matters: until then part of the claim
 * cannot be sent. Derived from the report, so every reporter and the stderr note agree.
 */
function isEarly(result: AuditResult, pm: PatientMonth): boolean {
  for (const line of pm.lines) if (line.dateOfService > result.runDate) return true;
  return false;
}

function earlyClaims(result: AuditResult): number {
  let n = 0;
  for (const pm of result.patientMonths) if (pm.status === 'billable' && isEarly(result, pm)) n++;
  return n;
}

function months(n: number, one: string, many: string): string {
  return n === 1 ? `1 claim-ready patient-month ${one}` : `${n} claim-ready patient-months ${many}`;
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
