import { z } from 'zod';

/**
 * The normalized domain model. Every record carries `source`: the file, sheet and the row number a user
 * sees in Excel (row 1 is the first line of the sheet, title rows included), so every finding can point
 * at the row to fix.
 */
export const SourceRef = z.object({
  file: z.string().min(1),
  /** Worksheet name; null for CSV files, which have no sheets. */
  sheet: z.string().nullable(),
  row: z.number().int().positive(),
});
export type SourceRef = z.infer<typeof SourceRef>;

/** The file and sheet rows come from; one object per table, shared by its time entries. */
export const TableRef = SourceRef.omit({ row: true });
export type TableRef = z.infer<typeof TableRef>;

/** ISO calendar date, yyyy-mm-dd. Time of day is never part of a service date. */
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** Calendar month, yyyy-mm: the CCM service period (R-TIME-MONTH). */
export const IsoMonth = z.string().regex(/^\d{4}-\d{2}$/);

/** Closed set of staff roles; see src/normalize/roles.ts for the credential table. */
export const StaffRole = z.enum(['clinical-staff', 'practitioner', 'non-clinical', 'unknown']);
export type StaffRole = z.infer<typeof StaffRole>;

/**
 * Care programs a time entry may be logged under. Only `ccm` and `complex-ccm` minutes count toward CCM codes (D3).
 * `unknown` is a program label the normalizer could not classify: its minutes do not count either, but unlike a
 * recognized other program the unknown-program rule reports them, since they may be CCM time under a new name.
 */
export const Program = z.enum(['ccm', 'complex-ccm', 'pcm', 'tcm', 'rpm', 'bhi', 'apcm', 'other', 'unknown']);
export type Program = z.infer<typeof Program>;

export const TimeEntry = z.object({
  /** Position in the time log after ingest; stable across runs and used to reference entries. */
  id: z.number().int().nonnegative(),
  /**
   * Where the entry was read: its table and row (`sourceOf(entry)` makes the SourceRef). Not a SourceRef per
   * entry: a million of them held ~50 MB, and only findings need one.
   */
  table: TableRef,
  row: z.number().int().positive(),
  patientId: z.string().min(1),
  patientName: z.string().optional(),
  mbi: z.string().optional(),
  date: IsoDate,
  month: IsoMonth,
  staff: z.string().optional(),
  /** The credential as written in the export, for the evidence columns. */
  credential: z.string().optional(),
  role: StaffRole,
  /** Minutes claimed by the entry; null when the cell held something that is not a duration. */
  minutes: z.number().nullable(),
  /** The raw minutes cell when it could not be read, so the finding can quote it. */
  minutesText: z.string().optional(),
  /** Clock times as minutes after midnight. */
  start: z.number().int().min(0).max(1439).optional(),
  stop: z.number().int().min(0).max(1439).optional(),
  activity: z.string().optional(),
  note: z.string(),
  program: Program,
  /** The program text as written, for evidence. */
  programText: z.string().optional(),
  npi: z.string().optional(),
  /** True when the export marks the entry complex (program "Complex CCM" or a complexity column). */
  complex: z.boolean(),
  /**
   * The entry-status cell as written when ccm reads it neither as a finished entry nor as withdrawn
   * (src/normalize/statuses.ts); its minutes are held (unknown-entry-status). Absent for a readable status.
   */
  unrecognizedStatus: z.string().optional(),
});
export type TimeEntry = z.infer<typeof TimeEntry>;

/**
 * A time-log row its export marks withdrawn (deleted, voided, cancelled, entered in error), as read: no entry
 * of the log (no id), kept to recognise the same entry in another export (model/build.ts).
 */
export type WithdrawnEntry = Omit<TimeEntry, 'id'>;

/** The row an entry was read from, as findings and reports cite it. */
export function sourceOf(entry: Pick<TimeEntry, 'table' | 'row'>): SourceRef {
  return { file: entry.table.file, sheet: entry.table.sheet, row: entry.row };
}

/**
 * How a consent record's status column reads (src/normalize/statuses.ts): only `accepted` is consent;
 * `pending` is asked but not answered, `unrecognized` a status ccm could not read, counted as no consent.
 */
export const ConsentStanding = z.enum(['accepted', 'declined', 'pending', 'unrecognized']);
export type ConsentStanding = z.infer<typeof ConsentStanding>;

export const Consent = z.object({
  source: SourceRef,
  patientId: z.string().min(1),
  date: IsoDate.optional(),
  method: z.string().optional(),
  /** Date the patient revoked consent; CCM stops at the end of that month (R-CONSENT-CONTENT). */
  revokedDate: IsoDate.optional(),
  /**
   * What the record says: `accepted` when its status reads as agreement or it has no status column value;
   * `declined` for a refusal, opt-out or a revocation without a date. A dated refusal after an acceptance ends
   * that acceptance at the end of its month (src/rules/consent.ts).
   */
  standing: ConsentStanding,
  /**
   * A `declined` record worded as the withdrawal of a consent ("Revoked", "Withdrawn", "Opted out", or a revoked
   * column without a date) rather than as declining CCM ("Patient declined", "Refused"): messages say which.
   */
  revocation: z.literal(true).optional(),
  /** The status as written, for messages about a status that is not read as consent. */
  status: z.string().optional(),
  npi: z.string().optional(),
});
export type Consent = z.infer<typeof Consent>;

export const Diagnosis = z.object({
  source: SourceRef,
  patientId: z.string().min(1),
  /** Upper case without the dot (E119); may be malformed, which the invalid-icd10 rule reports. */
  code: z.string(),
  /** The code as written in the export. */
  codeText: z.string(),
  description: z.string().optional(),
  onsetDate: IsoDate.optional(),
  resolvedDate: IsoDate.optional(),
  /** A status column said resolved/inactive without a date. */
  resolved: z.boolean(),
  /** The status as written when ccm could not read it as active or not: the condition is then not counted. */
  unrecognizedStatus: z.string().optional(),
  /** The status as written when it was read as over or never confirmed ("History of", "Ruled out"), for messages. */
  inactiveStatus: z.string().optional(),
});
export type Diagnosis = z.infer<typeof Diagnosis>;

export const BilledService = z.object({
  source: SourceRef,
  patientId: z.string().min(1),
  date: IsoDate,
  month: IsoMonth,
  /** CPT or HCPCS code, upper case (99495, G0181). */
  code: z.string().min(1),
  units: z.number().int().positive(),
  npi: z.string().optional(),
  description: z.string().optional(),
});
export type BilledService = z.infer<typeof BilledService>;

export const CarePlan = z.object({
  source: SourceRef,
  patientId: z.string().min(1),
  date: IsoDate,
  month: IsoMonth,
  action: z.string().optional(),
  /** The plan's end: its End Date column, or the row's own date when its status or action says it ended. */
  endDate: IsoDate.optional(),
  /** A row whose status or action says the plan ended (`Discontinued`): not a plan in place, and the status. */
  endedStatus: z.string().optional(),
  /** A status not read as a plan in place nor as ended ("Draft", "See note"): not counted, and named by missing-care-plan. */
  uncountedStatus: z.string().optional(),
});
export type CarePlan = z.infer<typeof CarePlan>;

/** A row the normalizer could not turn into a record: reported by the `invalid-row` rule, never dropped silently. */
export const RejectedRow = z.object({
  source: SourceRef,
  kind: z.string(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  patientId: z.string().optional(),
  /**
   * What survives of the row for held-by-invalid-row, which keeps its patient's months out of the claims when the
   * row may have been a CCM claim or the end of consent; set only when the patient id reads. `month`: the month
   * the row is dated in, when its date (or a month written alone, "2026-10") reads. `code`: a billed-services
   * row's procedure code, when it reads as one code. `mayEndConsent`: a consents row that, read, would be a
   * refusal or carry a revocation.
   */
  month: z.string().optional(),
  code: z.string().optional(),
  mayEndConsent: z.literal(true).optional(),
});
export type RejectedRow = z.infer<typeof RejectedRow>;
