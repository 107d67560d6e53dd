import { describe, expect, it } from 'vitest';
import { escapeText } from '../../src/report/escape.js';

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
