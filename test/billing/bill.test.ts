import { describe, expect, it } from 'vitest';
import { billedAtRisk } from '../../src/billing/already-billed.js';
import { bill } from '../../src/billing/bill.js';
import { BUNDLED_FEES } from '../../src/billing/fees.js';
import type { BillingOptions, FeeSchedule, PatientMonth } from '../../src/billing/types.js';
import { describeLines, diagnosis, entry, finding, model, ruleRun, service, type EntryInput } from './helpers.js';
import {
  carePlan as specCarePlan,
  consent as specConsent,
  diagnosis as specDiagnosis,
  entry as specEntry,
  model as specModel,
  type ModelSpec,
} from '../helpers/model-builder.js';

const MONTH_END: BillingOptions = { dateOfService: 'month-end', placeOfService: '11' };
const THRESHOLD: BillingOptions = { dateOfService: 'threshold-met', placeOfService: '11' };

function billOne(inputs: EntryInput[], findings = ruleRun(), options = MONTH_END): PatientMonth {
  const months = bill(model(inputs.map(entry)), findings, options);
  expect(months).toHaveLength(1);
  return months[0]!;
}

describe('bill: minutes and codes', () => {
  it('bills supported clinical-staff time at the CY2026 amounts', () => {
    const pm = billOne([{ minutes: 15 }, { minutes: 10 }]);
    expect(pm).toMatchObject({
      patientId: 'P1',
      month: '2026-03',
      status: 'billable',
      loggedMinutes: 25,
      supportedMinutes: 25,
      family: 'non-complex',
      lines: [{ code: '99490', units: 1, estimatedPayment: 66.13 }],
      estimatedPayment: 66.13,
      dateOfService: '2026-03-31',
      blockedBy: [],
      minutesShort: null,
    });
  });

  it.each<[string, EntryInput[], number, number, string]>([
    ['unreadable minutes count 0', [{ minutes: 20 }, { minutes: null, minutesText: 'abc' }], 20, 20, '99490'],
    ['negative minutes count 0', [{ minutes: 45 }, { minutes: -10 }], 45, 45, '99490 99439x1'],
    ['non-CCM programs never count (D3)', [{ minutes: 20 }, { minutes: 40, program: 'tcm' }], 20, 20, '99490'],
    ['practitioner time alone, 90 minutes', [{ minutes: 90, role: 'practitioner', credential: 'MD' }], 90, 90, '99491 99437x2'],
    [
      'one practitioner written two ways is one practitioner',
      [
        { minutes: 45, role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 45, role: 'practitioner', staff: 'dr  adams' },
      ],
      90,
      90,
      '99491 99437x2',
    ],
    [
      'two practitioners: 99491 counts one\'s own time, the staff family counts both (R-CODE-99491)',
      [
        { minutes: 45, role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 45, role: 'practitioner', staff: 'Dr Brown' },
      ],
      90,
      90,
      '99490 99439x2',
    ],
    [
      'two practitioners: the one with the most minutes is taken as the billing practitioner',
      [
        { minutes: 20, role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 90, role: 'practitioner', staff: 'Dr Brown' },
      ],
      110,
      110,
      '99491 99437x2',
    ],
    ['a complex marker on any entry makes the month complex', [{ minutes: 60 }, { minutes: 30, complex: true }], 90, 90, '99487 99489x1'],
    ['complex months under 60 minutes fall back to non-complex', [{ minutes: 59, complex: true }], 59, 59, '99490 99439x1'],
  ])('%s', (_, inputs, logged, supported, codes) => {
    const pm = billOne(inputs);
    expect(pm.loggedMinutes).toBe(logged);
    expect(pm.supportedMinutes).toBe(supported);
    expect(describeLines(pm.lines)).toBe(codes);
  });

  it.each<[string, EntryInput[], number, number | null, string]>([
    ['staff time: the non-complex family counts every minute', [{ minutes: 25 }], 25, 25, '99490'],
    [
      '99491 counts the practitioner\'s own minutes only, not the RN\'s (R-CODE-99491)',
      [
        { minutes: 90, role: 'practitioner', credential: 'MD' },
        { minutes: 5 },
      ],
      95,
      90,
      '99491 99437x2',
    ],
    [
      'two practitioners: 99491 counts the billing practitioner\'s minutes',
      [
        { minutes: 20, role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 90, role: 'practitioner', staff: 'Dr Brown' },
      ],
      110,
      90,
      '99491 99437x2',
    ],
    ['complex: staff and practitioner minutes', [{ minutes: 60 }, { minutes: 30, complex: true, role: 'practitioner' }], 90, 90, '99487 99489x1'],
    ['not billable: no family, no counted minutes', [{ minutes: 15 }], 15, null, ''],
  ])('countedMinutes: %s', (_, inputs, supported, counted, codes) => {
    const pm = billOne(inputs);
    expect(pm.supportedMinutes).toBe(supported);
    expect(pm.countedMinutes).toBe(counted);
    expect(describeLines(pm.lines)).toBe(codes);
  });

  it('entry-level errors make minutes unsupported (D1); warnings do not', () => {
    const run = ruleRun([
      finding({ rule: 'vague-note', level: 'entry', entryIds: [1] }),
      finding({ rule: 'short-note', level: 'entry', severity: 'warning', entryIds: [0] }),
    ]);
    const pm = billOne([{ minutes: 15 }, { minutes: 10 }], run);
    expect(pm).toMatchObject({ status: 'not-billable', loggedMinutes: 25, supportedMinutes: 15, family: null, lines: [], estimatedPayment: 0 });
    expect(pm).toMatchObject({ dateOfService: null, minutesShort: 5 });
  });

  it('trusts the rules: a non-clinical entry no rule excluded counts (config may relax rules)', () => {
    const pm = billOne([{ minutes: 10 }, { minutes: 10, role: 'non-clinical', credential: 'Front desk' }]);
    expect(pm.supportedMinutes).toBe(20);
    expect(pm.status).toBe('billable');
  });

  // Seconds from a timer (00:01:12, 00:16:24, 00:02:24) or decimal minutes: added as binary fractions they fell
  // just short of the threshold (19.999999999999996), and the month lost its 99490 or an add-on unit (B01).
  it.each<[number[], string[], number]>([
    [[1.2, 16.4, 2.4], ['99490'], 20],
    [[1.3, 30.9, 7.8], ['99490', '99439'], 40],
    [[0.1, 0.2, 19.7], ['99490'], 20],
    [[10.1, 20.2, 29.7], ['99490', '99439'], 60],
  ])('minutes exact to the hundredth add up exactly: %j', (minutes, codes, supported) => {
    const pm = billOne(minutes.map((m) => ({ minutes: m })));
    expect(pm.supportedMinutes).toBe(supported);
    expect(pm.loggedMinutes).toBe(supported);
    expect(pm.lines.map((l) => l.code)).toEqual(codes);
    // Under threshold-met the base line is dated the day its twentieth minute was logged.
    expect(billOne(minutes.map((m) => ({ minutes: m })), ruleRun(), THRESHOLD).dateOfService).not.toBeNull();
  });

  it('minutesShort counts up to the lowest base minimum', () => {
    expect(billOne([{ minutes: null }]).minutesShort).toBe(20);
    expect(billOne([{ minutes: 19 }]).minutesShort).toBe(1);
  });
});

describe('bill: status', () => {
  const at = (patientId: string, month: string) => ({ patientId, month });
  it.each<[string, Parameters<typeof finding>[0][], PatientMonth['status'], string[]]>([
    ['no findings', [], 'billable', []],
    ['a month-level warning does not block', [{ rule: 'care-plan-missing', level: 'month', severity: 'warning' }], 'billable', []],
    [
      'month-level errors block; ids sorted and unique',
      [
        { rule: 'no-consent', level: 'month' },
        { rule: 'fewer-than-two-chronic', level: 'month' },
        { rule: 'no-consent', level: 'month' },
      ],
      'blocked',
      ['fewer-than-two-chronic', 'no-consent'],
    ],
    ["another month's error does not block", [{ rule: 'no-consent', level: 'month', ...at('P1', '2026-04') }], 'billable', []],
    ["another patient's error does not block", [{ rule: 'no-consent', level: 'month', ...at('P2', '2026-03') }], 'billable', []],
  ])('%s', (_, findings, status, blockedBy) => {
    const pm = billOne([{ minutes: 45 }], ruleRun(findings.map(finding)));
    expect(pm.status).toBe(status);
    expect(pm.blockedBy).toEqual(blockedBy);
    // Blocked months keep their lines: they show what is at stake.
    expect(pm.lines.map((l) => l.code)).toEqual(['99490', '99439']);
    expect(pm.estimatedPayment).toBe(114.13);
    expect(pm.dateOfService).toBe('2026-03-31');
  });

  it('not-billable wins over blocked, and still names the blocking rules', () => {
    const pm = billOne([{ minutes: 10 }], ruleRun([finding({ rule: 'no-consent', level: 'month' })]));
    expect(pm).toMatchObject({ status: 'not-billable', blockedBy: ['no-consent'], lines: [], estimatedPayment: 0, minutesShort: 10 });
  });
});

describe('bill: months already billed (R-OIG-2019, R-OIG-2021: the same month billed twice)', () => {
  const NPI = '1234567893';
  const OTHER = '1245319599';
  type Case = [string, { npi?: string }[], ReturnType<typeof service>[], PatientMonth['status']];
  it.each<Case>([
    ['99490 under the entries\' NPI', [{ npi: NPI }], [service('99490', { npi: NPI })], 'billed'],
    ['99490 + 99439 under the entries\' NPI', [{ npi: NPI }], [service('99490', { npi: NPI }), service('99439', { npi: NPI })], 'billed'],
    ['99490 without an NPI', [{ npi: NPI }], [service('99490')], 'billed'],
    ['entries without an NPI: CCM under any NPI', [{}], [service('99490', { npi: OTHER })], 'billed'],
    ['an add-on alone is still CCM billed for the month', [{ npi: NPI }], [service('99439', { npi: NPI })], 'billed'],
    // multiple-billing-practitioners blocks it too, but that rule may be turned down or accepted in a baseline.
    ['another practitioner\'s CCM for the month, with no finding blocking it', [{ npi: NPI }], [service('99490', { npi: OTHER })], 'billed'],
    ['a non-CCM service does not bill the month', [{ npi: NPI }], [service('99495', { npi: NPI })], 'billable'],
    ['CCM billed in another month', [{ npi: NPI }], [service('99490', { npi: NPI, date: '2026-02-28' })], 'billable'],
    ['CCM billed for another patient', [{ npi: NPI }], [service('99490', { npi: NPI, patientId: 'P2' })], 'billable'],
  ])('%s', (_, entries, services, status) => {
    const [pm] = bill(model(entries.map((e) => entry({ minutes: 25, ...e })), [], services), ruleRun(), MONTH_END);
    expect(pm!.status).toBe(status);
    // The lines are computed either way: a billed month shows them to compare with the claim billed.
    expect(describeLines(pm!.lines)).toBe('99490');
    expect(pm!.estimatedPayment).toBe(66.13);
  });

  // The claim has gone out: never revenue to win by fixing an error or logging more time. An error that stands
  // stays in blockedBy, where it puts the claim at risk.
  it.each<[string, EntryInput[], Parameters<typeof finding>[0][], Partial<PatientMonth>]>([
    ['billed wins over blocked: the error puts the claim at risk', [{ minutes: 25 }], [{ rule: 'no-consent', level: 'month' }], { blockedBy: ['no-consent'], estimatedPayment: 66.13 }],
    ['billed wins over not billable', [{ minutes: 15 }], [], { blockedBy: [], lines: [], estimatedPayment: 0, minutesShort: 5 }],
    ['billed wins over both', [{ minutes: 15 }], [{ rule: 'unsupported-code', level: 'month' }], { blockedBy: ['unsupported-code'], lines: [], minutesShort: 5 }],
  ])('%s', (_, entries, findings, expected) => {
    const [pm] = bill(model(entries.map(entry), [], [service('99490')]), ruleRun(findings.map(finding)), MONTH_END);
    expect(pm).toMatchObject({ status: 'billed', ...expected });
    expect(billedAtRisk(pm!)).toBe(expected.blockedBy!.length > 0);
  });
});

describe('bill: fee year follows the date of service', () => {
  it.each([
    ['2025-12-15', 60.49, '2025-12-31'],
    ['2026-01-15', 66.13, '2026-01-31'],
  ])('%s', (date, amount, dos) => {
    const pm = billOne([{ minutes: 20, date }]);
    expect(pm.estimatedPayment).toBe(amount);
    expect(pm.dateOfService).toBe(dos);
  });

  it('uses options.fees instead of the bundled schedule', () => {
    const fees: FeeSchedule = { source: 'x.csv', amounts: { 2026: { ...BUNDLED_FEES.amounts[2026], '99490': 70, '99439': 50.005 } } };
    const pm = billOne([{ minutes: 40 }], ruleRun(), { ...MONTH_END, fees });
    expect(pm.lines).toEqual([
      { code: '99490', units: 1, estimatedPayment: 70, dateOfService: '2026-03-31' },
      { code: '99439', units: 1, estimatedPayment: 50.01, dateOfService: '2026-03-31' },
    ]);
    expect(pm.estimatedPayment).toBe(120.01);
  });
});

describe('bill: date of service (D6, R-CLAIM-DOS)', () => {
  it.each<[string, EntryInput[], number[], string]>([
    [
      'staff: the day the cumulative supported minutes reach 20, in date order',
      [
        { minutes: 10, date: '2026-03-20' },
        { minutes: 5, date: '2026-03-05' },
        { minutes: 8, date: '2026-03-12' },
        { minutes: 30, date: '2026-03-06' }, // excluded below
      ],
      [3],
      '2026-03-20',
    ],
    [
      'several entries on the threshold day',
      [
        { minutes: 12, date: '2026-03-02' },
        { minutes: 5, date: '2026-03-09' },
        { minutes: 5, date: '2026-03-09' },
        { minutes: 30, date: '2026-03-01', role: 'non-clinical' }, // excluded below
      ],
      [3],
      '2026-03-09',
    ],
    [
      'practitioner family: only the practitioner minutes reach the 30-minute base',
      [
        { minutes: 40, date: '2026-03-02' },
        { minutes: 30, date: '2026-03-10', role: 'practitioner' },
        { minutes: 30, date: '2026-03-15', role: 'practitioner' },
        { minutes: 30, date: '2026-03-20', role: 'practitioner' },
      ],
      [],
      '2026-03-10',
    ],
    [
      'practitioner family: only the billing practitioner\'s own minutes, not another practitioner\'s',
      [
        { minutes: 20, date: '2026-03-02', role: 'practitioner', staff: 'Dr Brown' },
        { minutes: 15, date: '2026-03-05', role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 15, date: '2026-03-10', role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 60, date: '2026-03-20', role: 'practitioner', staff: 'Dr Adams' },
      ],
      [],
      '2026-03-10',
    ],
    [
      'complex family: the 60-minute base',
      [
        { minutes: 30, date: '2026-03-01', complex: true },
        { minutes: 30, date: '2026-03-08', role: 'practitioner' },
        { minutes: 30, date: '2026-03-09' },
      ],
      [],
      '2026-03-08',
    ],
  ])('%s', (_, inputs, excluded, dos) => {
    const run = ruleRun([finding({ rule: 'vague-note', level: 'entry', entryIds: excluded })]);
    expect(billOne(inputs, run, THRESHOLD).dateOfService).toBe(dos);
    expect(billOne(inputs, run, MONTH_END).dateOfService).toBe('2026-03-31');
  });

  it('is null when the month is not billable', () => {
    expect(billOne([{ minutes: 5 }], ruleRun(), THRESHOLD).dateOfService).toBeNull();
  });

  // Under threshold-met each line is dated the day the time it bills had all been spent: the base line the day
  // the base minimum was met, an add-on line the day base + units × increment was (all its units earned).
  it.each<[string, EntryInput[], number[], [string, number, string][]]>([
    [
      'non-complex: 99439 the day its 20 more minutes were met, not the day 99490 was',
      [
        { minutes: 25, date: '2026-03-03' },
        { minutes: 25, date: '2026-03-20' },
      ],
      [],
      [
        ['99490', 1, '2026-03-03'],
        ['99439', 1, '2026-03-20'],
      ],
    ],
    [
      'non-complex at its cap: 99439 ×2 the day 60 minutes were met; later minutes earn nothing more',
      [
        { minutes: 20, date: '2026-03-02' },
        { minutes: 20, date: '2026-03-05' },
        { minutes: 20, date: '2026-03-09' },
        { minutes: 30, date: '2026-03-20' },
      ],
      [],
      [
        ['99490', 1, '2026-03-02'],
        ['99439', 2, '2026-03-09'],
      ],
    ],
    [
      'an excluded entry does not advance the add-on',
      [
        { minutes: 20, date: '2026-03-02' },
        { minutes: 20, date: '2026-03-04' }, // excluded below
        { minutes: 20, date: '2026-03-10' },
      ],
      [1],
      [
        ['99490', 1, '2026-03-02'],
        ['99439', 1, '2026-03-10'],
      ],
    ],
    [
      'one entry meeting base and add-on dates both lines that day',
      [{ minutes: 45, date: '2026-03-03' }],
      [],
      [
        ['99490', 1, '2026-03-03'],
        ['99439', 1, '2026-03-03'],
      ],
    ],
    [
      'practitioner family: 99437 ×3 the day the practitioner reached 120 minutes',
      [
        { minutes: 35, date: '2026-03-03', role: 'practitioner', credential: 'MD' },
        { minutes: 100, date: '2026-03-28', role: 'practitioner', credential: 'MD' },
      ],
      [],
      [
        ['99491', 1, '2026-03-03'],
        ['99437', 3, '2026-03-28'],
      ],
    ],
    [
      'practitioner family: staff and another practitioner\'s minutes do not advance 99437 (R-CODE-99491)',
      [
        { minutes: 30, date: '2026-03-05', role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 20, date: '2026-03-06', role: 'practitioner', staff: 'Dr Brown' },
        { minutes: 40, date: '2026-03-07' },
        { minutes: 30, date: '2026-03-12', role: 'practitioner', staff: 'Dr Adams' },
        { minutes: 30, date: '2026-03-25', role: 'practitioner', staff: 'Dr Adams' },
      ],
      [],
      [
        ['99491', 1, '2026-03-05'],
        ['99437', 2, '2026-03-25'],
      ],
    ],
    [
      'complex family: 99489 the day 60 + 30 minutes were met',
      [
        { minutes: 30, date: '2026-03-01', complex: true },
        { minutes: 30, date: '2026-03-08' },
        { minutes: 20, date: '2026-03-12' },
        { minutes: 10, date: '2026-03-15' },
      ],
      [],
      [
        ['99487', 1, '2026-03-08'],
        ['99489', 1, '2026-03-15'],
      ],
    ],
  ])('per line: %s', (_, inputs, excluded, expected) => {
    const run = ruleRun([finding({ rule: 'vague-note', level: 'entry', entryIds: excluded })]);
    const threshold = billOne(inputs, run, THRESHOLD);
    expect(threshold.lines.map((l) => [l.code, l.units, l.dateOfService])).toEqual(expected);
    // The claim's date is its base line's.
    expect(threshold.dateOfService).toBe(expected[0]![2]);
    const monthEnd = billOne(inputs, run, MONTH_END);
    expect(monthEnd.lines.map((l) => [l.code, l.units, l.dateOfService])).toEqual(expected.map(([code, units]) => [code, units, '2026-03-31']));
    expect(monthEnd.dateOfService).toBe('2026-03-31');
  });

  it('shared claim lines keep each month\'s own dates: same codes, other days, other months', () => {
    const entries = [
      { minutes: 25, date: '2026-03-03' },
      { minutes: 25, date: '2026-03-20' },
      { minutes: 25, date: '2026-03-05', patientId: 'P2' },
      { minutes: 25, date: '2026-03-12', patientId: 'P2' },
      { minutes: 25, date: '2026-04-03' },
      { minutes: 25, date: '2026-04-20' },
    ].map(entry);
    const dates = (options: BillingOptions) => bill(model(entries), ruleRun(), options).map((pm) => [pm.patientId, pm.month, ...pm.lines.map((l) => l.dateOfService)]);
    expect(dates(THRESHOLD)).toEqual([
      ['P1', '2026-03', '2026-03-03', '2026-03-20'],
      ['P1', '2026-04', '2026-04-03', '2026-04-20'],
      ['P2', '2026-03', '2026-03-05', '2026-03-12'],
    ]);
    expect(dates(MONTH_END)).toEqual([
      ['P1', '2026-03', '2026-03-31', '2026-03-31'],
      ['P1', '2026-04', '2026-04-30', '2026-04-30'],
      ['P2', '2026-03', '2026-03-31', '2026-03-31'],
    ]);
  });
});

// Under threshold-met no line is dated before the day the month's other requirements were all met: consent,
// two chronic conditions by their onsets, a care plan when the care-plan export was given (explore9 A03); and
// the claim lists only diagnoses made by its date. Month-end claims are unchanged.
describe('bill: threshold-met waits for the month\'s requirements', () => {
  type Spec = Pick<ModelSpec, 'consents' | 'diagnoses' | 'carePlans'>;
  /** 25 minutes on 10-01 (the base minimum met that day) and 10 on 10-26; consent, care plan, E11.9 and I10 since January or earlier. */
  const entries = () => [specEntry({ minutes: 25, date: '2026-10-01' }), specEntry({ minutes: 10, date: '2026-10-26' })];
  const met: Spec = { consents: [specConsent()], diagnoses: [specDiagnosis('E11.9'), specDiagnosis('I10')], carePlans: [specCarePlan()] };
  const billSpec = (spec: Spec, options: BillingOptions, more = entries()) => {
    const months = bill(specModel({ entries: more, ...spec }), ruleRun(), options);
    expect(months).toHaveLength(1);
    return months[0]!;
  };

  it.each<[string, Spec, string, string[], string[]?]>([
    ['everything met before the threshold: the threshold day, unchanged', met, '2026-10-01', ['E11.9', 'I10']],
    [
      'the second chronic condition diagnosed 10-25: dated that day, when two conditions were active',
      { ...met, diagnoses: [specDiagnosis('E11.9'), specDiagnosis('I50.9', { onsetDate: '2026-10-25' })] },
      '2026-10-25',
      ['E11.9', 'I50.9'],
    ],
    ['the first care plan established 10-22: dated that day', { ...met, carePlans: [specCarePlan({ date: '2026-10-22' })] }, '2026-10-22', ['E11.9', 'I10']],
    ['consent given 10-15: dated that day', { ...met, consents: [specConsent({ date: '2026-10-15' })] }, '2026-10-15', ['E11.9', 'I10']],
    [
      'several met late: the latest of them',
      {
        consents: [specConsent({ date: '2026-10-15' })],
        diagnoses: [specDiagnosis('E11.9'), specDiagnosis('I50.9', { onsetDate: '2026-10-12' })],
        carePlans: [specCarePlan({ date: '2026-10-22' })],
      },
      '2026-10-22',
      ['E11.9', 'I50.9'],
    ],
    [
      'a third condition diagnosed after the date is left off the claim (month-end lists it)',
      { ...met, diagnoses: [specDiagnosis('E11.9'), specDiagnosis('I50.9', { onsetDate: '2026-10-20' }), specDiagnosis('I10')] },
      '2026-10-01',
      ['E11.9', 'I10'],
      ['E11.9', 'I50.9', 'I10'],
    ],
    [
      'a plan dated later in the month does not move the date when an earlier one is in place',
      { ...met, carePlans: [specCarePlan(), specCarePlan({ date: '2026-10-22' })] },
      '2026-10-01',
      ['E11.9', 'I10'],
    ],
    ['without a care-plan export no plan is asked for', { consents: met.consents, diagnoses: met.diagnoses }, '2026-10-01', ['E11.9', 'I10']],
    // The month is blocked by missing-care-plan; the date is not moved by what never happens in the month.
    ['a plan only after the month does not move the date', { ...met, carePlans: [specCarePlan({ date: '2026-11-05' })] }, '2026-10-01', ['E11.9', 'I10']],
  ])('%s', (_, spec, dos, diagnoses, monthEndDiagnoses = diagnoses) => {
    const threshold = billSpec(spec, THRESHOLD);
    expect([threshold.dateOfService, ...threshold.lines.map((l) => l.dateOfService)]).toEqual([dos, dos]);
    expect(threshold.diagnoses).toEqual(diagnoses);
    const monthEnd = billSpec(spec, MONTH_END);
    expect([monthEnd.dateOfService, ...monthEnd.lines.map((l) => l.dateOfService)]).toEqual(['2026-10-31', '2026-10-31']);
    expect(monthEnd.diagnoses).toEqual(monthEndDiagnoses);
  });

  it.each<[string, { minutes: number; date: string }[], [string, string][]]>([
    [
      'an add-on earned after the plan keeps its own day',
      [
        { minutes: 25, date: '2026-10-01' },
        { minutes: 25, date: '2026-10-28' },
      ],
      [
        ['99490', '2026-10-22'],
        ['99439', '2026-10-28'],
      ],
    ],
    [
      'an add-on earned before the plan is dated with it',
      [{ minutes: 45, date: '2026-10-01' }],
      [
        ['99490', '2026-10-22'],
        ['99439', '2026-10-22'],
      ],
    ],
  ])('per line: %s', (_, inputs, expected) => {
    const pm = billSpec({ ...met, carePlans: [specCarePlan({ date: '2026-10-22' })] }, THRESHOLD, inputs.map(specEntry));
    expect(pm.lines.map((l) => [l.code, l.dateOfService])).toEqual(expected);
  });

  it('counts insufficient-chronic-conditions\' additionalChronicCodes as that rule does', () => {
    // R73.03 is not chronic in the index; a payer list that counts it makes its onset the day two conditions exist.
    const spec: Spec = { ...met, diagnoses: [specDiagnosis('E11.9'), specDiagnosis('R73.03', { onsetDate: '2026-10-18' })] };
    expect(billSpec(spec, { ...THRESHOLD, additionalChronicCodes: ['R7303'] }).dateOfService).toBe('2026-10-18');
  });
});

describe('bill: billing NPI and MBI', () => {
  it.each<[string, (string | undefined)[], string | undefined, string | null]>([
    ['one NPI on every entry', ['1234567893', '1234567893'], undefined, '1234567893'],
    ['one NPI on some entries', ['1234567893', undefined], '1999999999', '1234567893'],
    ['no NPI: the configured default', [undefined, undefined], '1999999999', '1999999999'],
    ['no NPI and no default', [undefined], undefined, null],
    ['several NPIs: none, not a guess', ['1234567893', '1245319599'], '1999999999', null],
  ])('%s', (_, npis, defaultNpi, expected) => {
    const pm = billOne(
      npis.map((npi) => ({ minutes: 20, ...(npi ? { npi } : {}) })),
      ruleRun(),
      { ...MONTH_END, defaultNpi },
    );
    expect(pm.billingNpi).toBe(expected);
  });

  it('takes the first MBI on the month entries', () => {
    expect(billOne([{ minutes: 10 }, { minutes: 10, mbi: '1EG4TE5MK73' }, { minutes: 5, mbi: '2EG4TE5MK73' }]).mbi).toBe('1EG4TE5MK73');
    expect(billOne([{ minutes: 20 }]).mbi).toBeNull();
  });
});

describe('bill: diagnoses', () => {
  const billWith = (diagnoses: ReturnType<typeof diagnosis>[]) => bill(model([entry({ minutes: 20 })], diagnoses), ruleRun(), MONTH_END)[0]!.diagnoses;

  it('active, well-formed, unique codes; chronic first, then problem-list order; dotted', () => {
    expect(
      billWith([
        diagnosis('J069'), // not chronic
        diagnosis('E119'),
        diagnosis('Z794'), // CCIR no-determination: not promoted
        diagnosis('I10'),
        diagnosis('XX'), // malformed
        diagnosis('E119'), // duplicate
        diagnosis('R509', { onsetDate: '2026-04-01' }), // onset after the month
        diagnosis('N1830', { resolvedDate: '2026-02-28' }), // resolved before the month
        diagnosis('I509', { resolved: true }), // resolved, no date: inactive
        diagnosis('J449', { resolved: true, resolvedDate: '2026-03-01' }), // resolved during the month: active
        diagnosis('E785', { onsetDate: '2026-03-31' }), // onset on the last day: active
        diagnosis('F329', { patientId: 'P2' }), // another patient
      ]),
    ).toEqual(['E11.9', 'I10', 'J44.9', 'E78.5', 'J06.9', 'Z79.4']);
  });

  it('at most 12', () => {
    const chronic = ['E119', 'I10', 'I509', 'J449', 'E785', 'M170', 'F329', 'I4891', 'N1830', 'G309', 'F0390', 'E1165', 'N1831'];
    const result = billWith([diagnosis('J069'), ...chronic.map((c) => diagnosis(c))]);
    expect(result).toHaveLength(12);
    expect(result[0]).toBe('E11.9');
    expect(result).not.toContain('J06.9');
    expect(result).not.toContain('N18.31');
  });
});

describe('bill: one result per patient-month, in model order', () => {
  it('keeps model.patientMonths order', () => {
    const m = model(
      [
        entry({ minutes: 20, patientId: 'P2', date: '2026-03-03' }),
        entry({ minutes: 20, patientId: 'P1', date: '2026-04-03' }),
        entry({ minutes: 5, patientId: 'P1', date: '2026-03-03' }),
      ],
    );
    const months = bill(m, ruleRun(), MONTH_END);
    expect(months.map((pm) => `${pm.patientId} ${pm.month} ${pm.status}`)).toEqual([
      'P1 2026-03 not-billable',
      'P1 2026-04 billable',
      'P2 2026-03 billable',
    ]);
    expect(months.map((pm) => [pm.patientId, pm.month])).toEqual(m.patientMonths.map((r) => [r.patientId, r.month]));
  });
});
