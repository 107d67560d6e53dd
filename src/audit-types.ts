import type { BillingOptions, PatientMonth, PatientMonthStatus } from './billing/types.js';
import type { TimeEntry } from './model/schema.js';
import type { InputReport } from './normalize/ingest.js';
import type { Finding, Severity } from './rules/types.js';

export interface AuditSummary {
  patients: number;
  patientMonths: Record<PatientMonthStatus, number>;
  findingsBySeverity: Record<Severity, number>;
  /** Rule id → count, sorted by rule id. */
  findingsByRule: Record<string, number>;
  /**
   * Estimated revenue (labelled an estimate wherever shown). billed: what the already-billed months' supported
   * minutes earn, for comparison only; it is not revenue to collect again.
   */
  estimatedRevenue: Record<'ready' | 'billed' | 'blocked' | 'notBillable', number>;
  /**
   * Already-billed months on which a month-level error stands (status billed, blockedBy not empty): claims
   * already sent that do not hold up, at risk of recoupment. Counted among patientMonths.billed as well.
   * billedAmount: the estimated amount of the CCM codes billed for them (the claims as billed, under any NPI).
   */
  billedAtRisk: { patientMonths: number; billedAmount: number };
  /**
   * Rules ranked by the estimated revenue their findings hold back: blocked months' claims, and for months
   * whose excluded entries cost codes, the difference those entries make (already-billed months excluded, at
   * risk or not: their claim has gone out). Highest first, ties by rule id.
   */
  topFixes: { rule: string; patientMonths: number; revenueAtStake: number }[];
  /** Findings suppressed by a baseline. */
  suppressed: number;
  /**
   * Claim-ready (billable) patient-months whose claim lacks what every claim needs: a billing NPI (none on the
   * entries and no billing.defaultNpi), or at least one ICD-10-CM code (diagnoses). claims.csv leaves those
   * fields empty. Counts, not a finding per month: a practice without an NPI column would get one per month.
   * The months are the billable patientMonths with billingNpi null, or diagnoses empty.
   */
  incompleteClaims: { noBillingNpi: number; invalidBillingNpi: number; noDiagnoses: number };
}

/** The whole result of one audit: what every reporter renders; reporters compute nothing. */
export interface AuditResult {
  schemaVersion: 1;
  tool: { name: 'ccm'; version: string };
  /** Present only with --timestamp, so runs stay byte-identical by default. */
  generatedAt: string | null;
  period: string | null;
  runDate: string;
  options: Pick<BillingOptions, 'dateOfService' | 'placeOfService'> & { feeSchedule: string };
  inputs: InputReport[];
  summary: AuditSummary;
  patientMonths: PatientMonth[];
  findings: Finding[];
  /**
   * Every time entry read, duplicates included, indexed by id (an entry's id is its position in the time
   * log): the evidence columns of entry-level findings (date, staff, credential, minutes, note) come from here.
   */
  entries: readonly TimeEntry[];
}
