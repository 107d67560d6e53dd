import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { billingPractitioner, minutesByPractitioner, monthMinutes, newTally, practitionerKey } from '../../src/billing/pricing.js';
import { addMinutes, countableMinutes, entriesNpi } from '../../src/model/queries.js';
import type { TimeEntry } from '../../src/model/schema.js';
import { entry } from './helpers.js';

/** monthMinutes as it was before it also tallied for bill: the supported minutes of the entries alone. */
function minutesAlone(entries: readonly TimeEntry[], counts: (e: TimeEntry) => boolean) {
  let staff = 0;
  let practitioner = 0;
  let complex = false;
  const practitioners = new Set<string>();
  for (const entry of entries) {
    if (entry.complex) complex = true;
    if (!counts(entry)) continue;
    if (entry.role === 'practitioner') {
      practitioner = addMinutes(practitioner, countableMinutes(entry));
      practitioners.add(practitionerKey(entry));
    } else staff = addMinutes(staff, countableMinutes(entry));
  }
  if (practitioners.size > 1) {
    const own = billingPractitioner(minutesByPractitioner(entries, counts))!.minutes;
    staff = addMinutes(staff, practitioner - own);
    practitioner = own;
  }
  return { staff, practitioner, complex };
}

/** What billMonth read from a month's entries before one walk gave it all: four walks, each by its own function. */
function separateWalks(entries: readonly TimeEntry[], counts: (e: TimeEntry) => boolean) {
  let loggedMinutes = 0;
  let mbi: string | null = null;
  for (const e of entries) {
    loggedMinutes = addMinutes(loggedMinutes, countableMinutes(e));
    if (mbi === null && e.mbi) mbi = e.mbi;
  }
  return { ...minutesAlone(entries, counts), loggedMinutes, mbi, npi: entriesNpi(entries) };
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

describe('monthMinutes: one walk gives what the separate walks gave', () => {
  it('minutes (to the last bit), complex marker, MBI and NPI agree with the minutes alone, entriesNpi and the logged sum', () => {
    // One tally refilled run after run, as bill() reuses one: nothing of a month may leak into the next.
    const scratch = newTally();
    fc.assert(
      fc.property(fc.array(arbitraryEntry, { maxLength: 12 }), (drawn) => {
        const entries = Object.freeze(drawn.map((d) => d.entry));
        const supported = new Set(drawn.filter((d) => d.supported).map((d) => d.entry));
        const counts = (e: TimeEntry): boolean => supported.has(e) && countableMinutes(e) > 0;
        expect(monthMinutes(entries, counts, scratch)).toEqual(separateWalks(entries, counts));
      }),
      { numRuns: 2000 },
    );
  });
});
