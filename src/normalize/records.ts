import { sourceOf, type BilledService, type ConsentStanding, type Program, type CarePlan, type Consent, type Diagnosis, type RejectedRow, type StaffRole, type TableRef, type TimeEntry } from '../model/schema.js';
import type { RawCell } from '../read/types.js';
import { cellText, optionalCellText } from './cells.js';
import { isProcedureCode, normalizeIcd10, normalizeId, normalizeMbi, normalizeNpi, procedureCodeAndUnits } from './codes.js';
import type { InputKind } from './columns.js';
import { monthOf, parseDate, parseMonthOnly, type DateOrder } from './dates.js';
import { parseDuration, roundMinutes, type Duration } from './durations.js';
import { KeyedMemo, KeyedSlots, Memo } from './memo.js';
import { classifyProgram, isComplexMarker } from './programs.js';
import { classifyCredential } from './roles.js';
import { classifyCarePlanStatus, classifyConsentStatus, classifyDiagnosisStatus, classifyEntryStatus, isRevocationStatus, type DiagnosisStanding, type EntryStanding } from './statuses.js';
import { clockSpan, parseClockTime } from './times.js';

export interface NormalizeContext {
  dateOrder: DateOrder;
  credentials: ReadonlyMap<string, StaffRole>;
  /** The config's `programs` map, keyed by `programKey`; labels it names win over the built-in names. */
  programs?: ReadonlyMap<string, Program> | undefined;
  /** The config's `consentStatuses` map, keyed by `statusKey`; statuses it names win over the built-in words. */
  consentStatuses?: ReadonlyMap<string, ConsentStanding> | undefined;
  /** The config's `entryStatuses` map, keyed by `statusKey`; statuses it names win over the built-in words. */
  entryStatuses?: ReadonlyMap<string, EntryStanding> | undefined;
  /** Per-run memos of parsed cell text (see memo.ts); made by `normalizeMemos()`. */
  memo: NormalizeMemos;
}

/**
 * Memos per column, not per kind of value: each remembers its last cell too, and a column such as staff or
 * credential repeats its last value row after row, where columns sharing one memo would keep displacing it.
 */
export interface NormalizeMemos {
  text: Record<string, Memo<string>>;
  id: Memo<string>;
  mbi: Memo<string | undefined>;
  date: Memo<string | null>;
  month: Memo<string>;
  /** Undefined for an empty or placeholder cell, null for one that is no clock time. */
  clock: Record<string, Memo<number | null | undefined>>;
  /** A credential cell's text and role, and a program cell's text and program: one lookup per row for both. */
  credential: Memo<{ text: string | undefined; role: StaffRole }>;
  program: Memo<{ text: string | undefined; program: Program }>;
  duration: Memo<Duration>;
  npi: Record<string, Memo<string | undefined>>;
  consentStatus: Memo<ConsentStanding>;
  diagnosisStatus: Memo<DiagnosisStanding>;
  entryStatus: Memo<EntryStanding>;
  /** The time logs' patients (PatientMemo), made with the first time log's columns. */
  patients?: PatientMemo;
}

export function normalizeMemos(): NormalizeMemos {
  return { text: {}, id: new Memo(), mbi: new Memo(), date: new Memo(), month: new Memo(), clock: {}, credential: new Memo(), program: new Memo(), duration: new Memo(), npi: {}, consentStatus: new Memo(), diagnosisStatus: new Memo(), entryStatus: new Memo() };
}

function columnMemo<T>(memos: Record<string, Memo<T>>, field: string): Memo<T> {
  return (memos[field] ??= new Memo<T>());
}

/** A parse of a cell, memoized by its text when it is text (CSV cells always are). */
function memoized<T>(memo: Memo<T>, cell: RawCell | undefined, parse: (cell: RawCell | undefined) => T): T {
  return typeof cell === 'string' ? memo.get(cell, parse) : parse(cell);
}

/** Reads one data row: the cell and the header text of a field, when the table has that column. */
export interface RowAccess {
  /** The table, one object for all its rows, and the row being read. */
  table: TableRef;
  row: number;
  kind: InputKind;
  /** The row's cells, for readers that found their columns once per table (TimeLogColumns). */
  cells: readonly (RawCell | undefined)[];
  /** The row's intern keys from `keyAt` on, when the CSV tokenizer read it (RawRow.internKeys). */
  internKeys: Int32Array | undefined;
  keyAt: number;
  cell(field: string): RawCell | undefined;
  header(field: string): string;
}

/** A record of one kind, or the reasons it could not be made (one per bad column). */
export type Normalized<T> = { ok: true; record: T } | { ok: false; problems: RejectedRow[] };

class Problems {
  /** Allocated on the first problem only: almost every row has none. */
  list: RejectedRow[] | undefined;
  constructor(private readonly row: RowAccess) {}
  add(field: string, reason: string, patientId?: string): void {
    (this.list ??= []).push({
      source: sourceOf(this.row),
      kind: this.row.kind,
      column: this.row.header(field) || field,
      value: cellText(this.row.cell(field)),
      reason,
      ...(patientId ? { patientId } : {}),
    });
  }
}

function text(row: RowAccess, field: string): string | undefined {
  const t = cellText(row.cell(field));
  return t === '' ? undefined : t;
}

/** text() of an optional cell, where a placeholder (`N/A`, `-`, `Unknown`) is empty: see cells.ts. */
function optionalText(row: RowAccess, field: string): string | undefined {
  const t = optionalCellText(row.cell(field));
  return t === '' ? undefined : t;
}

function requiredId(row: RowAccess, problems: Problems): string {
  const id = normalizeId(row.cell('patientId'));
  if (id === '') problems.add('patientId', 'the patient id is empty');
  return id;
}

/** An optional date; empty or a placeholder is undefined, unreadable text is a problem. */
function optionalDate(row: RowAccess, field: string, ctx: NormalizeContext, problems: Problems, patientId: string): string | undefined {
  return optionalCellText(row.cell(field)) === '' ? undefined : dateCell(row, field, ctx, problems, patientId);
}

/** A date field whose column is required: empty is undefined, any other unreadable text (`N/A` too) a problem. */
function dateCell(row: RowAccess, field: string, ctx: NormalizeContext, problems: Problems, patientId: string): string | undefined {
  const cell = row.cell(field);
  if (cellText(cell) === '') return undefined;
  return readableDate(memoized(ctx.memo.date, cell, (c) => parseDate(c, ctx.dateOrder)), cell, field, problems, patientId);
}

function requiredDate(row: RowAccess, field: string, ctx: NormalizeContext, problems: Problems, patientId: string): string {
  if (cellText(row.cell(field)) === '') return emptyDate(field, problems, patientId);
  return dateCell(row, field, ctx, problems, patientId) ?? '';
}

/** The parse of a non-empty date cell; unreadable (null) is a problem. */
function readableDate(date: string | null, cell: RawCell | undefined, field: string, problems: Problems, patientId: string): string | undefined {
  if (date === null) problems.add(field, `"${cellText(cell)}" is not a date`, patientId);
  return date ?? undefined;
}

/** A required date left empty: a problem. */
function emptyDate(field: string, problems: Problems, patientId: string): string {
  problems.add(field, 'the date is empty', patientId);
  return '';
}

function readOptionalClock(cell: RawCell | undefined): number | null | undefined {
  return optionalCellText(cell) === '' ? undefined : parseClockTime(cell);
}

function finish<T>(problems: Problems, record: T): Normalized<T> {
  return problems.list ? { ok: false, problems: problems.list } : { ok: true, record };
}

/**
 * finish(), keeping on each problem of a rejected row what held-by-invalid-row needs (RejectedRow): the month
 * the row is dated in, from its date or a month written alone, and what else the row may have said. Without a
 * patient id nothing can be held, and nothing is kept.
 */
function finishHeld<T>(problems: Problems, record: T, held: { patientId: string; date: string | undefined; dateCell: RawCell | undefined; order: DateOrder; code?: string; mayEndConsent?: boolean }): Normalized<T> {
  if (problems.list && held.patientId !== '') {
    const month = held.date ? monthOf(held.date) : parseMonthOnly(held.dateCell, held.order);
    for (const p of problems.list) {
      if (month) p.month = month;
      if (held.code !== undefined) p.code = held.code;
      if (held.mayEndConsent) p.mayEndConsent = true;
    }
  }
  return finish(problems, record);
}

/**
 * A time log's columns, found once per table: each field's position in the row (-1: the export has no such
 * column), the per-column memos and the memos' parse functions. Found by field name on every row, they were
 * ~20 map lookups and two closures per row (~180 ms of the 1M-row input's ingest).
 */
export interface TimeLogColumns {
  readonly patientId: number;
  readonly patientName: number;
  readonly mbi: number;
  readonly date: number;
  readonly start: number;
  readonly stop: number;
  readonly minutes: number;
  readonly staff: number;
  readonly credential: number;
  readonly program: number;
  readonly activity: number;
  readonly note: number;
  readonly billingNpi: number;
  readonly renderingNpi: number;
  readonly complexity: number;
  readonly entryStatus: number;
  readonly patients: PatientMemo;
  /** The patients by their id cell's intern key (RawRow.internKeys), before `patients`: see KeyedMemo. */
  readonly patientsByKey: KeyedSlots<PatientCells>;
  readonly patientNameMemo: Memo<string>;
  readonly staffMemo: KeyedMemo<string>;
  readonly activityMemo: KeyedMemo<string>;
  readonly complexityMemo: KeyedMemo<string>;
  readonly entryStatusMemo: Memo<string>;
  readonly dateMemo: KeyedMemo<string | null>;
  readonly startMemo: KeyedMemo<number | null | undefined>;
  readonly stopMemo: KeyedMemo<number | null | undefined>;
  readonly durationMemo: KeyedMemo<Duration>;
  readonly credentialMemo: KeyedMemo<{ text: string | undefined; role: StaffRole }>;
  readonly programMemo: KeyedMemo<{ text: string | undefined; program: Program }>;
  readonly billingNpiMemo: KeyedMemo<string | undefined>;
  readonly renderingNpiMemo: KeyedMemo<string | undefined>;
  readonly readDate: (cell: RawCell | undefined) => string | null;
  readonly readCredential: (cell: RawCell | undefined) => { text: string | undefined; role: StaffRole };
  readonly readProgram: (cell: RawCell | undefined) => { text: string | undefined; program: Program };
}

export function timeLogColumns(columnOf: (field: string) => number | undefined, ctx: NormalizeContext): TimeLogColumns {
  const at = (field: string) => columnOf(field) ?? -1;
  const memo = ctx.memo;
  return {
    patientId: at('patientId'),
    patientName: at('patientName'),
    mbi: at('mbi'),
    date: at('date'),
    start: at('start'),
    stop: at('stop'),
    minutes: at('minutes'),
    staff: at('staff'),
    credential: at('credential'),
    program: at('program'),
    activity: at('activity'),
    note: at('note'),
    billingNpi: at('billingNpi'),
    renderingNpi: at('renderingNpi'),
    complexity: at('complexity'),
    entryStatus: at('entryStatus'),
    patients: (memo.patients ??= new PatientMemo()),
    patientsByKey: new KeyedSlots(),
    patientNameMemo: columnMemo(memo.text, 'patientName'),
    staffMemo: new KeyedMemo(columnMemo(memo.text, 'staff')),
    activityMemo: new KeyedMemo(columnMemo(memo.text, 'activity')),
    complexityMemo: new KeyedMemo(columnMemo(memo.text, 'complexity')),
    entryStatusMemo: columnMemo(memo.text, 'entryStatus'),
    dateMemo: new KeyedMemo(memo.date),
    startMemo: new KeyedMemo(columnMemo(memo.clock, 'start')),
    stopMemo: new KeyedMemo(columnMemo(memo.clock, 'stop')),
    durationMemo: new KeyedMemo(memo.duration),
    credentialMemo: new KeyedMemo(memo.credential),
    programMemo: new KeyedMemo(memo.program),
    billingNpiMemo: new KeyedMemo(columnMemo(memo.npi, 'billingNpi')),
    renderingNpiMemo: new KeyedMemo(columnMemo(memo.npi, 'renderingNpi')),
    readDate: (cell) => parseDate(cell, ctx.dateOrder),
    readCredential: (cell) => {
      const text = cellText(cell) || undefined;
      return { text, role: classifyCredential(text, ctx.credentials) };
    },
    readProgram: (cell) => {
      const text = cellText(cell) || undefined;
      return { text, program: classifyProgram(text, ctx.programs) };
    },
  };
}

/** A cell by its column's position; -1, a column the export does not have, gives undefined. */
function cellAt(cells: readonly (RawCell | undefined)[], column: number): RawCell | undefined {
  return column < 0 ? undefined : cells[column];
}

/** The intern key of the row's cell in `column`, which holds a string (so the row reaches it); -1 when none. */
function keyOf(row: RowAccess, column: number): number {
  return row.internKeys === undefined ? -1 : row.internKeys[row.keyAt + column]!;
}

/** A parse of the cell in `column`, memoized when it is text: by its intern key when it has one, else by its text. */
function keyed<T>(row: RowAccess, column: number, memo: KeyedMemo<T>, parse: (cell: RawCell | undefined) => T): T {
  const cell = cellAt(row.cells, column);
  return typeof cell === 'string' ? memo.get(keyOf(row, column), cell, parse) : parse(cell);
}

/** A time-log row's patient: its id, name and MBI as read, with the cells they were read from. */
interface PatientCells {
  readonly idCell: string;
  readonly nameCell: RawCell | undefined;
  readonly mbiCell: RawCell | undefined;
  readonly id: string;
  readonly name: string | undefined;
  readonly mbi: string | undefined;
}

/**
 * A patient's id, name and MBI cells, which travel together row after row, remembered by the id cell: one map
 * lookup per row for the three, the name and MBI cells then compared to the ones remembered (the same string,
 * a CSV's short cells being one string per value) rather than looked up in their own memos. That took ~2M of
 * the 1M-row input's ~7.5M memo lookups. A row whose name or MBI differs from the id's last is read by the
 * memos and then remembered instead.
 */
export class PatientMemo {
  private readonly map = new Map<string, PatientCells>();
  constructor(private readonly limit = 100_000) {}

  find(idCell: string, nameCell: RawCell | undefined, mbiCell: RawCell | undefined): PatientCells | undefined {
    return sameCells(this.map.get(idCell), nameCell, mbiCell);
  }

  remember(patient: PatientCells): void {
    if (this.map.size < this.limit || this.map.has(patient.idCell)) this.map.set(patient.idCell, patient);
  }
}

/** `known`, when its name and MBI cells are the row's. */
function sameCells(known: PatientCells | undefined, nameCell: RawCell | undefined, mbiCell: RawCell | undefined): PatientCells | undefined {
  return known !== undefined && known.nameCell === nameCell && known.mbiCell === mbiCell ? known : undefined;
}

/** The patient id, name and MBI of a time-log row; an empty id is a problem. */
function entryPatient(row: RowAccess, columns: TimeLogColumns, ctx: NormalizeContext, problems: Problems): { id: string; name: string | undefined; mbi: string | undefined } {
  const cells = row.cells;
  const idCell = cellAt(cells, columns.patientId);
  const nameCell = cellAt(cells, columns.patientName);
  const mbiCell = cellAt(cells, columns.mbi);
  const idKey = typeof idCell === 'string' ? keyOf(row, columns.patientId) : -1;
  const known = idKey >= 0 ? sameCells(columns.patientsByKey.at(idKey), nameCell, mbiCell) : typeof idCell === 'string' ? columns.patients.find(idCell, nameCell, mbiCell) : undefined;
  const patient = known ?? readPatient(idCell, idKey, nameCell, mbiCell, columns, ctx);
  if (patient.id === '') problems.add('patientId', 'the patient id is empty');
  return patient;
}

function readPatient(idCell: RawCell | undefined, idKey: number, nameCell: RawCell | undefined, mbiCell: RawCell | undefined, columns: TimeLogColumns, ctx: NormalizeContext): { id: string; name: string | undefined; mbi: string | undefined } {
  const id = memoized(ctx.memo.id, idCell, normalizeId);
  const name = memoized(columns.patientNameMemo, nameCell, cellText) || undefined;
  const mbi = memoized(ctx.memo.mbi, mbiCell, normalizeMbi);
  if (typeof idCell !== 'string') return { id, name, mbi };
  const patient: PatientCells = { idCell, nameCell, mbiCell, id, name, mbi };
  columns.patients.remember(patient);
  if (idKey >= 0) columns.patientsByKey.set(idKey, patient);
  return patient;
}

/** A time entry's date: required, memoized by the cell's text. */
function entryDate(row: RowAccess, columns: TimeLogColumns, problems: Problems, patientId: string): string {
  const cell = cellAt(row.cells, columns.date);
  if (cellText(cell) === '') return emptyDate('date', problems, patientId);
  return readableDate(keyed(row, columns.date, columns.dateMemo, columns.readDate), cell, 'date', problems, patientId) ?? '';
}

/** An optional clock time: empty or a placeholder is undefined, unreadable text a problem. */
function entryClock(row: RowAccess, column: number, field: string, memo: KeyedMemo<number | null | undefined>, problems: Problems, patientId: string): number | undefined {
  const time = keyed(row, column, memo, readOptionalClock);
  if (time === null) problems.add(field, `"${cellText(cellAt(row.cells, column))}" is not a clock time`, patientId);
  return time ?? undefined;
}

/** The text of a column that repeats from row to row (staff, activity…): one shared string per value. */
function entryText(row: RowAccess, column: number, memo: KeyedMemo<string>): string | undefined {
  return keyed(row, column, memo, cellText) || undefined;
}

/** How a time-log row's status cell reads (no cell, or an empty one: `active`). */
export function entryStanding(status: RawCell | undefined, ctx: NormalizeContext): EntryStanding {
  const written = cellText(status);
  return written === '' ? 'active' : ctx.memo.entryStatus.get(written, (s) => classifyEntryStatus(s, ctx.entryStatuses));
}

export function normalizeTimeEntry(row: RowAccess, id: number, ctx: NormalizeContext, columns: TimeLogColumns): Normalized<TimeEntry> {
  const cells = row.cells;
  const problems = new Problems(row);
  const patient = entryPatient(row, columns, ctx, problems);
  const patientId = patient.id;
  const date = entryDate(row, columns, problems, patientId);
  const start = entryClock(row, columns.start, 'start', columns.startMemo, problems, patientId);
  const stop = entryClock(row, columns.stop, 'stop', columns.stopMemo, problems, patientId);
  const clockMinutes = start !== undefined && stop !== undefined ? clockSpan(start, stop) : undefined;

  const duration = keyed(row, columns.minutes, columns.durationMemo, parseDuration);
  let minutes: number | null;
  let minutesText: string | undefined;
  if (duration.kind === 'minutes') minutes = duration.minutes;
  else if (duration.kind === 'invalid') {
    minutes = null;
    minutesText = duration.text;
  } else if (clockMinutes !== undefined) minutes = roundMinutes(clockMinutes);
  else {
    minutes = null;
    minutesText = '';
  }

  const { text: credential, role } = keyed(row, columns.credential, columns.credentialMemo, columns.readCredential);
  const { text: programText, program } = keyed(row, columns.program, columns.programMemo, columns.readProgram);
  const status = cellAt(cells, columns.entryStatus);
  // Every field in one literal, absent ones undefined (the helpers return undefined for empty cells): all
  // entries then share one V8 shape, so the property reads of the rules and billing over a million entries
  // stay monomorphic (six shapes, from optional fields added one by one, made them megamorphic).
  const entry: TimeEntry = {
    id,
    table: row.table,
    row: row.row,
    patientId,
    patientName: patient.name,
    mbi: patient.mbi,
    date,
    month: ctx.memo.month.get(date, monthOf),
    staff: entryText(row, columns.staff, columns.staffMemo),
    credential,
    role,
    minutes,
    minutesText,
    start,
    stop,
    activity: entryText(row, columns.activity, columns.activityMemo),
    note: cellText(cellAt(cells, columns.note)),
    program,
    programText,
    npi: keyed(row, columns.billingNpi, columns.billingNpiMemo, normalizeNpi) ?? keyed(row, columns.renderingNpi, columns.renderingNpiMemo, normalizeNpi),
    complex: program === 'complex-ccm' || isComplexMarker(entryText(row, columns.complexity, columns.complexityMemo)),
    unrecognizedStatus: entryStanding(status, ctx) === 'unrecognized' ? memoized(columns.entryStatusMemo, status, cellText) || undefined : undefined,
  };
  return finish(problems, entry);
}

const AFFIRMATIVE = /^(yes|y|true|x|revoked)$/i;

export function normalizeConsent(row: RowAccess, ctx: NormalizeContext): Normalized<Consent> {
  const problems = new Problems(row);
  const patientId = requiredId(row, problems);
  const date = dateCell(row, 'consentDate', ctx, problems, patientId);
  const status = text(row, 'status');
  const revokedText = optionalText(row, 'revoked');
  let revokedDate: string | undefined;
  let revokedUndated = false;
  if (revokedText !== undefined) {
    const parsed = parseDate(row.cell('revoked'), ctx.dateOrder);
    if (parsed) revokedDate = parsed;
    else if (AFFIRMATIVE.test(revokedText)) revokedUndated = true;
    else if (!/^(no|n|false)$/i.test(revokedText)) problems.add('revoked', `"${revokedText}" is neither a date nor yes/no`, patientId);
  }
  const method = text(row, 'method');
  const npi = normalizeNpi(row.cell('npi'));
  // A row without a status is a consent log's plain record of consent. A revocation with no date cannot be
  // placed in time; the conservative reading is no consent.
  const read = status === undefined ? 'accepted' : ctx.memo.consentStatus.get(status, (s) => classifyConsentStatus(s, ctx.consentStatuses));
  const standing = revokedUndated ? 'declined' : read;
  // Unread, a refusal or a revocation may have ended an earlier consent: held-by-invalid-row holds the months
  // it may concern. An acceptance can only add consent, so leaving it out never bills without one.
  const mayEndConsent = standing === 'declined' || (revokedText !== undefined && !/^(no|n|false)$/i.test(revokedText));
  return finishHeld(problems, {
    source: sourceOf(row),
    patientId,
    ...(date ? { date } : {}),
    ...(method ? { method } : {}),
    ...(revokedDate ? { revokedDate } : {}),
    standing,
    ...(standing === 'declined' && (revokedUndated || (status !== undefined && isRevocationStatus(status))) ? { revocation: true as const } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(npi ? { npi } : {}),
  }, { patientId, date, dateCell: row.cell('consentDate'), order: ctx.dateOrder, mayEndConsent });
}

const RESOLVED_STATUS = /^(resolved|inactive|historical|history|hx|ruled ?out|entered in error|error|deleted|removed|no|n|false)$/i;

export function normalizeDiagnosis(row: RowAccess, ctx: NormalizeContext): Normalized<Diagnosis> {
  const problems = new Problems(row);
  const patientId = requiredId(row, problems);
  const codeText = text(row, 'code');
  if (codeText === undefined) problems.add('code', 'the diagnosis code is empty', patientId);
  const onsetDate = optionalDate(row, 'onset', ctx, problems, patientId);
  const resolvedText = optionalText(row, 'resolved');
  let resolvedDate: string | undefined;
  let resolvedFlag = false;
  if (resolvedText !== undefined) {
    const parsed = parseDate(row.cell('resolved'), ctx.dateOrder);
    if (parsed) resolvedDate = parsed;
    else if (AFFIRMATIVE.test(resolvedText) || RESOLVED_STATUS.test(resolvedText)) resolvedFlag = /^(yes|y|true|x|resolved)$/i.test(resolvedText);
    else problems.add('resolved', `"${resolvedText}" is neither a date nor yes/no`, patientId);
  }
  const status = text(row, 'status');
  const standing = status === undefined ? 'active' : ctx.memo.diagnosisStatus.get(status, classifyDiagnosisStatus);
  const description = text(row, 'description');
  return finish(problems, {
    source: sourceOf(row),
    patientId,
    code: normalizeIcd10(row.cell('code')),
    codeText: codeText ?? '',
    ...(description ? { description } : {}),
    ...(onsetDate ? { onsetDate } : {}),
    ...(resolvedDate ? { resolvedDate } : {}),
    resolved: resolvedFlag || standing === 'inactive',
    // Not counted, and named in insufficient-chronic-conditions' message, rather than counted on a guess.
    ...(standing === 'unrecognized' && status !== undefined ? { unrecognizedStatus: status } : {}),
    ...(standing === 'inactive' && status !== undefined ? { inactiveStatus: status } : {}),
  });
}

export function normalizeService(row: RowAccess, ctx: NormalizeContext): Normalized<BilledService> {
  const problems = new Problems(row);
  const patientId = requiredId(row, problems);
  const date = requiredDate(row, 'date', ctx, problems, patientId);
  const { code, units: unitsInCode } = procedureCodeAndUnits(row.cell('code'));
  if (code === '') problems.add('code', 'the procedure code is empty', patientId);
  // An unread code could be the month's CCM claim: reported, never passed over (billing it again is the largest
  // overpayment OIG found, R-OIG-2019).
  else if (!isProcedureCode(code)) problems.add('code', `"${cellText(row.cell('code'))}" is not one CPT or HCPCS code`, patientId);
  // Units in the code cell ("99439 x2") count when the Units cell is empty: read as one unit, an overbilled
  // add-on passed. When both give a count and they differ, which is billed cannot be known: the row is reported.
  let units = unitsInCode ?? 1;
  const unitsText = optionalText(row, 'units');
  if (unitsText !== undefined) {
    units = Number(unitsText);
    if (!Number.isInteger(units) || units < 1) problems.add('units', `"${unitsText}" is not a whole number of units`, patientId);
    else if (unitsInCode !== undefined && unitsInCode !== units) {
      problems.add('units', `${unitsText} unit(s) here, but the code cell says "${cellText(row.cell('code'))}"`, patientId);
    }
  } else if (unitsInCode !== undefined && unitsInCode < 1) {
    problems.add('code', `"${cellText(row.cell('code'))}" is not a whole number of units`, patientId);
  }
  const npi = normalizeNpi(row.cell('npi')) ?? normalizeNpi(row.cell('renderingNpi'));
  const description = text(row, 'description');
  return finishHeld(problems, {
    source: sourceOf(row),
    patientId,
    date,
    month: monthOf(date),
    code,
    units,
    ...(npi ? { npi } : {}),
    ...(description ? { description } : {}),
  }, { patientId, date: date || undefined, dateCell: row.cell('date'), order: ctx.dateOrder, ...(isProcedureCode(code) ? { code } : {}) });
}

export function normalizeCarePlan(row: RowAccess, ctx: NormalizeContext): Normalized<CarePlan> {
  const problems = new Problems(row);
  const patientId = requiredId(row, problems);
  const date = requiredDate(row, 'date', ctx, problems, patientId);
  const action = text(row, 'action');
  const status = text(row, 'status');
  const endDate = optionalDate(row, 'endDate', ctx, problems, patientId);
  // A status column is judged whole; an action column is free text ("Phone review"), read only for an ending.
  const standing = status === undefined ? 'active' : classifyCarePlanStatus(status);
  const endedStatus = standing === 'ended' ? status : action !== undefined && classifyCarePlanStatus(action) === 'ended' ? action : undefined;
  // A row saying the plan ended, without an end date, ended it on its own date.
  const end = endDate ?? (endedStatus !== undefined ? date : undefined);
  return finish(problems, {
    source: sourceOf(row),
    patientId,
    date,
    month: monthOf(date),
    ...(action ? { action } : {}),
    ...(end ? { endDate: end } : {}),
    ...(endedStatus !== undefined ? { endedStatus } : {}),
    ...((standing === 'pending' || standing === 'unrecognized') && status !== undefined ? { uncountedStatus: status } : {}),
  });
}
