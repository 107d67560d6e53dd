import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_CLAIM_DIAGNOSES, claimDiagnoses } from '../../src/billing/diagnoses.js';
import { icdInMonth, isActiveInMonth } from '../../src/model/queries.js';
import type { Diagnosis } from '../../src/model/schema.js';
import { displayIcd10 } from '../../src/normalize/codes.js';
import { diagnosis } from './helpers.js';

/** claimDiagnoses as first written (a Set of codes seen, both lists in full, then cut): the reference. */
function reference(diagnoses: readonly Diagnosis[], month: string, day?: string): string[] {
  const seen = new Set<string>();
  const chronic: string[] = [];
  const other: string[] = [];
  for (const d of diagnoses) {
    if (seen.has(d.code) || !isActiveInMonth(d, month, day)) continue;
    const info = icdInMonth(d.code, month);
    if (info.status !== 'billable') continue;
    seen.add(d.code);
    (info.chronic === 'chronic' ? chronic : other).push(d.code);
  }
  return [...chronic, ...other].slice(0, MAX_CLAIM_DIAGNOSES).map(displayIcd10);
}

// Chronic, not chronic, no-determination, header, malformed: every branch, and more than a claim holds.
const CODES = ['E119', 'I10', 'I509', 'J449', 'E785', 'M170', 'F329', 'I4891', 'N1830', 'G309', 'F0390', 'E1165', 'N1831', 'E039', 'G4733',
  'J069', 'R509', 'R739', 'S0100XA', 'Z794', 'E11', 'XX', '25000'];

describe('claimDiagnoses: the capped scan gives the reference answer', () => {
  it('for any problem list, month and day', () => {
    const dx = fc.record({
      code: fc.constantFrom(...CODES),
      onsetDate: fc.option(fc.constantFrom('2025-12-15', '2026-02-28', '2026-03-01', '2026-03-16', '2026-04-02'), { nil: undefined }),
      resolvedDate: fc.option(fc.constantFrom('2026-02-27', '2026-03-01', '2026-05-01'), { nil: undefined }),
      resolved: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(dx, { maxLength: 40 }), fc.constantFrom('2026-03', '2025-10', '2025-09'), fc.option(fc.constantFrom('2026-03-10', '2026-03-31'), { nil: undefined }), (list, month, day) => {
        const diagnoses = list.map(({ code, ...extra }) => diagnosis(code, extra));
        expect(claimDiagnoses(diagnoses, month, day)).toEqual(reference(diagnoses, month, day));
      }),
      { numRuns: 500 },
    );
  });

  it('returns `previous` itself when the list is the same, else a new list equal to the reference', () => {
    const dx = fc.record({ code: fc.constantFrom(...CODES), onsetDate: fc.option(fc.constantFrom('2026-03-16', '2026-04-02'), { nil: undefined }) });
    fc.assert(
      fc.property(fc.array(dx, { maxLength: 20 }), fc.array(dx, { maxLength: 20 }), fc.constantFrom('2026-03', '2026-04'), (first, second, month) => {
        const before = claimDiagnoses(first.map(({ code, ...extra }) => diagnosis(code, extra)), '2026-03');
        const diagnoses = second.map(({ code, ...extra }) => diagnosis(code, extra));
        const expected = reference(diagnoses, month);
        const claim = claimDiagnoses(diagnoses, month, undefined, before);
        expect(claim).toEqual(expected);
        expect(claim === before).toBe(before.length === expected.length && before.every((c, i) => c === expected[i]));
      }),
      { numRuns: 500 },
    );
  });

  it('a full list of chronic codes ends the scan; a repeated code is listed once', () => {
    const chronic = CODES.slice(0, 13);
    const list = [diagnosis('J069'), diagnosis('E119'), ...chronic.map((c) => diagnosis(c)), diagnosis('R739')];
    expect(claimDiagnoses(list, '2026-03')).toEqual(reference(list, '2026-03'));
    expect(claimDiagnoses(list, '2026-03')).toHaveLength(MAX_CLAIM_DIAGNOSES);
  });
});
