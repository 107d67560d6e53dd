import type { AuditResult } from '../audit-types.js';
import { escapeCell, type CellValue } from './escape.js';
import { evidenceEntry, evidenceMinutes, otherRows } from './format.js';

/** CMS-1500 box 21 (A–L) and the 837P HI segment carry at most 12 diagnoses per claim. */
export const MAX_DIAGNOSES = 12;

/**
 * claims.csv columns. Diagnoses get one column each (icd1…icd12) rather than one `;`-joined cell: practice
 * management charge imports map a diagnosis per field (box 21 A–L), and a fixed column needs no splitting.
 * Values are the audit's own: ISO dates, dotted ICD-10-CM codes, ids as text. (Excel opening a CSV directly
 * drops an id's leading zeros; report.xlsx keeps them, and an import reads the text as written.)
 */
export const CLAIMS_COLUMNS = [
  'patient_id',
  'mbi',
  'month',
  'date_of_service',
  'code',
  'units',
  'supported_minutes',
  'billing_npi',
  ...Array.from({ length: MAX_DIAGNOSES }, (_, i) => `icd${i + 1}`),
  'place_of_service',
  'estimated_payment',
] as const;

export const EXCEPTIONS_COLUMNS = [
  'severity',
  'rule',
  'code',
  'patient_id',
  'month',
  'file',
  'sheet',
  'row',
  'other_rows',
  'entry_date',
  'staff',
  'credential',
  'minutes',
  'note',
  'message',
  'fix',
  'fingerprint',
] as const;

/** One row per claim line of each billable patient-month, ready for a billing-system charge import. */
export function renderClaimsCsv(result: AuditResult): string {
  const rows: CellValue[][] = [];
  for (const pm of result.patientMonths) {
    if (pm.status !== 'billable') continue;
    const icd = Array.from({ length: MAX_DIAGNOSES }, (_, i) => pm.diagnoses[i] ?? null);
    for (const line of pm.lines) {
      rows.push([
        pm.patientId,
        pm.mbi,
        pm.month,
        pm.dateOfService,
        line.code,
        line.units,
        pm.supportedMinutes,
        pm.billingNpi,
        ...icd,
        result.options.placeOfService,
        // Dollars and cents, as billing imports expect ("48.00", not "48").
        line.estimatedPayment.toFixed(2),
      ]);
    }
  }
  return toCsv(CLAIMS_COLUMNS, rows);
}

/** One row per finding, with the rows to fix and, for entry-level findings, the entry's evidence. */
export function renderExceptionsCsv(result: AuditResult): string {
  const rows = result.findings.map((f): CellValue[] => {
    const first = f.sources[0];
    const entry = evidenceEntry(result, f);
    return [
      f.severity,
      f.rule,
      f.code,
      f.patientId,
      f.month,
      first?.file ?? null,
      first?.sheet ?? null,
      first?.row ?? null,
      otherRows(f.sources),
      entry?.date ?? null,
      entry?.staff ?? null,
      entry?.credential ?? null,
      evidenceMinutes(entry),
      entry?.note ?? null,
      f.message,
      f.fix,
      f.fingerprint,
    ];
  });
  return toCsv(EXCEPTIONS_COLUMNS, rows);
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180: CRLF after every record, fields with `"`, `,`, CR or LF quoted with `"` doubled. A UTF-8 BOM
 * makes Excel read the file as UTF-8 instead of the system code page. Every text cell is escaped here, so
 * no column can forget it; numbers pass through as numbers.
 */
function toCsv(header: readonly string[], rows: readonly CellValue[][]): string {
  const lines = [header.map(field).join(',')];
  for (const row of rows) lines.push(row.map((v) => field(escapeCell(v))).join(','));
  return `${BOM}${lines.join('\r\n')}\r\n`;
}

function field(value: CellValue): string {
  if (value === null) return '';
  const text = String(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
