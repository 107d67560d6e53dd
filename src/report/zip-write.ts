import { once } from 'node:events';
import { type WriteStream, createWriteStream } from 'node:fs';
import type { TransformOptions } from 'node:stream';
import { type DeflateRaw, type ZlibOptions, createDeflateRaw } from 'node:zlib';
import { crc32 } from '../crc32.js';
import { CcmError } from '../errors.js';

/**
 * A streaming zip writer (APPNOTE.TXT 6.3), just what an XLSX package needs: deflated entries written one
 * after the other straight to the file, each followed by a data descriptor because its sizes and CRC are
 * known only once its content has streamed through (general-purpose flag bit 3), then the central directory.
 *
 * - Backpressure both ways: `write` waits while deflate is behind, and deflate pauses while the file is.
 * - Every entry carries the same given DOS time, so identical content gives identical bytes.
 * - Past 4 GiB of file, offsets go to Zip64 records (4.3.14, 4.5.3). A single entry over 4 GiB would need
 *   Zip64 sizes announced in its local header before we know them, which some readers reject: it is refused.
 * - A failure of the file or of deflate rejects whatever is awaited at the time; nothing hangs.
 */

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const ZIP64_END = 0x06064b50;
const ZIP64_LOCATOR = 0x07064b50;
const END = 0x06054b50;
const ZIP64_EXTRA = 0x0001;

const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;
/** Version 2.0 (deflate, data descriptors); 4.5 once Zip64 records appear (APPNOTE 4.4.3). */
const VERSION = 20;
const VERSION_ZIP64 = 45;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0008 | 0x0800;
const DEFLATE = 8;
/**
 * Deflate runs on libuv's thread pool while the caller builds the next chunk: it may queue a few chunks
 * (the default 16 KiB would make every 64 KiB write wait for deflate, one after the other), and its output
 * buffer holds a whole compressed chunk, so it needs the main thread once per chunk, not every 16 KiB.
 */
const DEFLATE_QUEUE = 1 << 18;
const DEFLATE_CHUNK = 1 << 16;

/** A sheet too large for a zip entry: the user's to avoid (write CSV), so one line and exit 2, not a crash. */
export class ZipTooLargeError extends CcmError {}

export interface ZipWriterOptions {
  /** File mode when the file is created. */
  mode: number;
  /** MS-DOS date (high 16 bits) and time (low 16 bits) stamped on every entry (see zip-time.ts dosDateTime). */
  dosDateTime: number;
  /** zlib level; the default is zlib's own (6), as archiver uses. */
  level?: number;
}

/** What the central directory records of an entry once it is written. */
export interface WrittenEntry {
  name: Buffer;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

export class ZipWriter {
  private offset = 0;
  private readonly written: WrittenEntry[] = [];
  private open: ZipEntryWriter | undefined;
  /** Rejects on the first error of the file or of an entry's deflate stream; every wait races it. */
  readonly failed: Promise<never>;
  private fail!: (error: unknown) => void;

  private constructor(
    private readonly out: WriteStream,
    private readonly options: ZipWriterOptions,
  ) {
    this.failed = new Promise<never>((_, reject) => (this.fail = reject));
    // Observed by every race; this keeps a failure nobody waits for from surfacing as an unhandled rejection.
    this.failed.catch(() => undefined);
    out.on('error', (error) => this.fail(error));
  }

  /** Creates (or truncates) the file at `path` and resolves once it is open, or rejects (ENOENT, EACCES…). */
  static async create(path: string, options: ZipWriterOptions): Promise<ZipWriter> {
    const zip = new ZipWriter(createWriteStream(path, { mode: options.mode }), options);
    await zip.race(once(zip.out, 'open'));
    return zip;
  }

  /** Starts an entry; write its content with `write`, then `end` it before starting the next. */
  entry(name: string): ZipEntryWriter {
    if (this.open) throw new Error(`zip entry ${this.open.name} is still open`);
    const encoded = Buffer.from(name, 'utf8');
    const offset = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    // A Zip64 offset lives in the central directory; the local header only needs the version that reads it.
    header.writeUInt16LE(offset > U32_MAX ? VERSION_ZIP64 : VERSION, 4);
    header.writeUInt16LE(FLAGS, 6);
    header.writeUInt16LE(DEFLATE, 8);
    header.writeUInt32LE(this.options.dosDateTime, 10);
    // CRC and sizes (14–25) stay zero: they follow in the data descriptor.
    header.writeUInt16LE(encoded.length, 26);
    this.put(Buffer.concat([header, encoded]));
    // zlib streams pass stream options on to Transform; @types/node's ZlibOptions does not list them.
    const streamOptions: ZlibOptions & TransformOptions = { level: this.options.level ?? -1, chunkSize: DEFLATE_CHUNK, highWaterMark: DEFLATE_QUEUE };
    const deflate = createDeflateRaw(streamOptions);
    this.open = new ZipEntryWriter(this, name, deflate, (crc, compressedSize, size) => {
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressedSize, 8);
      descriptor.writeUInt32LE(size, 12);
      this.put(descriptor);
      this.written.push({ name: encoded, crc, compressedSize, size, offset });
      this.open = undefined;
    });
    return this.open;
  }

  /** A whole entry at once, for the small parts of a package. */
  async add(name: string, content: string): Promise<void> {
    const entry = this.entry(name);
    await entry.write(content);
    await entry.end();
  }

  /** Writes the central directory and the end records, and resolves once the file is closed. */
  async finish(): Promise<void> {
    if (this.open) throw new Error(`zip entry ${this.open.name} is still open`);
    this.put(centralDirectory(this.written, this.offset, this.options.dosDateTime));
    this.out.end();
    await this.race(once(this.out, 'close'));
  }

  /** Stops writing after a failure; the caller removes the partial file (write.ts writes to a temporary one). */
  destroy(): void {
    this.open?.destroy();
    this.out.destroy();
  }

  /** Waits for `promise` unless the file or a deflate stream fails first. */
  race<T>(promise: Promise<T>): Promise<T> {
    return Promise.race([promise, this.failed]);
  }

  /** Forwards a failure of an entry's deflate stream. */
  reportError(error: unknown): void {
    this.fail(error);
  }

  /** Appends bytes to the file; while the file is behind, `source` (an entry's deflate output) is paused. */
  put(bytes: Buffer, source?: DeflateRaw): void {
    this.offset += bytes.length;
    if (!this.out.write(bytes) && source && !source.isPaused()) {
      source.pause();
      this.out.once('drain', () => source.resume());
    }
  }
}

/** One entry's content, deflated as it is written. */
export class ZipEntryWriter {
  private crc = 0;
  private size = 0;
  private compressedSize = 0;

  constructor(
    private readonly zip: ZipWriter,
    readonly name: string,
    private readonly deflate: DeflateRaw,
    private readonly done: (crc: number, compressedSize: number, size: number) => void,
  ) {
    deflate.on('data', (chunk: Buffer) => {
      this.compressedSize += chunk.length;
      zip.put(chunk, deflate);
    });
    deflate.on('error', (error) => zip.reportError(error));
  }

  /** Adds content (text as UTF-8); resolves when deflate can take more. */
  async write(content: string | Buffer): Promise<void> {
    const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    this.crc = crc32(bytes, this.crc);
    this.size += bytes.length;
    if (this.size > U32_MAX) throw tooLarge(this.name);
    if (!this.deflate.write(bytes)) await this.zip.race(once(this.deflate, 'drain'));
    // Even when deflate can take more, let it hear that its last chunk is done and start on the next.
    else await new Promise(setImmediate);
  }

  /** Flushes deflate, writes the data descriptor and closes the entry. */
  async end(): Promise<void> {
    const ended = once(this.deflate, 'end');
    this.deflate.end();
    await this.zip.race(ended);
    if (this.compressedSize > U32_MAX) throw tooLarge(this.name);
    this.done(this.crc, this.compressedSize, this.size);
  }

  destroy(): void {
    this.deflate.destroy();
  }
}

function tooLarge(name: string): ZipTooLargeError {
  return new ZipTooLargeError(`${name} would be larger than 4 GiB, more than a workbook can hold; write the report as CSV instead`);
}

/**
 * The central directory of `entries`, starting at file offset `start`, and the end records after it; the
 * Zip64 ones only when an offset, the size or the count overflows the classic fields.
 */
export function centralDirectory(entries: readonly WrittenEntry[], start: number, dosDateTime: number): Buffer {
  const headers = Buffer.concat(entries.map((entry) => centralHeader(entry, dosDateTime)));
  const size = headers.length;
  const count = entries.length;
  const zip64 = start > U32_MAX || size > U32_MAX || count > U16_MAX;
  return Buffer.concat([headers, ...(zip64 ? [zip64End(start, size, count, start + size)] : []), end(start, size, count)]);
}

/** APPNOTE 4.3.12, with a Zip64 extra field (4.5.3) when the local header lies past 4 GiB. */
function centralHeader(entry: WrittenEntry, dosDateTime: number): Buffer {
  const zip64 = entry.offset > U32_MAX;
  const extra = Buffer.alloc(zip64 ? 12 : 0);
  if (zip64) {
    extra.writeUInt16LE(ZIP64_EXTRA, 0);
    extra.writeUInt16LE(8, 2);
    extra.writeBigUInt64LE(BigInt(entry.offset), 4);
  }
  const header = Buffer.alloc(46);
  header.writeUInt32LE(CENTRAL_HEADER, 0);
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 4); // made by: MS-DOS attributes (host 0)
  header.writeUInt16LE(zip64 ? VERSION_ZIP64 : VERSION, 6);
  header.writeUInt16LE(FLAGS, 8);
  header.writeUInt16LE(DEFLATE, 10);
  header.writeUInt32LE(dosDateTime, 12);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize, 20);
  header.writeUInt32LE(entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  // Comment length, disk, internal and external attributes (32–41) stay zero.
  header.writeUInt32LE(zip64 ? U32_MAX : entry.offset, 42);
  return Buffer.concat([header, entry.name, extra]);
}

/** The Zip64 end of central directory record and its locator (APPNOTE 4.3.14, 4.3.15). */
function zip64End(start: number, size: number, count: number, at: number): Buffer {
  const record = Buffer.alloc(56 + 20);
  record.writeUInt32LE(ZIP64_END, 0);
  record.writeBigUInt64LE(44n, 4); // the record's size after this field
  record.writeUInt16LE(VERSION_ZIP64, 12);
  record.writeUInt16LE(VERSION_ZIP64, 14);
  // This disk and the directory's disk (16–23) are zero.
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(size), 40);
  record.writeBigUInt64LE(BigInt(start), 48);
  record.writeUInt32LE(ZIP64_LOCATOR, 56);
  record.writeBigUInt64LE(BigInt(at), 64);
  record.writeUInt32LE(1, 72); // one disk in all
  return record;
}

/** APPNOTE 4.3.16; fields that overflow hold their maximum and the Zip64 record has the figure. */
function end(start: number, size: number, count: number): Buffer {
  const record = Buffer.alloc(22);
  record.writeUInt32LE(END, 0);
  record.writeUInt16LE(Math.min(count, U16_MAX), 8);
  record.writeUInt16LE(Math.min(count, U16_MAX), 10);
  record.writeUInt32LE(Math.min(size, U32_MAX), 12);
  record.writeUInt32LE(Math.min(start, U32_MAX), 16);
  return record;
}
