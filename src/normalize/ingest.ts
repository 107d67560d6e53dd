import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { columnLetter } from '../column-letter.js';
import { CcmError, describeLocation } from '../errors.js';
import type { BilledService, CarePlan, Consent, ConsentStanding, Diagnosis, Program, RejectedRow, StaffRole, TimeEntry, WithdrawnEntry } from '../model/schema.js';
import { DEFAULT_LIMITS, type ReadLimits } from '../read/limits.js';
import { MergeFiller } from '../read/merges.js';
import { readInput } from '../read/open.js';
import type { ReadEncoding } from '../read/encoding.js';
import type { ActiveFilter, RawCell, RawRow, RawSheet, SheetHiding } from '../read/types.js';
import type { XlsxReader } from '../read/xlsx.js';
import { cellText } from './cells.js';
import { FILL_DOWN_FIELDS, KIND_LABELS, type InputKind } from './columns.js';
import { parseDate, type DateOrder } from './dates.js';
import { HEADER_SEARCH_ROWS, describeConflict, describeMissing, detectTable, type Candidate, type ColumnOverrides } from './detect.js';
import {
  normalizeCarePlan,
  normalizeConsent,
  normalizeDiagnosis,
  normalizeService,
  normalizeTimeEntry,
  normalizeMemos,
  entryStanding,
  timeLogColumns,
  type NormalizeContext,
  type RowAccess,
  type TimeLogColumns,
} from './records.js';
import { classifyRow, HeaderRow } from './skip-rows.js';
import { isVoidClaimStatus, type EntryStanding } from './statuses.js';

/** One input as given on the command line: a path, optionally a sheet (`file.xlsx#Sheet`) and a forced kind. */
export interface InputSpec {
  path: string;
  /** The path as the user wrote it, for reports: absolute paths would differ between machines and runs. */
  label?: string;
  sheet?: string;
  kind?: InputKind;
}

export interface IngestOptions {
  dateOrder: DateOrder;
  /** `inspect` reads any table; an audit needs a time log. */
  requireTimeLog?: boolean;
  limits?: ReadLimits;
  /** 'exceljs' reads every workbook with exceljs instead of the lean reader; the default is 'lean'. */
  xlsxReader?: XlsxReader | undefined;
  columns: ColumnOverrides;
  credentials: ReadonlyMap<string, StaffRole>;
  /** Program labels the config classifies (`"programs": {"Care Management": "ccm"}`), keyed by `programKey`. */
  programs?: ReadonlyMap<string, Program> | undefined;
  /** Consent statuses the config classifies (`"consentStatuses": {"Enrolled": "accepted"}`), keyed by `statusKey`. */
  consentStatuses?: ReadonlyMap<string, ConsentStanding> | undefined;
  /** Entry statuses the config classifies (`"entryStatuses": {"Locked by QA": "active"}`), keyed by `statusKey`. */
  entryStatuses?: ReadonlyMap<string, EntryStanding> | undefined;
  /** Progress hook (issue #6, src/cli/progress.ts): rows read so far in a table, every 1,024 rows and at each file's start. */
  onRows?: ((file: string, sheet: string | null, rows: number) => void) | undefined;
}

export interface TableReport {
  file: string;
  sheet: string | null;
  kind: InputKind | null;
  headerRow: number | null;
  columns: { field: string; header: string; column: string }[];
  /** Header cells no field claimed. */
  ignoredColumns: string[];
  rowsRead: number;
  records: number;
  rejected: number;
  /**
   * Rows that are not entries: blank, totals, headings (the header repeated, a month title), above the header,
   * and time entries whose status withdraws them (deleted, voided, entered in error, a duplicate, do not bill: `withdrawn`).
   */
  skipped: { blank: number; totals: number; headings: number; beforeHeader: number; withdrawn: number };
  /** Why a table was skipped, or what a partial match lacked. */
  note?: string;
  /**
   * The note with the cells it quotes `[withheld]` (the header row of a partial match, which may be a data row),
   * for the terminal and --redact; absent when the note quotes no cell. Like CcmError.withheldMessage.
   */
  withheldNote?: string;
  /** The worksheet is hidden in the workbook; not read unless named (`book.xlsx#Sheet`). */
  hidden?: SheetHiding;
  /** Merged ranges whose top-left value was filled down into the data rows below it (absent when none). */
  mergedFilled?: number;
  /**
   * Merged ranges over data rows left as the file holds them, their value in the top row only, because their
   * column is not one that is filled (minutes, units, times, codes, notes, dates that start something;
   * FILL_DOWN_FIELDS); absent when none.
   */
  mergedNotFilled?: number;
  /**
   * Data rows hidden in Excel (absent when none): `byHand` (Hide Rows: no active AutoFilter covers them and they
   * are in no outline group), `filtered` (inside an active AutoFilter's range) and `collapsed` (in an outline
   * group); and `leftOut`, the rows hidden by hand not read: as they would add to a claim (hiddenRowAdds), or
   * withdrawn by their status (counted in `skipped.withdrawn` too).
   */
  hiddenRows?: HiddenRows;
}

export interface HiddenRows {
  byHand: number;
  /** The first rows hidden by hand (SHOWN_HIDDEN_ROWS), to find them in the sheet. */
  byHandRows: number[];
  filtered: number;
  collapsed: number;
  leftOut: number;
}

/** TableReport.note of a sheet with nothing in it: the one skipped sheet not worth mentioning. */
export const EMPTY_SHEET = 'empty sheet';

export interface InputReport {
  file: string;
  path: string;
  sha256: string;
  /** A CSV's encoding as read (UTF-8, Windows-1252 or both mixed, UTF-16); absent for workbooks. */
  encoding?: ReadEncoding;
  tables: TableReport[];
}

/** A withdrawn row is no entry of the log: its id (a position in the log) is none. */
const WITHDRAWN_ID = -1;

export interface Ingested {
  entries: TimeEntry[];
  /**
   * Time-log rows whose status withdrew them (deleted, voided…), as read: not entries, but an identical row in
   * another export is the same entry, withdrawn since (model/build.ts). Rows that do not read are not kept.
   */
  withdrawn: WithdrawnEntry[];
  consents: Consent[];
  diagnoses: Diagnosis[];
  services: BilledService[];
  carePlans: CarePlan[];
  rejected: RejectedRow[];
  inputs: InputReport[];
  /** Kinds that had at least one table, even an empty one: a rule about care plans runs only when they were exported. */
  kindsPresent: Set<InputKind>;
  /** The time log had an MBI column, so the invalid-mbi rule applies. */
  hasMbiColumn: boolean;
}


/**
 * Read every input, detect each table's kind and header, and normalize its rows into records. Rows stream
 * through: only the first rows of a table are held, to find its header.
 */
export async function ingest(specs: readonly InputSpec[], options: IngestOptions): Promise<Ingested> {
  const result: Ingested = {
    entries: [],
    withdrawn: [],
    consents: [],
    diagnoses: [],
    services: [],
    carePlans: [],
    rejected: [],
    inputs: [],
    kindsPresent: new Set(),
    hasMbiColumn: false,
  };
  const ctx: NormalizeContext = { dateOrder: options.dateOrder, credentials: options.credentials, programs: options.programs, consentStatuses: options.consentStatuses, entryStatuses: options.entryStatuses, memo: normalizeMemos() };
  /** Why each sheet was no table, for the exit-2 line when no time log is found; `withheld` for the terminal. */
  const partials: { full: string; withheld: string }[] = [];
  for (const spec of specs) {
    const report: InputReport = { file: basename(spec.path), path: spec.label ?? spec.path, sha256: '', tables: [] };
    options.onRows?.(report.file, null, 0); // progress hook (#6): a workbook's first row can take seconds
    let sheetFound = spec.sheet === undefined;
    let digest: string | undefined;
    for await (const sheet of readInput(spec.path, options.limits ?? DEFAULT_LIMITS, options.xlsxReader)) {
      if (spec.sheet !== undefined && sheet.sheet !== spec.sheet) {
        await drain(sheet.rows);
        continue;
      }
      sheetFound = true;
      const table = await ingestTable(sheet, spec, options, ctx, result);
      if (table.kind === null && table.note) partials.push({ full: `${describeLocation(sheet)}: ${table.note}`, withheld: `${describeLocation(sheet)}: ${table.withheldNote ?? table.note}` });
      report.tables.push(table);
      digest = sheet.sha256?.();
      const encoding = sheet.encoding?.();
      if (encoding) report.encoding = encoding;
    }
    // The location in the form redactErrorLine pseudonymizes; the advice names no file, which under --redact
    // would be a pseudonym that is no file on disk.
    if (!sheetFound) throw new CcmError(`${describeLocation({ file: report.file, sheet: spec.sheet ?? null })}: no such sheet in the workbook; run \`ccm inspect\` on the workbook to list its sheets.`);
    report.sha256 = digest ?? (await sha256(spec.path));
    result.inputs.push(report);
  }
  if (options.requireTimeLog !== false) {
    if (!result.kindsPresent.has('timeLog')) {
      const problem = 'no time log found in the inputs';
      if (partials.length === 0) throw new CcmError(`${problem}: no sheet or file has a header row with patient, date and minutes columns`);
      const [full, withheld] = [partials.map((p) => p.full).join(' | '), partials.map((p) => p.withheld).join(' | ')];
      throw new CcmError(`${problem}: ${full}`, withheld === full ? undefined : `${problem}: ${withheld}`);
    }
    const timeLogs = result.inputs.flatMap((i) => i.tables).filter((t) => t.kind === 'timeLog');
    if (timeLogs.every((t) => t.records + t.rejected === 0)) {
      const t = timeLogs[0]!;
      throw new CcmError(`${describeLocation(t)}: the time log has a header (row ${t.headerRow}) but no entries; export it again with the month's rows.`);
    }
  }
  return result;
}

async function ingestTable(sheet: RawSheet, spec: InputSpec, options: IngestOptions, ctx: NormalizeContext, out: Ingested): Promise<TableReport> {
  const iterator = sheet.rows[Symbol.asyncIterator]();
  const sample: RawRow[] = [];
  /** The rows of the last batch read that are past the sample. */
  let afterSample: readonly RawRow[] = [];
  let exhausted = false;
  while (sample.length < HEADER_SEARCH_ROWS) {
    const next = await iterator.next();
    if (next.done) {
      exhausted = true;
      break;
    }
    const room = HEADER_SEARCH_ROWS - sample.length;
    sample.push(...next.value.slice(0, room));
    if (next.value.length > room) afterSample = next.value.slice(room);
  }
  const report: TableReport = {
    file: sheet.file,
    sheet: sheet.sheet,
    kind: null,
    headerRow: null,
    columns: [],
    ignoredColumns: [],
    rowsRead: 0,
    records: 0,
    rejected: 0,
    skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 },
  };
  if (sheet.hidden) report.hidden = sheet.hidden;
  const detection = detectTable(sample, { ...(spec.kind ? { kind: spec.kind } : {}), overrides: options.columns });
  // A hidden sheet is where a workbook's owner puts what should not count (voided entries, last month's log):
  // read as data, its minutes would be billed unseen. Only a sheet the user names is read; the others are
  // named in the summary with what they hold, so the rows are never left out silently either.
  if (sheet.hidden && spec.sheet === undefined) {
    if (!exhausted) await drain({ [Symbol.asyncIterator]: () => iterator });
    const holds = detection.ok ? `it holds a ${KIND_LABELS[detection.candidate.kind]} table (header in row ${detection.candidate.headerRow}); ` : '';
    const nonBlank = sample.some((r) => r.cells.some((c) => cellText(c) !== ''));
    // The whole workbook and one of its sheets cannot both be inputs: naming it means naming the others too.
    // No file or sheet name in the note: the reports show the location beside it (and --redact replaces it there).
    report.note = nonBlank ? `${hiddenLabel(sheet.hidden)}, not read: ${holds}to audit it, give the workbook's sheets as inputs one by one (book.xlsx#Sheet), this one included` : EMPTY_SHEET;
    return report;
  }
  if (!detection.ok) {
    // A table that is either diagnoses or billed services by its header, and the codes do not say: never a guess.
    if (detection.ambiguous) throw new CcmError(`${describeLocation(sheet)}: ${detection.ambiguous}.`);
    if (!exhausted) await drain({ [Symbol.asyncIterator]: () => iterator });
    const best = detection.best;
    const nonBlank = sample.filter((r) => r.cells.some((c) => cellText(c) !== ''));
    // A CSV holds one table and a named input was named for a reason: say what is missing and stop.
    // A sheet of billed services (patient and code columns) that cannot be read is not one to pass over: the
    // months it billed would be claimed again. Every other unread table can only withhold a claim.
    const mustMatch = spec.kind !== undefined || sheet.sheet === null || (best !== undefined && isBilledServicesTable(best));
    if (mustMatch) {
      if (nonBlank.length === 0) throw new CcmError(`${describeLocation(sheet)}: the file has no rows; export it again.`);
      if (best) throw missingColumns(sheet, best);
      const label = spec.kind ? KIND_LABELS[spec.kind] : 'time log, consents, diagnoses or billed services';
      const problem = `${describeLocation(sheet)}: no header row of a ${label} found in the first ${HEADER_SEARCH_ROWS} rows; first row`;
      // A time log exported without its header starts with a data row: patient, staff, note. The terminal
      // gets its shape only, enough to see that it is data, not a header.
      throw new CcmError(`${problem}: ${firstRowText(nonBlank)}.`, `${problem}: ${firstRowShape(nonBlank)}.`);
    }
    report.note = best ? describeMissing(best) : nonBlank.length === 0 ? EMPTY_SHEET : `no known header row in the first ${HEADER_SEARCH_ROWS} rows`;
    const withheld = best ? describeMissing(best, { withhold: true }) : report.note;
    if (withheld !== report.note) report.withheldNote = withheld;
    return report;
  }
  const candidate = detection.candidate;
  if (candidate.conflicts.length > 0) throw new CcmError(`${describeLocation({ ...sheet, row: candidate.headerRow })}: ${describeConflict(candidate)}.`);
  describeTable(report, candidate);
  out.kindsPresent.add(candidate.kind);
  if (candidate.kind === 'timeLog' && candidate.matches.some((m) => m.field === 'mbi')) out.hasMbiColumn = true;

  const index = new Map(candidate.matches.map((m) => [m.field, m.index]));
  const header = new Map(candidate.matches.map((m) => [m.field, m.header]));
  const patientColumn = index.get('patientId')!;
  const statusColumn = candidate.kind === 'timeLog' ? index.get('entryStatus') : undefined;
  const claimStatusColumn = candidate.kind === 'services' ? index.get('status') : undefined;
  const headerRow = new HeaderRow(candidate.headers, patientColumn);
  const limits = options.limits ?? DEFAULT_LIMITS;
  // One accessor for the whole table, pointed at each row in turn: no closures allocated per row.
  const access: RowAccess = {
    table: { file: sheet.file, sheet: sheet.sheet },
    row: 0,
    kind: candidate.kind,
    cells: [],
    internKeys: undefined,
    keyAt: 0,
    cell: (field) => {
      const i = index.get(field);
      return i === undefined ? undefined : access.cells[i];
    },
    header: (field) => header.get(field) ?? '',
  };
  const timeLog = candidate.kind === 'timeLog' ? timeLogColumns((field) => index.get(field), ctx) : undefined;
  // Merged cells inside the data rows show their value on every row in Excel; the file holds it in the top row.
  // Only the columns that identify a row, or can only end or withhold something (a status, a resolved or revoked
  // date), are filled; a merged quantity stays one value (FILL_DOWN_FIELDS).
  const fillDown = FILL_DOWN_FIELDS[candidate.kind];
  const fillable = new Set(candidate.matches.filter((m) => fillDown.has(m.field)).map((m) => m.index));
  const merges = new MergeFiller(sheet.merges ?? [], candidate.headerRow, (column) => fillable.has(column));
  const handle = (given: RawRow): void => {
    if (given.row <= candidate.headerRow) {
      if (given.row < candidate.headerRow) report.skipped.beforeHeader++;
      return;
    }
    report.rowsRead++;
    if ((report.rowsRead & 1023) === 0) options.onRows?.(sheet.file, sheet.sheet, report.rowsRead); // progress hook (#6)
    if (report.rowsRead > limits.maxRows) {
      throw new CcmError(`${describeLocation(sheet)}: more than ${limits.maxRows} rows; split the export or raise limits.maxRows in the config.`);
    }
    checkCellLengths(given, sheet, candidate.headers, limits.maxCellChars);
    // Blank, totals and heading rows are told on the row as the file holds it: a subtotal row under a patient's
    // merged MRN has no id of its own, and filled it would read as an entry with no date.
    const skip = classifyRow(given, patientColumn, headerRow);
    if (skip) {
      if (!merges.empty) merges.pass(given);
      report.skipped[skip]++;
      return;
    }
    const row = merges.empty ? given : merges.fill(given);
    const byHand = row.hidden !== undefined && countHidden(report, row, sheet.filter);
    // Withdrawn in the source system: not an entry, but counted in the table report and the summary.
    if (statusColumn !== undefined) {
      if (entryStanding(row.cells[statusColumn], ctx) === 'withdrawn') {
        report.skipped.withdrawn++;
        if (byHand) report.hiddenRows!.leftOut++;
        pointAt(access, row);
        const read = normalizeTimeEntry(access, WITHDRAWN_ID, ctx, timeLog!);
        if (read.ok) out.withdrawn.push(read.record);
        return;
      }
    }
    // A claim voided or reversed in the billing system bills nothing: its month is free for a claim.
    if (claimStatusColumn !== undefined && isVoidClaim(row.cells[claimStatusColumn])) {
      report.skipped.withdrawn++;
      return;
    }
    // Hidden by hand in Excel, the way a hand-kept log voids a row: what it would add to a claim is not read.
    if (byHand && candidate.kind === 'timeLog') {
      report.hiddenRows!.leftOut++;
      return;
    }
    pointAt(access, row);
    const normalized = normalizeRow(candidate.kind, access, out.entries.length, ctx, timeLog);
    if (byHand && normalized.ok && hiddenRowAdds(candidate.kind, normalized.record)) {
      report.hiddenRows!.leftOut++;
      return;
    }
    if (normalized.ok) {
      pushRecord(out, candidate.kind, normalized.record);
      report.records++;
    } else {
      out.rejected.push(...normalized.problems);
      report.rejected++;
    }
  };
  for (const row of sample) handle(row);
  for (const row of afterSample) handle(row);
  if (!exhausted) for (let next = await iterator.next(); !next.done; next = await iterator.next()) for (const row of next.value) handle(row);
  if (merges.filledRanges > 0) report.mergedFilled = merges.filledRanges;
  if (merges.unfilledRanges > 0) report.mergedNotFilled = merges.unfilledRanges;
  return report;
}

/** Points a table's one RowAccess at `row`. */
function pointAt(access: RowAccess, row: RawRow): void {
  access.cells = row.cells;
  access.row = row.row;
  access.internKeys = row.internKeys;
  access.keyAt = row.keyAt ?? 0;
}

type AnyRecord = TimeEntry | Consent | Diagnosis | BilledService | { patientId: string };

/** How many of a table's rows hidden by hand its report names. */
const SHOWN_HIDDEN_ROWS = 5;

/**
 * Counts a hidden data row in the table's report; true when it was hidden by hand: not explained by an active
 * AutoFilter over it (whose hidden rows are data out of view) nor by an outline group (collapsed detail rows,
 * such as Data > Subtotal's under their totals). Excel marks a row hidden by hand and one a filter hides the
 * same way, so a row inside an active filter's range counts as filtered, and is read.
 */
function countHidden(report: TableReport, row: RawRow, filter: ActiveFilter | undefined): boolean {
  const hidden = (report.hiddenRows ??= { byHand: 0, byHandRows: [], filtered: 0, collapsed: 0, leftOut: 0 });
  if (row.hidden === 'outline') hidden.collapsed++;
  else if (filter !== undefined && row.row > filter.top && row.row <= filter.bottom) hidden.filtered++;
  else {
    if (hidden.byHand++ < SHOWN_HIDDEN_ROWS) hidden.byHandRows.push(row.row);
    return true;
  }
  return false;
}

/**
 * Whether a row hidden by hand would add to a claim, and so is not read: a workbook's owner hides a row to void
 * it, like a hidden sheet (the reference is silent; the conservative reading). A time entry adds minutes, a
 * consent that accepts (and revokes nothing) consent, an active diagnosis a chronic condition, a care plan in
 * place the plan. What can only withhold a claim is read as any row: a billed service (the month was billed), a
 * refusal or revocation, a resolved or inactive problem, a plan ended or not in place. So is a row that does
 * not read: invalid-row reports it (and held-by-invalid-row holds what it may concern).
 */
function hiddenRowAdds(kind: InputKind, record: AnyRecord): boolean {
  switch (kind) {
    case 'timeLog':
      return true;
    case 'consents': {
      const consent = record as Consent;
      return consent.standing === 'accepted' && consent.revokedDate === undefined;
    }
    case 'diagnoses': {
      const diagnosis = record as Diagnosis;
      return !diagnosis.resolved && diagnosis.resolvedDate === undefined && diagnosis.inactiveStatus === undefined && diagnosis.unrecognizedStatus === undefined;
    }
    case 'services':
      return false;
    case 'carePlans': {
      const plan = record as CarePlan;
      return plan.endDate === undefined && plan.endedStatus === undefined && plan.uncountedStatus === undefined;
    }
  }
}

/** `timeLog`: the table's columns when it is a time log. */
function normalizeRow(kind: InputKind, row: RowAccess, nextEntryId: number, ctx: NormalizeContext, timeLog: TimeLogColumns | undefined) {
  switch (kind) {
    case 'timeLog':
      return normalizeTimeEntry(row, nextEntryId, ctx, timeLog!);
    case 'consents':
      return normalizeConsent(row, ctx);
    case 'diagnoses':
      return normalizeDiagnosis(row, ctx);
    case 'services':
      return normalizeService(row, ctx);
    case 'carePlans':
      return normalizeCarePlan(row, ctx);
  }
}

function pushRecord(out: Ingested, kind: InputKind, record: AnyRecord): void {
  // A switch, not a lookup object: this runs once per row, and an object per row is a million for the GC.
  listOf(out, kind).push(record);
}

function listOf(out: Ingested, kind: InputKind): AnyRecord[] {
  switch (kind) {
    case 'timeLog':
      return out.entries;
    case 'consents':
      return out.consents;
    case 'diagnoses':
      return out.diagnoses;
    case 'services':
      return out.services;
    case 'carePlans':
      return out.carePlans;
  }
}

function checkCellLengths(row: RawRow, sheet: RawSheet, headers: readonly string[], max: number): void {
  for (let i = 0; i < row.cells.length; i++) {
    const cell = row.cells[i];
    if (typeof cell === 'string' && cell.length > max) {
      const column = headers[i] || columnLetter(i);
      throw new CcmError(`${describeLocation({ ...sheet, row: row.row, column })}: a cell of ${cell.length} characters, over the ${max} limit; check the export.`);
    }
  }
}

/** What a table named as an input lacks; the header row's unknown cells withheld on the terminal (describeMissing). */
function missingColumns(sheet: RawSheet, best: Candidate): CcmError {
  const [full, withheld] = [describeMissing(best), describeMissing(best, { withhold: true })];
  return new CcmError(`${describeLocation(sheet)}: ${full}.`, withheld === full ? undefined : `${describeLocation(sheet)}: ${withheld}.`);
}

function hiddenLabel(hidden: SheetHiding): string {
  return hidden === 'veryHidden' ? 'very hidden sheet (only a macro can show it)' : 'hidden sheet';
}

function describeTable(report: TableReport, candidate: Candidate): void {
  report.kind = candidate.kind;
  report.headerRow = candidate.headerRow;
  report.columns = candidate.matches.map((m) => ({ field: m.field, header: m.header, column: columnLetter(m.index) }));
  const used = new Set(candidate.matches.map((m) => m.index));
  report.ignoredColumns = candidate.headers.filter((h, i) => h !== '' && !used.has(i));
}

function firstRowText(rows: RawRow[]): string {
  const text = (rows[0]?.cells ?? []).map((c) => cellText(c)).filter(Boolean).join(', ');
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

/** The first row as the kinds of its cells ("7 cells: number, date, text, …"), without a character of them. */
export function firstRowShape(rows: readonly RawRow[]): string {
  const cells = rows[0]?.cells ?? [];
  const last = cells.findLastIndex((c) => cellText(c) !== '');
  const kinds = cells.slice(0, last + 1).map(cellKind);
  const shown = kinds.length > 12 ? [...kinds.slice(0, 12), '…'] : kinds;
  return `${kinds.length} cell${kinds.length === 1 ? '' : 's'} (${shown.join(', ')}; their text withheld)`;
}

function cellKind(cell: RawCell): 'empty' | 'number' | 'date' | 'text' {
  const text = cellText(cell);
  if (text === '') return 'empty';
  if (cell instanceof Date) return 'date';
  // Before dates: parseDate reads a bare number as an Excel serial, and a patient id is no date.
  if (typeof cell === 'number' || /^[-+]?\d+(?:[.,]\d+)?$/.test(text)) return 'number';
  return parseDate(text) !== null || parseDate(text, 'dmy') !== null ? 'date' : 'text';
}

async function drain(rows: AsyncIterable<readonly RawRow[]>): Promise<void> {
  for await (const _ of rows) {
    // A workbook's next sheet comes only after this one is read to the end.
  }
}

async function sha256(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

function isBilledServicesTable(c: Candidate): boolean {
  return c.kind === 'services' && c.matches.some((m) => m.field === 'patientId') && c.matches.some((m) => m.field === 'code');
}

function isVoidClaim(cell: RawRow['cells'][number] | undefined): boolean {
  const text = cellText(cell);
  return text !== '' && isVoidClaimStatus(text);
}
