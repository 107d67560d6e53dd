/**
 * Terse builders for rule tests: describe only what a case is about, the rest takes plausible defaults.
 * Records get their source rows from their position (row 2 is the first data row under the header), and
 * time entries get ids from their position, so a case can expect `entryIds: [0]` or `rows: [2]`.
 */
import { buildModel, type AuditModel } from '../../src/model/build.js';
import type { BilledService, CarePlan, Consent, Diagnosis, RejectedRow, SourceRef, TimeEntry, WithdrawnEntry } from '../../src/model/schema.js';
import { normalizeIcd10 } from '../../src/normalize/codes.js';
import type { InputKind } from '../../src/normalize/columns.js';
import type { Ingested } from '../../src/normalize/ingest.js';
import { classifyCredential } from '../../src/normalize/roles.js';

export const FILES = {
  timeLog: 'time_log.csv',
  consents: 'consents.csv',
  diagnoses: 'diagnoses.csv',
  services: 'services.csv',
  carePlans: 'care_plans.csv',
} as const satisfies Record<InputKind, string>;

/** Valid NPIs (Luhn over 80840 + 9 digits). */
export const NPI_A = '1234567893';
export const NPI_B = '1245319599';
export const RUN_DATE = '2026-11-15';
export const PATIENT = 'P1';

type Init<T> = Partial<T> & { row?: number };
/** A record waiting for its position; `spec` is what the test wrote, for the tester's duplicate-case check. */
export interface Pending<T> {
  kind: InputKind;
  row: number | undefined;
  spec: Record<string, unknown>;
  make: (source: SourceRef, index: number) => T;
}

function month(date: string): string {
  return date.slice(0, 7);
}

/** "09:30" → 570. */
export function hm(text: string): number {
  const [h, m] = text.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

/** A CCM entry by an RN on 2026-10-05 with a specific note, unique per position so notes never look cloned. */
export function entry(init: Init<TimeEntry> & { startTime?: string; stopTime?: string } = {}): Pending<TimeEntry> {
  const { startTime, stopTime, row, ...rest } = init;
  return {
    kind: 'timeLog',
    row,
    spec: init,
    make: (source, index) => {
      const date = rest.date ?? '2026-10-05';
      const credential = 'credential' in rest ? rest.credential : 'RN';
      const start = rest.start ?? (startTime === undefined ? undefined : hm(startTime));
      const stop = rest.stop ?? (stopTime === undefined ? undefined : hm(stopTime));
      const program = rest.program ?? 'ccm';
      const built: TimeEntry = {
        id: index,
        table: { file: source.file, sheet: source.sheet },
        row: source.row,
        patientId: PATIENT,
        staff: 'Nina Reyes',
        minutes: 20,
        note: `Reviewed home glucose log, fasting values ${100 + index}s; adjusted metformin timing; updated care plan goal`,
        npi: NPI_A,
        ...rest,
        credential,
        date,
        month: rest.month ?? month(date),
        role: rest.role ?? classifyCredential(credential),
        program,
        complex: rest.complex ?? program === 'complex-ccm',
        ...(start !== undefined ? { start } : {}),
        ...(stop !== undefined ? { stop } : {}),
      };
      // Fields set to undefined on purpose (no staff, no credential) must be absent, as the normalizer leaves them.
      for (const key of Object.keys(built) as (keyof TimeEntry)[]) if (built[key] === undefined) delete built[key];
      return built;
    },
  };
}

/** A consent accepted on 2026-01-15. */
export function consent(init: Init<Consent> = {}): Pending<Consent> {
  const { row, ...rest } = init;
  return { kind: 'consents', row, spec: init, make: (source) => ({ source, patientId: PATIENT, date: '2026-01-15', standing: 'accepted', ...rest }) };
}

/** A diagnosis as written in the export ("E11.9"), active since 2020. */
export function diagnosis(code: string, init: Init<Diagnosis> = {}): Pending<Diagnosis> {
  const { row, ...rest } = init;
  return {
    kind: 'diagnoses',
    row,
    spec: { code, ...init },
    make: (source) => ({ source, patientId: PATIENT, code: normalizeIcd10(code), codeText: code, onsetDate: '2020-01-01', resolved: false, ...rest }),
  };
}

/** A billed service on the last day of October 2026 by NPI_A. */
export function service(code: string, init: Init<BilledService> = {}): Pending<BilledService> {
  const { row, ...rest } = init;
  return {
    kind: 'services',
    row,
    spec: { code, ...init },
    make: (source) => {
      const date = rest.date ?? '2026-10-31';
      return { source, patientId: PATIENT, code, units: 1, npi: NPI_A, ...rest, date, month: month(date) };
    },
  };
}

/** A care plan established on 2026-01-15. */
export function carePlan(init: Init<CarePlan> = {}): Pending<CarePlan> {
  const { row, ...rest } = init;
  return {
    kind: 'carePlans',
    row,
    spec: init,
    make: (source) => {
      const date = rest.date ?? '2026-01-15';
      return { source, patientId: PATIENT, ...rest, date, month: month(date) };
    },
  };
}

/** A row the normalizer rejected. */
export function rejected(init: Partial<RejectedRow> & { row?: number } = {}): RejectedRow {
  const { row, ...rest } = init;
  return { source: { file: FILES.timeLog, sheet: null, row: row ?? 2 }, kind: 'timeLog', column: 'DOS', value: '13/45/2026', reason: '"13/45/2026" is not a date', ...rest };
}

export interface ModelSpec {
  entries?: Pending<TimeEntry>[];
  /**
   * Time-log rows their export marks withdrawn (voided, deleted), built with entry(): rows numbered after the
   * entries', so a withdrawn row of a later export (`table`) never shares a row with an entry.
   */
  withdrawn?: Pending<TimeEntry>[];
  /** Giving a list (even empty) means that export was part of the inputs (`kindsPresent`). */
  consents?: Pending<Consent>[];
  diagnoses?: Pending<Diagnosis>[];
  services?: Pending<BilledService>[];
  carePlans?: Pending<CarePlan>[];
  rejected?: RejectedRow[];
  hasMbiColumn?: boolean;
  period?: string;
  runDate?: string;
}

function place<T>(list: readonly Pending<T>[] | undefined, file: string): T[] {
  return (list ?? []).map((p, index) => p.make({ file, sheet: null, row: p.row ?? index + 2 }, index));
}

function placeWithdrawn(spec: ModelSpec): WithdrawnEntry[] {
  const after = spec.entries?.length ?? 0;
  return (spec.withdrawn ?? []).map((p, index) => {
    const { id: _id, ...row } = p.make({ file: FILES.timeLog, sheet: null, row: p.row ?? after + index + 2 }, after + index);
    return row;
  });
}

/**
 * Time logs given beside FILES.timeLog, as overlapping monthly exports are: an entry placed in one with
 * `entry({ table: { file: LATER_TIME_LOGS[0], sheet: null } })`.
 */
export const LATER_TIME_LOGS = ['time_log_2026-11-02.csv', 'time_log_2026-12-02.csv'] as const;

/** One CSV input per kind, named as FILES, and the later time logs: what the rows' sources point at (fingerprints name tables by kind). */
const INPUTS: Ingested['inputs'] = ([...Object.entries(FILES), ...LATER_TIME_LOGS.map((file) => ['timeLog', file])] as [InputKind, string][]).map(([kind, file]) => ({
  file,
  path: file,
  sha256: '',
  tables: [{ file, sheet: null, kind, headerRow: 1, columns: [], ignoredColumns: [], rowsRead: 0, records: 0, rejected: 0, skipped: { blank: 0, totals: 0, headings: 0, beforeHeader: 0, withdrawn: 0 } }],
}));

/** An Ingested holding these records and nothing else: a time log (and diagnoses, when given). */
export function timeLogIngested(entries: TimeEntry[], diagnoses: Diagnosis[] = []): Ingested {
  return {
    entries,
    withdrawn: [],
    consents: [],
    diagnoses,
    services: [],
    carePlans: [],
    rejected: [],
    inputs: INPUTS,
    kindsPresent: new Set(['timeLog']),
    hasMbiColumn: false,
  };
}

/** The Ingested object a spec stands for (consents, diagnoses… present as kinds only when given). */
export function ingested(spec: ModelSpec): Ingested {
  const kinds = new Set<InputKind>(['timeLog']);
  for (const kind of ['consents', 'diagnoses', 'services', 'carePlans'] as const) if (spec[kind] !== undefined) kinds.add(kind);
  return {
    entries: place(spec.entries, FILES.timeLog),
    withdrawn: placeWithdrawn(spec),
    consents: place(spec.consents, FILES.consents),
    diagnoses: place(spec.diagnoses, FILES.diagnoses),
    services: place(spec.services, FILES.services),
    carePlans: place(spec.carePlans, FILES.carePlans),
    rejected: spec.rejected ?? [],
    inputs: INPUTS,
    kindsPresent: kinds,
    hasMbiColumn: spec.hasMbiColumn ?? false,
  };
}

export function model(spec: ModelSpec): AuditModel {
  return buildModel(ingested(spec), { period: spec.period, runDate: spec.runDate ?? RUN_DATE, freeze: true });
}
