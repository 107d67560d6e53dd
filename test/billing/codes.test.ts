import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODE_FAMILIES, chooseFamily, codesForMinutes, MINIMUM_BILLABLE_MINUTES, type CodeUnits } from '../../src/billing/codes.js';
import { BUNDLED_FEES, feeFor } from '../../src/billing/fees.js';
import type { CodeFamily } from '../../src/billing/types.js';

const family = (name: CodeFamily) => CODE_FAMILIES.find((f) => f.family === name)!;
const price2025 = (code: string) => feeFor(BUNDLED_FEES, code, '2025-06-30');

/** "99490" → [{99490,1}], "99490 99439x2" → [{99490,1},{99439,2}] */
function lines(spec: string): CodeUnits[] {
  if (spec === '') return [];
  return spec.split(' ').map((part) => {
    const [code, units] = part.split('x');
    return { code: code!, units: units ? Number(units) : 1 };
  });
}

describe('codesForMinutes: every boundary (R-CODE-*, R-TIME-ADDON-FULL, D5)', () => {
  it.each<[CodeFamily, number, string]>([
    // Non-complex: 99439 needs each full 20 minutes and is capped at two units (R-CODE-99439).
    ['non-complex', 19, ''],
    ['non-complex', 20, '99490'],
    ['non-complex', 39, '99490'],
    ['non-complex', 40, '99490 99439x1'],
    ['non-complex', 59, '99490 99439x1'],
    ['non-complex', 60, '99490 99439x2'],
    ['non-complex', 61, '99490 99439x2'],
    ['non-complex', 89, '99490 99439x2'],
    ['non-complex', 90, '99490 99439x2'],
    ['non-complex', 300, '99490 99439x2'],
    // Complex: nothing under 60; 99489 needs each full 30 minutes; no cap (R-CODE-99487, R-CODE-99489).
    ['complex', 59, ''],
    ['complex', 60, '99487'],
    ['complex', 85, '99487'],
    ['complex', 89, '99487'],
    ['complex', 90, '99487 99489x1'],
    ['complex', 119, '99487 99489x1'],
    ['complex', 120, '99487 99489x2'],
    // Practitioner personally: 99437 per full 30 minutes (R-CODE-99491, R-CODE-99437).
    ['practitioner', 29, ''],
    ['practitioner', 30, '99491'],
    ['practitioner', 59, '99491'],
    ['practitioner', 60, '99491 99437x1'],
    ['practitioner', 89, '99491 99437x1'],
    ['practitioner', 90, '99491 99437x2'],
  ])('%s, %i min → %s', (name, minutes, expected) => {
    expect(codesForMinutes(family(name), minutes)).toEqual(lines(expected));
  });

  it('the lowest base minimum is 20 minutes', () => {
    expect(MINIMUM_BILLABLE_MINUTES).toBe(20);
  });

  it('never bills an add-on without its base, nor more 99439 units than two', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CODE_FAMILIES), fc.integer({ min: 0, max: 600 }), (f, minutes) => {
        const result = codesForMinutes(f, minutes);
        if (result.length === 0) return minutes < f.base.minutes;
        const [base, addOn] = result;
        return (
          base!.code === f.base.code &&
          base!.units === 1 &&
          (addOn === undefined || (addOn.code === f.addOn.code && addOn.units >= 1 && addOn.units <= (f.addOn.maxUnits ?? Infinity))) &&
          result.length <= 2
        );
      }),
    );
  });
});

describe('chooseFamily: the best-paying compliant family (D4), CY2025 bundled amounts', () => {
  it.each<[string, { staff: number; practitioner: number; complex: boolean }, CodeFamily | null, string, number]>([
    // Non-complex staff time.
    ['staff 19', { staff: 19, practitioner: 0, complex: false }, null, '', 0],
    ['staff 20', { staff: 20, practitioner: 0, complex: false }, 'non-complex', '99490', 60.49],
    ['staff 40', { staff: 40, practitioner: 0, complex: false }, 'non-complex', '99490 99439x1', 106.42],
    ['staff 90', { staff: 90, practitioner: 0, complex: false }, 'non-complex', '99490 99439x2', 152.35],
    ['staff 120 without the complex marker', { staff: 120, practitioner: 0, complex: false }, 'non-complex', '99490 99439x2', 152.35],
    // Complex marker: under 60 falls back; 99487 alone (131.65) pays less than 99490 + 2×99439 (152.35).
    ['complex 59 falls back', { staff: 59, practitioner: 0, complex: true }, 'non-complex', '99490 99439x1', 106.42],
    ['complex 60', { staff: 60, practitioner: 0, complex: true }, 'non-complex', '99490 99439x2', 152.35],
    ['complex 85', { staff: 85, practitioner: 0, complex: true }, 'non-complex', '99490 99439x2', 152.35],
    ['complex 89', { staff: 89, practitioner: 0, complex: true }, 'non-complex', '99490 99439x2', 152.35],
    ['complex 90', { staff: 90, practitioner: 0, complex: true }, 'complex', '99487 99489x1', 202.17],
    ['complex 120', { staff: 120, practitioner: 0, complex: true }, 'complex', '99487 99489x2', 272.69],
    // Practitioner-only time may go to 99490/99439 or 99491/99437, never both (R-TIME-PRACTITIONER).
    ['practitioner 29', { staff: 0, practitioner: 29, complex: false }, 'non-complex', '99490', 60.49],
    ['practitioner 30', { staff: 0, practitioner: 30, complex: false }, 'practitioner', '99491', 82.16],
    ['practitioner 59', { staff: 0, practitioner: 59, complex: false }, 'non-complex', '99490 99439x1', 106.42],
    ['practitioner 60', { staff: 0, practitioner: 60, complex: false }, 'non-complex', '99490 99439x2', 152.35],
    ['practitioner 90', { staff: 0, practitioner: 90, complex: false }, 'practitioner', '99491 99437x2', 197.32],
    // Mixes: staff time never counts toward 99491 (R-CODE-99491).
    ['25 staff + 35 practitioner', { staff: 25, practitioner: 35, complex: false }, 'non-complex', '99490 99439x2', 152.35],
    ['10 staff + 30 practitioner', { staff: 10, practitioner: 30, complex: false }, 'non-complex', '99490 99439x1', 106.42],
    ['5 staff + 90 practitioner', { staff: 5, practitioner: 90, complex: false }, 'practitioner', '99491 99437x2', 197.32],
    ['complex: 30 staff + 60 practitioner', { staff: 30, practitioner: 60, complex: true }, 'complex', '99487 99489x1', 202.17],
    ['complex: 10 staff + 90 practitioner', { staff: 10, practitioner: 90, complex: true }, 'complex', '99487 99489x1', 202.17],
  ])('%s', (_, minutes, expectedFamily, expectedLines, payment) => {
    const option = chooseFamily(minutes, price2025);
    expect(option?.family.family ?? null).toBe(expectedFamily);
    expect(option?.lines ?? []).toEqual(lines(expectedLines));
    expect(option?.payment ?? 0).toBe(payment);
  });

  it('ties go to the earlier family, so the choice is deterministic', () => {
    expect(chooseFamily({ staff: 0, practitioner: 30, complex: false }, () => 10)?.family.family).toBe('non-complex');
  });
});

describe('chooseFamily: remembered answers', () => {
  it('a repeated question gets the same frozen option, equal to the answer of a price list never asked', () => {
    const minutes = fc.integer({ min: 0, max: 20000 }).map((n) => n / 100);
    fc.assert(
      fc.property(minutes, minutes, fc.boolean(), (staff, practitioner, complex) => {
        const asked = { staff, practitioner, complex };
        const first = chooseFamily(asked, price2025);
        expect(chooseFamily({ ...asked }, price2025)).toBe(first);
        // A new price function has no remembered answers: it is worked out afresh.
        expect(chooseFamily(asked, (code) => price2025(code))).toEqual(first);
        if (first) expect(Object.isFrozen(first) && Object.isFrozen(first.lines)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
