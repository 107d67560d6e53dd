import { isAscii, isUtf8 } from 'node:buffer';

/**
 * Text encodings of CSV exports. csv-parse decodes only Node's Buffer encodings, which have no UTF-16BE and
 * treat latin1 as if it were Windows-1252 (it is not: € “ ” differ), so decoding happens here before the
 * parser sees the text.
 *
 * A file without a byte-order mark is read as UTF-8 with Windows-1252 for the bytes that are not UTF-8,
 * sequence by sequence, not one encoding for the whole file: exports are often mixed (a UTF-8 export with
 * one column from a legacy varchar field, a note pasted from Word with its 0x92 apostrophe, two extracts
 * concatenated), and one such byte must not turn every UTF-8 name into mojibake, nor be read as U+FFFD
 * because it sits past the first bytes. A valid multi-byte UTF-8 sequence is all but never meant as
 * Windows-1252 text (it would be an accented capital followed by one to three symbols from 0x80-0xBF).
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface SniffedEncoding {
  encoding: TextEncodingName;
  /** Bytes of byte-order mark to skip. */
  bomLength: number;
}

/** What a CSV was read as, as `ccm inspect` shows it. */
export type ReadEncoding = 'UTF-8' | 'Windows-1252' | 'mixed UTF-8 / Windows-1252' | 'UTF-16LE' | 'UTF-16BE';

/** A BOM is decisive; without one (or with the UTF-8 one) the file is UTF-8 with Windows-1252 fallback. */
export function sniffEncoding(head: Uint8Array): SniffedEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  return { encoding: 'utf-8', bomLength: 0 };
}

/**
 * Windows-1252 bytes 0x80-0x9F as the WHATWG Encoding Standard's index maps them (what TextDecoder and
 * browsers use): the five bytes Microsoft left undefined stay the C1 controls of the same value. 0xA0-0xFF
 * are U+00A0-U+00FF.
 */
const CP1252_80_9F = [
  0x20ac, 0x0081, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008d, 0x017d, 0x008f,
  0x0090, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0x009d, 0x017e, 0x0178,
];

/** The UTF-8 bytes of each Windows-1252 byte 0x80-0xFF, index byte - 0x80. */
const CP1252_UTF8: readonly Buffer[] = Array.from({ length: 128 }, (_, k) =>
  Buffer.from(String.fromCharCode(k < 0x20 ? CP1252_80_9F[k]! : 0x80 + k), 'utf8'),
);

/**
 * Turns a byte stream into valid UTF-8: valid UTF-8 sequences pass through unchanged, every other byte is
 * read as Windows-1252. Chunks may split a character anywhere; the output is the same however the input is
 * cut. A chunk that is valid UTF-8 (nearly every chunk of nearly every file) is handed back as it is, so a
 * UTF-8 file reads byte for byte as before and costs one validation pass.
 */
export class Utf8Repair {
  /** The start of a character cut off at the end of the previous chunk (at most three bytes). */
  private pending: Buffer | undefined;
  /** A multi-byte UTF-8 sequence was read. */
  private sawUtf8 = false;
  /** A byte was read as Windows-1252. */
  private sawCp1252 = false;

  /** The valid UTF-8 for `chunk`, holding back a character it cuts off; `final` for the last chunk. */
  push(chunk: Uint8Array, final = false): Buffer {
    const input = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    const buf = this.pending ? Buffer.concat([this.pending, input]) : input;
    const end = final ? buf.length : buf.length - cutOff(buf);
    this.pending = end < buf.length ? Buffer.from(buf.subarray(end)) : undefined;
    const whole = end === buf.length ? buf : buf.subarray(0, end);
    if (isUtf8(whole)) {
      if (!this.sawUtf8 && !isAscii(whole)) this.sawUtf8 = true;
      return whole;
    }
    return this.repair(whole);
  }

  /** What is left once the input has ended. */
  end(): Buffer {
    return this.push(Buffer.alloc(0), true);
  }

  /** What the bytes so far were read as. */
  get encoding(): ReadEncoding {
    if (!this.sawCp1252) return 'UTF-8';
    return this.sawUtf8 ? 'mixed UTF-8 / Windows-1252' : 'Windows-1252';
  }

  private repair(buf: Buffer): Buffer {
    // Three output bytes at most per input byte (€, 0x80, is E2 82 AC).
    const out = Buffer.allocUnsafe(buf.length * 3);
    let o = 0;
    let i = 0;
    const n = buf.length;
    while (i < n) {
      const b = buf[i]!;
      if (b < 0x80) {
        out[o++] = b;
        i++;
        continue;
      }
      const length = sequenceLength(buf, i);
      if (length > 0) {
        buf.copy(out, o, i, i + length);
        o += length;
        i += length;
        this.sawUtf8 = true;
      } else {
        const bytes = CP1252_UTF8[b - 0x80]!;
        bytes.copy(out, o);
        o += bytes.length;
        i++;
        this.sawCp1252 = true;
      }
    }
    return out.subarray(0, o);
  }
}

/** `bytes` decoded as UTF-8 with Windows-1252 for what is not UTF-8. */
export function decodeUtf8Cp1252(bytes: Uint8Array): string {
  return new Utf8Repair().push(bytes, true).toString('utf8');
}

/**
 * Bytes at the end of `buf` that start a multi-byte character with too few bytes left for it: they are read
 * with the next chunk. Only a lead byte can start one, and a character is at most four bytes.
 */
function cutOff(buf: Buffer): number {
  const n = buf.length;
  for (let back = 1; back <= 3 && back <= n; back++) {
    const b = buf[n - back]!;
    if (b < 0x80) return 0;
    if (b >= 0xc0) return leadLength(b) > back ? back : 0;
  }
  return 0;
}

/** Bytes of the character a lead byte announces; 0 for bytes that start no UTF-8 sequence. */
function leadLength(b: number): number {
  if (b >= 0xc2 && b <= 0xdf) return 2;
  if (b >= 0xe0 && b <= 0xef) return 3;
  if (b >= 0xf0 && b <= 0xf4) return 4;
  return 0;
}

/**
 * The length of the valid UTF-8 sequence at `i`, or 0 when none starts there (Unicode Table 3-7: no overlong
 * forms, no surrogates, nothing above U+10FFFF). A sequence cut off by the end of `buf` is not valid.
 */
function sequenceLength(buf: Buffer, i: number): number {
  const b = buf[i]!;
  const length = leadLength(b);
  if (length === 0 || i + length > buf.length) return 0;
  const second = buf[i + 1]!;
  const low = b === 0xe0 ? 0xa0 : b === 0xf0 ? 0x90 : 0x80;
  const high = b === 0xed ? 0x9f : b === 0xf4 ? 0x8f : 0xbf;
  if (second < low || second > high) return 0;
  for (let k = 2; k < length; k++) {
    const c = buf[i + k]!;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return length;
}
