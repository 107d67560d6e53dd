import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Fill, Font, Style, Workbook, Worksheet } from 'exceljs';
import type { AuditResult } from '../audit-types.js';
import type { PatientMonth, PatientMonthStatus } from '../billing/types.js';
import type { Finding, Severity } from '../rules/types.js';
import { escapeText } from './escape.js';
import { codesText, evidenceEntry, evidenceMinutes, fixesByRule, otherRows, utcDate } from './format.js';
import { ESTIMATE_NOTICE } from './json.js';
import { stampZipEntries } from './zip-time.js';

export const XLSX_SHEETS = ['Summary', 'Claims', 'Exceptions', 'Patient-Months'] as const;

const DATE = 'yyyy-mm-dd';
const MONEY = '"$"#,##0.00';
/** Excel's limits (Excel specifications and limits): beyond them Excel "repairs" the file. */
const EXCEL_MAX_ROWS = 1_048_576;
const MAX_CELL_TEXT = 32_767;
/** exceljs's writer has no backpressure: yield to the event loop this often so deflate can drain. */
const YIELD_EVERY = 100;

type Cell = string | number | Date | null;

interface Column<T> {
  header: string;
  width: number;
  numFmt?: string;
  value: (row: T) => Cell;
  /** Per-cell style, for severity and status colours and the Summary's mixed values. */
  style?: (row: T) => Partial<Style> | undefined;
}

/** Excel's own Bad / Neutral / light-blue cell styles: readable fills people already know. */
const SEVERITY_STYLE: Record<Severity, Partial<Style>> = {
  error: highlight('FFFFC7CE', 'FF9C0006'),
  warning: highlight('FFFFEB9C', 'FF9C5700'),
  info: highlight('FFDDEBF7', 'FF1F4E78'),
};
const STATUS_STYLE: Record<PatientMonthStatus, Partial<Style>> = {
  billable: highlight('FFC6EFCE', 'FF006100'),
  blocked: SEVERITY_STYLE.error,
  'not-billable': highlight('FFEDEDED', 'FF3A3A3A'),
};

/**
 * report.xlsx through exceljs's streaming writer (loaded only when XLSX is asked for). Follows the writer
 * notes in library-notes.md: styles on, shared strings off, frozen panes via addWorksheet, columns before
 * the first commit, UTC dates with a numFmt, a yield every 100 rows, each sheet committed before the next,
 * and our own WriteStream so an I/O error rejects instead of hanging. Byte-reproducible: the workbook's
 * dates come from the run date and the zip entries' times are rewritten afterwards (zip-time.ts).
 */
export async function writeXlsx(result: AuditResult, path: string, options: XlsxOptions = {}): Promise<void> {
  const WorkbookWriter = await loadWorkbookWriter();
  const out = createWriteStream(path, { mode: 0o600 });
  // Raced with every step: exceljs swallows a stream error and would never settle (library-notes.md).
  const failed = new Promise<never>((_, reject) => out.on('error', reject));
  try {
    await Promise.race([once(out, 'open'), failed]);
    const workbook = new WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const stamp = fixedDate(result.runDate);
    workbook.creator = 'ccm';
    workbook.lastModifiedBy = 'ccm';
    workbook.created = stamp;
    workbook.modified = stamp;
    await Promise.race([writeSheets(workbook, result, options.rowsPerSheet ?? EXCEL_MAX_ROWS - 1), failed]);
    await Promise.race([workbook.commit(), failed]);
    if (!out.closed) await Promise.race([once(out, 'close'), failed]);
    await stampZipEntries(path, stamp);
  } finally {
    out.destroy();
  }
}

type WorkbookWriterClass = typeof import('exceljs').stream.xlsx.WorkbookWriter;

/**
 * exceljs's streaming writer on its own: the package's entry point also loads the reader, the in-memory
 * workbook and CSV support, about twice the load time (exceljs is pinned at 4.4.0, so its file layout is fixed;
 * the entry point is the fallback if that ever changes).
 */
async function loadWorkbookWriter(): Promise<WorkbookWriterClass> {
  const path: string = 'exceljs/lib/stream/xlsx/workbook-writer.js';
  try {
    return ((await import(path)) as { default: WorkbookWriterClass }).default;
  } catch {
    return (await import('exceljs')).default.stream.xlsx.WorkbookWriter;
  }
}

export interface XlsxOptions {
  /** Data rows per sheet before a table continues on "Name (2)"; Excel's limit unless a test sets it. */
  rowsPerSheet?: number;
}

async function writeSheets(workbook: Workbook, result: AuditResult, limit: number): Promise<void> {
  // A few dozen rows: never split.
  await addTable(workbook, 'Summary', summaryColumns, summaryRows(result), { filter: false, limit: Number.POSITIVE_INFINITY });
  await addTable(workbook, 'Claims', claimColumns(result), claimRows(result), { filter: true, limit });
  await addTable(workbook, 'Exceptions', exceptionColumns(result), result.findings, { filter: true, limit });
  await addTable(workbook, 'Patient-Months', patientMonthColumns, result.patientMonths, { filter: true, limit });
}

/** A table on one sheet, continued on "Name (2)", "Name (3)"… past Excel's row limit rather than corrupting the file. */
async function addTable<T>(workbook: Workbook, name: string, columns: readonly Column<T>[], rows: Iterable<T>, options: { filter: boolean; limit: number }): Promise<void> {
  let part = 1;
  const styles = columns.map((c) => new SharedStyles(c.numFmt));
  let sheet = openSheet(workbook, name, columns);
  let count = 0;
  for (const item of rows) {
    if (count === options.limit) {
      closeSheet(sheet, columns.length, count, options.filter);
      sheet = openSheet(workbook, `${name} (${++part})`, columns);
      count = 0;
    }
    const values = columns.map((c) => cell(c.value(item)));
    const row = sheet.addRow(values);
    for (let i = 0; i < columns.length; i++) row.getCell(i + 1).style = styles[i]!.get(columns[i]!.style?.(item), values[i]!);
    row.commit();
    if (++count % YIELD_EVERY === 0) await new Promise(setImmediate);
  }
  closeSheet(sheet, columns.length, count, options.filter);
}

/**
 * One style object per column, cell kind and extra style, shared by every cell that has it. exceljs renders a
 * cell's style to XML to find its id unless it has seen that very object before (a WeakMap in its
 * StylesXform): a new object per cell, as exceljs makes by default, cost a third of the writing time. The
 * objects are what the cells would have had (the column's numFmt plus the cell's own style), and the id
 * exceljs derives for a style without numFmt depends on the value's type, so text, numbers and dates get
 * separate objects: the file is unchanged, byte for byte.
 */
class SharedStyles {
  private readonly byExtra = new Map<Partial<Style> | undefined, Map<string, Partial<Style>>>();
  private lastExtra: Partial<Style> | undefined;
  private lastKind: string | undefined;
  private last: Partial<Style> | undefined;

  constructor(private readonly numFmt: string | undefined) {}

  get(extra: Partial<Style> | undefined, value: Cell): Partial<Style> {
    // With a numFmt the type does not matter; without, text, dates and numbers (and empty cells) differ.
    const kind = this.numFmt !== undefined || (extra?.numFmt ?? undefined) !== undefined ? 'any' : typeof value === 'string' ? 'text' : value instanceof Date ? 'date' : 'number';
    // Most cells of a column look like the one above them.
    if (extra === this.lastExtra && kind === this.lastKind) return this.last!;
    let byKind = this.byExtra.get(extra);
    if (byKind === undefined) {
      byKind = new Map();
      this.byExtra.set(extra, byKind);
    }
    let style = byKind.get(kind);
    if (style === undefined) {
      style = { ...(this.numFmt !== undefined ? { numFmt: this.numFmt } : {}), ...extra };
      byKind.set(kind, style);
    }
    this.lastExtra = extra;
    this.lastKind = kind;
    this.last = style;
    return style;
  }
}

function openSheet<T>(workbook: Workbook, name: string, columns: readonly Column<T>[]): Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, width: c.width, style: c.numFmt ? { numFmt: c.numFmt } : {} }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.commit();
  return sheet;
}

function closeSheet(sheet: Worksheet, columns: number, rows: number, filter: boolean): void {
  if (filter) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows + 1, column: columns } };
  sheet.commit();
}

/** Every text cell is escaped against formula injection and cut to Excel's cell limit. */
function cell(value: Cell): Cell {
  if (typeof value !== 'string') return value;
  const text = escapeText(value);
  return text.length > MAX_CELL_TEXT ? `${text.slice(0, MAX_CELL_TEXT - 1)}…` : text;
}

function highlight(fill: string, font: string): Partial<Style> {
  return {
    fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } } satisfies Fill,
    font: { color: { argb: font } } satisfies Partial<Font>,
  };
}

/** The run date at UTC midnight, else the epoch: a fixed value, so two runs give the same bytes. */
function fixedDate(runDate: string): Date {
  const date = utcDate(runDate);
  return Number.isNaN(date.getTime()) ? new Date(0) : date;
}

/** Dates by ISO text: a report repeats a few hundred dates on a million rows, and exceljs only reads them. */
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
  style?: Partial<Style>;
}

const summaryColumns: Column<SummaryRow>[] = [
  { header: 'Item', width: 40, value: (r) => r.label },
  { header: 'Value', width: 22, value: (r) => r.value, style: (r) => r.style },
  { header: 'Detail', width: 90, value: (r) => r.detail ?? null },
];

function summaryRows(result: AuditResult): SummaryRow[] {
  const s = result.summary;
  const money = (value: number): Pick<SummaryRow, 'value' | 'style'> => ({ value, style: { numFmt: MONEY } });
  const fixes = fixesByRule(result.findings);
  const blank: SummaryRow = { label: '', value: null };
  return [
    { label: 'Period', value: result.period ?? 'all months in the inputs' },
    { label: 'Run date', value: isoDate(result.runDate), style: { numFmt: DATE } },
    ...(result.generatedAt ? [{ label: 'Generated at', value: result.generatedAt }] : []),
    { label: 'Tool', value: `${result.tool.name} ${result.tool.version}` },
    { label: 'Fee schedule', value: result.options.feeSchedule },
    { label: 'Date of service', value: result.options.dateOfService },
    { label: 'Place of service', value: result.options.placeOfService },
    ...result.inputs.map((input) => ({ label: 'Input file', value: input.file, detail: `${input.path} (sha256 ${input.sha256})` })),
    blank,
    { label: 'Patients', value: s.patients },
    { label: 'Patient-months billable', value: s.patientMonths.billable, detail: 'ready to bill: see the Claims sheet', style: STATUS_STYLE.billable },
    { label: 'Patient-months blocked', value: s.patientMonths.blocked, detail: 'enough minutes, but an error blocks the claim: fix it to bill', style: STATUS_STYLE.blocked },
    { label: 'Patient-months not billable', value: s.patientMonths['not-billable'], detail: 'not enough supported minutes this month', style: STATUS_STYLE['not-billable'] },
    blank,
    { label: 'Errors', value: s.findingsBySeverity.error, detail: 'see the Exceptions sheet', style: SEVERITY_STYLE.error },
    { label: 'Warnings', value: s.findingsBySeverity.warning, style: SEVERITY_STYLE.warning },
    { label: 'Info', value: s.findingsBySeverity.info, style: SEVERITY_STYLE.info },
    { label: 'Suppressed by baseline', value: s.suppressed },
    blank,
    { label: 'Estimated revenue: ready to bill', ...money(s.estimatedRevenue.ready), detail: ESTIMATE_NOTICE },
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
    { header: 'Date of service', width: 15, numFmt: DATE, value: (r) => isoDate(r.pm.dateOfService) },
    { header: 'Code', width: 8, value: (r) => r.line.code },
    { header: 'Units', width: 7, value: (r) => r.line.units },
    { header: 'Supported minutes', width: 10, value: (r) => r.pm.supportedMinutes },
    { header: 'Billing NPI', width: 13, value: (r) => r.pm.billingNpi },
    { header: 'Diagnoses (ICD-10-CM)', width: 40, value: (r) => r.pm.diagnoses.join(', ') },
    { header: 'Place of service', width: 9, value: () => result.options.placeOfService },
    { header: 'Estimated payment', width: 13, numFmt: MONEY, value: (r) => r.line.estimatedPayment },
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
    { header: 'Entry date', width: 12, numFmt: DATE, value: (f) => isoDate(entry(f)?.date) },
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
  { header: 'Status', width: 13, value: (pm) => pm.status, style: (pm) => STATUS_STYLE[pm.status] },
  { header: 'Logged minutes', width: 10, value: (pm) => pm.loggedMinutes },
  { header: 'Supported minutes', width: 10, value: (pm) => pm.supportedMinutes },
  { header: 'Minutes short', width: 9, value: (pm) => pm.minutesShort },
  { header: 'Code family', width: 13, value: (pm) => pm.family },
  { header: 'Codes', width: 18, value: (pm) => codesText(pm.lines) || null },
  { header: 'Estimated payment', width: 13, numFmt: MONEY, value: (pm) => pm.estimatedPayment },
  { header: 'Date of service', width: 15, numFmt: DATE, value: (pm) => isoDate(pm.dateOfService) },
  { header: 'Billing NPI', width: 13, value: (pm) => pm.billingNpi },
  { header: 'Diagnoses (ICD-10-CM)', width: 40, value: (pm) => pm.diagnoses.join(', ') || null },
  { header: 'Blocked by', width: 26, value: (pm) => pm.blockedBy.join(', ') || null },
];
