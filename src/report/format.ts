import type { AuditResult } from '../audit-types.js';
import type { ClaimLine } from '../billing/types.js';
import { EMPTY_SHEET, type TableReport } from '../normalize/ingest.js';
import type { SourceRef, TimeEntry } from '../model/schema.js';
import type { Finding } from '../rules/types.js';

/**
 * Presentation helpers shared by the reporters. They look things up and format; they decide nothing about
 * billing, so every reporter shows the same figures the audit computed.
 */

/** A row as Excel users write it: `Log!12`; a CSV has no sheet (`row 12`); another file is named first. */
function rowRef(ref: SourceRef, baseFile?: string): string {
  const where = ref.sheet === null ? `row ${ref.row}` : `${ref.sheet}!${ref.row}`;
  return ref.file === baseFile ? where : `${ref.file} ${where}`;
}

/** The rows after the first, relative to the first row's file: `Log!12; Log!14`. */
export function otherRows(sources: readonly SourceRef[]): string {
  // Most findings have one source: no arrays made for their empty cell.
  if (sources.length < 2) return '';
  const base = sources[0]?.file;
  return sources
    .slice(1)
    .map((s) => rowRef(s, base))
    .join('; ');
}

/** The time entry whose evidence (date, staff, minutes, note) an entry-level finding shows: its first. */
export function evidenceEntry(result: AuditResult, finding: Finding): TimeEntry | undefined {
  if (finding.level !== 'entry') return undefined;
  const id = finding.entryIds[0];
  return id === undefined ? undefined : result.entries[id];
}

/** The minutes cell as evidence: the number, else the unreadable text the finding is about. */
export function evidenceMinutes(entry: TimeEntry | undefined): number | string | null {
  if (!entry) return null;
  return entry.minutes ?? entry.minutesText ?? null;
}

/** Each rule's fix sentence, taken from its findings (a rule's fix is the same on every finding). */
export function fixesByRule(findings: readonly Finding[]): Map<string, string> {
  const fixes = new Map<string, string>();
  for (const f of findings) if (!fixes.has(f.rule)) fixes.set(f.rule, f.fix);
  return fixes;
}

/** `99490, 99439 ×2` */
export function codesText(lines: readonly ClaimLine[]): string {
  return lines.map((l) => (l.units === 1 ? l.code : `${l.code} ×${l.units}`)).join(', ');
}

/** A yyyy-mm-dd date at UTC midnight: exceljs stores getTime(), so a local midnight would shift the day. */
export function utcDate(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!));
}

/**
 * Sheets that hold rows but no table ccm read (no header found, or hidden): their rows count for nothing, so
 * every report a user reads names them, not only report.json.
 */
export function unreadTables(result: AuditResult): TableReport[] {
  return result.inputs.flatMap((input) => input.tables).filter((t) => t.kind === null && t.note !== undefined && t.note !== EMPTY_SHEET);
}

/** Tables whose entry-status column withdrew rows (deleted, voided…): left out of the audit, said, never silently. */
export function withdrawnTables(result: AuditResult): TableReport[] {
  return result.inputs.flatMap((input) => input.tables).filter((t) => t.skipped.withdrawn > 0);
}

/** Tables with rows hidden in Excel: a claim cannot be reconciled with what the sheet shows unless it says so. */
export function hiddenRowTables(result: AuditResult): TableReport[] {
  return result.inputs.flatMap((input) => input.tables).filter((t) => t.hiddenRows !== undefined);
}

/** What was hidden in one table and what ccm did with it: `1 row hidden by hand (row 3), left out (…); 3 rows hidden by the AutoFilter, read`. */
export function hiddenRowsText(t: TableReport): string {
  const h = t.hiddenRows!;
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const parts: string[] = [];
  if (h.byHand > 0) {
    const what = h.leftOut === 0 ? 'read (they can only withhold a claim)' : `${h.leftOut === h.byHand ? '' : `${h.leftOut} of them `}left out (unhide a row if it counts, or delete it)`;
    const which = h.byHandRows.join(', ') + (h.byHand > h.byHandRows.length ? ', …' : '');
    parts.push(`${rows(h.byHand)} hidden by hand (row${h.byHand === 1 ? '' : 's'} ${which}), ${what}`);
  }
  if (h.filtered > 0) parts.push(`${rows(h.filtered)} hidden by the AutoFilter, read`);
  if (h.collapsed > 0) parts.push(`${rows(h.collapsed)} in collapsed outline groups, read`);
  return parts.join('; ');
}

/**
 * `12 entries marked deleted, … (column "Entry Status")`: what a status column withdrew from one table — time
 * entries, or billed claims voided in the billing system.
 */
export function withdrawnText(t: TableReport): string {
  const n = t.skipped.withdrawn;
  const claims = t.kind === 'services';
  const column = t.columns.find((col) => col.field === (claims ? 'status' : 'entryStatus'));
  const what = claims
    ? `${n} billed ${n === 1 ? 'claim' : 'claims'} voided, reversed or cancelled`
    : `${n} ${n === 1 ? 'entry' : 'entries'} marked deleted, voided, entered in error, duplicate or not to be billed`;
  return `${what}${column ? ` (column "${column.header}")` : ''}`;
}
