import type { AuditResult } from '../audit-types.js';
import type { Finding } from '../rules/types.js';
import { escapeCsvText, escapeText, type CellValue } from './escape.js';
import { evidenceEntry, evidenceMinutes, otherRows } from './format.js';
import { flat } from './flat.js';
import { RepeatedAmount, RepeatedCount, RepeatedText } from './repeated-text.js';

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
  return [...claimsCsvLines(result)].join('');
}

/**
 * claims.csv line by line, each with its line break, for writing a file without holding it as one string
 * (write.ts encodes each line as it comes). A patient-month's cells are the same on each of its claim lines, and
 * consecutive months often share their diagnoses list: those parts are escaped once and reused (half a million
 * lines at 1M rows).
 */
export function* claimsCsvLines(result: AuditResult): Generator<string> {
  yield header(CLAIMS_COLUMNS);
  const cell = cellsAfterComma();
  const count = countsAfterComma();
  // Dollars and cents, as billing imports expect ("48.00", not "48"), with the line break, made once per amount:
  // toFixed and escaping it on each of half a million lines cost ~40 ms.
  const paymentToEnd = new RepeatedAmount((amount) => `,${csvField(amount.toFixed(2))}\r\n`);
  const placeOfService = csvField(result.options.placeOfService);
  let diagnoses: readonly string[] | undefined;
  let diagnosesAndPlace = '';
  // A patient's months are consecutive: its id and MBI cells are escaped once per run, as one piece.
  let patientId: string | undefined;
  let mbi: string | null = null;
  let idCells = '';
  for (const pm of result.patientMonths) {
    if (pm.status !== 'billable') continue;
    if (pm.patientId !== patientId || pm.mbi !== mbi) {
      patientId = pm.patientId;
      mbi = pm.mbi;
      idCells = flat(`${csvField(patientId)},${csvField(mbi)}`);
    }
    if (pm.diagnoses !== diagnoses) {
      diagnoses = pm.diagnoses;
      diagnosesAndPlace = flat(`,${csvLine(Array.from({ length: MAX_DIAGNOSES }, (_, i) => pm.diagnoses[i] ?? null))},${placeOfService}`);
    }
    const head = `${idCells}${cell.of(pm.month)}`;
    // The minutes the billed family counts, not all the month's: staff time is no part of a 99491 claim.
    const tail = `${count.of(pm.countedMinutes)}${cell.of(pm.billingNpi)}${diagnosesAndPlace}`;
    // Each line's own date of service: under threshold-met an add-on is dated the day its units were earned (D6).
    for (const line of pm.lines) {
      yield `${head}${cell.of(line.dateOfService)}${cell.of(line.code)}${count.of(line.units)}${tail}${paymentToEnd.of(line.estimatedPayment)}`;
    }
  }
}

/** One row per finding, with the rows to fix and, for entry-level findings, the entry's evidence. */
export function renderExceptionsCsv(result: AuditResult): string {
  return [...exceptionsCsvLines(result)].join('');
}

/**
 * exceptions.csv line by line, as claimsCsvLines: a line per finding, in EXCEPTIONS_COLUMNS' order. Concatenated,
 * not joined from an array of cells, and the cells from small sets (severity, rule, code, month, file, sheet, entry
 * date, staff, credential, the rule's fix sentence) escaped once per file: ~100 ms of a million-row audit's
 * `write csv`.
 */
export function* exceptionsCsvLines(result: AuditResult): Generator<string> {
  yield header(EXCEPTIONS_COLUMNS);
  const ruleCells = new RuleCells();
  const cell = cellsAfterComma();
  const count = countsAfterComma();
  // The rule's fix sentence with the comma after it, as one piece.
  const fixCell = new RepeatedText((fix) => `,${csvField(fix)},`, ',,');
  // Findings come patient by patient: a patient id's cell is escaped once per run.
  let patientId: string | null | undefined;
  let patientCell = '';
  for (const f of result.findings) {
    const first = f.sources[0];
    const entry = evidenceEntry(result, f);
    if (f.patientId !== patientId) {
      patientId = f.patientId;
      patientCell = flat(`,${csvField(patientId)}`);
    }
    yield (
      `${ruleCells.of(f)}${patientCell}${cell.of(f.month)}` +
      `${cell.of(first?.file ?? null)}${cell.of(first?.sheet ?? null)},${csvField(first?.row ?? null)},${csvField(otherRows(f.sources))}` +
      `${cell.of(entry?.date ?? null)}${cell.of(entry?.staff ?? null)}${cell.of(entry?.credential ?? null)}` +
      `${minutesCell(evidenceMinutes(entry), count)},${csvField(entry?.note ?? null)},${csvField(f.message)}${fixCell.of(f.fix)}${csvField(f.fingerprint)}\r\n`
    );
  }
}

/**
 * A finding's severity, rule and code cells as one piece (`warning,duplicate-entry,CCM002`), made once per rule: a
 * rule's findings share its code and, but for a configured override, its severity; the cells are remade when
 * either differs from the rule's last.
 */
class RuleCells {
  private readonly cells = new Map<string, { severity: string; code: string; text: string }>();

  of(f: Finding): string {
    let cells = this.cells.get(f.rule);
    if (cells === undefined || cells.severity !== f.severity || cells.code !== f.code) {
      cells = { severity: f.severity, code: f.code, text: flat(`${csvField(f.severity)},${csvField(f.rule)},${csvField(f.code)}`) };
      this.cells.set(f.rule, cells);
    }
    return cells.text;
  }
}

/**
 * A cell from a small set with the comma before it (`,2025-06`), escaped once per file as one flattened piece
 * (flat.ts): a line is then a rope of fewer pieces, and copying the pieces out is most of writing the file.
 */
function cellsAfterComma(): RepeatedText {
  return new RepeatedText((text) => `,${csvField(text)}`, ',');
}

/** A count's cell with the comma before it (`,23`), made once per value from a small range (RepeatedCount). */
function countsAfterComma(): RepeatedCount {
  return new RepeatedCount((value) => `,${csvField(value)}`, ',');
}

/** The evidence minutes' cell with the comma before it: a count, else the unreadable text as written. */
function minutesCell(minutes: number | string | null, count: RepeatedCount): string {
  return typeof minutes === 'string' ? `,${csvField(minutes)}` : count.of(minutes);
}

const BOM = '\uFEFF';
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * RFC 4180: CRLF after every record, fields with `"`, `,`, CR or LF quoted with `"` doubled. A UTF-8 BOM
 * makes Excel read the file as UTF-8 instead of the system code page. Every cell of a line goes through csvField
 * (directly, by csvLine or through a RepeatedText), which escapes every text cell; numbers pass through as numbers.
 */
function header(columns: readonly string[]): string {
  return `${BOM}${csvLine(columns)}\r\n`;
}

/** Cells as one CSV line (or part of one), without the line break; concatenated, as a line's cells are. */
function csvLine(cells: readonly CellValue[]): string {
  let line = csvField(cells[0] ?? null);
  for (let i = 1; i < cells.length; i++) line += `,${csvField(cells[i]!)}`;
  return line;
}

/** A cell as CSV text: text escaped against formulas, at its start and after an inner separator (escape.ts), then quoted when it must be. */
export function csvField(value: CellValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // Without a separator or quote (ids, codes, dates, names), only the first character can need escaping: one
  // scan instead of escapeCsvText's separator-then-trigger regex and the quoting scan (~100 ms on 1M rows).
  if (!SEPARATOR_OR_QUOTE.test(value)) return escapeText(value);
  const text = escapeCsvText(value);
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The characters after which escapeCsvText may escape a formula trigger (`;`, `,`, tab, CR, LF), and `"`, which needs quotes. */
const SEPARATOR_OR_QUOTE = /[;,\t\r\n"]/;
