import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lookupIcd10 } from '../../src/data/icd10.js';
import { MIN_CHRONIC_CONDITIONS, enoughChronicConditions, firstDayOfMonth, lastDayOfMonth } from '../../src/model/queries.js';
import type { Consent, Diagnosis } from '../../src/model/schema.js';
import { isWellFormedIcd10 } from '../../src/normalize/codes.js';
import { monthEnd, monthStart } from '../../src/normalize/dates.js';
import { anyCoversMonth, anyCoversWholeMonth, coversMonth, coversWholeMonth, inForceOn, type DatedConsent } from '../../src/rules/consent.js';

// The month facts and per-list memos of model/queries.ts and rules/consent.ts are shortcuts for speed: these pin
// them to the plain tests they replace.

const months = ['2024-02', '2024-09', '2024-10', '2025-01', '2025-12'];
const day = fc.record({ y: fc.constantFrom(2023, 2024, 2025), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) }).map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);

/** enoughChronicConditions as it was written before the month facts: every test made per diagnosis. */
function reference(diagnoses: readonly Diagnosis[], month: string, additional: ReadonlySet<string>, on?: string): boolean {
  const categories: string[] = [];
  for (const d of diagnoses) {
    if (!isWellFormedIcd10(d.code)) continue;
    if (on !== undefined && d.onsetDate !== undefined && d.onsetDate > on) continue;
    if (d.onsetDate !== undefined && d.onsetDate > monthEnd(month)) continue;
    if (d.unrecognizedStatus !== undefined) continue;
    if (d.resolvedDate !== undefined ? d.resolvedDate < monthStart(month) : d.resolved) continue;
    if (lookupIcd10(d.code, monthEnd(month)).chronic !== 'chronic' && !additional.has(d.code)) continue;
    if (categories.some((c) => d.code.startsWith(c))) continue;
    categories.push(d.code.slice(0, 3));
    if (categories.length >= MIN_CHRONIC_CONDITIONS) return true;
  }
  return false;
}

const diagnosis = fc
  .record({
    code: fc.constantFrom('E119', 'E1165', 'I10', 'N1831', 'E039', 'J449', 'Z0000', 'R51', 'E11.9X', '12', ''),
    onsetDate: fc.option(day, { nil: undefined }),
    resolvedDate: fc.option(day, { nil: undefined }),
    resolved: fc.boolean(),
    unrecognizedStatus: fc.option(fc.constant('See note'), { freq: 8, nil: undefined }),
  })
  .map(({ onsetDate, resolvedDate, unrecognizedStatus, ...d }): Diagnosis => ({
    ...d,
    source: { file: 'dx.csv', sheet: null, row: 2 },
    patientId: 'P1',
    codeText: d.code,
    ...(onsetDate !== undefined ? { onsetDate } : {}),
    ...(resolvedDate !== undefined ? { resolvedDate } : {}),
    ...(unrecognizedStatus !== undefined ? { unrecognizedStatus } : {}),
  }));

describe('month facts (model/queries.ts)', () => {
  it('gives the first and last day of a month as normalize/dates.ts does', () => {
    for (const month of [...months, '2024-12', '2023-02']) {
      expect(firstDayOfMonth(month)).toBe(monthStart(month));
      expect(lastDayOfMonth(month)).toBe(monthEnd(month));
    }
  });

  it('counts chronic conditions as the per-diagnosis test does, asked again and again of one list', () => {
    fc.assert(
      fc.property(fc.array(diagnosis, { maxLength: 6 }), fc.boolean(), fc.option(day, { nil: undefined }), (diagnoses, withAdditional, on) => {
        const additional = new Set(withAdditional ? ['R51', 'Z0000'] : []);
        // Every month of one list: the list's well-formed codes are remembered after the first.
        return months.every((month) => enoughChronicConditions(diagnoses, month, additional, on) === reference(diagnoses, month, additional, on));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('coversWholeMonth (rules/consent.ts)', () => {
  const consent = fc.record({ date: day, revokedDate: fc.option(day, { nil: undefined }) }).map(
    ({ date, revokedDate }): DatedConsent => ({
      source: { file: 'consents.csv', sheet: null, row: 2 },
      patientId: 'P1',
      standing: 'accepted' as Consent['standing'],
      date,
      ...(revokedDate !== undefined ? { revokedDate } : {}),
    }),
  );

  it('holds only when the consent is in force on every day of the month, which service-before-consent then skips', () => {
    fc.assert(
      fc.property(consent, fc.constantFrom(...months), (c, month) => {
        const last = Number(lastDayOfMonth(month).slice(8));
        const days = Array.from({ length: last }, (_, i) => `${month}-${String(i + 1).padStart(2, '0')}`);
        return !coversWholeMonth(c, month) || days.every((d) => inForceOn(c, d));
      }),
      { numRuns: 3000 },
    );
  });

  it('anyCoversMonth and anyCoversWholeMonth answer as some() of coversMonth and coversWholeMonth', () => {
    fc.assert(
      fc.property(fc.array(consent, { maxLength: 4 }), fc.constantFrom(...months), (consents, month) =>
        anyCoversMonth(consents, month) === consents.some((c) => coversMonth(c, month)) &&
        anyCoversWholeMonth(consents, month) === consents.some((c) => coversWholeMonth(c, month)),
      ),
      { numRuns: 3000 },
    );
  });
});
