/** The rule tester guards the rule tests: it must refuse cases that would pass vacuously or hide mistakes. */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defineRule } from '../../src/rules/define-rule.js';
import { vagueNote } from '../../src/rules/vague-note.js';
import { entry, model } from '../helpers/model-builder.js';
import { assertPointsIntoModel, observe, ruleTester } from '../helpers/rule-tester.js';

const vague = { entries: [entry({ note: 'lvm' })] };

describe('ruleTester refuses', () => {
  it('an invalid case that expects no findings', () => {
    expect(() => ruleTester(vagueNote, { valid: [], invalid: [{ name: 'nothing', model: vague, findings: [] }] })).toThrow(/must expect at least one finding/);
  });

  it('two cases with one name', () => {
    expect(() =>
      ruleTester(vagueNote, {
        valid: [{ name: 'same', model: { entries: [entry()] } }],
        invalid: [{ name: 'same', model: vague, findings: [{ messageId: 'boilerplate' }] }],
      }),
    ).toThrow(/duplicate test case name/);
  });

  it('two cases with the same model and options', () => {
    expect(() =>
      ruleTester(vagueNote, {
        valid: [],
        invalid: [
          { name: 'a', model: { entries: [entry({ note: 'lvm' })] }, findings: [{ messageId: 'boilerplate' }] },
          { name: 'b', model: { entries: [entry({ note: 'lvm' })] }, findings: [{ messageId: 'tooFewWords' }] },
        ],
      }),
    ).toThrow(/repeats another case/);
  });

  it('a message id the rule does not have', () => {
    expect(() => ruleTester(vagueNote, { valid: [], invalid: [{ name: 'typo', model: vague, findings: [{ messageId: 'boilerPlate' }] }] })).toThrow(/unknown message id/);
  });

  it('an unknown rule to enable', () => {
    expect(() => observe(vagueNote, model(vague), { enable: ['no-such-rule'] })).toThrow(/no rule "no-such-rule"/);
  });
});

describe('the tester runs rules on a frozen model', () => {
  it('a rule that changes the model fails', () => {
    const mutating = defineRule({
      ...vagueNote,
      id: 'vague-note',
      options: z.strictObject({}),
      messages: { x: 'x' },
      check({ model: m }) {
        (m.entries[0] as { note: string }).note = 'changed';
      },
    });
    expect(() => observe(mutating, model(vague))).toThrow(/read only|Cannot assign/);
  });

  it('findings come back with their message id and data', () => {
    const [finding] = observe(vagueNote, model(vague));
    expect(finding).toMatchObject({ rule: 'vague-note', messageId: 'boilerplate', data: { phrases: '"lvm"' }, entryIds: [0] });
  });

  it('a finding pointing at a row that is not in the model is caught', () => {
    const stray = defineRule({
      ...vagueNote,
      id: 'vague-note',
      options: z.strictObject({}),
      messages: { x: 'x' },
      check({ report }) {
        report({ messageId: 'x', sources: [{ file: 'time_log.csv', sheet: null, row: 99 }] });
      },
    });
    const m = model(vague);
    expect(() => assertPointsIntoModel(observe(stray, m), m)).toThrow(/not a row of the model/);
  });
});
