import { describe, expect, it } from 'vitest';
import { entriesNpi } from '../../src/model/queries.js';
import { soleMbi, SEVERAL_MBIS } from '../../src/rules/mbi.js';
import { monthMinutes, newTally } from '../../src/billing/pricing.js';
import {
  COMPLEX,
  MAY_PASS_A_MUE,
  REACHES_MINIMUM,
  SEVERAL_MBIS_FLAG,
  SEVERAL_PRACTITIONER_NAMES,
  hasSeveralNames,
  mayPassAMue,
  billCounts,
  monthEntryFacts,
  reachesMinimum,
  supportedTally,
} from '../../src/rules/month-entries.js';
import type { SupportView } from '../../src/rules/types.js';
import { NPI_A, NPI_B, entry, model } from '../helpers/model-builder.js';

const MD = { staff: 'Dr Adams', credential: 'MD' } as const;

describe('monthEntryFacts', () => {
  // Months that answer each question both ways: NPIs, MBIs, practitioners' names, minutes over an MUE, under 20.
  const m = model({
    entries: [
      entry({ minutes: 25, npi: NPI_A, mbi: '1EG4TE5MK73' }),
      entry({ date: '2026-09-02', minutes: 5, npi: NPI_B }),
      entry({ date: '2026-09-03', minutes: 5, npi: NPI_A, mbi: '1EG4TE5MK73' }),
      entry({ date: '2026-09-04', minutes: 5, mbi: '2EG4TE5MK74' }),
      entry({ patientId: 'P2', minutes: 70, ...MD, npi: undefined }),
      entry({ patientId: 'P2', minutes: 60, staff: 'Dr Baker', credential: 'DO', npi: undefined }),
      entry({ patientId: 'P3', date: '2026-08-05', minutes: 19 }),
      entry({ patientId: 'P3', date: '2026-08-06', minutes: 3, complex: true }),
    ],
  });

  it('answers for each patient-month what the questions asked of its entries answer', () => {
    const everyOther: SupportView = { isSupported: (e) => e.id % 2 === 0, exclusions: () => [] };
    const facts = monthEntryFacts(m, everyOther);
    expect(m.patientMonths.length).toBeGreaterThan(3);
    m.patientMonths.forEach((pm, i) => {
      expect(facts.npi[i]).toBe(entriesNpi(pm.entries));
      expect((facts.flags[i]! & SEVERAL_MBIS_FLAG) !== 0).toBe(soleMbi(pm.entries) === SEVERAL_MBIS);
      expect((facts.flags[i]! & SEVERAL_PRACTITIONER_NAMES) !== 0).toBe(hasSeveralNames(pm.entries));
      expect((facts.flags[i]! & MAY_PASS_A_MUE) !== 0).toBe(mayPassAMue(pm.entries));
      expect((facts.flags[i]! & REACHES_MINIMUM) !== 0).toBe(reachesMinimum(pm.entries, everyOther));
    });
    // Every answer is given somewhere, both ways.
    for (const flag of [SEVERAL_MBIS_FLAG, SEVERAL_PRACTITIONER_NAMES, MAY_PASS_A_MUE, REACHES_MINIMUM]) {
      expect([...facts.flags].some((f) => (f & flag) !== 0)).toBe(true);
      expect([...facts.flags].some((f) => (f & flag) === 0)).toBe(true);
    }
    expect(new Set(facts.npi)).toEqual(new Set([NPI_A, null, undefined]));
  });

  it('holds for each patient-month the tally monthMinutes gives of the entries bill counts', () => {
    const everyOther: SupportView = { isSupported: (e) => e.id % 2 === 0, exclusions: () => [] };
    const facts = monthEntryFacts(m, everyOther);
    const scratch = newTally();
    m.patientMonths.forEach((pm, i) => {
      expect(supportedTally(facts, i, scratch)).toEqual(monthMinutes(pm.entries, billCounts(everyOther)));
      expect((facts.flags[i]! & COMPLEX) !== 0).toBe(pm.entries.some((e) => e.complex));
    });
    expect([...facts.flags].some((f) => (f & COMPLEX) !== 0) && [...facts.flags].some((f) => (f & COMPLEX) === 0)).toBe(true);
    // Months with and without supported staff and practitioner minutes, and with minutes that are not supported.
    expect(facts.staff.some((v) => v > 0) && facts.staff.some((v) => v === 0)).toBe(true);
    expect(facts.practitioner.some((v) => v > 0) && facts.practitioner.some((v) => v === 0)).toBe(true);
    expect(m.patientMonths.some((_, i) => facts.loggedMinutes[i]! > facts.staff[i]! + facts.practitioner[i]!)).toBe(true);
  });

  it('is asked again under another support view, and remembered under the same one', () => {
    const all: SupportView = { isSupported: () => true, exclusions: () => [] };
    const none: SupportView = { isSupported: () => false, exclusions: () => [] };
    const first = monthEntryFacts(m, all);
    expect(monthEntryFacts(m, all)).toBe(first);
    const other = monthEntryFacts(m, none);
    expect(other).not.toBe(first);
    expect([...other.flags].some((f) => (f & REACHES_MINIMUM) !== 0)).toBe(false);
  });
});
