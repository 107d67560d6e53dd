import type { AuditResult } from '../audit-types.js';
import { escapeCsvText, type CellValue } from './escape.js';
import { evidenceEntry, evidenceMinutes, otherRows } from './format.js';
import { CHUNK } from './chunk.js';

/** CMS-1500 box 21 (A–L) and the 837P HI segment carry at most 12 diagnoses per claim. */
export const MAX_DIAGNOSES = 12;

/**
 * claims.csv columns. Diagnoses get one column each (icd1…icd12) rather than one `;`-joined cell: practice
 * management charge imports map a diagnosis per field (box 21 A–L), and a fixed column needs no splitting.
 * Values are the audit's own: ISO dates, dotted ICD-10-CM codes, ids as text. `supported_minutes` is the
 * time the claim's code family counts (report.json countedMinutes): for 99491/99437 the practitioner's own.
 * (Excel opening a CSV directly drops an id's leading zeros; report.xlsx keeps them, and an import reads the
 * text as written.)
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
  return [...claimsCsvChunks(result)].join('');
}

/** claims.csv in chunks of about CHUNK characters, for writing a file without holding it as one string. */
export function* claimsCsvChunks(result: AuditResult): Generator<string> {
  yield* csvChunks(CLAIMS_COLUMNS, claimCsvLines(result));
}

/**
 * A patient-month's cells are the same on each of its claim lines, and consecutive months often share their
 * diagnoses list: those parts are escaped once and reused (half a million lines at 1M rows).
 */
function* claimCsvLines(result: AuditResult): Generator<string> {
  const placeOfService = field(result.options.placeOfService);
  let diagnoses: readonly string[] | undefined;
  let diagnosesText = '';
  for (const pm of result.patientMonths) {
    if (pm.status !== 'billable') continue;
    if (pm.diagnoses !== diagnoses) {
      diagnoses = pm.diagnoses;
      diagnosesText = csvLine(Array.from({ length: MAX_DIAGNOSES }, (_, i) => pm.diagnoses[i] ?? null));
    }
    const head = csvLine([pm.patientId, pm.mbi, pm.month]);
    // The minutes the billed family counts, not all the month's: staff time is no part of a 99491 claim.
    const tail = `${csvLine([pm.countedMinutes, pm.billingNpi])},${diagnosesText},${placeOfService}`;
    // Each line's own date of service: under threshold-met an add-on is dated the day its units were earned (D6).
    // Dollars and cents, as billing imports expect ("48.00", not "48").
    for (const line of pm.lines) yield `${head},${csvLine([line.dateOfService, line.code, line.units])},${tail},${field(line.estimatedPayment.toFixed(2))}`;
  }
}

/** One row per finding, with the rows to fix and, for entry-level findings, the entry's evidence. */
export function renderExceptionsCsv(result: AuditResult): string {
  return [...exceptionsCsvChunks(result)].join('');
}

/** exceptions.csv in chunks of about CHUNK characters. */
export function* exceptionsCsvChunks(result: AuditResult): Generator<string> {
  yield* csvChunks(EXCEPTIONS_COLUMNS, exceptionCsvLines(result));
}

function* exceptionCsvLines(result: AuditResult): Generator<string> {
  for (const f of result.findings) {
    const first = f.sources[0];
    const entry = evidenceEntry(result, f);
    yield csvLine([
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
    ]);
  }
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180: CRLF after every record, fields with `"`, `,`, CR or LF quoted with `"` doubled. A UTF-8 BOM
 * makes Excel read the file as UTF-8 instead of the system code page. Lines come from csvLine, which escapes
 * every text cell, so no column can forget it; numbers pass through as numbers.
 */
function* csvChunks(header: readonly string[], lines: Iterable<string>): Generator<string> {
  // Lines are joined from arrays, not concatenated: `+=` would build each chunk as a rope of millions of
  // small pieces, several times the chunk's size in memory until it is written.
  let chunk = [`${BOM}${csvLine(header)}`];
  let size = 0;
  for (const line of lines) {
    chunk.push(line);
    size += line.length;
    if (size >= CHUNK) {
      yield `${chunk.join('\r\n')}\r\n`;
      chunk = [];
      size = 0;
    }
  }
  if (chunk.length > 0) yield `${chunk.join('\r\n')}\r\n`;
}

/** Cells as one CSV line (or part of one), without the line break. */
function csvLine(cells: readonly CellValue[]): string {
  const fields = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) fields[i] = field(cells[i]!);
  return fields.join(',');
}

/** A cell as CSV text: text escaped against formulas, at its start and after an inner separator (escape.ts), then quoted when it must be. */
function field(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  const text = escapeCsvText(value);
  return needsQuotes(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** `"`, `,`, CR or LF anywhere; a loop beats the regex on the short ids and codes that make most cells. */
function needsQuotes(text: string): boolean {
  if (text.length > 32) return NEEDS_QUOTES.test(text);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 || c === 0x2c || c === 0x0d || c === 0x0a) return true;
  }
  return false;
}
