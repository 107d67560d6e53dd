/** Code families, one per patient-month (D4). */
export type CodeFamily = 'non-complex' | 'complex' | 'practitioner';

/**
 * billable: claim-ready. billed: the billed-services export already has CCM codes for the patient-month, under
 * any NPI or none (a new claim would bill the month twice), whatever its minutes and findings; with a
 * month-level error it is billed at risk (billedAtRisk). blocked: enough supported time, but a month-level
 * error blocks the claim. not-billable: too few supported minutes.
 */
export type PatientMonthStatus = 'billable' | 'billed' | 'blocked' | 'not-billable';

export interface ClaimLine {
  code: string;
  units: number;
  /** National non-facility amount × units: an estimate, never a promise of payment. */
  estimatedPayment: number;
  /**
   * The line's own date of service (D6, R-CLAIM-DOS): the month's last day under month-end. Under threshold-met
   * the base line's is the day the base minimum was met and an add-on line's the day all its units were earned,
   * never a day before the time it bills was spent, nor before the day the month's consent, two chronic
   * conditions and care plan were all in place (src/billing/requirements-met.ts).
   */
  dateOfService: string;
}

export interface PatientMonth {
  patientId: string;
  mbi: string | null;
  month: string;
  status: PatientMonthStatus;
  /** All CCM-program minutes logged (after duplicates are removed). */
  loggedMinutes: number;
  /**
   * All minutes of the month that survive review (D1–D3), whoever logged them: what the family choice (D4) and
   * minutesShort start from, and what loggedMinutes is compared with.
   */
  supportedMinutes: number;
  /**
   * The supported minutes the chosen family counts, the time a claim records (claims.csv supported_minutes):
   * the billing practitioner's own for 99491/99437 (R-CODE-99491: clinical-staff time does not count), everyone's
   * for the other families. null when no family is met.
   */
  countedMinutes: number | null;
  family: CodeFamily | null;
  /**
   * Claim lines the supported time earns; present for billable, billed (to compare with the claim already
   * billed; empty when too few minutes are supported) and blocked months (what is at stake), empty for
   * not-billable. Only billable months' lines are claims.
   */
  lines: readonly ClaimLine[];
  estimatedPayment: number;
  /** The claim's date of service: its base line's (lines[0].dateOfService); null when no family is met. */
  dateOfService: string | null;
  billingNpi: string | null;
  /** ICD-10-CM codes for the claim, dotted, chronic ones first, at most 12. */
  diagnoses: readonly string[];
  /**
   * Rule ids of the month-level errors that stand on the month: they block a new claim, or, for a billed
   * month, dispute the claim already sent (billedAtRisk).
   */
  blockedBy: readonly string[];
  /** Minutes still needed for the lowest code family's base code, when not billable. */
  minutesShort: number | null;
}

export type DateOfServicePolicy = 'month-end' | 'threshold-met';

export interface BillingOptions {
  dateOfService: DateOfServicePolicy;
  placeOfService: string;
  /** Used when the time log has no NPI column. */
  defaultNpi?: string | undefined;
  /** Fee schedule to use instead of the bundled one. */
  fees?: FeeSchedule | undefined;
  /**
   * insufficient-chronic-conditions' `additionalChronicCodes`: under threshold-met no claim is dated before two
   * chronic conditions count, by the rule's own count.
   */
  additionalChronicCodes?: readonly string[] | undefined;
}

/** National non-facility amounts by calendar year and code. */
export interface FeeSchedule {
  source: string;
  amounts: Readonly<Record<number, Readonly<Record<string, number>>>>;
}
