/**
 * A lean tokenizer for UTF-8 CSV: CsvScanner scans bytes for the delimiter, quotes and line ends into field
 * ranges and interned-string indexes (no strings, so a scan can cross threads: ./csv-scan-worker.ts), and
 * materialize() decodes each field once where the rows are used. csv-parse stays the reference and the
 * fallback (./csv.ts): this reads the regular files that make up nearly every export about five times faster,
 * and hands anything else back before it could differ.
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
import { FNV_OFFSET, FNV_PRIME } from '../fnv.js';
import { NEW_MEMORY, type ScanMemory } from './scan-memory.js';
import type { RawRow } from './types.js';

export class IrregularCsv extends Error {}

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

/** Fields up to this many bytes are interned: ids, dates, times, minutes, staff, codes. Notes are longer. */
const INTERN_MAX_BYTES = 32;
const SLOT_BITS = 18;
/** Distinct short values kept; a column of unique short values (a row id) must not grow the table forever. */
const INTERN_LIMIT = 1 << 17;

/**
 * One index per distinct short field value, found by its bytes before any string is made. An export repeats
 * the same ids, dates, times and staff on row after row: handing each row the same string spares decoding and
 * collecting a million copies, and later lookups by these strings reuse their cached hash. The strings are
 * made once, when first seen, and handed on in `fresh` (across a thread, only they are copied).
 */
class Interner {
  private readonly slots = new Int32Array(1 << SLOT_BITS).fill(-1);
  private readonly starts: number[] = [0];
  private pool = Buffer.alloc(1 << 16);
  private used = 0;
  private count = 0;
  /** Strings interned since the last takeFresh(), in index order. */
  private fresh: string[] = [];

  /** The index of the bytes' string, or -1 past the limit (the field is then a plain byte range). */
  find(buf: Buffer, start: number, end: number, hash: number): number {
    const length = end - start;
    const mask = (1 << SLOT_BITS) - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const index = this.slots[slot]!;
      if (index < 0) return this.count < INTERN_LIMIT ? this.add(slot, buf, start, end) : -1;
      if (this.matches(index, buf, start, length)) return index;
    }
  }

  takeFresh(): string[] {
    const fresh = this.fresh;
    this.fresh = [];
    return fresh;
  }

  private matches(index: number, buf: Buffer, start: number, length: number): boolean {
    const from = this.starts[index]!;
    if (this.starts[index + 1]! - from !== length) return false;
    const pool = this.pool;
    for (let k = 0; k < length; k++) if (pool[from + k] !== buf[start + k]) return false;
    return true;
  }

  private add(slot: number, buf: Buffer, start: number, end: number): number {
    const length = end - start;
    if (this.used + length > this.pool.length) {
      const grown = Buffer.alloc(Math.max(this.pool.length * 2, this.used + length));
      this.pool.copy(grown, 0, 0, this.used);
      this.pool = grown;
    }
    buf.copy(this.pool, this.used, start, end);
    this.used += length;
    this.starts.push(this.used);
    this.slots[slot] = this.count;
    this.fresh.push(buf.toString('utf8', start, end));
    return this.count++;
  }
}

/** How a field of ScannedRecords is held: bytes to decode, bytes with doubled quotes, or an interned string. */
const enum FieldKind {
  Bytes = 0,
  QuotedBytes = 1,
  Interned = 2,
}

/**
 * The whole records of one scan as numbers and bytes, not strings: a worker thread hands this over without
 * copying (./csv-scan-worker.ts), and materialize() makes the strings where they are used.
 */
export interface ScannedRecords {
  /** The scanned bytes, which the fields' ranges point into. */
  bytes: Buffer;
  /** Three numbers per field: its FieldKind, then its byte range [start, end) or, interned, its string's index. */
  fields: Int32Array;
  /** Per record, the index of the field after its last one. */
  recordEnds: Int32Array;
  recordCount: number;
  /** The strings interned by this scan, their indexes following those of the scans before it. */
  fresh: string[];
}

/** A growable Int32Array: a typed array, so a scan's result moves to another thread without a copy. */
class IntList {
  length = 0;
  constructor(public data: Int32Array) {}
  push3(a: number, b: number, c: number): void {
    if (this.length + 3 > this.data.length) this.grow();
    const data = this.data;
    data[this.length] = a;
    data[this.length + 1] = b;
    data[this.length + 2] = c;
    this.length += 3;
  }
  push(a: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[this.length++] = a;
  }
  /** The filled part: a view, not a copy (handed to another thread, the whole buffer moves with it). */
  filled(): Int32Array {
    return this.data.subarray(0, this.length);
  }
  private grow(): void {
    const grown = new Int32Array(this.data.length * 2);
    grown.set(this.data);
    this.data = grown;
  }
}

/**
 * Scans a UTF-8 byte stream (the byte-order mark already skipped) chunk by chunk into records. A record that
 * might continue past the end of a chunk (a field or a quoted field cut off, a CR that may be followed by LF)
 * is carried to the next chunk. A record longer than `maxRecordBytes` is irregular: an unclosed quote must
 * not buffer the rest of the file.
 */
export class CsvScanner {
  private readonly interner = new Interner();
  private readonly delimiter: number;
  private carry: Buffer | undefined;

  constructor(
    delimiter: string,
    private readonly maxRecordBytes = Infinity,
    private readonly memory = NEW_MEMORY,
  ) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** The whole records of `chunk` after the carried bytes. The chunk is copied: its memory may be read into again. */
  push(chunk: Buffer): ScannedRecords {
    const buf = this.withCarry(chunk);
    const { records, consumed } = scanBytes(buf, this.delimiter, false, this.interner, this.memory);
    // A copy, so the carried bytes do not pin the scan they came from (which moves to another thread).
    this.carry = consumed < buf.length ? Buffer.from(buf.subarray(consumed)) : undefined;
    if (this.carry && this.carry.length > this.maxRecordBytes) throw new IrregularCsv('a record over the size limit');
    return records;
  }

  /** The records left once the input has ended. */
  end(): ScannedRecords {
    const { records } = scanBytes(this.withCarry(Buffer.alloc(0)), this.delimiter, true, this.interner, this.memory);
    this.carry = undefined;
    return records;
  }

  private withCarry(chunk: Buffer): Buffer {
    const carried = this.carry?.length ?? 0;
    const buf = this.memory.bytes(carried + chunk.length);
    this.carry?.copy(buf);
    chunk.copy(buf, carried);
    return buf;
  }
}

/** The records in `buf` as strings, and how many of its bytes they took (CsvScanner in one piece; for tests). */
export function scanRecords(buf: Buffer, delimiter: number, final: boolean): { records: string[][]; consumed: number } {
  const { records, consumed } = scanBytes(buf, delimiter, final, new Interner(), NEW_MEMORY);
  return { records: materialize(records, []), consumed };
}

/**
 * The whole records in `buf`. Without `final`, a record that might continue past the end of the buffer is
 * left out, and `consumed` says where it starts.
 *
 * No closure shares this function's variables: captured, `buf` and the counts lived in a context object the
 * loops read them from. With UnquotedFields, a scan of the 1M-row file took ~870 -> ~810 ms cpu.
 */
function scanBytes(buf: Buffer, delimiter: number, final: boolean, interner: Interner, memory: ScanMemory): { records: ScannedRecords; consumed: number } {
  const fields = new IntList(memory.ints('fields', Math.max(48, buf.length >> 2)));
  const recordEnds = new IntList(memory.ints('recordEnds', Math.max(16, buf.length >> 6)));
  const n = buf.length;
  const unquoted = new UnquotedFields(buf, delimiter);
  /** Where the record in progress starts, in bytes and in fields: its fields are dropped if it goes on past the buffer. */
  let consumed = 0;
  let recordStart = 0;
  let i = 0;
  scan: while (i < n) {
    if (buf[i] === QUOTE) {
      let j = i + 1;
      let doubled = false;
      let close: number;
      for (;;) {
        close = buf.indexOf(QUOTE, j);
        if (close < 0 || (close + 1 >= n && !final)) {
          if (final) throw new IrregularCsv('a quoted field is never closed');
          break scan;
        }
        if (buf[close + 1] === QUOTE) {
          doubled = true;
          j = close + 2;
          continue;
        }
        break;
      }
      if (doubled) fields.push3(FieldKind.QuotedBytes, i + 1, close);
      else pushField(fields, interner, buf, i + 1, close, close - i - 1 <= INTERN_MAX_BYTES ? fnv(buf, i + 1, close) : 0);
      i = close + 1;
      if (i < n) {
        const next = buf[i];
        if (next !== delimiter && next !== LF && next !== CR) throw new IrregularCsv('text after a closing quote');
      }
    } else {
      const end = unquoted.end(i);
      if (end >= n && !final) break scan;
      pushField(fields, interner, buf, i, end, unquoted.hash);
      i = end;
    }
    if (i >= n) break;
    const end = buf[i];
    if (end === delimiter) {
      i++;
      // A delimiter as the very last byte still opens one more, empty, field.
      if (i >= n && final) pushField(fields, interner, buf, n, n, FNV_OFFSET);
      continue;
    }
    if (end === CR) {
      if (i + 1 >= n && !final) break scan;
      i += buf[i + 1] === LF ? 2 : 1;
    } else i++;
    recordStart = fields.length / 3;
    recordEnds.push(recordStart);
    consumed = i;
  }
  if (final && fields.length / 3 > recordStart) {
    recordStart = fields.length / 3;
    recordEnds.push(recordStart);
    consumed = n;
  }
  fields.length = recordStart * 3;
  return { records: { bytes: buf, fields: fields.filled(), recordEnds: recordEnds.filled(), recordCount: recordEnds.length, fresh: interner.takeFresh() }, consumed };
}

/**
 * Finds where the unquoted fields of one buffer end, and hashes those short enough to be interned.
 *
 * Shaped for speed: a field's first INTERN_MAX_BYTES + 1 bytes are looked through one by one and hashed in the
 * same pass, which is quickest for the short fields of most columns; past them, in a note, nothing more is
 * hashed and the native byte search finds the end (a note's ~50 more bytes cost more one by one than the
 * searches). The delimiters and line ends found are remembered: positions only grow in a scan, so one found
 * at or past a field is still the first one after it. A file without CR is then searched for one once per
 * buffer, not per field, and a run of long last fields (or a file of one column) for its next delimiter once,
 * not once per field to the end of the buffer, which made a buffer's scan quadratic.
 */
class UnquotedFields {
  /** The FNV-1a hash of the last field found, if it is no longer than INTERN_MAX_BYTES. */
  hash = 0;
  private delimiterAt = -1;
  private lf = -1;
  private cr = -1;

  constructor(
    private readonly buf: Buffer,
    private readonly delimiter: number,
  ) {}

  /** Where the field from `start` ends: at its delimiter or line end, or at the end of the buffer. */
  end(start: number): number {
    const buf = this.buf;
    const delimiter = this.delimiter;
    const shortEnd = Math.min(buf.length, start + INTERN_MAX_BYTES + 1);
    let hash = FNV_OFFSET;
    for (let j = start; j < shortEnd; j++) {
      const b = buf[j]!;
      if (b === delimiter || b === LF || b === CR) {
        this.hash = hash;
        return j;
      }
      hash = Math.imul(hash ^ b, FNV_PRIME);
    }
    this.hash = hash;
    return shortEnd === buf.length ? shortEnd : this.endFrom(shortEnd);
  }

  /** The first delimiter or line end at or after `at`, or the buffer's length. */
  private endFrom(at: number): number {
    if (this.delimiterAt < at) this.delimiterAt = firstFrom(this.buf, this.delimiter, at);
    if (this.lf < at) this.lf = firstFrom(this.buf, LF, at);
    if (this.cr < at) this.cr = firstFrom(this.buf, CR, at);
    return Math.min(this.delimiterAt, this.lf, this.cr);
  }
}

/** The first `byte` in `buf` at or after `at`, or the buffer's length. */
function firstFrom(buf: Buffer, byte: number, at: number): number {
  const found = buf.indexOf(byte, at);
  return found < 0 ? buf.length : found;
}

/** The field `buf[start, end)`, by its interned string's index if it is short enough to have one. */
function pushField(fields: IntList, interner: Interner, buf: Buffer, start: number, end: number, hash: number): void {
  const index = end - start <= INTERN_MAX_BYTES ? interner.find(buf, start, end, hash) : -1;
  if (index >= 0) fields.push3(FieldKind.Interned, index, 0);
  else fields.push3(FieldKind.Bytes, start, end);
}

function fnv(buf: Buffer, start: number, end: number): number {
  let hash = FNV_OFFSET;
  for (let k = start; k < end; k++) hash = Math.imul(hash ^ buf[k]!, FNV_PRIME);
  return hash;
}

/**
 * The records of a scan as strings. `interned` collects the strings interned so far (one list per file, in
 * the order of its scans) and is extended by this scan's.
 */
export function materialize(scan: ScannedRecords, interned: string[]): string[][] {
  return materializeRows(scan, interned, 0).map((row) => row.cells);
}

/**
 * The records of a scan as rows, numbered on from `rowsBefore`, with the intern index of each cell
 * (RawRow.internKeys: one array for the scan's rows, -1 for a cell not interned) for the memos of the ingest.
 */
export function materializeRows(scan: ScannedRecords, interned: string[], rowsBefore: number): CsvRow[] {
  for (const s of scan.fresh) interned.push(s);
  const { bytes, fields, recordEnds } = scan;
  const fieldCount = scan.recordCount === 0 ? 0 : recordEnds[scan.recordCount - 1]!;
  const keys = new Int32Array(fieldCount);
  const rows: CsvRow[] = new Array(scan.recordCount);
  let f = 0;
  for (let r = 0; r < scan.recordCount; r++) {
    const keyAt = f;
    // Sized once: pushed one by one, a row's 13 cells took a backing store of 16 (~24 MB more on 1M rows).
    const cells: string[] = new Array(recordEnds[r]! - keyAt);
    for (let c = 0; c < cells.length; c++, f++) {
      const kind = fields[3 * f]!;
      const a = fields[3 * f + 1]!;
      if (kind === FieldKind.Interned) {
        cells[c] = interned[a]!;
        keys[f] = a;
      } else {
        const value = bytes.toString('utf8', a, fields[3 * f + 2]!);
        cells[c] = kind === FieldKind.QuotedBytes ? value.replaceAll('""', '"') : value;
        keys[f] = -1;
      }
    }
    rows[r] = { row: rowsBefore + r + 1, cells, internKeys: keys, keyAt };
  }
  return rows;
}

/** A row of the tokenizer: its cells are strings, and each has its intern key. */
export interface CsvRow extends RawRow {
  readonly cells: string[];
  readonly internKeys: Int32Array;
  readonly keyAt: number;
}
