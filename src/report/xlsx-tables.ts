import type { AuditResult } from '../audit-types.js';
import { billedAtRisk } from '../billing/already-billed.js';
import type { PatientMonth, PatientMonthStatus } from '../billing/types.js';
import type { Finding, Severity } from '../rules/types.js';
import { escapeText } from './escape.js';
import { describeLocation } from '../errors.js';
import { codesText, evidenceEntry, evidenceMinutes, fixesByRule, hiddenRowsText, hiddenRowTables, otherRows, unreadTables, utcDate, withdrawnTables, withdrawnText } from './format.js';
import { ESTIMATE_NOTICE } from './json.js';
import { withoutXmlInvalid } from './xml.js';

/**
 * What report.xlsx holds, independent of the library that writes it: the sheets, their columns, rows and
 * cell styles. The lean writer (xlsx-lean.ts, the default) and the exceljs writer (xlsx-exceljs.ts, the
 * reference the tests compare it with) both render these tables, so the two cannot drift apart.
 */

export const XLSX_SHEETS = ['Summary', 'Claims', 'Exceptions', 'Patient-Months'] as const;

export const DATE_FORMAT = 'yyyy-mm-dd';
export const MONEY_FORMAT = '"$"#,##0.00';
/** Excel's limits (Excel specifications and limits): beyond them Excel "repairs" the file. */
export const EXCEL_MAX_ROWS = 1_048_576;
export const MAX_CELL_TEXT = 32_767;

export type Cell = string | number | Date | null;

/** A cell's own look: a number format, a solid fill and a font colour (ARGB), as the report uses them. */
export interface CellStyle {
  numFmt?: string;
  fill?: string;
  fontColor?: string;
}

export interface Column<T> {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: T) => Cell;
  /** Per-cell style, for severity and status colours and the Summary's mixed values. */
  style?: (row: T) => CellStyle | undefined;
}

export interface Table<T> {
  name: string;
  columns: readonly Column<T>[];
  rows: Iterable<T>;
  /** Data tables get an autofilter and continue on "Name (2)"… past the row limit; the Summary never does. */
  data: boolean;
}

/** A table of any row type: the report's tables differ in theirs, and each writer handles one table at a time. */
export type AnyTable = Table<any>;

/** The four tables in sheet order. */
export function reportTables(result: AuditResult): AnyTable[] {
  return [
    { name: 'Summary', columns: summaryColumns, rows: summaryRows(result), data: false },
    { name: 'Claims', columns: claimColumns(result), rows: claimRows(result), data: true },
    { name: 'Exceptions', columns: exceptionColumns(result), rows: result.findings, data: true },
    { name: 'Patient-Months', columns: patientMonthColumns, rows: result.patientMonths, data: true },
  ] satisfies [Table<SummaryRow>, Table<ClaimRow>, Table<Finding>, Table<PatientMonth>];
}

/** "Exceptions", "Exceptions (2)", …: where a table continues past Excel's row limit. */
export function sheetName(table: string, part: number): string {
  return part === 1 ? table : `${table} (${part})`;
}

/**
 * Every text cell is cleaned of what XML cannot hold, escaped against formula injection and cut to Excel's cell
 * limit. Cleaning comes first, so a control character cannot hide a leading `=` from the injection guard.
 */
export function cellValue(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  const text = escapeText(withoutXmlInvalid(value));
  if (text.length <= MAX_CELL_TEXT) return text;
  // Never cut between the halves of a surrogate pair: a lone half would become U+FFFD.
  let end = MAX_CELL_TEXT - 1;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${text.slice(0, end)}…`;
}

/** The run date at UTC midnight, else the epoch: a fixed value, so two runs give the same bytes. */
export function fixedDate(runDate: string): Date {
  const date = utcDate(runDate);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** Excel's own Bad / Neutral / light-blue cell styles: readable fills people already know. */
const SEVERITY_STYLE: Record<Severity, CellStyle> = {
  error: { fill: 'FFFFC7CE', fontColor: 'FF9C0006' },
  warning: { fill: 'FFFFEB9C', fontColor: 'FF9C5700' },
  info: { fill: 'FFDDEBF7', fontColor: 'FF1F4E78' },
};
const STATUS_STYLE: Record<PatientMonthStatus, CellStyle> = {
  billable: { fill: 'FFC6EFCE', fontColor: 'FF006100' },
  // Light blue: done already, neither to bill nor to fix.
  billed: { fill: 'FFDDEBF7', fontColor: 'FF1F4E78' },
  blocked: SEVERITY_STYLE.error,
  'not-billable': { fill: 'FFEDEDED', fontColor: 'FF3A3A3A' },
};
/** A claim already sent that an error disputes: Excel's Bad style, like the errors themselves. */
const AT_RISK_STYLE = SEVERITY_STYLE.error;
const AT_RISK = 'billed, at risk';
const DATE_STYLE: CellStyle = { numFmt: DATE_FORMAT };
const MONEY_STYLE: CellStyle = { numFmt: MONEY_FORMAT };

/** Dates by ISO text: a report repeats a few hundred dates on a million rows. */
const DATES = new Map<string, Date>();

function isoDate(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  let date = DATES.get(iso);
  if (date === undefined) {
    date = utcDate(iso);
    if (DATES.size < 100_000) DATES.set(iso, date);
  }
  return date;
}

// Summary: label, value, detail.

interface SummaryRow {
  label: string;
  value: Cell;
  detail?: string;
  style?: CellStyle;
}

const summaryColumns: Column<SummaryRow>[] = [
  { header: 'Item', width: 40, value: (r) => r.label },
  { header: 'Value', width: 22, value: (r) => r.value, style: (r) => r.style },
  { header: 'Detail', width: 90, value: (r) => r.detail ?? null },
];

function summaryRows(result: AuditResult): SummaryRow[] {
  const s = result.summary;
  const money = (value: number): Pick<SummaryRow, 'value' | 'style'> => ({ value, style: MONEY_STYLE });
  const fixes = fixesByRule(result.findings);
  const blank: SummaryRow = { label: '', value: null };
  return [
    { label: 'Period', value: result.period ?? 'all months in the inputs' },
    { label: 'Run date', value: isoDate(result.runDate), style: DATE_STYLE },
    ...(result.generatedAt ? [{ label: 'Generated at', value: result.generatedAt }] : []),
    { label: 'Tool', value: `${result.tool.name} ${result.tool.version}` },
    { label: 'Fee schedule', value: result.options.feeSchedule },
    { label: 'Date of service', value: result.options.dateOfService },
    { label: 'Place of service', value: result.options.placeOfService },
    ...result.inputs.map((input) => ({ label: 'Input file', value: input.file, detail: `${input.path} (sha256 ${input.sha256})` })),
    // What was not audited, as the terminal says it: a billing manager who reads only the workbook must see it too.
    ...unreadTables(result).map((t) => ({ label: 'Sheet not read', value: describeLocation(t), detail: `${t.note!}; its rows count for nothing`, style: SEVERITY_STYLE.warning })),
    ...withdrawnTables(result).map((t) => ({ label: 'Rows left out', value: t.skipped.withdrawn, detail: `${describeLocation(t)}: ${withdrawnText(t)}`, style: SEVERITY_STYLE.warning })),
    ...hiddenRowTables(result).map((t) => ({ label: 'Rows hidden in Excel', value: t.hiddenRows!.byHand + t.hiddenRows!.filtered + t.hiddenRows!.collapsed, detail: `${describeLocation(t)}: ${hiddenRowsText(t)}`, style: SEVERITY_STYLE.warning })),
    blank,
    { label: 'Patients', value: s.patients },
    { label: 'Patient-months billable', value: s.patientMonths.billable, detail: 'ready to bill: see the Claims sheet', style: STATUS_STYLE.billable },
    { label: 'Patient-months already billed', value: s.patientMonths.billed, detail: 'the billed-services export already has CCM codes for the month (under any NPI or none): not on the Claims sheet', style: STATUS_STYLE.billed },
    { label: 'Patient-months billed, at risk', value: s.billedAtRisk.patientMonths, detail: 'already billed, but a month-level error disputes the claim sent (risk of recoupment): correct or refund it, never bill the month again; counted among the already billed', ...(s.billedAtRisk.patientMonths > 0 ? { style: AT_RISK_STYLE } : {}) },
    { label: 'Patient-months blocked', value: s.patientMonths.blocked, detail: 'enough minutes, but an error blocks the claim: fix it to bill', style: STATUS_STYLE.blocked },
    { label: 'Patient-months not billable', value: s.patientMonths['not-billable'], detail: 'not enough supported minutes this month', style: STATUS_STYLE['not-billable'] },
    blank,
    { label: 'Errors', value: s.findingsBySeverity.error, detail: 'see the Exceptions sheet', style: SEVERITY_STYLE.error },
    { label: 'Warnings', value: s.findingsBySeverity.warning, style: SEVERITY_STYLE.warning },
    { label: 'Info', value: s.findingsBySeverity.info, style: SEVERITY_STYLE.info },
    { label: 'Suppressed by baseline', value: s.suppressed },
    { label: 'Claim-ready months without billing NPI', value: s.incompleteClaims.noBillingNpi, detail: 'billable, but no NPI on the entries and no billing.defaultNpi: the claim needs one', ...(s.incompleteClaims.noBillingNpi > 0 ? { style: SEVERITY_STYLE.warning } : {}) },
    { label: 'Claim-ready months with an invalid billing NPI', value: s.incompleteClaims.invalidBillingNpi, detail: 'billable, but the billing NPI is not 10 digits or fails the check digit: the claim will be rejected until it is corrected', ...(s.incompleteClaims.invalidBillingNpi > 0 ? { style: SEVERITY_STYLE.warning } : {}) },
    { label: 'Claim-ready months without diagnoses', value: s.incompleteClaims.noDiagnoses, detail: 'billable, but no ICD-10-CM code active in the month: give a diagnoses export', ...(s.incompleteClaims.noDiagnoses > 0 ? { style: SEVERITY_STYLE.warning } : {}) },
    blank,
    { label: 'Estimated revenue: ready to bill', ...money(s.estimatedRevenue.ready), detail: ESTIMATE_NOTICE },
    { label: 'Estimated revenue: already billed', ...money(s.estimatedRevenue.billed), detail: 'what the already-billed months\' supported minutes earn, to compare with the claims billed; not revenue to collect again' },
    { label: 'Estimated amount billed at risk', ...money(s.billedAtRisk.billedAmount), detail: 'the CCM codes billed for the months billed at risk, as billed: what a recoupment would take back; not revenue to win' },
    { label: 'Estimated revenue: blocked', ...money(s.estimatedRevenue.blocked), detail: 'what the blocked months earn once their errors are fixed' },
    { label: 'Estimated revenue: not billable', ...money(s.estimatedRevenue.notBillable), detail: 'what the not-billable months would earn if every logged minute were supported' },
    ...s.topFixes.map((t) => ({
      label: `Top fix: ${t.rule}`,
      ...money(t.revenueAtStake),
      detail: `estimated revenue at stake in ${t.patientMonths} patient-month(s). ${fixes.get(t.rule) ?? ''}`.trim(),
    })),
    blank,
    ...Object.entries(s.findingsByRule).map(([rule, count]) => ({ label: `Findings: ${rule}`, value: count })),
  ];
}

// Claims: one row per claim line of each billable patient-month, as in claims.csv.

interface ClaimRow {
  pm: PatientMonth;
  line: PatientMonth['lines'][number];
}

function* claimRows(result: AuditResult): Generator<ClaimRow> {
  for (const pm of result.patientMonths) if (pm.status === 'billable') for (const line of pm.lines) yield { pm, line };
}

function claimColumns(result: AuditResult): Column<ClaimRow>[] {
  return [
    { header: 'Patient ID', width: 14, value: (r) => r.pm.patientId },
    { header: 'MBI', width: 14, value: (r) => r.pm.mbi },
    { header: 'Month', width: 9, value: (r) => r.pm.month },
    // The line's own date, as claims.csv: an add-on may be dated after its base under threshold-met (D6).
    { header: 'Date of service', width: 15, numFmt: DATE_FORMAT, value: (r) => isoDate(r.line.dateOfService) },
    { header: 'Code', width: 8, value: (r) => r.line.code },
    { header: 'Units', width: 7, value: (r) => r.line.units },
    // As claims.csv: the minutes the claim's family counts (the practitioner's own for 99491/99437).
    { header: 'Supported minutes', width: 10, value: (r) => r.pm.countedMinutes },
    { header: 'Billing NPI', width: 13, value: (r) => r.pm.billingNpi },
    { header: 'Diagnoses (ICD-10-CM)', width: 40, value: (r) => r.pm.diagnoses.join(', ') },
    { header: 'Place of service', width: 9, value: () => result.options.placeOfService },
    { header: 'Estimated payment', width: 13, numFmt: MONEY_FORMAT, value: (r) => r.line.estimatedPayment },
  ];
}

// Exceptions: one row per finding, as in exceptions.csv.

function exceptionColumns(result: AuditResult): Column<Finding>[] {
  const entry = (f: Finding) => evidenceEntry(result, f);
  return [
    { header: 'Severity', width: 10, value: (f) => f.severity, style: (f) => SEVERITY_STYLE[f.severity] },
    { header: 'Rule', width: 26, value: (f) => f.rule },
    { header: 'Code', width: 9, value: (f) => f.code },
    { header: 'Patient ID', width: 14, value: (f) => f.patientId },
    { header: 'Month', width: 9, value: (f) => f.month },
    { header: 'File', width: 24, value: (f) => f.sources[0]?.file ?? null },
    { header: 'Sheet', width: 14, value: (f) => f.sources[0]?.sheet ?? null },
    { header: 'Row', width: 7, value: (f) => f.sources[0]?.row ?? null },
    { header: 'Other rows', width: 20, value: (f) => otherRows(f.sources) || null },
    { header: 'Entry date', width: 12, numFmt: DATE_FORMAT, value: (f) => isoDate(entry(f)?.date) },
    { header: 'Staff', width: 18, value: (f) => entry(f)?.staff ?? null },
    { header: 'Credential', width: 11, value: (f) => entry(f)?.credential ?? null },
    { header: 'Minutes', width: 9, value: (f) => evidenceMinutes(entry(f)) },
    { header: 'Note', width: 50, value: (f) => entry(f)?.note ?? null },
    { header: 'Message', width: 70, value: (f) => f.message },
    { header: 'How to fix', width: 70, value: (f) => f.fix },
    { header: 'Fingerprint', width: 18, value: (f) => f.fingerprint },
  ];
}

// Patient-Months: one row per patient-month, whatever its status.

const patientMonthColumns: Column<PatientMonth>[] = [
  { header: 'Patient ID', width: 14, value: (pm) => pm.patientId },
  { header: 'MBI', width: 14, value: (pm) => pm.mbi },
  { header: 'Month', width: 9, value: (pm) => pm.month },
  // A filter on Status finds the claims at risk: they are billed months, labelled apart.
  { header: 'Status', width: 15, value: (pm) => (billedAtRisk(pm) ? AT_RISK : pm.status), style: (pm) => (billedAtRisk(pm) ? AT_RISK_STYLE : STATUS_STYLE[pm.status]) },
  { header: 'Logged minutes', width: 10, value: (pm) => pm.loggedMinutes },
  { header: 'Supported minutes', width: 10, value: (pm) => pm.supportedMinutes },
  { header: 'Minutes the codes count', width: 10, value: (pm) => pm.countedMinutes },
  { header: 'Minutes short', width: 9, value: (pm) => pm.minutesShort },
  { header: 'Code family', width: 13, value: (pm) => pm.family },
  { header: 'Codes', width: 18, value: (pm) => codesText(pm.lines) || null },
  { header: 'Estimated payment', width: 13, numFmt: MONEY_FORMAT, value: (pm) => pm.estimatedPayment },
  { header: 'Date of service', width: 15, numFmt: DATE_FORMAT, value: (pm) => isoDate(pm.dateOfService) },
  { header: 'Billing NPI', width: 13, value: (pm) => pm.billingNpi },
  { header: 'Diagnoses (ICD-10-CM)', width: 40, value: (pm) => pm.diagnoses.join(', ') || null },
  // The errors that block a new claim, or that dispute the claim of a month billed at risk.
  { header: 'Blocked by / at risk from', width: 26, value: (pm) => pm.blockedBy.join(', ') || null },
];
