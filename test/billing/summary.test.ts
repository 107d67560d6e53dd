import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bill } from '../../src/billing/bill.js';
import { BUNDLED_FEES } from '../../src/billing/fees.js';
import { summarize } from '../../src/billing/summary.js';
import { bestOption, claimLines, pricesFor } from '../../src/billing/pricing.js';
import { roundCents } from '../../src/billing/codes.js';
import { countableMinutes } from '../../src/model/queries.js';
import type { TimeEntry } from '../../src/model/schema.js';
import type { BillingOptions, FeeSchedule } from '../../src/billing/types.js';
import { diagnosis, entry, finding, model, ruleRun, service, type EntryInput } from './helpers.js';

const OPTIONS: BillingOptions = { dateOfService: 'month-end', placeOfService: '11' };

/** Entries of several patients in 2026-03 (CY2026: 99490 66.13, 99439 48.00); ids are positions in this list. */
const ENTRIES: EntryInput[] = [
  // 0–1 P1: 25 supported minutes → 99490, billable.
  { patientId: 'P1', minutes: 15 },
  { patientId: 'P1', minutes: 10 },
  // 2–3 P2: 45 supported → 114.13, blocked by two rules; 20 more excluded by vague-note (65 → 162.13: +48.00).
  { patientId: 'P2', minutes: 45 },
  { patientId: 'P2', minutes: 20 },
  // 4–6 P3: 10 supported → not billable. vague-note excluded 30 (40 → 114.13); non-clinical-staff 5 (15 → 0).
  { patientId: 'P3', minutes: 10 },
  { patientId: 'P3', minutes: 30 },
  { patientId: 'P3', minutes: 5, role: 'non-clinical' },
  // 7–8 P4: 45 supported → 114.13, billable; vague-note excluded 20 (65 → 162.13: +48.00).
  { patientId: 'P4', minutes: 45 },
  { patientId: 'P4', minutes: 20 },
  // 9–10 P5: 15 supported → not billable; one 10-minute entry excluded by two rules (25 → 66.13 each).
  { patientId: 'P5', minutes: 15 },
  { patientId: 'P5', minutes: 10 },
  // 11–12 P6: 25 supported → 99490, already billed (the services export has it); vague-note excluded 20
  // (45 → 114.13: +48.00), not at stake: the month's claim has gone out.
  { patientId: 'P6', minutes: 25 },
  { patientId: 'P6', minutes: 20 },
];

const SERVICES = [service('99490', { patientId: 'P6' })];

const FINDINGS = [
  finding({ rule: 'no-consent', level: 'month', patientId: 'P2' }),
  finding({ rule: 'too-few-conditions', level: 'month', patientId: 'P2' }),
  finding({ rule: 'vague-note', level: 'entry', patientId: 'P2', entryIds: [3] }),
  finding({ rule: 'vague-note', level: 'entry', patientId: 'P3', entryIds: [5] }),
  finding({ rule: 'non-clinical-staff', level: 'entry', patientId: 'P3', entryIds: [6] }),
  finding({ rule: 'vague-note', level: 'entry', patientId: 'P4', entryIds: [8] }),
  finding({ rule: 'vague-note', level: 'entry', patientId: 'P5', entryIds: [10] }),
  finding({ rule: 'vague-note', level: 'entry', patientId: 'P6', entryIds: [12] }),
  finding({ rule: 'overlapping-time', level: 'entry', patientId: 'P5', entryIds: [10] }),
  finding({ rule: 'care-plan-stale', level: 'month', severity: 'warning', patientId: 'P1' }),
  finding({ rule: 'clock-mismatch', level: 'entry', severity: 'info', patientId: 'P1', entryIds: [0] }),
];

function summaryOf(findings = FINDINGS, options: BillingOptions = OPTIONS, suppressed = 0) {
  const m = model(ENTRIES.map(entry), [], SERVICES);
  const run = ruleRun(findings);
  const months = bill(m, run, options);
  return { months, summary: summarize(m, months, run, suppressed, options) };
}

describe('summarize', () => {
  it('counts patients, statuses and findings', () => {
    const { months, summary } = summaryOf(FINDINGS, OPTIONS, 3);
    expect(months.map((pm) => `${pm.patientId} ${pm.status} ${pm.estimatedPayment}`)).toEqual([
      'P1 billable 66.13',
      'P2 blocked 114.13',
      'P3 not-billable 0',
      'P4 billable 114.13',
      'P5 not-billable 0',
      'P6 billed 66.13',
    ]);
    expect(summary.patients).toBe(6);
    expect(summary.patientMonths).toEqual({ billable: 2, billed: 1, blocked: 1, 'not-billable': 2 });
    expect(summary.findingsBySeverity).toEqual({ error: 9, warning: 1, info: 1 });
    expect(Object.entries(summary.findingsByRule)).toEqual([
      ['care-plan-stale', 1],
      ['clock-mismatch', 1],
      ['no-consent', 1],
      ['non-clinical-staff', 1],
      ['overlapping-time', 1],
      ['too-few-conditions', 1],
      ['vague-note', 5],
    ]);
    expect(summary.suppressed).toBe(3);
  });

  it('estimates revenue: ready, already billed, blocked, and what not-billable months logged', () => {
    // billed: P6's 99490, apart from ready (it is not a claim to send). notBillable: P3 logged 45 min
    // (non-clinical minutes included) → 114.13; P5 logged 25 → 66.13.
    expect(summaryOf().summary.estimatedRevenue).toEqual({ ready: 180.26, billed: 66.13, blocked: 114.13, notBillable: 180.26 });
  });

  it('ranks top fixes by revenue at stake, then rule id', () => {
    expect(summaryOf().summary.topFixes).toEqual([
      // P2 48.00 + P3 114.13 + P4 48.00 + P5 66.13; not P6, already billed.
      { rule: 'vague-note', patientMonths: 4, revenueAtStake: 276.26 },
      { rule: 'no-consent', patientMonths: 1, revenueAtStake: 114.13 },
      { rule: 'too-few-conditions', patientMonths: 1, revenueAtStake: 114.13 },
      { rule: 'overlapping-time', patientMonths: 1, revenueAtStake: 66.13 },
      // non-clinical-staff: releasing its 5 minutes earns nothing, so it is not listed.
    ]);
  });

  it('finds the model month behind each billed one whatever their order (refLookup by position, else by key)', () => {
    const m = model(ENTRIES.map(entry), [], SERVICES);
    const run = ruleRun(FINDINGS);
    const months = bill(m, run, OPTIONS);
    const inOrder = summarize(m, months, run, 0, OPTIONS);
    expect(summarize(m, [...months].reverse(), run, 0, OPTIONS)).toEqual(inOrder);
    expect(summarize(m, [months[1]!, months[0]!, ...months.slice(2)], run, 0, OPTIONS)).toEqual(inOrder);
  });

  it('prices the what-if figures with the given fee schedule', () => {
    const fees: FeeSchedule = { source: 'fees.csv', amounts: { 2026: { ...BUNDLED_FEES.amounts[2026], '99490': 100, '99439': 10 } } };
    const { summary } = summaryOf(FINDINGS, { ...OPTIONS, fees });
    expect(summary.estimatedRevenue).toEqual({ ready: 210, billed: 100, blocked: 110, notBillable: 210 });
    expect(summary.topFixes[0]).toEqual({ rule: 'vague-note', patientMonths: 4, revenueAtStake: 230 });
  });

  it('an empty audit has every key, all zero', () => {
    const m = model([]);
    const run = ruleRun();
    expect(summarize(m, bill(m, run, OPTIONS), run, 0, OPTIONS)).toEqual({
      patients: 0,
      patientMonths: { billable: 0, billed: 0, blocked: 0, 'not-billable': 0 },
      findingsBySeverity: { error: 0, warning: 0, info: 0 },
      findingsByRule: {},
      estimatedRevenue: { ready: 0, billed: 0, blocked: 0, notBillable: 0 },
      billedAtRisk: { patientMonths: 0, billedAmount: 0 },
      topFixes: [],
      suppressed: 0,
      incompleteClaims: { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 },
    });
  });
});

describe('summarize: months billed at risk (a claim already sent that an error disputes)', () => {
  const entries: EntryInput[] = [
    // 0 P1: 45 supported → 114.13; billed 99490 + 99439; no consent: the claim is at risk.
    { patientId: 'P1', minutes: 45 },
    // 1–2 P2: 10 supported → too few; billed 99490 ×1 under another NPI, and unsupported-code; vague-note excluded 20.
    { patientId: 'P2', minutes: 10 },
    { patientId: 'P2', minutes: 20 },
    // 3 P3: 25 supported → 99490, billed, nothing against it.
    { patientId: 'P3', minutes: 25 },
    // 4 P4: 45 supported, not billed, no consent: blocked, revenue to win by fixing.
    { patientId: 'P4', minutes: 45 },
  ];
  const services = [
    service('99490', { patientId: 'P1' }),
    service('99439', { patientId: 'P1' }),
    service('99490', { patientId: 'P2', npi: '1245319599' }),
    service('99490', { patientId: 'P3' }),
  ];
  const findings = [
    finding({ rule: 'no-consent', level: 'month', patientId: 'P1' }),
    finding({ rule: 'unsupported-code', level: 'month', patientId: 'P2' }),
    finding({ rule: 'vague-note', level: 'entry', patientId: 'P2', entryIds: [2] }),
    finding({ rule: 'no-consent', level: 'month', patientId: 'P4' }),
  ];

  it('counts them among the billed, with the amount billed, never as blocked, not-billable or at-stake revenue', () => {
    const m = model(entries.map(entry), [], services);
    const run = ruleRun(findings);
    const months = bill(m, run, OPTIONS);
    expect(months.map((pm) => `${pm.patientId} ${pm.status} ${pm.blockedBy.join(',')}`)).toEqual(['P1 billed no-consent', 'P2 billed unsupported-code', 'P3 billed ', 'P4 blocked no-consent']);
    const summary = summarize(m, months, run, 0, OPTIONS);
    expect(summary.patientMonths).toEqual({ billable: 0, billed: 3, blocked: 1, 'not-billable': 0 });
    // The claims as billed: P1 66.13 + 48.00, P2 66.13 (what a recoupment takes back, whoever billed it).
    expect(summary.billedAtRisk).toEqual({ patientMonths: 2, billedAmount: 180.26 });
    // billed: what the supported minutes earn (P1 114.13, P2 0, P3 66.13); blocked: P4 alone.
    expect(summary.estimatedRevenue).toEqual({ ready: 0, billed: 180.26, blocked: 114.13, notBillable: 0 });
    // Neither P1's no-consent nor P2's vague-note is revenue to win: only P4's claim is at stake.
    expect(summary.topFixes).toEqual([{ rule: 'no-consent', patientMonths: 1, revenueAtStake: 114.13 }]);
  });
});

describe('summarize: claim-ready months missing what a claim needs', () => {
  const NPI = '1234567893';
  it.each<[string, EntryInput[], { defaultNpi?: string; diagnoses?: boolean; billed?: boolean }, { noBillingNpi: number; invalidBillingNpi: number; noDiagnoses: number }]>([
    ['NPI on the entries and a diagnosis: complete', [{ minutes: 25, npi: NPI }], { diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }],
    ['no NPI and no billing.defaultNpi', [{ minutes: 25 }], { diagnoses: true }, { noBillingNpi: 1, invalidBillingNpi: 0, noDiagnoses: 0 }],
    ['no NPI on the entries, but billing.defaultNpi', [{ minutes: 25 }], { defaultNpi: NPI, diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }],
    ['no diagnosis code', [{ minutes: 25, npi: NPI }], {}, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 1 }],
    ['neither', [{ minutes: 25 }], {}, { noBillingNpi: 1, invalidBillingNpi: 0, noDiagnoses: 1 }],
    ['several NPIs: none chosen, so none on the claim', [{ minutes: 15, npi: NPI }, { minutes: 10, npi: '1245319599' }], { diagnoses: true }, { noBillingNpi: 1, invalidBillingNpi: 0, noDiagnoses: 0 }],
    // A payer rejects a claim under an NPI that is not 10 digits or fails the check digit; claims.csv keeps it as written.
    ['an NPI failing the check digit', [{ minutes: 25, npi: '1234567890' }], { diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 1, noDiagnoses: 0 }],
    ['an NPI that is not 10 digits', [{ minutes: 25, npi: '1,234,567,893' }], { diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 1, noDiagnoses: 0 }],
    ['an invalid billing.defaultNpi', [{ minutes: 25 }], { defaultNpi: '1234567890', diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 1, noDiagnoses: 0 }],
    ['an invalid NPI on a not-billable month is no claim', [{ minutes: 15, npi: '1234567890' }], { diagnoses: true }, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }],
    ['a not-billable month is no claim', [{ minutes: 15 }], {}, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }],
    ['an already-billed month is no new claim', [{ minutes: 25 }], { billed: true }, { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }],
  ])('%s', (_, inputs, setup, expected) => {
    const options: BillingOptions = { ...OPTIONS, ...(setup.defaultNpi ? { defaultNpi: setup.defaultNpi } : {}) };
    const m = model(inputs.map(entry), setup.diagnoses ? [diagnosis('E119'), diagnosis('I10')] : [], setup.billed ? [service('99490')] : []);
    const run = ruleRun();
    expect(summarize(m, bill(m, run, options), run, 0, options).incompleteClaims).toEqual(expected);
  });
});

describe('topFixes against its set-based reference', () => {
  /**
   * The revenue each rule's excluded entries would add to one month, as topFixes worked it out before it was
   * written as loops over one reused list (excludingRules): every excluded entry's rules gathered in a Set, and
   * for each rule a Set of the entries it releases. The loops' shortcut for a month with one excluding rule
   * (every countable minute counts) must give the same figures.
   */
  function referenceStakes(entries: readonly TimeEntry[], run: ReturnType<typeof ruleRun>, payment: number): Map<string, number> {
    const { support } = run;
    const price = pricesFor({}, '2026-03');
    const excluded = entries.filter((e) => !support.isSupported(e) && countableMinutes(e) > 0);
    const stakes = new Map<string, number>();
    for (const rule of new Set(excluded.flatMap((e) => support.exclusions(e).map((f) => f.rule)))) {
      const released = new Set(excluded.filter((e) => support.exclusions(e).some((f) => f.rule === rule)));
      const counts = (e: TimeEntry): boolean => (support.isSupported(e) || released.has(e)) && countableMinutes(e) > 0;
      const gain = roundCents(claimLines(bestOption(entries, counts, price), price, '2026-03-31').total - payment);
      if (gain > 0) stakes.set(rule, gain);
    }
    return stakes;
  }

  it('charges each excluding rule what releasing its entries earns, with one rule or several', () => {
    const anEntry = fc.record({
      minutes: fc.oneof(fc.integer({ min: 0, max: 45 }), fc.constant(null)),
      role: fc.constantFrom('clinical', 'practitioner', 'non-clinical'),
      staff: fc.constantFrom('Dr A', 'Dr B'),
      rules: fc.subarray(['vague-note', 'overlapping-time', 'non-clinical-staff']),
    });
    fc.assert(
      fc.property(fc.array(anEntry, { minLength: 1, maxLength: 8 }), (inputs) => {
        const entries = inputs.map((i) => entry({ patientId: 'P1', minutes: i.minutes, role: i.role as TimeEntry['role'], staff: i.staff }));
        const findings = inputs.flatMap((i, id) => i.rules.map((rule) => finding({ rule, level: 'entry', patientId: 'P1', entryIds: [id] })));
        const m = model(entries);
        const run = ruleRun(findings);
        const [month] = bill(m, run, OPTIONS);
        const expected = referenceStakes(m.patientMonths[0]!.entries, run, month!.estimatedPayment);
        const topFixes = summarize(m, [month!], run, 0, OPTIONS).topFixes;
        expect(new Map(topFixes.map((f) => [f.rule, f.revenueAtStake]))).toEqual(expected);
        expect(topFixes.every((f) => f.patientMonths === 1)).toBe(true);
      }),
    );
  });
});
