import { describe, expect, it } from 'vitest';
import { applyZeroPad, isElapsedFormat, zeroPadFormat } from '../../src/read/number-format.js';

describe('zero-padded number formats', () => {
  it.each<[string | undefined, string | undefined]>([
    ['00000', '00000'],
    ['000-00-0000', '000-00-0000'],
    ['(000) 000-0000', '(000) 000-0000'],
    ['00', '00'],
    ['0', undefined],
    ['0.00', undefined],
    ['#,##0', undefined],
    ['General', undefined],
    ['"MRN" 00000', undefined],
    ['mm-dd-yy', undefined],
    [undefined, undefined],
  ])('%j pads: %j', (format, expected) => {
    expect(zeroPadFormat(format)).toBe(expected);
  });

  it.each<[number, string, string | number]>([
    [123, '00000', '00123'],
    [0, '00000', '00000'],
    [1234567, '00000', '1234567'],
    [123456789, '000-00-0000', '123-45-6789'],
    [12345, '000-00-0000', '000-01-2345'],
    [9876543210, '000-00-0000', '9876-54-3210'],
    [12.5, '00000', 12.5],
    [-5, '00000', -5],
  ])('%d in %j → %j', (value, format, expected) => {
    expect(applyZeroPad(value, format)).toBe(expected);
  });
});

describe('elapsed-time formats', () => {
  it.each<[string | undefined, boolean]>([
    ['[m]', true],
    ['[h]', true],
    ['[ss]', true],
    ['[m]" min"', true],
    ['[m] "minutes"', true],
    ['[m]\\ \\m\\i\\n', true],
    ['[h]:mm', false],
    ['0', false],
    ['General', false],
    [undefined, false],
  ])('%j is an elapsed-time format alone: %j', (format, expected) => {
    expect(isElapsedFormat(format)).toBe(expected);
  });
});
