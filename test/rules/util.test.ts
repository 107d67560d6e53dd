import { describe, expect, it } from 'vitest';
import { clock, describeRows, formatMinutes, perPatient, rowFrom } from '../../src/rules/util.js';

const log = (row: number) => ({ file: 'export.xlsx', sheet: 'CCM Time Log', row });
const consents = (row: number) => ({ file: 'export.xlsx', sheet: 'Consents', row });

describe('rows in messages', () => {
  it('names a row of the same sheet by number, another sheet with its location', () => {
    expect(rowFrom(log(4), log(9))).toBe('row 9');
    expect(rowFrom(log(4), consents(3))).toBe('export.xlsx, sheet "Consents", row 3');
    expect(rowFrom(log(4), { file: 'consents.csv', sheet: null, row: 3 })).toBe('consents.csv, row 3');
  });

  it('groups rows by sheet and names at most three', () => {
    expect(describeRows(log(2), [log(4), log(9)])).toBe('rows 4, 9');
    expect(describeRows(log(2), [log(4), consents(3), log(9), log(11)])).toBe('rows 4, 9; export.xlsx, sheet "Consents", row 3 and 1 more');
    expect(describeRows(log(2), [log(4)], 6)).toBe('row 4 and 5 more');
  });
});

describe('numbers in messages', () => {
  it('formats clock times and minutes', () => {
    expect(clock(9 * 60 + 5)).toBe('09:05');
    expect(formatMinutes(20)).toBe('20');
    expect(formatMinutes(19.999999)).toBe('20');
    expect(formatMinutes(12.5)).toBe('12.5');
  });
});

describe('perPatient', () => {
  it('works a value out once per run of one patient, and again whenever the patient changes', () => {
    const asked: string[] = [];
    const valueOf = perPatient((id) => {
      asked.push(id);
      return `${id}!`;
    });
    expect(['A', 'A', 'B', 'B', 'A'].map(valueOf)).toEqual(['A!', 'A!', 'B!', 'B!', 'A!']);
    expect(asked).toEqual(['A', 'B', 'A']);
  });
});
