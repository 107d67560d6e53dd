import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { acceptedFingerprints, applyBaseline, createBaseline, parseBaseline } from '../../src/baseline.js';
import { CcmError } from '../../src/errors.js';
import { defineRule } from '../../src/rules/define-rule.js';
import { resolveRules, runRules } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';
import { entry, model as buildTestModel } from '../helpers/model-builder.js';

/** An entry-level error rule for these tests, with `check` as its check and one message, `message`. */
function testRule(id: string, code: string, message: string, check: Parameters<typeof defineRule>[0]['check']) {
  return defineRule({
    id,
    code,
    severity: 'error',
    level: 'entry',
    description: 'test rule',
    rationale: 'test',
    references: [],
    fix: 'none',
    options: z.strictObject({}),
    messages: { [message]: message },
    check,
  });
}

const throwing = testRule('always-throws', 'TEST001', 'never', () => {
  throw new Error('boom');
});

describe('rule engine', () => {
  it('fails the whole run when a rule throws, naming the rule', () => {
    const model = buildTestModel({ entries: [entry({})] });
    expect(() => runRules(model, resolveRules([throwing], {}))).toThrow(CcmError);
    expect(() => runRules(model, resolveRules([throwing], {}))).toThrow(/rule "always-throws" failed \(boom\); no report was written/);
  });

  it('applies config: off, severity and options, and rejects bad options', () => {
    const ids = (settings: Parameters<typeof resolveRules>[1]) => resolveRules(RULES, settings).map((r) => `${r.rule.id}:${r.severity}`);
    expect(ids({ 'vague-note': 'off' })).not.toContain('vague-note:error');
    expect(ids({ 'cloned-note': 'error' })).toContain('cloned-note:error');
    expect(ids({ 'vague-note': { severity: 'warning' } })).toContain('vague-note:warning');
    expect(() => resolveRules(RULES, { 'invalid-minutes': { options: { maxMinutesPerEntry: 'lots' } } })).toThrow(/^config: rules\.invalid-minutes\.options\.maxMinutesPerEntry/);
  });

  it('does not let a suppressed entry-level error exclude minutes', () => {
    const e = entry({ note: 'f/u' });
    const model = buildTestModel({ entries: [e] });
    const rules = resolveRules(RULES.filter((r) => r.id === 'vague-note'), {});
    const plain = runRules(model, rules);
    expect(plain.support.isSupported(model.entries[0]!)).toBe(false);
    const accepted = runRules(model, rules, { isAccepted: () => true });
    expect(accepted.findings).toHaveLength(1);
    expect(accepted.support.isSupported(model.entries[0]!)).toBe(true);
  });
});

describe('support', () => {
  it('holds the minutes of an entry whose id lies past the model\'s entries, and only those', () => {
    // Ids are positions in the time log; the engine's table of exclusions grows to reach one past its first size.
    const model = buildTestModel({ entries: [entry({}), entry({ patientId: 'B' })] });
    const far = { ...model.entries[0]!, id: 5000 };
    const excluding = testRule('excludes-far', 'TEST002', 'far', ({ report }) => report({ messageId: 'far', entries: [far] }));
    const { support } = runRules(model, resolveRules([excluding], {}));
    expect(support.isSupported(far)).toBe(false);
    expect(support.exclusions(far).map((f) => f.rule)).toEqual(['excludes-far']);
    expect(model.entries.map((e) => support.isSupported(e))).toEqual([true, true]);
    expect(support.isSupported({ ...far, id: 6000 })).toBe(true);
  });

  it('says an entry is supported exactly when it has no exclusions, for ids inside, past and far past the first table', () => {
    // isSupported reads a byte table, exclusions the lists: both grow when an excluded id lies past them.
    const model = buildTestModel({ entries: [entry({}), entry({ patientId: 'B' })] });
    const excludedIds = [1, 5000, 5001, 20_000];
    const excluding = testRule('excludes-some', 'TEST003', 'some', ({ report }) => {
      for (const id of excludedIds) report({ messageId: 'some', entries: [{ ...model.entries[0]!, id }] });
    });
    const { support } = runRules(model, resolveRules([excluding], {}));
    for (const id of [0, 1, 2, 4999, 5000, 5001, 5002, 10_001, 19_999, 20_000, 20_001, 50_000]) {
      const e = { ...model.entries[0]!, id };
      expect(support.isSupported(e), `id ${id}`).toBe(support.exclusions(e).length === 0);
      expect(support.isSupported(e), `id ${id}`).toBe(!excludedIds.includes(id));
    }
  });
});

describe('baseline', () => {
  const model = buildTestModel({ entries: [entry({ note: 'f/u' }), entry({ patientId: 'B', note: 'checked in' })] });
  const findings = runRules(model, resolveRules(RULES.filter((r) => r.id === 'vague-note'), {})).findings;

  it('suppresses listed findings, reports unmatched and expired entries', () => {
    const baseline = createBaseline(findings.slice(0, 1), 'reviewed with the practice');
    baseline.findings.push({ fingerprint: '0123456789abcdef', rule: 'vague-note', patientId: 'X', month: '2026-10', reason: 'gone' });
    const outcome = applyBaseline(findings, baseline, '2026-11-15');
    expect(outcome.suppressed).toEqual(findings.slice(0, 1));
    expect(outcome.kept).toEqual(findings.slice(1));
    expect(outcome.unmatched.map((e) => e.fingerprint)).toEqual(['0123456789abcdef']);

    baseline.findings[0]!.expires = '2026-11-01';
    const later = applyBaseline(findings, baseline, '2026-11-15');
    expect(later.suppressed).toEqual([]);
    expect(later.expired).toHaveLength(1);
    expect(acceptedFingerprints(baseline, '2026-10-31').has(findings[0]!.fingerprint)).toBe(true);
  });

  it('rejects a malformed baseline with one line', () => {
    expect(() => parseBaseline('{"version": 2, "findings": []}', 'b.json')).toThrow(/^b\.json: version: /);
    expect(() => parseBaseline('nope', 'b.json')).toThrow(/^b\.json: not valid JSON/);
  });

  const entryWith = (fields: Record<string, unknown>) =>
    JSON.stringify({ version: 1, findings: [{ fingerprint: '0123456789abcdef', rule: 'vague-note', patientId: 'A', month: '2026-10', reason: 'ok', ...fields }] });
  it.each([
    ['an expiry that is no date', { expires: '2025-13-45' }, 'b.json: findings[0] (fingerprint 0123456789abcdef), expires: "2025-13-45" not a calendar date (YYYY-MM-DD).'],
    ['an expiry on a day the month lacks', { expires: '2025-02-31' }, 'b.json: findings[0] (fingerprint 0123456789abcdef), expires: "2025-02-31" not a calendar date (YYYY-MM-DD).'],
    ['an unknown rule', { rule: 'nonexistent-rule' }, 'b.json: findings[0] (fingerprint 0123456789abcdef), rule: no rule "nonexistent-rule"; run `ccm rules` to list them.'],
    ['a misspelt rule', { rule: 'vague-notes' }, 'b.json: findings[0] (fingerprint 0123456789abcdef), rule: no rule "vague-notes"; did you mean "vague-note"?'],
  ])('rejects %s, naming the entry', (_, fields, message) => {
    expect(() => parseBaseline(entryWith(fields), 'b.json')).toThrow(new CcmError(message));
  });

  it.each(['2024-02-29', '2026-12-31'])('accepts the expiry %s', (expires) => {
    expect(parseBaseline(entryWith({ expires }), 'b.json').findings[0]?.expires).toBe(expires);
  });
});
