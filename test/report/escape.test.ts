import { describe, expect, it } from 'vitest';
import { escapeCell, escapeText } from '../../src/report/escape.js';

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

describe('escapeCell', () => {
  it('never escapes numbers, nulls or dates', () => {
    const date = new Date(Date.UTC(2026, 9, 31));
    expect(escapeCell(-2)).toBe(-2);
    expect(escapeCell(0)).toBe(0);
    expect(escapeCell(null)).toBeNull();
    expect(escapeCell(date)).toBe(date);
  });

  it('escapes text', () => {
    expect(escapeCell('-5')).toBe(`'-5`);
  });
});
