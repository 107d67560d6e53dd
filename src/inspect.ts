import type { Config } from './config/schema.js';
import { ingestOptions } from './audit.js';
import { CcmError } from './errors.js';
import { KIND_LABELS } from './normalize/columns.js';
import { ingest, type InputReport, type InputSpec } from './normalize/ingest.js';
import type { RejectedRow } from './model/schema.js';
import type { ReadEncoding } from './read/encoding.js';
import type { XlsxReader } from './read/xlsx.js';
import { hiddenRowsText } from './report/format.js';
import { WITHHELD } from './rules/engine.js';

export interface Inspection {
  file: string;
  report?: InputReport;
  /** Why the file could not be read at all. */
  error?: string;
  /** The same without the cell text it quotes (CcmError.withheldMessage), for the terminal; absent when it quotes none. */
  withheldError?: string;
  /** The first rows that could not be normalized, so a user sees why before running an audit. */
  rejected: RejectedRow[];
}

const SHOWN_REJECTS = 5;

/**
 * A CSV's encoding as read. Said, because names decoded in another encoding than the other inputs' do not
 * match them (one nurse read as two staff members); the two Windows-1252 cases say which bytes it covered.
 */
const ENCODING_NOTES: Record<ReadEncoding, string> = {
  'UTF-8': 'UTF-8',
  'Windows-1252': 'Windows-1252 (no multi-byte UTF-8 character in it)',
  'mixed UTF-8 / Windows-1252': 'mixed UTF-8 / Windows-1252 (UTF-8, and Windows-1252 for the bytes that are not UTF-8)',
  'UTF-16LE': 'UTF-16LE',
  'UTF-16BE': 'UTF-16BE',
};

/** What `ccm inspect` shows: each file read on its own, so one bad file does not hide the others. */
export async function inspectInputs(specs: readonly InputSpec[], config: Config, xlsxReader?: XlsxReader): Promise<Inspection[]> {
  const out: Inspection[] = [];
  for (const spec of specs) {
    try {
      const data = await ingest([spec], { ...ingestOptions(config), xlsxReader, requireTimeLog: false });
      out.push({ file: spec.path, report: data.inputs[0]!, rejected: data.rejected.slice(0, SHOWN_REJECTS) });
    } catch (error) {
      if (!(error instanceof CcmError)) throw error;
      out.push({ file: spec.path, error: error.message, ...(error.withheldMessage !== undefined ? { withheldError: error.withheldMessage } : {}), rejected: [] });
    }
  }
  return out;
}

/**
 * The inspection for the terminal. A rejected row's value and reason quote the cell, which may be a note a
 * missing cell pushed into the wrong column: withheld unless `showNotes`, as the audit's summary does.
 */
export function renderInspection(inspections: readonly Inspection[], options: { showNotes?: boolean } = {}): string {
  const showNotes = options.showNotes ?? false;
  const lines: string[] = [];
  for (const item of inspections) {
    if (item.error) {
      lines.push(`${item.file}`, `  cannot be used: ${showNotes ? item.error : (item.withheldError ?? item.error)}`, '');
      continue;
    }
    const report = item.report!;
    lines.push(`${report.file}  (sha256 ${report.sha256.slice(0, 12)}…)`);
    if (report.encoding) lines.push(`  read as ${ENCODING_NOTES[report.encoding]}`);
    for (const t of report.tables) {
      const where = t.sheet === null ? '' : `sheet "${t.sheet}"${t.hidden ? ` (${t.hidden})` : ''}: `;
      if (t.kind === null) {
        lines.push(`  ${where}skipped — ${(showNotes ? t.note : (t.withheldNote ?? t.note)) ?? 'not a known kind'}`);
        continue;
      }
      lines.push(`  ${where}${KIND_LABELS[t.kind]}, header in row ${t.headerRow}`);
      for (const c of t.columns) lines.push(`    ${c.column.padEnd(3)} ${JSON.stringify(c.header).padEnd(24)} → ${c.field}`);
      if (t.ignoredColumns.length > 0) lines.push(`    not used: ${t.ignoredColumns.map((h) => JSON.stringify(h)).join(', ')}`);
      const skipped = [
        t.skipped.beforeHeader ? `${t.skipped.beforeHeader} above the header` : '',
        t.skipped.blank ? `${t.skipped.blank} blank` : '',
        t.skipped.totals ? `${t.skipped.totals} totals` : '',
        t.skipped.headings ? `${t.skipped.headings} headings (header repeated, month titles)` : '',
        t.skipped.withdrawn ? (t.kind === 'services' ? `${t.skipped.withdrawn} voided, reversed or cancelled claims` : `${t.skipped.withdrawn} marked deleted, voided, entered in error, duplicate or not to be billed`) : '',
      ].filter(Boolean);
      lines.push(`    rows: ${t.records} read, ${t.rejected} unreadable${skipped.length ? `, skipped ${skipped.join(', ')}` : ''}`);
      // Rows hidden by hand that are left out are not read: said on their own line, with the first rows' numbers.
      if (t.hiddenRows) lines.push(`    hidden rows: ${hiddenRowsText(t)}`);
      if (t.mergedFilled) lines.push(`    merged cells filled down: ${ranges(t.mergedFilled)} (patient, date, staff, provider, program, status or end-date columns)`);
      // A merged quantity is one value, as Excel sums it: said, so nobody expects it on every row.
      if (t.mergedNotFilled) lines.push(`    merged cells not filled down: ${ranges(t.mergedNotFilled)} (minutes, units, times, codes, notes, start dates: read once, in the range's top row)`);
    }
    for (const r of item.rejected) {
      const reason = showNotes || r.value === '' ? r.reason : r.reason.split(`"${r.value}"`).join(`"${WITHHELD}"`);
      lines.push(`  row ${r.source.row}${r.source.sheet ? ` of "${r.source.sheet}"` : ''}, column "${r.column}": ${reason}`);
    }
    lines.push('');
  }
  return `${lines.join('\n')}`;
}

function ranges(count: number): string {
  return `${count} range${count === 1 ? '' : 's'}`;
}
