import type { InputKind } from '../normalize/columns.js';
import type { Ingested } from '../normalize/ingest.js';
import type { BilledService, CarePlan, Consent, Diagnosis, RejectedRow, TimeEntry } from './schema.js';

/** Programs whose minutes count toward CCM codes (D3). */
export const CCM_PROGRAMS: ReadonlySet<TimeEntry['program']> = new Set(['ccm', 'complex-ccm']);

export function patientMonthKey(patientId: string, month: string): string {
  return `${patientId}\u0000${month}`;
}

export interface PatientMonthRef {
  readonly patientId: string;
  readonly month: string;
  /** CCM-program entries of the month, in time-log order (duplicates removed). */
  readonly entries: readonly TimeEntry[];
}

export interface DuplicatePair {
  readonly entry: TimeEntry;
  readonly duplicateOf: TimeEntry;
}

/** What the rules and billing see: frozen, indexed by patient, patient-month and staff-day. */
export interface AuditModel {
  /** Time entries after exact duplicates are removed (D2), every program. */
  readonly entries: readonly TimeEntry[];
  readonly duplicates: readonly DuplicatePair[];
  readonly consents: readonly Consent[];
  readonly diagnoses: readonly Diagnosis[];
  readonly services: readonly BilledService[];
  readonly carePlans: readonly CarePlan[];
  readonly rejected: readonly RejectedRow[];
  readonly kindsPresent: ReadonlySet<InputKind>;
  readonly hasMbiColumn: boolean;
  /** The month being audited (`--month`), when given. */
  readonly period: string | undefined;
  /** Today, for future-date checks; fixed by the caller so runs are reproducible. */
  readonly runDate: string;
  /** Every patient-month with CCM-program time (only the period's, when one is given), sorted by patient id then month. */
  readonly patientMonths: readonly PatientMonthRef[];
  readonly entriesByPatient: ReadonlyMap<string, readonly TimeEntry[]>;
  readonly consentsByPatient: ReadonlyMap<string, readonly Consent[]>;
  readonly diagnosesByPatient: ReadonlyMap<string, readonly Diagnosis[]>;
  readonly servicesByPatientMonth: ReadonlyMap<string, readonly BilledService[]>;
  readonly carePlansByPatientMonth: ReadonlyMap<string, readonly CarePlan[]>;
  /** Entries of one staff member on one day, every patient and program; key `staff\0date`. */
  readonly entriesByStaffDay: ReadonlyMap<string, readonly TimeEntry[]>;
}

export interface ModelOptions {
  period?: string | undefined;
  runDate: string;
}

/** Identity of a row for D2: same patient, date, staff, start, minutes and note. */
function duplicateKey(e: TimeEntry): string {
  const note = e.note.replace(/\s+/g, ' ').trim().toLowerCase();
  return [e.patientId, e.date, (e.staff ?? '').toLowerCase(), e.start ?? '', e.minutes ?? e.minutesText ?? '', note].join('\u0000');
}

export function staffKey(entry: TimeEntry): string | undefined {
  return entry.staff?.replace(/\s+/g, ' ').trim().toLowerCase() || undefined;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    if (k === undefined) continue;
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function buildModel(data: Ingested, options: ModelOptions): AuditModel {
  const seen = new Map<string, TimeEntry>();
  const entries: TimeEntry[] = [];
  const duplicates: DuplicatePair[] = [];
  for (const entry of data.entries) {
    const key = duplicateKey(entry);
    const first = seen.get(key);
    if (first) duplicates.push({ entry, duplicateOf: first });
    else {
      seen.set(key, entry);
      entries.push(entry);
    }
  }
  // With --month, only that month is billed; other months' entries stay visible to rules (e.g. cloned notes).
  const ccmByMonth = groupBy(
    entries.filter((e) => CCM_PROGRAMS.has(e.program) && (options.period === undefined || e.month === options.period)),
    (e) => patientMonthKey(e.patientId, e.month),
  );
  const patientMonths = [...ccmByMonth.values()]
    .map((list) => ({ patientId: list[0]!.patientId, month: list[0]!.month, entries: list }))
    .sort((a, b) => compareText(a.patientId, b.patientId) || compareText(a.month, b.month));

  const model: AuditModel = {
    entries,
    duplicates,
    consents: data.consents,
    diagnoses: data.diagnoses,
    services: data.services,
    carePlans: data.carePlans,
    rejected: data.rejected,
    kindsPresent: data.kindsPresent,
    hasMbiColumn: data.hasMbiColumn,
    period: options.period,
    runDate: options.runDate,
    patientMonths,
    entriesByPatient: groupBy(entries, (e) => e.patientId),
    consentsByPatient: groupBy(data.consents, (c) => c.patientId),
    diagnosesByPatient: groupBy(data.diagnoses, (d) => d.patientId),
    servicesByPatientMonth: groupBy(data.services, (s) => patientMonthKey(s.patientId, s.month)),
    carePlansByPatientMonth: groupBy(data.carePlans, (p) => patientMonthKey(p.patientId, p.month)),
    entriesByStaffDay: groupBy(entries, (e) => {
      const staff = staffKey(e);
      return staff === undefined ? undefined : `${staff}\u0000${e.date}`;
    }),
  };
  return deepFreeze(model);
}

/** Rules must not change what they read; a frozen model makes a mutation throw in tests instead of leaking. */
export function deepFreeze<T>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  if (value instanceof Map) {
    for (const v of value.values()) deepFreeze(v);
  } else if (value instanceof Set) {
    // Set contents here are strings.
  } else {
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return Object.freeze(value);
}
