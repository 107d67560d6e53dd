import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';
import { NUMBER_UNITS } from './note-words.js';

/**
 * vague-note's fast path reads the first few words of a million notes. Cutting each word into a lower-cased
 * string and looking it up in a Map was most of the rule's ~850 ms on the 1M-row log: allocating and hashing
 * short strings. Here words stay offsets into the note: a WordCursor cuts them as `tokenize` would, hashing
 * each word's lower-cased letters as it goes, and a WordTable finds a word's kind by that hash, checking the
 * letters in place. Nothing is allocated per note (the rule went from ~850 to ~490 ms).
 */

/** Thrown by WordCursor on a non-ASCII character, whose lower case may differ in length or kind. */
export const NOT_ASCII = 1;


/** After lower-casing: a-z and 0-9 make words, everything else separates them (as in `tokenize`). */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
}

/** What an ASCII character is to WordCursor: one load per character instead of up to six comparisons. */
const SEPARATOR = 0;
const WORD = 1;
const OTHER = 2;
const ASCII_KIND = Uint8Array.from({ length: 128 }, (_, c) => (isWordChar(c) ? WORD : SEPARATOR));

function kindOf(c: number): number {
  return c < 128 ? ASCII_KIND[c]! : OTHER;
}

/** FNV-1a over lower-cased ASCII letters and digits; `c | 32` lower-cases A-Z and leaves a-z and 0-9 as they are. */
function wordHash(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ (word.charCodeAt(i) | 32), FNV_PRIME);
  return h;
}

/** The words of one note, cut on demand: word n is note[start(n), end(n)), its hash hash(n). Reused note after note. */
export class WordCursor {
  private text = '';
  private pos = 0;
  private count = 0;
  private starts: Int32Array = new Int32Array(16);
  private ends: Int32Array = new Int32Array(16);
  private hashes: Int32Array = new Int32Array(16);

  reset(text: string): void {
    this.text = text;
    this.pos = 0;
    this.count = 0;
  }

  /** Whether the note has a word n, cutting words up to it; throws NOT_ASCII on a non-ASCII character. */
  has(n: number): boolean {
    while (this.count <= n) if (!this.cutWord()) return false;
    return true;
  }

  /** Cuts the next word, false at the end of the note. Reads stay within the note: reading past it deoptimizes. */
  private cutWord(): boolean {
    const text = this.text;
    let pos = this.pos;
    let kind = SEPARATOR;
    for (; pos < text.length; pos++) {
      kind = kindOf(text.charCodeAt(pos));
      if (kind !== SEPARATOR) break;
    }
    this.pos = pos;
    if (pos === text.length) return false;
    if (kind === OTHER) throw NOT_ASCII;
    const start = pos;
    let h = FNV_OFFSET;
    for (; pos < text.length; pos++) {
      const c = text.charCodeAt(pos);
      kind = kindOf(c);
      if (kind !== WORD) break;
      h = Math.imul(h ^ (c | 32), FNV_PRIME);
    }
    // A word followed by a non-ASCII character may continue in it once lower-cased.
    if (kind === OTHER) throw NOT_ASCII;
    this.pos = pos;
    this.push(start, pos, h);
    return true;
  }

  hash(n: number): number {
    return this.hashes[n]!;
  }

  /** Whether word n is `word` (lower case) once lower-cased. */
  is(n: number, word: string): boolean {
    const start = this.starts[n]!;
    return this.ends[n]! - start === word.length && this.matches(start, word);
  }

  /** Whether word n is a number or a number with a unit (20, 20min, 1h): NUMBER_TOKEN's test, in place. */
  isNumber(n: number): boolean {
    const end = this.ends[n]!;
    let i = this.starts[n]!;
    const first = i;
    while (i < end && isDigit(this.text.charCodeAt(i))) i++;
    if (i === first) return false;
    const unit = end - i;
    if (unit === 0) return true;
    return NUMBER_UNITS.some((u) => u.length === unit && this.matches(i, u));
  }

  /** Whether the note's characters from `at` are `word` (lower case) once lower-cased. */
  private matches(at: number, word: string): boolean {
    for (let k = 0; k < word.length; k++) if ((this.text.charCodeAt(at + k) | 32) !== word.charCodeAt(k)) return false;
    return true;
  }

  private push(start: number, end: number, hash: number): void {
    if (this.count === this.starts.length) {
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.hashes = grow(this.hashes);
    }
    this.starts[this.count] = start;
    this.ends[this.count] = end;
    this.hashes[this.count] = hash;
    this.count++;
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function grow(array: Int32Array): Int32Array {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/** A set of lower-case words with a value each, looked up by a WordCursor's word without making its string. */
export class WordTable<T> {
  private readonly words: (string | undefined)[];
  private readonly hashes: Int32Array;
  private readonly values: (T | undefined)[];
  private readonly mask: number;

  constructor(entries: Iterable<readonly [string, T]>) {
    const list = [...entries];
    // Open addressing at most a quarter full: a miss, the usual answer, ends at the first empty slot.
    let size = 16;
    while (size < list.length * 4) size *= 2;
    this.words = new Array<string | undefined>(size).fill(undefined);
    this.hashes = new Int32Array(size);
    this.values = new Array<T | undefined>(size).fill(undefined);
    this.mask = size - 1;
    for (const [word, value] of list) {
      const hash = wordHash(word);
      let i = hash & this.mask;
      while (this.words[i] !== undefined) i = (i + 1) & this.mask;
      this.words[i] = word;
      this.hashes[i] = hash;
      this.values[i] = value;
    }
  }

  /** The value of the cursor's word n, if it is in the table. */
  get(cursor: WordCursor, n: number): T | undefined {
    const hash = cursor.hash(n);
    for (let i = hash & this.mask; ; i = (i + 1) & this.mask) {
      const word = this.words[i];
      if (word === undefined) return undefined;
      if (this.hashes[i] === hash && cursor.is(n, word)) return this.values[i];
    }
  }
}
