import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { configJsonSchema } from '../../src/config/schema.js';

const RULE_IDS = ['vague-note', 'missing-consent', 'overlapping-time'];

describe('config', () => {
  it('matches the committed JSON Schema (regenerate with `npm run build && node scripts/build-schemas.mjs`)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../schema/ccm.config.schema.json', import.meta.url), 'utf8'));
    expect(configJsonSchema()).toEqual(committed);
  });

  it('accepts a full config', () => {
    const config = parseConfig(
      JSON.stringify({
        month: '2026-10',
        dateOrder: 'dmy',
        columns: { timeLog: { minutes: 'Time Logged' } },
        credentials: { 'Care Coordinator': 'clinical-staff' },
        rules: { 'vague-note': { severity: 'warning', options: { minSpecificWords: 3 } }, 'missing-consent': 'off' },
        billing: { dateOfService: 'threshold-met', placeOfService: '11', defaultNpi: '1234567893' },
        failOn: 'warning',
      }),
      'ccm.config.json',
      RULE_IDS,
    );
    expect(config.columns?.timeLog).toEqual({ minutes: 'Time Logged' });
  });

  it.each([
    ['{"mont": "2026-10"}', /^ccm\.config\.json: \(top level\): .*"mont"/],
    ['{"month": "2026-13"}', /^ccm\.config\.json: month: expected YYYY-MM/],
    ['{"columns": {"timeLog": {"minuets": "Time"}}}', /^ccm\.config\.json: columns\.timeLog: .*"minuets"/],
    ['{"rules": {"vague-notes": "off"}}', /^ccm\.config\.json: rules\.vague-notes: no rule has this id; did you mean "vague-note"\?/],
    ['{"rules": {"vague-note": "loud"}}', /^ccm\.config\.json: rules\.vague-note/],
    ['{"credentials": {"CHW": "doctor"}}', /^ccm\.config\.json: credentials\.CHW/],
    ['{not json', /^ccm\.config\.json: not valid JSON/],
  ])('rejects %s with one line naming the key', (text, message) => {
    expect(() => parseConfig(text, 'ccm.config.json', RULE_IDS)).toThrow(message);
  });
});
