import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clonedNote, sortByHash } from '../../src/rules/cloned-note.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const TEMPLATE = 'Reviewed care plan with patient, all goals on track, meds unchanged';

ruleTester(clonedNote, {
  valid: [
    { name: 'distinct notes', model: { entries: [entry(), entry({ patientId: 'P2' })] } },
    { name: 'the same note twice for one patient in one month', model: { entries: [entry({ note: TEMPLATE }), entry({ note: TEMPLATE, date: '2026-10-20' })] } },
    { name: 'short notes are left to vague-note', model: { entries: [entry({ note: 'BP check, stable' }), entry({ note: 'BP check, stable', patientId: 'P2' })] } },
    { name: 'digits distinguish notes', model: { entries: [entry({ note: `${TEMPLATE}, A1c 7.2` }), entry({ note: `${TEMPLATE}, A1c 8.1`, patientId: 'P2' })] } },
    { name: 'non-CCM entries are not compared', model: { entries: [entry({ note: TEMPLATE }), entry({ note: TEMPLATE, patientId: 'P2', program: 'rpm' })] } },
    { name: 'a longer minimum length', model: { entries: [entry({ note: TEMPLATE }), entry({ note: TEMPLATE, patientId: 'P2' })] }, options: { minLength: 100 } },
  ],
  invalid: [
    {
      name: 'the same note for two patients: one finding per entry naming the other',
      model: { entries: [entry({ note: TEMPLATE }), entry({ note: TEMPLATE, patientId: 'P2' })] },
      findings: [
        { messageId: 'acrossPatients', entryIds: [0], rows: [2], data: { others: '1 other row', rows: 'row 3' }, severity: 'warning' },
        { messageId: 'acrossPatients', entryIds: [1], rows: [3], data: { rows: 'row 2' } },
      ],
    },
    {
      name: 'case and spacing are ignored',
      model: { entries: [entry({ note: TEMPLATE }), entry({ note: `  ${TEMPLATE.toUpperCase().replace(/ /g, '   ')}`, patientId: 'P2' })] },
      findings: [
        { messageId: 'acrossPatients', entryIds: [0] },
        { messageId: 'acrossPatients', entryIds: [1] },
      ],
    },
    {
      name: 'one patient, the same note in two months',
      model: { entries: [entry({ note: TEMPLATE, date: '2026-09-08' }), entry({ note: TEMPLATE, date: '2026-10-08' })] },
      findings: [
        { messageId: 'acrossMonths', entryIds: [0], data: { others: '1 other row' } },
        { messageId: 'acrossMonths', entryIds: [1] },
      ],
    },
    {
      name: 'with --month, earlier months are compared but only the audited month is reported',
      model: { entries: [entry({ note: TEMPLATE, date: '2026-09-08' }), entry({ note: TEMPLATE, date: '2026-10-08' })], period: '2026-10' },
      findings: [{ messageId: 'acrossMonths', entryIds: [1], data: { rows: 'row 2' } }],
    },
    {
      name: 'many copies: at most three rows named',
      model: { entries: ['P1', 'P2', 'P3', 'P4', 'P5'].map((patientId) => entry({ note: TEMPLATE, patientId })) },
      findings: [
        { messageId: 'acrossPatients', entryIds: [0], data: { others: '4 other rows', rows: 'rows 3, 4, 5 and 1 more' } },
        { messageId: 'acrossPatients', entryIds: [1], data: { rows: 'rows 2, 4, 5 and 1 more' } },
        { messageId: 'acrossPatients', entryIds: [2] },
        { messageId: 'acrossPatients', entryIds: [3] },
        { messageId: 'acrossPatients', entryIds: [4], data: { rows: 'rows 2, 3, 4 and 1 more' } },
      ],
    },
    {
      name: 'copies within the patient-month are not counted as others',
      model: { entries: [entry({ note: TEMPLATE }), entry({ note: TEMPLATE, date: '2026-10-20' }), entry({ note: TEMPLATE, patientId: 'P2' })] },
      findings: [
        { messageId: 'acrossPatients', entryIds: [0], data: { others: '1 other row', rows: 'row 4' } },
        { messageId: 'acrossPatients', entryIds: [1], data: { others: '1 other row' } },
        { messageId: 'acrossPatients', entryIds: [2], data: { others: '2 other rows', rows: 'rows 2, 3' } },
      ],
    },
  ],
});

describe('sortByHash', () => {
  it('orders by hash, and by position within a hash, as a sort of the pairs does', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 30 - 1 }), { maxLength: 300 }), fc.boolean(), (raw, fewHashes) => {
        // Few distinct hashes too, so most positions share one.
        const hashes = Uint32Array.from(raw, (h) => (fewHashes ? h % 7 : h) * (fewHashes ? 2 ** 20 + 3 : 1));
        const positions = Int32Array.from(raw, (_, i) => i * 3);
        const expected = [...hashes].map((h, i) => [h, positions[i]!]).sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]!);
        const sorted = sortByHash(hashes.slice(), positions.slice());
        expect([...sorted.hashes].map((h, i) => [h, sorted.positions[i]!])).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });
});
