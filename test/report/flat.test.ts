import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { flat } from '../../src/report/flat.js';

describe('flat', () => {
  it('gives back the same text, whatever it was built from', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' })), (parts) => {
        let built = '';
        for (const part of parts) built += part;
        expect(flat(built)).toBe(parts.join(''));
      }),
    );
    expect(flat('')).toBe('');
  });
});
