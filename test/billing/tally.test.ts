import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newTally, tallyMonth } from '../../src/billing/bill.js';
import { monthMinutes } from '../../src/billing/pricing.js';
import { addMinutes, countableMinutes, entriesNpi } from '../../src/model/queries.js';
import type { TimeEntry } from '../../src/model/schema.js';
import { entry } from './helpers.js';

/** What billMonth read from a month's entries before tallyMonth: four walks, each by its own function. */
function separateWalks(entries: readonly TimeEntry[], counts: (e: TimeEntry) => boolean) {
  let loggedMinutes = 0;
  let mbi: string | null = null;
  for (const e of entries) {
    loggedMinutes = addMinutes(loggedMinutes, countableMinutes(e));
    if (mbi === null && e.mbi) mbi = e.mbi;
  }
  return { ...monthMinutes(entries, counts), loggedMinutes, mbi, npi: entriesNpi(entries) };
}

const arbitraryEntry = fc
  .record({
    minutes: fc.oneof(fc.constant(null), fc.constant(0), fc.constant(-5), fc.constant(Number.NaN), fc.integer({ min: 1, max: 90 }), fc.integer({ min: 1, max: 9000 }).map((h) => h / 100)),
    role: fc.constantFrom('clinical-staff', 'practitioner', 'non-clinical'),
    staff: fc.constantFrom(undefined, 'Dr Bo', 'dr  bo', 'Dr Cy', 'Nurse Ann'),
    mbi: fc.constantFrom(undefined, '', '1EG4TE5MK73', '2EG4TE5MK74'),
    npi: fc.constantFrom(undefined, '', '1000000004', '1000079198'),
    complex: fc.boolean(),
    supported: fc.boolean(),
  })
  .map(({ supported, ...input }) => ({ entry: entry(input as Parameters<typeof entry>[0]), supported }));

describe('tallyMonth: one walk gives what the separate walks gave', () => {
  it('minutes (to the last bit), complex marker, MBI and NPI agree with monthMinutes, entriesNpi and the logged sum', () => {
    // One tally refilled run after run, as bill() reuses one: nothing of a month may leak into the next.
    const scratch = newTally();
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 12 }), (drawn) => {
        const entries = Object.freeze(drawn.map((d) => d.entry));
        const supported = new Set(drawn.filter((d) => d.supported).map((d) => d.entry));
        const counts = (e: TimeEntry): boolean => supported.has(e) && countableMinutes(e) > 0;
        expect(tallyMonth(entries, counts, scratch)).toEqual(separateWalks(entries, counts));
      }),
      { numRuns: 2000 },
    );
  });
});
