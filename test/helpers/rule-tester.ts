/**
 * A RuleTester in the ESLint manner: table-driven valid and invalid cases for one rule. Each case builds a
 * small frozen model, runs the rule through resolveRules/runRules with the case's options (every other rule
 * off unless the case enables it, e.g. entry rules whose errors feed `support`), and compares findings by
 * message id and data, never by message text.
 *
 * The tester refuses invalid cases that expect no findings, duplicate cases, unknown message ids and unknown
 * rule ids, and checks that every finding points at source rows and entries that exist in the model.
 */
import { describe, expect, it } from 'vitest';
import type { AuditModel } from '../../src/model/build.js';
import { sourceOf, type SourceRef } from '../../src/model/schema.js';
import { renderMessage, resolveRules, runRules, type RuleSetting } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';
import type { FeeSchedule } from '../../src/billing/types.js';
import type { AnyRule, Finding, RuleReport, Severity } from '../../src/rules/types.js';
import { model as buildTestModel, type ModelSpec } from './model-builder.js';

export interface TestCase {
  name: string;
  model: ModelSpec;
  /** Options for the rule under test. */
  options?: Record<string, unknown>;
  /** Severity for the rule under test, when the case is about a configured severity. */
  severity?: Severity;
  /** Other rules to run, by id (default severity) or with a setting. Their findings are checked only if an expectation names them. */
  enable?: readonly string[] | Readonly<Record<string, RuleSetting>>;
  /** The fee schedule the audit prices with (default: the bundled one). */
  fees?: FeeSchedule;
  /** billing.defaultNpi of the audit. */
  defaultNpi?: string;
}

export interface ExpectedFinding {
  /** Rule of the finding; the rule under test unless given. */
  rule?: string;
  messageId: string;
  /** A subset of the report's data to compare. */
  data?: Record<string, string | number>;
  entryIds?: number[];
  /** Source rows, any file. */
  rows?: number[];
  /** Source rows as "file:row", e.g. "services.csv:2". */
  sources?: string[];
  severity?: Severity;
  patientId?: string | null;
  month?: string | null;
}

export interface InvalidCase extends TestCase {
  findings: ExpectedFinding[];
}

export interface RuleTests {
  valid: TestCase[];
  invalid: InvalidCase[];
}

/** A finding with the message id and data its rule reported. */
export interface ObservedFinding extends Finding {
  messageId: string;
  data: Record<string, string | number>;
}

function ruleById(id: string): AnyRule {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`rule tester: no rule "${id}"`);
  return rule;
}

function sourceKey(s: SourceRef): string {
  return `${s.file}:${s.row}`;
}

/**
 * Stable JSON, keys sorted, for duplicate detection: builders' `make` functions drop out and their `spec`
 * stays; a field set to undefined on purpose (`staff: undefined`) stays distinct from an absent one.
 */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) => {
    if (v === undefined) return '\u0000undefined';
    if (v && typeof v === 'object' && !Array.isArray(v)) return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)));
    return v;
  });
}

/** Run `rule` (and the enabled rules) on a model; every finding comes back with the message id and data it was reported with. */
export function observe(rule: AnyRule, model: AuditModel, testCase: Omit<TestCase, 'name' | 'model'> = {}): ObservedFinding[] {
  const settings: Record<string, RuleSetting> = Object.fromEntries(RULES.map((r) => [r.id, 'off' as const]));
  const enable = testCase.enable ?? [];
  const extra: Record<string, RuleSetting> = Array.isArray(enable) ? Object.fromEntries(enable.map((id: string) => [id, ruleById(id).severity])) : (enable as Record<string, RuleSetting>);
  for (const [id, setting] of Object.entries(extra)) {
    ruleById(id);
    settings[id] = setting;
  }
  settings[rule.id] = { severity: testCase.severity ?? rule.severity, options: testCase.options ?? {} };

  // Each rule is wrapped so its reports (message id and data) are recorded on their way to the engine.
  const reports: { rule: AnyRule; report: RuleReport<string> }[] = [];
  const registry = [...RULES.filter((r) => r.id !== rule.id), rule].map(
    (r): AnyRule => ({
      ...r,
      check: (context) =>
        r.check({
          ...context,
          report: (report) => {
            reports.push({ rule: r, report });
            context.report(report);
          },
        }),
    }),
  );
  const { findings } = runRules(model, resolveRules(registry, settings), { ...(testCase.fees ? { fees: testCase.fees } : {}), defaultNpi: testCase.defaultNpi });

  // Pair each finding with the report that made it: same rule, same rendered message, same entries.
  const unpaired = [...findings];
  return reports.map(({ rule: { id, messages }, report }) => {
    const message = renderMessage(messages[report.messageId] ?? '', report.data, id);
    const entryIds = (report.entries ?? []).map((e) => e.id).join(',');
    const index = unpaired.findIndex((f) => f.rule === id && f.message === message && f.entryIds.join(',') === entryIds);
    if (index < 0) throw new Error(`rule tester: no finding for a report of ${id}/${report.messageId}`);
    const [finding] = unpaired.splice(index, 1);
    return { ...finding!, messageId: report.messageId, data: report.data ?? {} };
  });
}

function summary(f: ObservedFinding): Record<string, unknown> {
  return { rule: f.rule, messageId: f.messageId, data: f.data, entryIds: f.entryIds, sources: f.sources.map(sourceKey), severity: f.severity };
}

function matches(expected: ExpectedFinding, actual: ObservedFinding, ruleId: string): boolean {
  const sameSet = (a: readonly (string | number)[], b: readonly (string | number)[]): boolean => canonical([...a].sort()) === canonical([...b].sort());
  return (
    actual.rule === (expected.rule ?? ruleId) &&
    actual.messageId === expected.messageId &&
    (expected.data === undefined || Object.entries(expected.data).every(([k, v]) => actual.data[k] === v)) &&
    (expected.entryIds === undefined || sameSet(expected.entryIds, actual.entryIds)) &&
    (expected.rows === undefined || sameSet(expected.rows, actual.sources.map((s) => s.row))) &&
    (expected.sources === undefined || sameSet(expected.sources, actual.sources.map(sourceKey))) &&
    (expected.severity === undefined || actual.severity === expected.severity) &&
    (expected.patientId === undefined || actual.patientId === expected.patientId) &&
    (expected.month === undefined || actual.month === expected.month)
  );
}

/** Everything a finding may point at: rows and entries of the model, including dropped duplicates and the withdrawn rows they name. */
export function assertPointsIntoModel(findings: readonly Finding[], model: AuditModel): void {
  const rows = new Set<string>();
  const entryIds = new Set<number>();
  for (const e of [...model.entries, ...model.duplicates.map((d) => d.entry)]) {
    rows.add(sourceKey(sourceOf(e)));
    entryIds.add(e.id);
  }
  for (const w of [...model.duplicates.map((d) => d.duplicateOf), ...model.withdrawnVersions.flatMap((v) => v.withdrawn)]) rows.add(sourceKey(sourceOf(w)));
  for (const r of [...model.consents, ...model.diagnoses, ...model.services, ...model.carePlans, ...model.rejected]) rows.add(sourceKey(r.source));
  for (const f of findings) {
    expect(f.sources.length, `${f.rule}: a finding without source rows`).toBeGreaterThan(0);
    for (const s of f.sources) expect(rows.has(sourceKey(s)), `${f.rule}: source ${sourceKey(s)} is not a row of the model`).toBe(true);
    for (const id of f.entryIds) expect(entryIds.has(id), `${f.rule}: entry ${id} is not in the model`).toBe(true);
  }
}

function assertFrozen(model: AuditModel): void {
  expect(Object.isFrozen(model)).toBe(true);
  expect(Object.isFrozen(model.entries)).toBe(true);
  for (const e of model.entries) expect(Object.isFrozen(e) && Object.isFrozen(e.table)).toBe(true);
  for (const list of model.entriesByStaffDay.values()) expect(Object.isFrozen(list)).toBe(true);
}

function validateCases(rule: AnyRule, tests: RuleTests): void {
  const seenNames = new Set<string>();
  const seenContent = new Set<string>();
  for (const c of [...tests.valid, ...tests.invalid]) {
    if (seenNames.has(c.name)) throw new Error(`${rule.id}: duplicate test case name "${c.name}"`);
    seenNames.add(c.name);
    // Same model, options, rules and fees is the same case, whatever it expects.
    const key = canonical({ model: c.model, options: c.options, severity: c.severity, enable: c.enable, fees: c.fees, defaultNpi: c.defaultNpi });
    if (seenContent.has(key)) throw new Error(`${rule.id}: test case "${c.name}" repeats another case's model and options`);
    seenContent.add(key);
  }
  for (const c of tests.invalid) {
    if (c.findings.length === 0) throw new Error(`${rule.id}: invalid case "${c.name}" must expect at least one finding`);
    for (const f of c.findings) {
      const target = f.rule === undefined ? rule : ruleById(f.rule);
      if (!(f.messageId in target.messages)) throw new Error(`${rule.id}: case "${c.name}" expects unknown message id "${f.messageId}" of ${target.id}`);
    }
  }
}

export function ruleTester(rule: AnyRule, tests: RuleTests): void {
  validateCases(rule, tests);
  describe(`${rule.id} (${rule.code})`, () => {
    describe('valid', () => {
      for (const c of tests.valid) {
        it(c.name, () => {
          const model = buildTestModel(c.model);
          assertFrozen(model);
          const observed = observe(rule, model, c);
          assertPointsIntoModel(observed, model);
          const findings = observed.filter((f) => f.rule === rule.id);
          expect(findings.map(summary)).toEqual([]);
        });
      }
    });
    describe('invalid', () => {
      for (const c of tests.invalid) {
        it(c.name, () => {
          const model = buildTestModel(c.model);
          assertFrozen(model);
          const checked = new Set([rule.id, ...c.findings.map((f) => f.rule ?? rule.id)]);
          const observed = observe(rule, model, c);
          assertPointsIntoModel(observed, model);
          const actual = observed.filter((f) => checked.has(f.rule));
          const unmatched = [...actual];
          for (const expected of c.findings) {
            const index = unmatched.findIndex((a) => matches(expected, a, rule.id));
            expect(index, `no finding matches ${JSON.stringify(expected)}; findings: ${JSON.stringify(actual.map(summary), null, 1)}`).toBeGreaterThanOrEqual(0);
            unmatched.splice(index, 1);
          }
          expect(unmatched.map(summary), 'findings no case expected').toEqual([]);
        });
      }
    });
  });
}
