import { describe, expect, it } from 'vitest';
import { normalizeId, normalizeMbi, normalizeNpi } from '../../src/normalize/codes.js';

describe('ids that look identical are identical', () => {
  it.each<[string, string]>([
    ['1001\u200B', '1001'],
    ['\u200B1001', '1001'],
    ['10\u200C01', '1001'],
    ['1001\u200D', '1001'],
    ['\uFEFF1001', '1001'],
    ['10\uFEFF01', '1001'],
    ['1001\u2060', '1001'],
    ['10\u00AD01', '1001'],
    // Direction marks and bidirectional formatting (Unicode format characters), and look-alike hyphens.
    ['1001\u200E', '1001'],
    ['\u200F1002', '1002'],
    ['1003\u202C', '1003'],
    ['\u2066A-77\u2069', 'A-77'],
    ['A\u20111005', 'A-1005'],
    ['A\u20131005', 'A-1005'],
    ['A\u22121005', 'A-1005'],
    ['A\u20431005', 'A-1005'],
    ['A\u02D71005', 'A-1005'],
    // Default-ignorable characters that are no format characters, and the blank braille pattern.
    ['1001\u034F', '1001'],
    ['1001\uFE0F', '1001'],
    ['\u31641001', '1001'],
    ['10\u116001', '1001'],
    ['1001\u2800', '1001'],
    ['１００１', '1001'],
    ['Ａ-７７', 'A-77'],
    ['\u00A01001\u00A0', '1001'],
    ['\u200B\u00A01001\u3000', '1001'],
    ['２０４５１.０', '20451'],
    ['\u200B', ''],
    // Ids without such characters keep their text.
    ['00123', '00123'],
    ['A-77', 'A-77'],
    ['Müller-7', 'Müller-7'],
  ])('patient id %j → %j', (cell, expected) => {
    expect(normalizeId(cell)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ['1EG4-TE5-MK73\u200B', '1EG4TE5MK73'],
    ['１ＥＧ４ＴＥ５ＭＫ７３', '1EG4TE5MK73'],
    ['\uFEFF1eg4te5mk73', '1EG4TE5MK73'],
    ['1EG4\u2011TE5\u2011MK73\u200F', '1EG4TE5MK73'],
    ['\u200B', undefined],
  ])('MBI %j → %j', (cell, expected) => {
    expect(normalizeMbi(cell)).toBe(expected);
  });

  it.each<[string, string | undefined]>([
    ['1234567893\u200B', '1234567893'],
    ['１２３４５６７８９３', '1234567893'],
    ['123\u200C-456-7893', '1234567893'],
    ['123－456－7893', '1234567893'],
    ['1234567893\u200E', '1234567893'],
    ['123\u2011456\u20117893', '1234567893'],
    // Placeholders name no practitioner.
    ['N/A', undefined],
    ['#N/A', undefined],
    ['TBD', undefined],
    ['Unknown', undefined],
    ['none', undefined],
    ['-', undefined],
  ])('NPI %j → %j', (cell, expected) => {
    expect(normalizeNpi(cell)).toBe(expected);
  });
});
