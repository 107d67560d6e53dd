import { describeLocation } from '../errors.js';
import { CCM_PROGRAMS, type AuditModel } from '../model/build.js';
import type { SourceRef, TimeEntry } from '../model/schema.js';
import { firstDayOfMonth, lastDayOfMonth } from '../model/queries.js';
import { isValidNpi } from '../normalize/codes.js';
import { WITHHELD } from './engine.js';

/** The last day of a yyyy-mm month, as an ISO date (remembered per month: rules ask it per patient-month). */
export const monthEnd = lastDayOfMonth;
/** The first day of a yyyy-mm month, as an ISO date (remembered per month, as monthEnd). */
export const monthStart = firstDayOfMonth;

/**
 * An NPI as a redacted message (--redact, the terminal) may show it (RuleReport.redactedData): a valid NPI is a
 * public practitioner identifier, listed in NPPES, and what the billing manager needs to act on; anything else
 * is cell text as written, which may be a note pushed into the NPI column by a ragged row, and is withheld.
 */
export function publicNpi(npi: string): string {
  return isValidNpi(npi) ? npi : WITHHELD;
}

/** How many other rows a message names before it says "and N more": messages stay one readable line. */
export const MAX_ROWS_NAMED = 3;


/**
 * The rows entry-level CCM rules judge: CCM-program entries (D3) of the audited month when `--month` is
 * given. Other months' rows are reported once by date-outside-period, not re-audited by every rule.
 */
export function isAuditedEntry(model: AuditModel, entry: TimeEntry): boolean {
  return CCM_PROGRAMS.has(entry.program) && inPeriod(model, entry.month);
}

export function inPeriod(model: AuditModel, month: string): boolean {
  return model.period === undefined || month === model.period;
}

function sameSheet(a: SourceRef, b: SourceRef): boolean {
  return a.file === b.file && a.sheet === b.sheet;
}

/**
 * Another row, as seen from the finding's own row `base`: "row 12" in the same sheet, otherwise with its file
 * and sheet ('consents.csv, row 3'). Findings already carry full locations; messages stay short.
 */
export function rowFrom(base: SourceRef, source: SourceRef): string {
  return sameSheet(base, source) ? `row ${source.row}` : describeLocation(source);
}

/**
 * Rows seen from `base`, grouped by sheet, at most MAX_ROWS_NAMED named: "rows 4, 9; services.csv, row 3
 * and 2 more". `total` is the number of rows meant, when the caller passes only the first few.
 */
export function describeRows(base: SourceRef, sources: readonly SourceRef[], total = sources.length): string {
  const groups = new Map<string, number[]>();
  for (const source of sources.slice(0, MAX_ROWS_NAMED)) {
    const key = sameSheet(base, source) ? '' : describeLocation({ file: source.file, sheet: source.sheet });
    const rows = groups.get(key);
    if (rows) rows.push(source.row);
    else groups.set(key, [source.row]);
  }
  const text = [...groups]
    .map(([where, rows]) => `${where === '' ? '' : `${where}, `}${rows.length === 1 ? 'row' : 'rows'} ${rows.join(', ')}`)
    .join('; ');
  const named = Math.min(MAX_ROWS_NAMED, sources.length);
  return total > named ? `${text} and ${total - named} more` : text;
}

/** Minutes after midnight as hh:mm, or hh:mm:ss when a duration of fractional minutes ends between minutes. */
export function clock(minutes: number): string {
  const seconds = Math.round(minutes * 60);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, '0');
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, '0');
  return seconds % 60 === 0 ? `${hh}:${mm}` : `${hh}:${mm}:${String(seconds % 60).padStart(2, '0')}`;
}

/** "1 entry", "3 entries". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Minutes for messages: whole minutes stay whole, fractions keep up to two decimals. */
export function formatMinutes(minutes: number): string {
  return String(Math.round(minutes * 100) / 100);
}

export function formatDollars(amount: number): string {
  return `$${amount.toFixed(2)}`;
}

export function staffLabel(entry: TimeEntry): string {
  return entry.staff ?? 'unnamed staff';
}

/**
 * A patient's value for the patient-months in turn: worked out when the patient changes and reused for its next
 * months. The model lists a patient's months together, so a patient's consents or diagnoses are read once, not
 * once a month; in another order the value would only be worked out again, never be wrong.
 */
export function perPatient<T>(compute: (patientId: string) => T): (patientId: string) => T {
  let patient: string | undefined;
  let value = undefined as T;
  return (patientId) => {
    if (patientId !== patient) {
      patient = patientId;
      value = compute(patientId);
    }
    return value;
  };
}
