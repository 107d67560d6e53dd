import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellText } from '../../src/normalize/cells.js';
import { displayIcd10, isProcedureCode, isValidMbi, isValidNpi, isWellFormedIcd10, normalizeIcd10, normalizeId, normalizeNpi, normalizeProcedureCode, procedureCodeAndUnits } from '../../src/normalize/codes.js';
import { monthEnd, parseDate, parseMonthOnly } from '../../src/normalize/dates.js';
import { parseDuration } from '../../src/normalize/durations.js';
import { classifyProgram, isComplexMarker } from '../../src/normalize/programs.js';
import { classifyCredential } from '../../src/normalize/roles.js';
import { clockSpan, parseClockTime } from '../../src/normalize/times.js';
import type { RawCell } from '../../src/read/types.js';

const excelTime = (h: number, m: number, s = 0) => new Date(Date.UTC(1899, 11, 30, h, m, s));

describe('parseDate', () => {
  it.each<[RawCell, string | null]>([
    [new Date(Date.UTC(2025, 2, 7)), '2025-03-07'],
    [new Date(Date.UTC(2025, 2, 7, 23, 59)), '2025-03-07'],
    [45723, '2025-03-07'],
    [45723.75, '2025-03-07'],
    ['45723', '2025-03-07'],
    ['2025-03-07', '2025-03-07'],
    ['2025-3-7', '2025-03-07'],
    ['2025/03/07', '2025-03-07'],
    ['2025-03-07T14:30:00Z', '2025-03-07'],
    ['2025-03-07 14:30', '2025-03-07'],
    ['3/7/2025', '2025-03-07'],
    ['03/07/2025', '2025-03-07'],
    ['3/7/25', '2025-03-07'],
    ['03-07-2025', '2025-03-07'],
    ['3/7/2025 9:15 AM', '2025-03-07'],
    ['Mar 7, 2025', '2025-03-07'],
    ['March 7 2025', '2025-03-07'],
    ['7-Mar-2025', '2025-03-07'],
    ['05.10.2026', '2026-10-05'], // dotted dates are day-first (European exports), whatever --date-order
    ['20.10.2026', '2026-10-20'],
    ['5.10.26', '2026-10-05'],
    ['10.20.2026', null],
    ['05-10-2026', '2026-05-10'], // dashes and slashes stay month-first
    ['07-Mar-25', '2025-03-07'],
    ['20250307', '2025-03-07'],
    ['2/29/2024', '2024-02-29'],
    ['2/29/2025', null],
    ['13/1/2025', null],
    ['10/32/2026', null],
    ['', null],
    ['  ', null],
    ['yesterday', null],
    [null, null],
    [true, null],
    [0, null],
    [-5, null],
  ])('%j → %j', (cell, expected) => {
    expect(parseDate(cell)).toBe(expected);
  });

  it.each<[string, string | null]>([
    ['7/3/2025', '2025-03-07'],
    ['13/1/2025', '2025-01-13'],
    ['2025-03-07', '2025-03-07'],
    ['05.10.2026', '2026-10-05'],
  ])('dmy: %j → %j', (cell, expected) => {
    expect(parseDate(cell, 'dmy')).toBe(expected);
  });

  it('never throws and returns an ISO date or null for any cell', () => {
    const cell = fc.oneof(fc.string(), fc.double(), fc.integer(), fc.boolean(), fc.constant(null), fc.date({ noInvalidDate: false }));
    fc.assert(
      fc.property(cell, (c) => {
        const result = parseDate(c as RawCell);
        return result === null || /^\d{4}-\d{2}-\d{2}$/.test(result);
      }),
    );
  });

  it('reads back every ISO date it writes', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date(Date.UTC(1950, 0, 1)), max: new Date(Date.UTC(2099, 11, 31)), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const [y, m, day] = iso.split('-').map(Number) as [number, number, number];
        return parseDate(iso) === iso && parseDate(`${m}/${day}/${y}`) === iso && parseDate(`${day}/${m}/${y}`, 'dmy') === iso;
      }),
    );
  });

  it('knows month ends', () => {
    expect([monthEnd('2026-02'), monthEnd('2024-02'), monthEnd('2026-10'), monthEnd('2026-12')]).toEqual(['2026-02-28', '2024-02-29', '2026-10-31', '2026-12-31']);
  });
});

describe('parseClockTime', () => {
  it.each<[RawCell, number | null]>([
    ['09:00', 540],
    ['9:00', 540],
    ['9:00 AM', 540],
    ['9:00am', 540],
    ['9:00 a.m.', 540],
    ['12:15 AM', 15],
    ['12:15 PM', 735],
    ['2:30 PM', 870],
    ['14:00:00', 840],
    ['14:00:40', 841],
    ['9am', 540],
    ['9 PM', 1260],
    ['2025-03-07 14:30', 870],
    ['3/7/2025 9:15 AM', 555],
    ['2025-03-07T14:30:00Z', 870],
    ['9:30a', 570],
    ['9:30p', 1290],
    ['9:30 p.', 1290],
    ['9a', 540],
    ['0930', 570],
    ['930', 570],
    ['1415', 855],
    ['0000', 0],
    ['2359', 1439],
    ['2400', null],
    ['0960', null],
    ['12345', null],
    [930, 570], // 0930 typed into Excel is stored as the number 930
    [2359, 1439],
    [2400, 0], // a date serial at midnight, as before
    [0.375, 540],
    ['0.375', 540], // an Excel time written into a CSV
    ['.5', 720],
    ['0.9999999', 0],
    ['1.5', null],
    [45723.5, 720],
    [excelTime(9, 25), 565],
    [new Date(Date.UTC(1904, 0, 1, 9, 25)), 565], // a time cell of a 1904-system workbook
    ['25:00', null],
    ['13:00 PM', null],
    ['9:60', null],
    ['noon', null],
    ['', null],
    [null, null],
    [-0.5, null],
  ])('%j → %j', (cell, expected) => {
    expect(parseClockTime(cell)).toBe(expected);
  });

  it.each<[string, string, number]>([
    ['09:00', '09:25', 25],
    ['23:50', '00:15', 25], // crosses midnight
    ['22:00', '09:00', 660], // a stop 13 hours earlier: crosses midnight
    ['20:00', '08:00', -720], // exactly 12 hours earlier: an error, not a night shift
    ['10:00', '09:30', -30], // a typing error, left for invalid-minutes
    ['09:00', '09:00', 0],
  ])('clockSpan %s–%s is %d minutes', (start, stop, span) => {
    expect(clockSpan(parseClockTime(start)!, parseClockTime(stop)!)).toBe(span);
  });

  it('clockSpan of any two clock times is within (−720, 1440) or exactly −720', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 0, max: 1439 }), (a, b) => {
      const span = clockSpan(a, b);
      return span >= -720 && span < 1440 && (span - (b - a)) % 1440 === 0;
    }));
  });

  it('gives a minute of the day or null for any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.double(), fc.boolean(), fc.constant(null)), (c) => {
        const t = parseClockTime(c as RawCell);
        return t === null || (Number.isInteger(t) && t >= 0 && t < 1440);
      }),
    );
  });
});

describe('parseDuration', () => {
  it.each<[RawCell, ReturnType<typeof parseDuration>]>([
    [25, { kind: 'minutes', minutes: 25 }],
    [25.5, { kind: 'minutes', minutes: 25.5 }],
    ['25', { kind: 'minutes', minutes: 25 }],
    ['25.5', { kind: 'minutes', minutes: 25.5 }],
    ['25 min', { kind: 'minutes', minutes: 25 }],
    ['25 mins', { kind: 'minutes', minutes: 25 }],
    ['25 minutes', { kind: 'minutes', minutes: 25 }],
    ['25m', { kind: 'minutes', minutes: 25 }],
    ['1h 5m', { kind: 'minutes', minutes: 65 }],
    ['1 hr 5 min', { kind: 'minutes', minutes: 65 }],
    ['1.5 hrs', { kind: 'minutes', minutes: 90 }],
    ['2h', { kind: 'minutes', minutes: 120 }],
    ['1:05', { kind: 'minutes', minutes: 65 }],
    ['0:25', { kind: 'minutes', minutes: 25 }],
    ['00:25:00', { kind: 'minutes', minutes: 25 }],
    ['00:25:30', { kind: 'minutes', minutes: 25.5 }],
    // A plain number is minutes, as in a CSV: both readers give time-formatted cells as Dates.
    [0.5, { kind: 'minutes', minutes: 0.5 }],
    [0.25, { kind: 'minutes', minutes: 0.25 }],
    [25 / 1440, { kind: 'minutes', minutes: 0.02 }],
    ['0.5', { kind: 'minutes', minutes: 0.5 }],
    ['1/2 hour', { kind: 'minutes', minutes: 30 }],
    ['1/2 hr', { kind: 'minutes', minutes: 30 }],
    ['½ hr', { kind: 'minutes', minutes: 30 }],
    ['1/2', { kind: 'invalid', text: '1/2' }],
    [excelTime(0, 25), { kind: 'minutes', minutes: 25 }],
    [excelTime(1, 5), { kind: 'minutes', minutes: 65 }],
    // The same durations in a 1904-system (Mac Excel) workbook: Dates on 1904-01-01, day 0 there.
    [new Date(Date.UTC(1904, 0, 1, 0, 25)), { kind: 'minutes', minutes: 25 }],
    [new Date(Date.UTC(1904, 0, 2, 1, 5)), { kind: 'minutes', minutes: 1505 }],
    [new Date(Date.UTC(1904, 0, 1, 0, 25, 30)), { kind: 'minutes', minutes: 25.5 }],
    [new Date(Date.UTC(1904, 0, 3, 0, 0)), { kind: 'invalid', text: '1904-01-03T00:00:00.000Z' }],
    [new Date(Date.UTC(2025, 2, 3)), { kind: 'invalid', text: '2025-03-03T00:00:00.000Z' }],
    [0, { kind: 'minutes', minutes: 0 }],
    [-10, { kind: 'minutes', minutes: -10 }],
    ['-10', { kind: 'minutes', minutes: -10 }],
    ['', { kind: 'empty' }],
    [null, { kind: 'empty' }],
    ['abc', { kind: 'invalid', text: 'abc' }],
    ['1:75', { kind: 'invalid', text: '1:75' }],
    ['#N/A', { kind: 'invalid', text: '#N/A' }],
    [true, { kind: 'invalid', text: 'true' }],
  ])('%j → %j', (cell, expected) => {
    expect(parseDuration(cell)).toEqual(expected);
  });

  it('reads any whole number of minutes written as a number, "N min" or h:mm', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 600 }), (n) => {
        const hmm = `${Math.floor(n / 60)}:${String(n % 60).padStart(2, '0')}`;
        return [n, `${n}`, `${n} min`, `${n}m`, hmm].every((c) => {
          const d = parseDuration(c);
          return d.kind === 'minutes' && d.minutes === n;
        });
      }),
    );
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.double(), fc.constant(null)), (c) => ['empty', 'minutes', 'invalid'].includes(parseDuration(c as RawCell).kind)));
  });
});

describe('ids and codes', () => {
  it.each<[RawCell, string]>([
    [20451, '20451'],
    ['20451.0', '20451'],
    ['2.0451E+4', '20451'],
    [' 20451 ', '20451'],
    ['00123', '00123'],
    ['A-77', 'A-77'],
    [null, ''],
  ])('patient id %j → %j', (cell, expected) => {
    expect(normalizeId(cell)).toBe(expected);
  });

  it('keeps any text id as its trimmed text', () => {
    fc.assert(fc.property(fc.string(), (s) => /^\d+(\.0+)?$|e\+/i.test(s.trim()) || normalizeId(s) === s.trim()));
  });

  it.each<[string, string, boolean, string]>([
    ['e119', 'E119', true, 'E11.9'],
    ['E11.9', 'E119', true, 'E11.9'],
    [' i10 ', 'I10', true, 'I10'],
    ['N18.30', 'N1830', true, 'N18.30'],
    ['S52.501A', 'S52501A', true, 'S52.501A'],
    ['F32.A', 'F32A', true, 'F32.A'],
    ['2E11.9', '2E119', false, '2E1.19'],
    ['E1', 'E1', false, 'E1'],
    ['E11.12345', 'E1112345', false, 'E11.12345'],
  ])('ICD-10 %j → %j (well-formed %j, shown %j)', (input, code, wellFormed, shown) => {
    expect(normalizeIcd10(input)).toBe(code);
    expect(isWellFormedIcd10(code)).toBe(wellFormed);
    expect(displayIcd10(code)).toBe(shown);
  });

  it.each<[string, boolean]>([
    ['1234567893', true],
    ['1245319599', true],
    ['1234567890', false],
    ['123456789', false],
    ['12345678931', false],
    ['abcdefghij', false],
  ])('NPI %s valid: %j', (npi, valid) => {
    expect(isValidNpi(npi)).toBe(valid);
  });

  it('reads NPIs Excel turned into numbers', () => {
    expect([normalizeNpi(1234567893), normalizeNpi('123-456-7893'), normalizeNpi(''), normalizeNpi(null)]).toEqual(['1234567893', '1234567893', undefined, undefined]);
  });

  it.each<[string, boolean]>([
    ['1EG4TE5MK73', true],
    ['1eg4te5mk73'.toUpperCase(), true],
    ['1EG4TE5MK7', false],
    ['0EG4TE5MK73', false],
    ['1SG4TE5MK73', false],
    ['1EG4TE5MK7O', false],
  ])('MBI %s valid: %j', (mbi, valid) => {
    expect(isValidMbi(mbi)).toBe(valid);
  });

  it.each<[RawCell, string]>([
    [99490, '99490'],
    ['99490-25', '99490'],
    ['g0181', 'G0181'],
    ['99439 GT', '99439'],
    ['CPT 99490', '99490'],
    ['99490 - Chronic care mgmt 20 min', '99490'],
    ['99490 (CCM)', '99490'],
    ['CPT-99490', '99490'],
    ['99490x1', '99490'],
    ['99490:1', '99490'],
    ['HCPCS G0506', 'G0506'],
    ['0591T', '0591T'],
    ['Dx Z7901 / CPT 99490', '99490'],
    // Two codes, or none, are left as written: isProcedureCode refuses them and the row is reported.
    ['99490 99439', '99490 99439'],
    ['99490,99439', '99490,99439'],
    ['099490', '099490'],
    ['Office visit', 'OFFICE VISIT'],
  ])('procedure code %j → %j', (cell, expected) => {
    expect(normalizeProcedureCode(cell)).toBe(expected);
  });

  it.each<[RawCell, { code: string; units?: number }]>([
    ['99439 x2', { code: '99439', units: 2 }],
    ['99439x2', { code: '99439', units: 2 }],
    ['99439 X 2', { code: '99439', units: 2 }],
    ['99439 ×2', { code: '99439', units: 2 }],
    ['99439 *3', { code: '99439', units: 3 }],
    ['99439 (2 units)', { code: '99439', units: 2 }],
    ['99439 2 units', { code: '99439', units: 2 }],
    ['99490x1', { code: '99490', units: 1 }],
    ['CPT 99439 x 2', { code: '99439', units: 2 }],
    ['99439-25 x2', { code: '99439', units: 2 }],
    // A separator before X2 makes it a modifier (CMS's patient relationship modifiers are X1–X5).
    ['99439-X2', { code: '99439' }],
    ['99439:X2', { code: '99439' }],
    ['99490 XE', { code: '99490' }],
    ['99490 25', { code: '99490' }],
    [99490, { code: '99490' }],
    ['Office visit', { code: 'OFFICE VISIT' }],
  ])('code cell %j → %j', (cell, expected) => {
    expect(procedureCodeAndUnits(cell)).toEqual(expected);
  });

  it.each<[string, boolean]>([
    ['99490', true],
    ['G0506', true],
    ['0591T', true],
    ['99490 99439', false],
    ['099490', false],
    ['OFFICE VISIT', false],
    // W–Z start no HCPCS code; Z7901 is ICD-10-CM Z79.01 without its dot.
    ['V2020', true],
    ['Z7901', false],
  ])('isProcedureCode(%j) is %j', (code, expected) => {
    expect(isProcedureCode(code)).toBe(expected);
  });
});

describe('credentials', () => {
  it.each<[string | undefined, string]>([
    ['RN', 'clinical-staff'],
    ['R.N.', 'clinical-staff'],
    ['RN, BSN', 'clinical-staff'],
    ['LPN', 'clinical-staff'],
    ['LVN', 'clinical-staff'],
    ['CMA', 'clinical-staff'],
    ['Medical Assistant', 'clinical-staff'],
    ['PharmD', 'clinical-staff'],
    ['MD', 'practitioner'],
    ['D.O.', 'practitioner'],
    ['NP', 'practitioner'],
    ['FNP-C', 'practitioner'],
    ['PA-C', 'practitioner'],
    ['CNS', 'practitioner'],
    ['CNM', 'practitioner'],
    ['Front Desk', 'non-clinical'],
    ['Receptionist', 'non-clinical'],
    ['Scheduler', 'non-clinical'],
    ['Billing', 'non-clinical'],
    ['Admin', 'non-clinical'],
    ['Care Coordinator', 'unknown'],
    ['', 'unknown'],
    // A clear credential as a word of a job title is that credential's role.
    ['RN Care Manager', 'clinical-staff'],
    ['LPN Care Coordinator', 'clinical-staff'],
    ['Care Manager (RN)', 'clinical-staff'],
    ['Senior RN Case Manager', 'clinical-staff'],
    ['NP Lead', 'practitioner'],
    ['Jane Doe, MA', 'clinical-staff'],
    ['MD, RN', 'practitioner'],
    // Words that are credentials only as a whole part: not read inside a title.
    ['Ma Care Coordinator', 'unknown'],
    ['Do Not Use', 'unknown'],
    // A non-clinical role beside a clinical one is not assumed clinical.
    ['Front Desk/MA', 'unknown'],
    ['MA/Front Desk', 'unknown'],
    ['Billing RN', 'unknown'],
    ['Scheduler - LPN', 'unknown'],
    ['Front Desk Scheduler', 'non-clinical'],
    [undefined, 'unknown'],
  ])('%j → %s', (credential, role) => {
    expect(classifyCredential(credential)).toBe(role);
  });

  it('lets config classify titles it does not know', () => {
    expect(classifyCredential('Care Coordinator', new Map([['carecoordinator', 'clinical-staff']]))).toBe('clinical-staff');
  });
});

describe('programs', () => {
  it.each<[string | undefined, string]>([
    [undefined, 'ccm'],
    ['', 'ccm'],
    ['CCM', 'ccm'],
    ['Chronic Care Management', 'ccm'],
    ['Complex CCM', 'complex-ccm'],
    ['CCM - Complex', 'complex-ccm'],
    ['PCM', 'pcm'],
    ['TCM', 'tcm'],
    ['Transitional Care', 'tcm'],
    ['RPM', 'rpm'],
    ['Remote Patient Monitoring', 'rpm'],
    ['BHI', 'bhi'],
    ['CoCM', 'bhi'],
    ['APCM', 'apcm'],
    ['Wellness visit', 'unknown'],
    // Labels that name one program among other words.
    ['Chronic Care Management (CCM)', 'ccm'],
    ['CCM - Chronic Care', 'ccm'],
    ['CCM 99490', 'ccm'],
    ['ccm_monthly', 'ccm'],
    ['Non-complex CCM', 'ccm'],
    ['Complex Chronic Care (CCCM)', 'complex-ccm'],
    ['CCM 99487', 'complex-ccm'],
    ['Complex Chronic Care Mgmt', 'complex-ccm'],
    ['TCM follow-up', 'tcm'],
    ['Transition of Care call', 'tcm'],
    ['RPM - device review', 'rpm'],
    ['Behavioral Health (BHI)', 'bhi'],
    ['PCM complex condition', 'pcm'],
    // Labels that name two programs, none, or negate one stay unknown: a guess would lose or borrow minutes.
    ['Care Management', 'unknown'],
    ['CCM/TCM', 'unknown'],
    ['CCM and RPM', 'unknown'],
    ['Complex', 'unknown'],
    ['Not CCM time', 'unknown'],
    ['Complex care management', 'unknown'],
    ['Occam', 'unknown'],
    // Said outright not to be a care-management program: D3 time.
    ['Other', 'other'],
    ['Non-CCM', 'other'],
  ])('%j → %s', (text, program) => {
    expect(classifyProgram(text)).toBe(program);
  });

  it('lets config classify labels, over the built-in names', () => {
    const config = new Map([['caremanagement', 'ccm' as const], ['tcm', 'other' as const]]);
    expect(classifyProgram('Care Management', config)).toBe('ccm');
    expect(classifyProgram('Care  management', config)).toBe('ccm');
    expect(classifyProgram('TCM', config)).toBe('other');
    // The built-in answer is remembered apart from the config's.
    expect(classifyProgram('Care Management')).toBe('unknown');
  });

  it.each<[string | undefined, boolean]>([
    ['Complex', true],
    ['Yes', true],
    ['High', true],
    ['99487', true],
    ['99489', true],
    ['Non-complex', false],
    ['99490', false],
    ['No', false],
    [undefined, false],
  ])('complexity %j → %j', (text, complex) => {
    expect(isComplexMarker(text)).toBe(complex);
  });
});

describe('cellText', () => {
  it.each<[RawCell, string]>([
    [20451, '20451'],
    [25.5, '25.5'],
    ['  x  ', 'x'],
    [true, 'TRUE'],
    [null, ''],
  ])('%j → %j', (cell, expected) => {
    expect(cellText(cell)).toBe(expected);
  });
});

describe('parseMonthOnly', () => {
  it.each([
    ['2026-10', '2026-10'],
    ['2026/9', '2026-09'],
    ['10/2026', '2026-10'],
    ['Oct 2026', '2026-10'],
    ['October 2026', '2026-10'],
    ['Sept. 2026', '2026-09'],
    ['2026-13', null],
    ['Octopus 2026', null],
    // A date whose day the month does not have still names its month.
    ['2026-09-31', '2026-09'],
    ['09/31/2026', '2026-09'],
    ['2026-10-32', '2026-10'],
    ['09/31/26', '2026-09'],
    ['31.09.2026', '2026-09'],
    ['Sep 31, 2026', '2026-09'],
    ['31-Sep-2026', '2026-09'],
    ['13/31/2026', null],
    ['soon', null],
  ])('%j is %j', (text, expected) => {
    expect(parseMonthOnly(text)).toBe(expected);
  });

  it('reads an impossible date in the date order given', () => {
    expect(parseMonthOnly('31/09/2026', 'dmy')).toBe('2026-09');
    expect(parseMonthOnly('31/09/2026', 'mdy')).toBe(null);
  });
});
