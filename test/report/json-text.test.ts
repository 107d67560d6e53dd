import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LastJsonString, jsonNullableNumber, jsonNullableString, jsonNumber, jsonNumbers, jsonString, jsonStrings } from '../../src/report/json-text.js';
import { RepeatedCount, RepeatedText } from '../../src/report/repeated-text.js';

/** Any UTF-16 code unit: lone surrogates and control characters as often as letters. */
const codeUnitString = fc.string({ unit: fc.nat(0xffff).map((c) => String.fromCharCode(c)), maxLength: 40 });
const anyString = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), codeUnitString, fc.constantFrom('', '"', '\\', '\u2028', '\ud83d\ude00', '\ud83d', '\ude00x', '\u007f', '\u001f'));
const anyNumber = fc.oneof(fc.double(), fc.integer(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1e21, 1e-7, 0.1 + 0.2));

describe('json-text: each value as JSON.stringify writes it', () => {
  it('strings, any code units', () => {
    fc.assert(fc.property(anyString, (text) => {
      expect(jsonString(text)).toBe(JSON.stringify(text));
    }), { numRuns: 5000 });
  });

  it('a string built by concatenation (a rope) as a flat one', () => {
    fc.assert(fc.property(anyString, anyString, (a, b) => {
      expect(jsonString(a + b)).toBe(JSON.stringify(a + b));
    }));
  });

  it('numbers, non-finite ones as null', () => {
    fc.assert(fc.property(anyNumber, (value) => {
      expect(jsonNumber(value)).toBe(JSON.stringify(value));
    }), { numRuns: 5000 });
  });

  it('null or a value; arrays', () => {
    fc.assert(
      fc.property(fc.option(anyString), fc.option(anyNumber), fc.array(anyString), fc.array(anyNumber), (text, value, texts, values) => {
        expect(jsonNullableString(text)).toBe(JSON.stringify(text));
        expect(jsonNullableNumber(value)).toBe(JSON.stringify(value));
        expect(jsonStrings(texts)).toBe(JSON.stringify(texts));
        expect(jsonNumbers(values)).toBe(JSON.stringify(values));
      }),
    );
  });

  it('memoized and last-value strings give the same text on every call, whatever came before', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('a', 'b"', 'a', '\ud800', 'x\ny'))), (texts) => {
        const memo = new RepeatedText(jsonString, 'null');
        const last = new LastJsonString();
        for (const text of texts) {
          expect(memo.of(text)).toBe(JSON.stringify(text));
          expect(last.ofNullable(text)).toBe(JSON.stringify(text));
        }
      }),
    );
  });

  it('a last-value string after its key is the key and the value as JSON.stringify writes them', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.constantFrom('a', 'b"', 'a', '\ud800', 'é😀', 'x\ny'))), (texts) => {
        const last = new LastJsonString(',"mbi":');
        for (const text of texts) expect(last.ofNullable(text)).toBe(`,"mbi":${JSON.stringify(text)}`);
      }),
    );
  });

  it('a memoized count after its key is the key and the number as JSON.stringify writes them, in range or not', () => {
    const counts = fc.oneof(fc.nat(5000), fc.constantFrom(0, -0, 4095, 4096, -1, 2 ** 32, 2 ** 32 + 7, 1.5, NaN, Infinity), anyNumber);
    fc.assert(
      fc.property(fc.array(fc.option(counts)), (values) => {
        const count = new RepeatedCount((value) => `,"units":${jsonNumber(value)}`, ',"units":null');
        for (const value of values) expect(count.of(value)).toBe(`,"units":${JSON.stringify(value)}`);
      }),
    );
  });
});
