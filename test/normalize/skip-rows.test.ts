import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { headerKey } from '../../src/normalize/columns.js';
import { classifyRow, HeaderRow } from '../../src/normalize/skip-rows.js';
import type { RawCell } from '../../src/read/types.js';

const NOTE = 'Reviewed A1c and adjusted insulin';

describe('classifyRow (patient id in the first column)', () => {
  it.each<[string, RawCell[], 'blank' | 'totals' | undefined]>([
    ['an entry', ['20451', '3/3/2025', 'Rita Nurse', 'RN', 15, NOTE], undefined],
    ['a blank row', [null, '', '  '], 'blank'],
    ['Total', ['Total', null, null, null, 50], 'totals'],
    ['Grand Total', ['Grand Total', null, null, null, 50], 'totals'],
    ['TOTAL:', ['TOTAL:', null, null, null, 50], 'totals'],
    ['a total label in another column', [null, null, null, 'Total', 50], 'totals'],
    ['only numbers, no patient id', [null, null, null, null, 50], 'totals'],
    // Excel's Data → Subtotal rows: "<group> Total" and the summed numbers.
    ["Excel's subtotal row", ['20451 Total', null, null, null, 25, null], 'totals'],
    ['a subtotal of text-typed numbers', ['20451 Total', '', '', '', '25', '1:05'], 'totals'],
    ['a subtotal label on a name group', ['Lopez, Maria Total', null, null, null, 25], 'totals'],
    ['"<group> Subtotal"', ['20451 Subtotal', 25], 'totals'],
    ['"<group> Count"', ['20451 Count', null, null, null, 3], 'totals'],
    ['"<group> Average"', ['20451 Average', null, null, null, 18.5], 'totals'],
    ['"<group> Max"', ['20451 Max', 25], 'totals'],
    // Every label word in any case (the cheap test before the pattern reads the last three letters).
    ['"<group> Totals"', ['20451 Totals', 25], 'totals'],
    ['"<group> Sub-Totals"', ['20451 Sub-Totals', 25], 'totals'],
    ['"<group> sum"', ['20451 sum', 25], 'totals'],
    ['"<group> MIN"', ['20451 MIN', 25], 'totals'],
    ['"<group> AVG"', ['20451 AVG', 25], 'totals'],
    ['"<group> COUNT"', ['20451 COUNT', 3], 'totals'],
    ['"<group> AVERAGE"', ['20451 AVERAGE', 18.5], 'totals'],
    // A real patient id that contains the word stays an entry.
    ['an id ending in "Total" on a row with a date and note', ['ACME Total', '3/3/2025', 'Rita Nurse', 'RN', 15, NOTE], undefined],
    ['an id ending in "Total" with only a date', ['P 7 Total', new Date(Date.UTC(2025, 2, 3)), 15], undefined],
    ['a label with no number', ['20451 Total', null, null], undefined],
    ['an id containing the word', ['TOTALCARE-1', '3/3/2025', 'Rita Nurse', 'RN', 15, NOTE], undefined],
    ['an id with the word inside', ['20451-Totally', null, 25], undefined],
  ])('%s', (_, cells, expected) => {
    expect(classifyRow({ row: 5, cells }, 0)).toBe(expected);
  });
});

describe('classifyRow (patient id past the fourth column)', () => {
  it.each<[string, RawCell[], 'totals' | undefined]>([
    ['an entry', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, '20451', 15], undefined],
    // Four text cells settle that the row is no subtotal; the patient cell further on is still read.
    ['a total label in the patient column after four text cells', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, 'Total', 15], 'totals'],
    // The patient cell is tested by its first character before the pattern: every label word, in any case.
    ['grand total in the patient column', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, ' grand total ', 15], 'totals'],
    ['SUBTOTAL in the patient column', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, 'SUBTOTAL', 15], 'totals'],
    ['Sum in the patient column', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, 'Sum', 15], 'totals'],
    ['a patient id starting like a label word', ['3/3/2025', 'Rita Nurse', 'RN', NOTE, 'T20451', 15], undefined],
  ])('%s', (_, cells, expected) => {
    expect(classifyRow({ row: 5, cells }, 4)).toBe(expected);
  });
});

describe('classifyRow: headings where months are stacked in one sheet', () => {
  const HEADERS = ['MRN', 'Patient', 'DOS', 'Staff', 'Credentials', 'Minutes', 'Notes'];
  it.each<[string, RawCell[], 'blank' | 'totals' | 'headings' | undefined]>([
    ['the header row again', ['MRN', 'Patient', 'DOS', 'Staff', 'Credentials', 'Minutes', 'Notes'], 'headings'],
    ['the header row again, other case and spacing', ['mrn', 'patient', ' DOS ', 'Staff', 'CREDENTIALS', 'Minutes', 'Notes'], 'headings'],
    ['a month title', ['October 2026'], 'headings'],
    ['an abbreviated month title', [null, 'Oct. 2026', null], 'headings'],
    ['a month as yyyy-mm', ['2026-10'], 'headings'],
    ['a month as m/yyyy', ['10/2026'], 'headings'],
    ['a row starting like the header but holding an entry', ['MRN', 'Ann Lee', '10/3/2026', 'Nina Reyes', 'RN', 25, NOTE], undefined],
    ['a lone patient id stays an entry (rejected later, not skipped)', ['20451'], undefined],
    ['a month title with more on the row', ['October 2026', '10/3/2026', 'Nina Reyes', 'RN', 25], undefined],
    ['a month-like note alone', ['Reviewed October labs'], undefined],
  ])('%s', (_, cells, expected) => {
    expect(classifyRow({ row: 9, cells }, 0, new HeaderRow(HEADERS, 0))).toBe(expected);
  });
});

describe('HeaderRow: the patient cell compared by its first character code', () => {
  // The reference: the first characters lower-cased as strings (Kelvin sign and dotted capital I included,
  // which lower-case to ASCII or to two characters).
  const first = fc.constantFrom('M', 'm', 'P', 'p', '1', ' ', '#', 'É', 'é', '\u212a', 'k', 'K', '\u0130', 'i', 'I', '');
  const text = fc.tuple(first, fc.constantFrom('', 'RN', 'rn', 'atient', 'elvin', 'd'), fc.constantFrom('', ' ')).map(([a, b, c]) => a + b + c);
  it('tells a repeated header from an entry as lower-casing the first characters does', () => {
    fc.assert(
      fc.property(text, text, (header, cell) => {
        const trimmed = cell.trim();
        const expected = trimmed.charAt(0).toLowerCase() === header.trim().charAt(0).toLowerCase() && headerKey(trimmed) === headerKey(header);
        expect(new HeaderRow([header], 0).repeatedIn({ row: 2, cells: [cell] })).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
