import { describe, expect, it } from 'vitest';
import { resolveRules, runRules } from '../../src/rules/engine.js';
import { invalidRow } from '../../src/rules/invalid-row.js';
import { entry, model, rejected } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(invalidRow, {
  valid: [{ name: 'no rejected rows', model: { entries: [entry()] } }],
  invalid: [
    {
      name: 'a rejected time-log row quotes column, value and reason',
      model: { entries: [entry()], rejected: [rejected({ row: 3, patientId: 'P1' })] },
      findings: [{ messageId: 'rejected', data: { kind: 'time log', column: 'DOS', value: '13/45/2026', reason: '"13/45/2026" is not a date' }, sources: ['time_log.csv:3'], entryIds: [], patientId: 'P1', severity: 'error' }],
    },
    {
      name: 'one finding per rejected row, any input kind, with or without a patient',
      model: {
        entries: [entry()],
        rejected: [
          rejected({ row: 4, column: 'MRN', value: '', reason: 'the patient id is empty' }),
          rejected({ source: { file: 'diagnoses.csv', sheet: null, row: 5 }, kind: 'diagnoses', column: 'Onset Date', value: 'soon', reason: '"soon" is not a date', patientId: 'P2' }),
        ],
      },
      findings: [
        { messageId: 'rejected', data: { column: 'MRN', value: '' }, sources: ['time_log.csv:4'], patientId: null },
        { messageId: 'rejected', data: { kind: 'diagnoses', column: 'Onset Date' }, sources: ['diagnoses.csv:5'], patientId: 'P2' },
      ],
    },
  ],
});

describe('invalid-row fingerprints', () => {
  it('differ for a bad Start and a bad Stop on one row, so a baseline accepting one does not accept the other', () => {
    const m = model({
      entries: [entry()],
      rejected: [
        rejected({ row: 3, patientId: 'P1', column: 'Start', value: '0930', reason: '"0930" is not a clock time' }),
        rejected({ row: 3, patientId: 'P1', column: 'Stop', value: '0955', reason: '"0955" is not a clock time' }),
      ],
    });
    const findings = runRules(m, resolveRules([invalidRow], {})).findings;
    expect(findings).toHaveLength(2);
    expect(findings[0]!.fingerprint).not.toBe(findings[1]!.fingerprint);
  });
});
