import { describe, expect, it } from 'vitest';
import { escapeCsvText, escapeText } from '../../src/report/escape.js';

describe('escapeText: OWASP CSV-injection triggers', () => {
  it.each([
    ['=HYPERLINK("http://x")', `'=HYPERLINK("http://x")`],
    ['+1', `'+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tcalled', `'\tcalled`],
    ['\rNurse', `'\rNurse`],
  ])('%j gets a leading quote', (input, expected) => {
    expect(escapeText(input)).toBe(expected);
  });

  it.each(['00123', 'Dana Ruiz', '', ' =not first', 'a=b', "'already quoted"])('%j stays as it is', (input) => {
    expect(escapeText(input)).toBe(input);
  });
});

describe('escapeCsvText: a formula after a separator a spreadsheet may split on (OWASP: "take care of the field separator")', () => {
  it.each([
    // Excel with `;` as its list separator makes `=2+5` a cell of its own: the `'` keeps it text there.
    ['Called pt;=2+5;ok', `Called pt;'=2+5;ok`],
    ['a,=HYPERLINK("http://x")', `a,'=HYPERLINK("http://x")`],
    ['a\t+1', `a\t'+1`],
    ['weight;-2 lbs', `weight;'-2 lbs`],
    ['x;@SUM(A1)', `x;'@SUM(A1)`],
    ['x;\tcalled', `x;'\tcalled`],
    ['x;\r=1', `x;'\r'=1`], // a CR is both a trigger and a line break
    // A line break ends the line for a reader that does not see the cell's quotes.
    ['called\n=1+1', `called\n'=1+1`],
    ['called\r\n-1', `called\r\n'-1`],
    // A `"` after the separator would open a quoted cell there: the `'` goes before it.
    ['pt;"=2+5"', `pt;'"=2+5"`],
    // The start of the cell as before, and every occurrence after it.
    ['=1;=2;+3', `'=1;'=2;'+3`],
  ])('%j becomes %j', (input, expected) => {
    expect(escapeCsvText(input)).toBe(expected);
  });

  it.each(['BP 120/80; -2 lbs', 'Dana Ruiz', 'rows 3, 5', 'a=b;c', '2026-10-03', 'E11.9;I10', 'a|=b', ''])('%j stays as it is', (input) => {
    expect(escapeCsvText(input)).toBe(input);
  });

  it('is the same on every call (the pattern keeps no state between cells)', () => {
    expect([escapeCsvText('a;=1'), escapeCsvText('a;=1'), escapeCsvText('b')]).toEqual([`a;'=1`, `a;'=1`, 'b']);
  });

  it('escapeText, used for XLSX cells (typed as strings, never split), still looks at the first character only', () => {
    expect(escapeText('Called pt;=2+5;ok')).toBe('Called pt;=2+5;ok');
  });
});
