import { describe, expect, it } from 'vitest';
import { parseFeeScheduleCsv } from '../../src/billing/fee-schedule.js';
import { BUNDLED_FEES, feeFor, uncoveredYears } from '../../src/billing/fees.js';
import { CcmError } from '../../src/errors.js';

const ROWS_2026 = ['2026,99490,66.13', '2026,99439,48', '2026,99491,84.84', '2026,99437,63.13', '2026,99487,144.29', '2026,99489,78.16'];
const csv = (...lines: string[]) => lines.join('\n');

describe('parseFeeScheduleCsv', () => {
  it('reads year,code,amount', () => {
    const schedule = parseFeeScheduleCsv(csv('year,code,amount', ...ROWS_2026), 'fees.csv');
    expect(schedule.source).toBe('fees.csv');
    expect(schedule.amounts).toEqual({ 2026: { '99490': 66.13, '99439': 48, '99491': 84.84, '99437': 63.13, '99487': 144.29, '99489': 78.16 } });
    expect(feeFor(schedule, '99490', '2026-03-31')).toBe(66.13);
  });

  it('tolerates header case and order, extra columns, BOM, CRLF, blank rows, $ and thousands separators', () => {
    const text =
      '\uFEFFAmount,Note,CODE,Year\r\n' +
      '\r\n' +
      '"$1,234.50",big,99490,2025\r\n' +
      '$ 45.93,,99439,2025\r\n' +
      '82.16,,99491 ,2025\r\n' +
      '57.58,,99437,2025\r\n' +
      '131.65,,99487,2025\r\n' +
      '70.52,,99489,2025\r\n' +
      '60.49,,g0506,2025\r\n' +
      '70.52,same amount twice is fine,99489,2025\r\n';
    const schedule = parseFeeScheduleCsv(text, 'fees.csv');
    expect(schedule.amounts[2025]).toEqual({ '99490': 1234.5, '99439': 45.93, '99491': 82.16, '99437': 57.58, '99487': 131.65, '99489': 70.52, G0506: 60.49 });
  });

  it.each<[string, string, string]>([
    ['empty file', '', 'fees.csv: the fee schedule is empty; expected a header row "year,code,amount".'],
    ['header only', 'year,code,amount\n', 'fees.csv: the fee schedule has a header but no rows; add one row per year and CCM code.'],
    ['missing column', 'year,code,price\n2026,99490,1', 'fees.csv, row 1: the header has no "amount" column; expected "year,code,amount" (found "year,code,price").'],
    ['two-digit year', csv('year,code,amount', '26,99490,66.13'), 'fees.csv, row 2, column "year": "26" is not a calendar year (expected e.g. 2026).'],
    ['bad code', csv('Year,Code,Amount', ...ROWS_2026, '2026,9949,1'), 'fees.csv, row 8, column "Code": "9949" is not a CPT/HCPCS code (expected five characters, e.g. 99490).'],
    ['code with a modifier', csv('year,code,amount', '2026,99490-GT,1'), 'fees.csv, row 2, column "code": "99490-GT" is not a CPT/HCPCS code (expected five characters, e.g. 99490).'],
    ['text amount', csv('year,code,amount', '2026,99490,n/a'), 'fees.csv, row 2, column "amount": "n/a" is not a dollar amount (expected e.g. 60.49 or $1,234.50).'],
    ['decimal comma', csv('year,code,amount', '2026,99490,"60,49"'), 'fees.csv, row 2, column "amount": "60,49" is not a dollar amount (expected e.g. 60.49 or $1,234.50).'],
    ['negative amount', csv('year,code,amount', '2026,99490,-5'), 'fees.csv, row 2, column "amount": "-5" is not a dollar amount (expected e.g. 60.49 or $1,234.50).'],
    ['blank amount', csv('year,code,amount', '', '2026,99490,'), 'fees.csv, row 3, column "amount": "" is not a dollar amount (expected e.g. 60.49 or $1,234.50).'],
    [
      'conflicting duplicate',
      csv('year,code,amount', ...ROWS_2026, '2026,99490,70'),
      'fees.csv, row 8, column "amount": 99490 for 2026 is listed twice with different amounts (66.13 and 70); keep one row.',
    ],
    [
      'a year without every CCM code',
      csv('year,code,amount', ...ROWS_2026, '2025,99490,60.49', '2025,99439,45.93'),
      'fees.csv: year 2025 has no amount for 99487, 99489, 99491, 99437; add a row for every CCM code (99490, 99439, 99487, 99489, 99491, 99437).',
    ],
    ['not CSV', 'year,code,amount\n2026,"99490,1', 'fees.csv: the fee schedule is not valid CSV'],
  ])('%s', (_, text, message) => {
    let thrown: unknown;
    try {
      parseFeeScheduleCsv(text, 'fees.csv');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CcmError);
    const m = (thrown as Error).message;
    expect(m.slice(0, message.length)).toBe(message);
    expect(m).not.toContain('\n');
  });
});

describe('uncoveredYears', () => {
  const schedule = parseFeeScheduleCsv(csv('year,code,amount', ...ROWS_2026, ...ROWS_2026.map((r) => r.replace('2026', '2024'))), 'fees.csv');
  it.each([
    ['every month covered', ['2026-01', '2024-12'], []],
    ['a year between two it has', ['2025-03', '2026-10'], [2025]],
    ['years before and after, once each, ascending', ['2027-01', '2023-05', '2027-02', '2026-10'], [2023, 2027]],
    ['no months', [], []],
  ] as const)('%s', (_, months, expected) => {
    expect(uncoveredYears(schedule, months)).toEqual(expected);
  });

  it('audit() refuses a supplied schedule that lacks an audited year, and still prices the bundled one by the nearest year', async () => {
    const { audit } = await import('../../src/audit.js');
    const { fixture } = await import('../helpers/paths.js');
    const input = [{ path: fixture('demo/ccm-export-2026-10.xlsx'), label: 'demo.xlsx' }];
    const only2024 = parseFeeScheduleCsv(csv('year,code,amount', ...ROWS_2026.map((r) => r.replace('2026', '2024'))), 'fees-2024.csv');
    await expect(audit(input, { period: '2026-10', runDate: '2026-11-15', billing: { fees: only2024 } })).rejects.toThrow(
      new CcmError('fees-2024.csv: the fee schedule has no amounts for 2026 (audited months 2026-10; it covers 2024); add rows for that year, or audit only covered months with --month.'),
    );
    await expect(audit(input, { period: '2026-10', runDate: '2026-11-15', billing: { fees: schedule } })).resolves.toBeDefined();
    expect(feeFor(BUNDLED_FEES, '99490', '2027-03-31')).toBe(BUNDLED_FEES.amounts[2026]!['99490']);
  });
});
