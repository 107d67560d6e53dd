import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeUtf8Cp1252, sniffEncoding, Utf8Repair } from '../../src/read/encoding.js';

/** Windows-1252 0x80-0x9F as the WHATWG index (and Microsoft's bestfit1252 table) give them. */
const CP1252_80_9F =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f' + // 0x80-0x8F
  '\u0090‘’“”•–—˜™š›œ\u009džŸ'; // 0x90-0x9F

/** Bytes read as Windows-1252 alone, from the table above (0xA0-0xFF are U+00A0-U+00FF, as in Latin-1). */
function cp1252(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => (b >= 0x80 && b < 0xa0 ? CP1252_80_9F[b - 0x80]! : String.fromCharCode(b))).join('');
}

/** `bytes` pushed in pieces cut at `cuts`, the pieces' output joined, as a file stream would deliver them. */
function inChunks(bytes: Uint8Array, cuts: number[]): { text: string; encoding: string } {
  const repair = new Utf8Repair();
  const out: Buffer[] = [];
  let at = 0;
  for (const cut of [...new Set(cuts)].sort((a, b) => a - b)) {
    out.push(repair.push(bytes.subarray(at, cut)));
    at = cut;
  }
  out.push(repair.push(bytes.subarray(at)), repair.end());
  const joined = Buffer.concat(out);
  expect(isUtf8(joined)).toBe(true);
  return { text: joined.toString('utf8'), encoding: repair.encoding };
}

function whole(bytes: Uint8Array): { text: string; encoding: string } {
  const repair = new Utf8Repair();
  return { text: repair.push(bytes, true).toString('utf8'), encoding: repair.encoding };
}

const cutsOf = (bytes: Uint8Array) => fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 8 });

describe('UTF-8 with Windows-1252 fallback', () => {
  it('any valid UTF-8 comes back as it was, byte for byte, however it is cut into chunks', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 60 }).filter((s) => Buffer.from(s, 'utf8').toString('utf8') === s), // no lone surrogates
        fc.array(fc.nat(), { maxLength: 8 }),
        (text, positions) => {
          const bytes = Buffer.from(text, 'utf8');
          const repair = new Utf8Repair();
          expect(Buffer.from(repair.push(bytes, true))).toEqual(bytes);
          expect(repair.encoding).toBe('UTF-8');
          expect(inChunks(bytes, positions.map((p) => p % (bytes.length + 1)))).toEqual({ text, encoding: 'UTF-8' });
        },
      ),
      { numRuns: 500 },
    );
  });

  it('maps each byte that starts no UTF-8 character as the Windows-1252 table says', () => {
    expect([...CP1252_80_9F]).toHaveLength(32);
    for (let b = 0x80; b <= 0xff; b++) expect(decodeUtf8Cp1252(Uint8Array.of(0x61, b, 0x20))).toBe(`a${cp1252(Uint8Array.of(b))} `);
    expect(decodeUtf8Cp1252(Buffer.from('\x80 \x92 \x93x\x94 \x85 \x81', 'latin1'))).toBe('€ ’ “x” … \u0081');
  });

  it('decodes text with no UTF-8 sequence in it byte by byte as Windows-1252', () => {
    // A non-ASCII byte followed by an ASCII one, or a byte that never starts a UTF-8 character, forms no sequence.
    const noSequence = fc.oneof(
      fc.tuple(fc.integer({ min: 0x80, max: 0xff }), fc.integer({ min: 0, max: 0x7f })).map(([a, b]) => [a, b]),
      fc.constantFrom(0x80, 0x92, 0xa9, 0xbf, 0xc0, 0xc1, 0xf5, 0xff).map((a) => [a]),
      fc.integer({ min: 0, max: 0x7f }).map((a) => [a]),
    );
    fc.assert(
      fc.property(fc.array(noSequence, { maxLength: 40 }), (parts) => {
        const bytes = Uint8Array.from(parts.flat());
        expect(decodeUtf8Cp1252(bytes)).toBe(cp1252(bytes));
        expect(whole(bytes).encoding).toBe(bytes.some((b) => b >= 0x80) ? 'Windows-1252' : 'UTF-8');
      }),
      { numRuns: 500 },
    );
  });

  it('decodes a mixed buffer cut into chunks anywhere as it decodes it whole', () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 6 }).map((s) => Buffer.from(s, 'utf8')),
      fc.uint8Array({ maxLength: 6 }),
      fc.constantFrom(Buffer.from('José Peña'), Buffer.from('O\x92Brien', 'latin1'), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xf0, 0x9f, 0x98)),
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 10 }).chain((pieces) => {
          const bytes = Buffer.concat(pieces);
          return fc.tuple(fc.constant(bytes), cutsOf(bytes));
        }),
        ([bytes, cuts]) => {
          expect(inChunks(bytes, cuts)).toEqual(whole(bytes));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it.each([
    ['UTF-8 and Windows-1252 names in one buffer', Buffer.concat([Buffer.from('José Peña,'), Buffer.from('Jos\xe9 Pe\xf1a,O\x92Brien', 'latin1')]), 'José Peña,José Peña,O’Brien', 'mixed UTF-8 / Windows-1252'],
    ['a character cut off at the end of the file', Uint8Array.of(0x61, 0xe2, 0x82), 'aâ‚', 'Windows-1252'],
    ['an overlong form', Uint8Array.of(0xc0, 0x80), 'À€', 'Windows-1252'],
    ['a surrogate', Uint8Array.of(0xed, 0xa0, 0x80), 'í\u00a0€', 'Windows-1252'],
    ['a code point above U+10FFFF', Uint8Array.of(0xf4, 0x90, 0x80, 0x80), 'ô\u0090€€', 'Windows-1252'],
    ['a 4-byte character after a stray byte', Uint8Array.of(0x92, 0xf0, 0x9f, 0x98, 0x80), '’😀', 'mixed UTF-8 / Windows-1252'],
    ['ASCII', Buffer.from('MRN,Date\n'), 'MRN,Date\n', 'UTF-8'],
  ])('%s', (_, bytes, text, encoding) => {
    expect(whole(bytes)).toEqual({ text, encoding });
    for (let cut = 0; cut <= bytes.length; cut++) expect(inChunks(bytes, [cut])).toEqual({ text, encoding });
  });

  it('hands a valid chunk back as it is, holding back only a character cut off at its end', () => {
    const chunk = Buffer.from('Zoë,€');
    const repair = new Utf8Repair();
    expect(repair.push(chunk)).toBe(chunk);
    expect(repair.push(chunk.subarray(0, chunk.length - 1))).toEqual(Buffer.from('Zoë,'));
    expect(repair.push(chunk.subarray(chunk.length - 1))).toEqual(Buffer.from('€'));
  });
});

describe('sniffEncoding', () => {
  it.each([
    [[0xef, 0xbb, 0xbf, 0x61], { encoding: 'utf-8', bomLength: 3 }],
    [[0xff, 0xfe, 0x61, 0x00], { encoding: 'utf-16le', bomLength: 2 }],
    [[0xfe, 0xff, 0x00, 0x61], { encoding: 'utf-16be', bomLength: 2 }],
    [[0x4a, 0x6f, 0x73, 0xe9], { encoding: 'utf-8', bomLength: 0 }],
  ])('%j → %j', (head, expected) => {
    expect(sniffEncoding(Uint8Array.from(head))).toEqual(expected);
  });
});
