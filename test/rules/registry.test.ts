/** Meta-tests over the rule registry, in the manner of typescript-eslint's: every rule is complete and documented. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderExplain, renderRuleDoc, renderRuleIndex, renderRuleList } from '../../src/rules/docs.js';
import { RULE_EXAMPLES } from '../../src/rules/examples.js';
import { RULES } from '../../src/rules/index.js';
import { REFERENCES } from '../../src/rules/references.js';
import { SEVERITIES } from '../../src/rules/types.js';

const DOCS = new URL('../../docs/rules/', import.meta.url);
const TESTS = new URL('./', import.meta.url);
const REFERENCE_ID = /\b(R-[A-Z0-9]+(?:-[A-Z0-9]+)*|D\d+)\b/g;

describe('rule registry', () => {
  it('ids are unique kebab-case names', () => {
    const ids = RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
  });

  it('codes are unique and follow the registry order', () => {
    const codes = RULES.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^CCM\d{3}$/);
    expect([...codes].sort()).toEqual(codes);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has complete metadata', (_, rule) => {
    expect(SEVERITIES).toContain(rule.severity);
    expect(['entry', 'month']).toContain(rule.level);
    expect(rule.description).toMatch(/^[A-Z].*\.$/);
    expect(rule.description).not.toContain('\n');
    expect(rule.rationale.length).toBeGreaterThan(80);
    expect(rule.fix).toMatch(/^[A-Z].*\.$/);
    expect(rule.references.length).toBeGreaterThan(0);
    expect(Object.keys(rule.messages).length).toBeGreaterThan(0);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s cites only known references, and every reference its rationale names', (_, rule) => {
    for (const id of rule.references) expect(REFERENCES[id], `${id} has no summary in references.ts`).toBeDefined();
    for (const [id] of rule.rationale.matchAll(REFERENCE_ID)) expect(rule.references, `the rationale names ${id}`).toContain(id);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s options parse {} and reject unknown keys', (_, rule) => {
    expect(rule.options.safeParse({}).success).toBe(true);
    expect(rule.options.safeParse({ noSuchOption: 1 }).success).toBe(false);
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s message placeholders are words', (_, rule) => {
    for (const [id, text] of Object.entries(rule.messages)) {
      expect(id).toMatch(/^[a-z][A-Za-z]*$/);
      expect(text.replace(/\{\w+\}/g, ''), `${id}: stray brace`).not.toMatch(/[{}]/);
    }
  });

  it('every rule has a test file, examples and a docs page; no page or example is left over', () => {
    for (const rule of RULES) {
      expect(existsSync(new URL(`${rule.id}.test.ts`, TESTS)), `test/rules/${rule.id}.test.ts`).toBe(true);
      expect(RULE_EXAMPLES[rule.id], `examples of ${rule.id}`).toBeDefined();
    }
    expect(Object.keys(RULE_EXAMPLES).sort()).toEqual(RULES.map((r) => r.id).sort());
    const pages = readdirSync(fileURLToPath(DOCS)).filter((f) => f.endsWith('.md'));
    expect(pages.sort()).toEqual(['README.md', ...RULES.map((r) => `${r.id}.md`)].sort());
  });

  it.each(RULES.map((r) => [r.id, r] as const))('docs/rules/%s.md is generated from the rule (run `npm run build && node scripts/build-rule-docs.mjs`)', (_, rule) => {
    expect(readFileSync(new URL(`${rule.id}.md`, DOCS), 'utf8')).toBe(renderRuleDoc(rule));
  });

  it('docs/rules/README.md is generated from the registry', () => {
    expect(readFileSync(new URL('README.md', DOCS), 'utf8')).toBe(renderRuleIndex(RULES));
  });
});

describe('plain-text rule help', () => {
  it('ccm rules lists every rule with its code, severity and level', () => {
    const text = renderRuleList(RULES);
    for (const rule of RULES) expect(text).toMatch(new RegExp(`^${rule.code} +${rule.id} +${rule.severity} +${rule.level} `, 'm'));
    expect(text.endsWith('\n')).toBe(true);
  });

  it('ccm explain shows options with defaults, references and the docs path', () => {
    const rule = RULES.find((r) => r.id === 'vague-note')!;
    const text = renderExplain(rule);
    expect(text).toContain('vague-note (CCM011)');
    expect(text).toContain('minSpecificWords (integer, default 4)');
    expect(text).toContain('R-CLONE-MAC');
    expect(text).toContain('docs/rules/vague-note.md');
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(100);
  });
});
