import type { AuditResult } from '../../src/audit-types.js';
import type { PatientMonth } from '../../src/billing/types.js';
import { sourceOf, type SourceRef, type TimeEntry } from '../../src/model/schema.js';
import { fingerprint, tableNamer } from '../../src/fingerprint.js';
import { compareFindings } from '../../src/rules/engine.js';
import type { Finding, RuleLevel, Severity } from '../../src/rules/types.js';

/**
 * A small but realistic audit of October 2026: one patient-month billable, one blocked by a month-level
 * error, one not billable after an entry-level error, plus a row with no patient. Cell text carries the
 * formula-injection cases (=, +, -, @, tab, CR), CSV quoting cases (quotes, commas, newlines) and a patient
 * id with leading zeros.
 */
export const HYPERLINK_NOTE = '=HYPERLINK("http://x")';
export const QUOTED_NOTE = 'Reviewed meds, "adjusted" dose,\nfollow-up in 2 weeks';
export const TAB_NOTE = '\tcalled about refill';

const LOG = { file: 'export.xlsx', sheet: 'Log' };
const log = (row: number): SourceRef => ({ ...LOG, row });

function entry(id: number, row: number, fields: Partial<TimeEntry> & Pick<TimeEntry, 'patientId' | 'date' | 'note' | 'minutes'>): TimeEntry {
  return { id, table: LOG, row, month: fields.date.slice(0, 7), role: 'clinical-staff', program: 'ccm', complex: false, ...fields };
}

export const ENTRIES: TimeEntry[] = [
  entry(0, 5, { patientId: '00123', mbi: '1EG4TE5MK73', date: '2026-10-02', staff: 'Dana Ruiz', credential: 'RN', minutes: 20, note: 'Care plan review; BP log discussed' }),
  entry(1, 6, { patientId: '00123', mbi: '1EG4TE5MK73', date: '2026-10-09', staff: 'Dana Ruiz', credential: 'RN', minutes: 22, note: HYPERLINK_NOTE }),
  entry(2, 7, { patientId: '00123', mbi: '1EG4TE5MK73', date: '2026-10-15', staff: '@SUM(A1)', credential: '+1', role: 'non-clinical', minutes: 10, note: TAB_NOTE }),
  entry(3, 20, { patientId: 'A-77', date: '2026-10-03', staff: 'Lee Park', credential: 'LPN', minutes: 25, note: 'Coordinated with cardiology' }),
  entry(4, 21, { patientId: 'A-77', date: '2026-10-03', staff: 'Lee Park', credential: 'LPN', minutes: 25, note: 'Coordinated with cardiology' }),
  entry(5, 12, { patientId: '00456', date: '2026-10-10', staff: '\rNurse Kim', credential: 'RN', minutes: null, minutesText: '-2+3', note: QUOTED_NOTE }),
  entry(6, 14, { patientId: '00456', date: '2026-10-20', staff: 'Kim Lo', credential: 'MA', minutes: 15, note: 'Scheduled labs' }),
];

/** The files read: the findings' sources point into their tables, which fingerprints name by kind and sheet. */
const INPUTS: AuditResult['inputs'] = [
  {
    file: 'export.xlsx',
    path: 'exports/export.xlsx',
    sha256: 'a'.repeat(64),
    tables: [
      {
        file: 'export.xlsx',
        sheet: 'Log',
        kind: 'timeLog',
        headerRow: 4,
        columns: [
          { field: 'patientId', header: 'Patient ID', column: 'A' },
          { field: 'date', header: 'DOS', column: 'B' },
          { field: 'minutes', header: 'Minutes', column: 'E' },
        ],
        ignoredColumns: ['Room'],
        rowsRead: 20,
        records: 19,
        rejected: 0,
        skipped: { blank: 1, totals: 0, headings: 0, beforeHeader: 3, withdrawn: 0 },
      },
      {
        file: 'export.xlsx',
        sheet: 'Notes',
        kind: null,
        headerRow: null,
        columns: [],
        ignoredColumns: [],
        rowsRead: 0,
        records: 0,
        rejected: 0,
        skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 },
        note: 'empty sheet',
      },
      {
        file: 'export.xlsx',
        sheet: 'Late entries',
        kind: null,
        headerRow: null,
        columns: [],
        ignoredColumns: [],
        rowsRead: 40,
        records: 0,
        rejected: 0,
        skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 },
        note: 'no known header row in the first 30 rows',
      },
    ],
  },
  {
    file: 'extra.csv',
    path: 'exports/extra.csv',
    sha256: 'b'.repeat(64),
    tables: [
      {
        file: 'extra.csv',
        sheet: null,
        kind: 'timeLog',
        headerRow: 1,
        columns: [{ field: 'patientId', header: 'MRN', column: 'A' }],
        ignoredColumns: [],
        rowsRead: 9,
        records: 8,
        rejected: 1,
        skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 },
      },
    ],
  },
];

interface FindingSpec {
  rule: string;
  code: string;
  severity: Severity;
  level: RuleLevel;
  message: string;
  fix: string;
  entries?: number[];
  patientId?: string | null;
  month?: string | null;
  sources?: SourceRef[];
}

function finding(spec: FindingSpec): Finding {
  const entries = (spec.entries ?? []).map((id) => ENTRIES[id]!);
  const patientId = spec.patientId !== undefined ? spec.patientId : (entries[0]?.patientId ?? null);
  const month = spec.month !== undefined ? spec.month : (entries[0]?.month ?? null);
  const sources = spec.sources ?? entries.map(sourceOf);
  return {
    rule: spec.rule,
    code: spec.code,
    severity: spec.severity,
    level: spec.level,
    patientId,
    month,
    message: spec.message,
    fix: spec.fix,
    sources,
    entryIds: spec.entries ?? [],
    fingerprint: fingerprint(spec.rule, patientId, month, sources, tableNamer(INPUTS)),
  };
}

export const FIXES = {
  'missing-consent': 'Record the patient’s CCM consent (date and method) in the consent export, then run the audit again.',
  'invalid-minutes': 'Correct the minutes cell to a whole number of minutes.',
  'non-clinical-staff': 'Remove the entry or record it under the clinical staff member who did the work.',
  'vague-note': 'Describe the care management activity in the note.',
  'duplicate-entry': 'Delete the duplicate row from the time log.',
  'complex-candidate': 'Review whether the month meets complex CCM criteria.',
  'invalid-row': 'Correct the date cell in the source file.',
} as const;

const FINDINGS: Finding[] = [
  finding({ rule: 'vague-note', code: 'CCM120', severity: 'warning', level: 'entry', entries: [1], message: 'The note does not describe a care management activity.', fix: FIXES['vague-note'] }),
  finding({ rule: 'non-clinical-staff', code: 'CCM104', severity: 'error', level: 'entry', entries: [2], message: 'Staff "@SUM(A1)" (credential "+1") is not clinical staff; 10 minutes do not count.', fix: FIXES['non-clinical-staff'] }),
  finding({ rule: 'complex-candidate', code: 'CCM301', severity: 'info', level: 'month', patientId: '00123', month: '2026-10', sources: [log(5), log(6)], entries: [], message: '42 supported minutes: complex CCM would need 60.', fix: FIXES['complex-candidate'] }),
  finding({ rule: 'missing-consent', code: 'CCM201', severity: 'error', level: 'month', patientId: 'A-77', month: '2026-10', sources: [log(20)], message: 'No CCM consent on file for A-77 before 2026-10-03.', fix: FIXES['missing-consent'] }),
  finding({ rule: 'duplicate-entry', code: 'CCM110', severity: 'warning', level: 'entry', entries: [4], sources: [log(20), log(21), { file: 'extra.csv', sheet: null, row: 4 }], message: 'Rows 20, 21 and extra.csv row 4 log the same 25 minutes, "Coordinated with cardiology".', fix: FIXES['duplicate-entry'] }),
  finding({ rule: 'invalid-minutes', code: 'CCM102', severity: 'error', level: 'entry', entries: [5], message: 'Minutes "-2+3" is not a duration.', fix: FIXES['invalid-minutes'] }),
  finding({ rule: 'invalid-row', code: 'CCM001', severity: 'error', level: 'entry', patientId: null, month: null, sources: [{ file: 'extra.csv', sheet: null, row: 9 }], message: '@SUM(A1) in column "Date" is not a date; the row has no patient id.', fix: FIXES['invalid-row'] }),
].sort(compareFindings);

const PATIENT_MONTHS: PatientMonth[] = [
  {
    patientId: '00123',
    mbi: '1EG4TE5MK73',
    month: '2026-10',
    status: 'billable',
    loggedMinutes: 52,
    supportedMinutes: 42,
    countedMinutes: 42,
    family: 'non-complex',
    lines: [
      { code: '99490', units: 1, estimatedPayment: 66.13, dateOfService: '2026-10-31' },
      { code: '99439', units: 1, estimatedPayment: 48, dateOfService: '2026-10-31' },
    ],
    estimatedPayment: 114.13,
    dateOfService: '2026-10-31',
    billingNpi: '1234567893',
    diagnoses: ['E11.9', 'I10', 'N18.30'],
    blockedBy: [],
    minutesShort: null,
  },
  {
    patientId: '00456',
    mbi: null,
    month: '2026-10',
    status: 'not-billable',
    loggedMinutes: 15,
    supportedMinutes: 15,
    countedMinutes: null,
    family: null,
    lines: [],
    estimatedPayment: 0,
    dateOfService: null,
    billingNpi: '1234567893',
    diagnoses: ['J44.9'],
    blockedBy: [],
    minutesShort: 5,
  },
  {
    patientId: 'A-77',
    mbi: '2F59TY7NR21',
    month: '2026-10',
    status: 'blocked',
    loggedMinutes: 25,
    supportedMinutes: 25,
    countedMinutes: 25,
    family: 'non-complex',
    lines: [{ code: '99490', units: 1, estimatedPayment: 66.13, dateOfService: '2026-10-31' }],
    estimatedPayment: 66.13,
    dateOfService: '2026-10-31',
    billingNpi: '1234567893',
    diagnoses: ['I50.9', 'E78.5'],
    blockedBy: ['missing-consent'],
    minutesShort: null,
  },
  {
    // Already billed (the services export has its 99490): lines for comparison, never a claim.
    patientId: 'B-88',
    mbi: '3C12TE5MK73',
    month: '2026-10',
    status: 'billed',
    loggedMinutes: 22,
    supportedMinutes: 22,
    countedMinutes: 22,
    family: 'non-complex',
    lines: [{ code: '99490', units: 1, estimatedPayment: 66.13, dateOfService: '2026-10-31' }],
    estimatedPayment: 66.13,
    dateOfService: '2026-10-31',
    billingNpi: '1234567893',
    diagnoses: ['E11.9', 'I10'],
    blockedBy: [],
    minutesShort: null,
  },
];

/** A fresh copy each call, so a test may change it. */
export function sampleResult(): AuditResult {
  const findings = structuredClone(FINDINGS);
  return {
    schemaVersion: 1,
    tool: { name: 'ccm', version: '0.1.0' },
    generatedAt: null,
    period: '2026-10',
    runDate: '2026-11-03',
    options: { dateOfService: 'month-end', placeOfService: '11', feeSchedule: 'bundled: CY2026 national non-facility (estimates)' },
    inputs: structuredClone(INPUTS),
    summary: {
      patients: 4,
      patientMonths: { billable: 1, billed: 1, blocked: 1, 'not-billable': 1 },
      findingsBySeverity: { error: 4, warning: 2, info: 1 },
      findingsByRule: {
        'complex-candidate': 1,
        'duplicate-entry': 1,
        'invalid-minutes': 1,
        'invalid-row': 1,
        'missing-consent': 1,
        'non-clinical-staff': 1,
        'vague-note': 1,
      },
      estimatedRevenue: { ready: 114.13, billed: 66.13, blocked: 66.13, notBillable: 66.13 },
      billedAtRisk: { patientMonths: 0, billedAmount: 0 },
      topFixes: [
        { rule: 'invalid-minutes', patientMonths: 1, revenueAtStake: 66.13 },
        { rule: 'missing-consent', patientMonths: 1, revenueAtStake: 66.13 },
      ],
      suppressed: 0,
      incompleteClaims: { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 },
    },
    patientMonths: structuredClone(PATIENT_MONTHS),
    findings,
    entries: ENTRIES.map((e) => structuredClone(e)),
  };
}

/**
 * The sample with B-88's claim at risk: CCM for the month is billed under a second NPI too, the error that
 * multiple-billing-practitioners reports, yet the month stays billed (the claims have gone out).
 */
export function sampleResultWithClaimAtRisk(): AuditResult {
  const result = sampleResult();
  result.findings = [
    ...result.findings,
    finding({ rule: 'multiple-billing-practitioners', code: 'CCM021', severity: 'error', level: 'month', patientId: 'B-88', month: '2026-10', sources: [log(30)], message: 'CCM for 2026-10 is billed under 2 NPIs.', fix: 'Decide which practitioner bills CCM for the month.' }),
  ].sort(compareFindings);
  result.patientMonths.find((pm) => pm.patientId === 'B-88')!.blockedBy = ['multiple-billing-practitioners'];
  result.summary.findingsBySeverity.error++;
  result.summary.findingsByRule['multiple-billing-practitioners'] = 1;
  result.summary.billedAtRisk = { patientMonths: 1, billedAmount: 132.26 };
  return result;
}

/**
 * The sample audited with --dos threshold-met: 00123's 99490 was met on 10-08 and its 99439 on 10-22, so the
 * add-on line is dated after the base line (D6, R-CLAIM-DOS); the claim is dated its base line's day.
 */
export function sampleResultThresholdMet(): AuditResult {
  const result = sampleResult();
  result.options.dateOfService = 'threshold-met';
  const pm = result.patientMonths[0]!;
  pm.lines = [
    { ...pm.lines[0]!, dateOfService: '2026-10-08' },
    { ...pm.lines[1]!, dateOfService: '2026-10-22' },
  ];
  pm.dateOfService = '2026-10-08';
  return result;
}
