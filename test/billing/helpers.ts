import { buildModel, type AuditModel } from '../../src/model/build.js';
import type { BilledService, Diagnosis, TimeEntry } from '../../src/model/schema.js';
import type { RuleRun } from '../../src/rules/engine.js';
import type { Finding, Severity, SupportView } from '../../src/rules/types.js';
import { timeLogIngested } from '../helpers/model-builder.js';

/** Small builders for billing tests: a model from a few entries and a RuleRun from hand-made findings. */

let nextRow = 2;

export type EntryInput = Partial<TimeEntry> & { minutes: number | null };

export function entry(input: EntryInput): TimeEntry {
  const date = input.date ?? '2026-03-10';
  const row = nextRow++;
  return {
    id: 0, // set by model()
    table: { file: 'log.csv', sheet: null },
    row,
    patientId: 'P1',
    date,
    month: date.slice(0, 7),
    staff: 'Nurse Ann',
    credential: 'RN',
    role: 'clinical-staff',
    note: `call ${row}`,
    program: 'ccm',
    complex: false,
    ...input,
  };
}

export function diagnosis(code: string, extra: Partial<Diagnosis> = {}): Diagnosis {
  return { source: { file: 'problems.csv', sheet: null, row: nextRow++ }, patientId: 'P1', code, codeText: code, resolved: false, ...extra };
}

export function model(entries: readonly TimeEntry[], diagnoses: readonly Diagnosis[] = [], services: readonly BilledService[] = []): AuditModel {
  const data = timeLogIngested(entries.map((e, id) => ({ ...e, id })), [...diagnoses]);
  if (services.length > 0) {
    data.services = [...services];
    data.kindsPresent.add('services');
  }
  return buildModel(data, { runDate: '2026-12-31' });
}

/** A billed service in the billed-services export: P1, 2026-03-31, one unit, no NPI unless given. */
export function service(code: string, extra: Partial<BilledService> = {}): BilledService {
  const date = extra.date ?? '2026-03-31';
  return { source: { file: 'services.csv', sheet: null, row: nextRow++ }, patientId: 'P1', code, units: 1, ...extra, date, month: date.slice(0, 7) };
}

export function finding(input: { rule: string; level: 'entry' | 'month'; severity?: Severity; patientId?: string; month?: string; entryIds?: number[] }): Finding {
  return {
    rule: input.rule,
    code: 'CCM999',
    severity: input.severity ?? 'error',
    level: input.level,
    patientId: input.patientId ?? 'P1',
    month: input.month ?? '2026-03',
    message: input.rule,
    fix: 'fix it',
    sources: [{ file: 'log.csv', sheet: null, row: 1 }],
    entryIds: input.entryIds ?? [],
    fingerprint: input.rule,
  };
}

/** A RuleRun as the engine builds it: entry-level error findings make their entries unsupported (D1). */
export function ruleRun(findings: readonly Finding[] = []): RuleRun {
  const excluded = new Map<number, Finding[]>();
  for (const f of findings) {
    if (f.level !== 'entry' || f.severity !== 'error') continue;
    for (const id of f.entryIds) excluded.set(id, [...(excluded.get(id) ?? []), f]);
  }
  const support: SupportView = {
    isSupported: (e) => !excluded.has(e.id),
    exclusions: (e) => excluded.get(e.id) ?? [],
  };
  return { findings: [...findings], support };
}

/** Claim lines as "99490 99439x2": the base code, then add-ons with their units. */
export function describeLines(lines: readonly { code: string; units: number }[]): string {
  return lines.map((l, i) => (i === 0 ? l.code : `${l.code}x${l.units}`)).join(' ');
}
