/**
 * A lean tokenizer for UTF-8 CSV: scans bytes for the delimiter, quotes and line ends and decodes each field
 * once. csv-parse stays the reference and the fallback (./csv.ts): this reads the regular files that make up
 * nearly every export about five times faster, and hands anything else back before it could differ.
 *
 * It reproduces csv-parse with the options csv.ts gives it (record delimiters CRLF, LF and CR; relax_quotes;
 * no trimming; empty lines kept as one empty field) for:
 *   - unquoted fields, a quote inside one being an ordinary character (relax_quotes);
 *   - quoted fields, with "" for a quote and any delimiter or line end inside;
 *   - a last record with or without a line end.
 * It stops with `IrregularCsv` where csv-parse has its own lenient or error behaviour: a closing quote
 * followed by anything but a delimiter or a line end, a quote never closed, a record over the size limit.
 * test/read/csv-tokenizer.test.ts holds the two to the same output on random input.
 */
export class IrregularCsv extends Error {}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Fields up to this many bytes are interned: ids, dates, times, minutes, staff, codes. Notes are longer. */
const INTERN_MAX_BYTES = 32;
const SLOT_BITS = 18;
/** Distinct short values kept; a column of unique short values (a row id) must not grow the table forever. */
const INTERN_LIMIT = 1 << 17;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/**
 * One string per distinct short field value, found by its bytes before any string is made. An export
 * repeats the same ids, dates, times and staff on row after row: handing each row the same string spares
 * decoding and collecting a million copies, and later lookups by these strings reuse their cached hash.
 */
export class Interner {
  private readonly slots = new Int32Array(1 << SLOT_BITS).fill(-1);
  private readonly strings: string[] = [];
  private readonly starts: number[] = [];
  private pool = Buffer.alloc(1 << 16);
  private used = 0;

  get(buf: Buffer, start: number, end: number): string {
    let hash = FNV_OFFSET;
    for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, FNV_PRIME);
    return this.find(buf, start, end, hash);
  }

  /** get() with the FNV-1a hash of the bytes already computed (the scanner hashes as it looks for the field's end). */
  find(buf: Buffer, start: number, end: number, hash: number): string {
    const length = end - start;
    const mask = (1 << SLOT_BITS) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index < 0) {
        const value = buf.toString('utf8', start, end);
        if (this.strings.length < INTERN_LIMIT) this.add(slot, buf, start, end, value);
        return value;
      }
      if (this.matches(index, buf, start, length)) return this.strings[index]!;
    }
  }

  private matches(index: number, buf: Buffer, start: number, length: number): boolean {
    const from = this.starts[index]!;
    if (this.starts[index + 1]! - from !== length) return false;
    const pool = this.pool;
    for (let k = 0; k < length; k++) if (pool[from + k] !== buf[start + k]) return false;
    return true;
  }

  private add(slot: number, buf: Buffer, start: number, end: number, value: string): void {
    const length = end - start;
    if (this.used + length > this.pool.length) {
      const grown = Buffer.alloc(Math.max(this.pool.length * 2, this.used + length));
      this.pool.copy(grown, 0, 0, this.used);
      this.pool = grown;
    }
    if (this.strings.length === 0) this.starts.push(0);
    buf.copy(this.pool, this.used, start, end);
    this.used += length;
    this.starts.push(this.used);
    this.slots[slot] = this.strings.length;
    this.strings.push(value);
  }
}

export interface ScanResult {
  records: string[][];
  /** Bytes of the buffer that made up whole records; the rest starts the next scan. */
  consumed: number;
}

/**
 * The whole records in `buf`. Without `final`, a record that might continue past the end of the buffer (a
 * field or a quoted field cut off, a CR that may be followed by LF) is left for the next scan.
 */
export function scanRecords(buf: Buffer, delimiter: number, final: boolean, interner?: Interner): ScanResult {
  const records: string[][] = [];
  const n = buf.length;
  let consumed = 0;
  let record: string[] = [];
  let i = 0;
  while (i < n) {
    let value: string;
    if (buf[i] === QUOTE) {
      let j = i + 1;
      let doubled = false;
      let close: number;
      for (;;) {
        close = buf.indexOf(QUOTE, j);
        if (close < 0 || (close + 1 >= n && !final)) {
          if (final) throw new IrregularCsv('a quoted field is never closed');
          return { records, consumed };
        }
        if (buf[close + 1] === QUOTE) {
          doubled = true;
          j = close + 2;
          continue;
        }
        break;
      }
      if (doubled) value = buf.toString('utf8', i + 1, close).replaceAll('""', '"');
      else value = interner && close - i - 1 <= INTERN_MAX_BYTES ? interner.get(buf, i + 1, close) : buf.toString('utf8', i + 1, close);
      i = close + 1;
      if (i < n) {
        const next = buf[i];
        if (next !== delimiter && next !== LF && next !== CR) throw new IrregularCsv('text after a closing quote');
      }
    } else {
      let j = i;
      let hash = FNV_OFFSET;
      while (j < n) {
        const b = buf[j]!;
        if (b === delimiter || b === LF || b === CR) break;
        hash = Math.imul(hash ^ b, FNV_PRIME);
        j++;
      }
      if (j >= n && !final) return { records, consumed };
      value = interner && j - i <= INTERN_MAX_BYTES ? interner.find(buf, i, j, hash) : buf.toString('utf8', i, j);
      i = j;
    }
    record.push(value);
    if (i >= n) break;
    const end = buf[i];
    if (end === delimiter) {
      i++;
      // A delimiter as the very last byte still opens one more, empty, field.
      if (i >= n && final) record.push('');
      continue;
    }
    if (end === CR) {
      if (i + 1 >= n && !final) return { records, consumed };
      i += buf[i + 1] === LF ? 2 : 1;
    } else i++;
    records.push(record);
    record = [];
    consumed = i;
  }
  if (final && record.length > 0) {
    records.push(record);
    consumed = n;
  }
  return { records, consumed };
}

/**
 * Records of a UTF-8 byte stream (the byte-order mark already skipped), a chunk's worth at a time. A record
 * longer than `maxRecordBytes` is irregular: an unclosed quote must not buffer the rest of the file.
 */
export async function* tokenizeCsv(chunks: AsyncIterable<Buffer>, delimiter: string, maxRecordBytes: number): AsyncGenerator<string[][]> {
  const code = delimiter.charCodeAt(0);
  const interner = new Interner();
  let carry: Buffer | undefined;
  for await (const chunk of chunks) {
    const buf = carry ? Buffer.concat([carry, chunk]) : chunk;
    const { records, consumed } = scanRecords(buf, code, false, interner);
    if (records.length > 0) yield records;
    // A copy, so the carried bytes do not pin the whole chunk they came from.
    carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : undefined;
    if (carry && carry.length > maxRecordBytes) throw new IrregularCsv('a record over the size limit');
  }
  if (carry) {
    const { records } = scanRecords(carry, code, true, interner);
    if (records.length > 0) yield records;
  }
}
