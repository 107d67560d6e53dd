import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/load.js';
import { ingestOptions } from '../../src/audit.js';
import { CcmError } from '../../src/errors.js';
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
    ['{"mont": "2026-10"}', 'ccm.config.json: (top level): unknown key "mont"; did you mean "month"?'],
    ['{"fialOn": "error"}', 'ccm.config.json: (top level): unknown key "fialOn"; did you mean "failOn"?'],
    ['{"zzzzzz": 1}', 'ccm.config.json: (top level): unknown key "zzzzzz"; allowed: "$schema", "month", "dateOrder", "columns", "credentials", "programs", "consentStatuses", "entryStatuses", "rules", "billing", "failOn", "limits".'],
    ['{"month": "2026-13"}', 'ccm.config.json: month: "2026-13": expected YYYY-MM.'],
    ['{"columns": {"timeLog": {"minuets": "Time"}}}', 'ccm.config.json: columns.timeLog: unknown key "minuets"; did you mean "minutes"?'],
    ['{"billing": {"defaultNpi": "1234567890"}}', 'ccm.config.json: billing.defaultNpi: "1234567890": fails the NPI check digit.'],
    ['{"billing": {"dos": "month-end"}}', 'ccm.config.json: billing: unknown key "dos"; allowed: "dateOfService", "placeOfService", "defaultNpi", "feeSchedule".'],
    ['{"rules": {"vague-notes": "off"}}', 'ccm.config.json: rules.vague-notes: no rule has this id; did you mean "vague-note"?'],
    ['{"rules": {"vague-note": "eror"}}', 'ccm.config.json: rules.vague-note: "eror" is not allowed; expected "off", "error", "warning", "info", or an object; did you mean "error"?'],
    ['{"rules": {"vague-note": "loud"}}', 'ccm.config.json: rules.vague-note: "loud" is not allowed; expected "off", "error", "warning", "info", or an object.'],
    ['{"rules": {"vague-note": {"severity": "eror"}}}', 'ccm.config.json: rules.vague-note.severity: "eror" is not allowed; expected "off", "error", "warning", "info"; did you mean "error"?'],
    ['{"rules": {"vague-note": {"option": {}}}}', 'ccm.config.json: rules.vague-note: unknown key "option"; did you mean "options"?'],
    ['{"rules": {"overlapping-time": {"options": {"minGap": 3}}}}', 'ccm.config.json: rules.overlapping-time.options: unknown key "minGap"; this rule has no options.'],
    ['{"columns": {"timeLog": {"minutes": "Minutes", "date": "minutes "}}}', 'ccm.config.json: columns.timeLog.minutes: "Minutes": "date" and "minutes" both name the header "Minutes"; a column holds one field.'],
    ['{"failOn": "eror"}', 'ccm.config.json: failOn: "eror" is not allowed; expected "error", "warning", "info", "never"; did you mean "error"?'],
    ['{"credentials": {"CHW": "doctor"}}', 'ccm.config.json: credentials.CHW: "doctor" is not allowed; expected "clinical-staff", "practitioner", "non-clinical".'],
    ['{"consentStatuses": {"Enrolled": "yes"}}', 'ccm.config.json: consentStatuses.Enrolled: "yes" is not allowed; expected "accepted", "declined", "pending".'],
    ['{"entryStatuses": {"QA hold": "held"}}', 'ccm.config.json: entryStatuses.QA hold: "held" is not allowed; expected "active", "withdrawn".'],
    ['{"limits": {"maxRows": -1}}', 'ccm.config.json: limits.maxRows: -1: too small: expected number to be >0.'],
    ['{not json', /^ccm\.config\.json: not valid JSON/],
  ])('rejects %s with one line naming the key, the value and what is allowed', (text, message) => {
    expect(() => parseConfig(text, 'ccm.config.json', RULE_IDS)).toThrow(typeof message === 'string' ? new CcmError(message) : message);
  });
});

describe('config maps keyed as cells are matched', () => {
  it.each<[string, Parameters<typeof ingestOptions>[0], string]>([
    ['two consent statuses that match the same cells', { consentStatuses: { Enrolled: 'accepted', 'ENROLLED!': 'declined' } }, `the config's consentStatuses: "Enrolled" and "ENROLLED!" match the same cells; keep one.`],
    ['two entry statuses that match the same cells', { entryStatuses: { 'QA hold': 'active', 'qa-hold': 'withdrawn' } }, `the config's entryStatuses: "QA hold" and "qa-hold" match the same cells; keep one.`],
    ['two program labels', { programs: { 'Care Mgmt': 'ccm', 'care-mgmt': 'tcm' } }, `the config's programs: "Care Mgmt" and "care-mgmt" match the same cells; keep one.`],
    ['an empty label', { programs: { '': 'ccm' } }, `the config's programs: the entry "" has no letters or digits to match a cell with.`],
  ])('refuses %s', (_, config, message) => {
    expect(() => ingestOptions(config)).toThrow(new CcmError(message));
  });

  it('keeps distinct entries', () => {
    expect(ingestOptions({ programs: { 'Care Mgmt': 'ccm', TCM2: 'tcm' } }).programs).toEqual(new Map([['caremgmt', 'ccm'], ['tcm2', 'tcm']]));
  });
});
