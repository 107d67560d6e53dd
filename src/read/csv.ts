import { createReadStream, existsSync } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename } from 'node:path';
import { Readable, pipeline } from 'node:stream';
import { Worker } from 'node:worker_threads';
import { parse } from 'csv-parse';
import { CcmError } from '../errors.js';
import { repaired, scanFile } from './csv-bytes.js';
import type { ScanMessage, ScanRequest } from './csv-scan-worker.js';
import type { ScanReturn } from './scan-memory.js';
import { IrregularCsv, materializeRows, type ScannedRecords } from './csv-tokenizer.js';
import { sniffDelimiter, type Delimiter } from './delimiter.js';
import { sniffEncoding, Utf8Repair, type ReadEncoding, type SniffedEncoding } from './encoding.js';
import { inBatches } from './batches.js';
import type { RawRow, RawSheet } from './types.js';

const SAMPLE_BYTES = 64 * 1024;
/** An unclosed quote must not buffer the rest of the file into one record. */
const MAX_RECORD_BYTES = 1024 * 1024;

export interface CsvFormat extends SniffedEncoding {
  delimiter: Delimiter;
}

/** Read the first bytes once to settle encoding and delimiter before streaming the whole file. */
export async function sniffCsv(path: string): Promise<CsvFormat> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    const head = buffer.subarray(0, bytesRead);
    const encoding = sniffEncoding(head);
    if (encoding.bomLength === 0 && head.includes(0)) throw new CcmError(`${basename(path)}: ${describeNulBytes(head)}`);
    const sample = head.subarray(encoding.bomLength);
    const text = encoding.encoding === 'utf-8' ? new Utf8Repair().push(sample).toString('utf8') : new TextDecoder(encoding.encoding).decode(sample, { stream: true });
    return { ...encoding, delimiter: sniffDelimiter(text) };
  } finally {
    await handle.close();
  }
}

/**
 * Text exports have no NUL bytes. UTF-16 without a byte-order mark has one in every other byte; anything
 * else with NULs is a binary file with a CSV name.
 */
function describeNulBytes(head: Buffer): string {
  let even = 0;
  let odd = 0;
  for (let i = 0; i < head.length; i++) if (head[i] === 0) (i % 2 === 0 ? even++ : odd++);
  const utf16 = Math.max(even, odd) > head.length / 4 && Math.min(even, odd) < head.length / 50;
  return utf16
    ? 'the file is UTF-16 text without a byte-order mark; save it again as "CSV UTF-8" in Excel.'
    : 'the file contains NUL bytes, so it is not a text export; export it again as CSV or XLSX.';
}

/** Decode a UTF-16 byte stream to text; TextDecoder keeps characters split across chunks whole. */
async function* decodeUtf16(path: string, format: SniffedEncoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(format.encoding);
  const stream = createReadStream(path, { start: format.bomLength, highWaterMark: 256 * 1024 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** What reading a CSV to the end found out: the file's SHA-256 when the tokenizer hashed it, and its encoding. */
interface ReadFacts {
  sha256?: string;
  encoding?: ReadEncoding;
}

/**
 * A CSV file as one table. Row numbers count records, as Excel numbers rows when it opens the file. UTF-8
 * files go through the lean tokenizer, which also hashes the bytes as it reads them (`sha256`), on a worker
 * thread from `workerMinBytes` (a test's seam; see WORKER_MIN_BYTES); csv-parse reads UTF-16, and takes over
 * from the first record the tokenizer leaves to it.
 */
export function readCsv(path: string, displayName: string, format: CsvFormat, workerMinBytes = WORKER_MIN_BYTES): RawSheet {
  const facts: ReadFacts = {};
  if (format.encoding !== 'utf-8') facts.encoding = format.encoding === 'utf-16le' ? 'UTF-16LE' : 'UTF-16BE';
  return { file: displayName, sheet: null, rows: csvRows(path, displayName, format, facts, workerMinBytes), sha256: () => facts.sha256, encoding: () => facts.encoding };
}

async function* csvRows(path: string, displayName: string, format: CsvFormat, facts: ReadFacts, workerMinBytes: number): AsyncGenerator<RawRow[]> {
  let row = 0;
  if (format.encoding === 'utf-8') {
    const interned: string[] = [];
    try {
      const scans = (await scansInWorker(path, workerMinBytes)) ? scannedInWorker(path, format, facts) : scannedHere(path, format, facts);
      for await (const scan of scans) {
        const rows = materializeRows(scan, interned, row);
        row += rows.length;
        yield rows;
      }
      return;
    } catch (error) {
      if (!(error instanceof IrregularCsv)) throw new CcmError(`${displayName}: the file could not be read (${csvReason(error)}).`);
    }
  }
  yield* inBatches(parsedRows(path, displayName, format, row, facts));
}

/** The tokenizer's scans of a UTF-8 file, read on this thread. */
async function* scannedHere(path: string, format: CsvFormat, facts: ReadFacts): AsyncGenerator<ScannedRecords> {
  const end = yield* scanFile(path, format.bomLength, format.delimiter, MAX_RECORD_BYTES);
  facts.sha256 = end.sha256;
  facts.encoding = end.encoding;
}

/** Files this large are read on a worker thread: below it, starting one costs about what it saves. */
const WORKER_MIN_BYTES = 16 * 1024 * 1024;
/** The compiled worker; the test runner, which runs the TypeScript sources, has none and reads on this thread. */
const SCAN_WORKER = new URL('./csv-scan-worker.js', import.meta.url);

/** Whether to read on a worker thread: a large file, a second core to run it on, and the worker compiled. */
export async function scansInWorker(path: string, minBytes: number): Promise<boolean> {
  if (availableParallelism() < 2 || !existsSync(SCAN_WORKER)) return false;
  return (await stat(path)).size >= minBytes;
}

/**
 * The same scans as scannedHere, made on a worker thread (./csv-scan-worker.ts) while this thread turns the
 * scans before into rows. The worker is referenced only while this thread waits for it, so a read abandoned
 * half-way (a run that stops on a bad row) never keeps the process alive.
 */
async function* scannedInWorker(path: string, format: CsvFormat, facts: ReadFacts): AsyncGenerator<ScannedRecords> {
  const request: ScanRequest = { path, bomLength: format.bomLength, delimiter: format.delimiter, maxRecordBytes: MAX_RECORD_BYTES };
  // A small young generation: the worker allocates little on its heap, and the process's --max-semi-space-size
  // (bin/ccm.js) would otherwise reserve as much again for it. No Node options of the process: a library
  // user's (`--input-type` of `node -e`) may not apply to a worker.
  const worker = new Worker(SCAN_WORKER, { workerData: request, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  worker.unref();
  const inbox: ScanMessage[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const arrived = () => {
    wake?.();
    wake = undefined;
  };
  worker.on('message', (message: ScanMessage) => {
    inbox.push(message);
    arrived();
  });
  worker.on('error', (error) => {
    failure ??= error;
    arrived();
  });
  worker.on('exit', () => {
    failure ??= new Error('the reading thread stopped');
    arrived();
  });
  try {
    for (;;) {
      const message = inbox.shift();
      if (message === undefined) {
        if (failure) throw failure;
        worker.ref();
        await new Promise<void>((resolve) => (wake = resolve));
        worker.unref();
        continue;
      }
      switch (message.type) {
        case 'records': {
          // Posted, the Buffer arrives as a plain Uint8Array: the same bytes, viewed as a Buffer again.
          const { bytes, fields, recordEnds } = message.records;
          yield { ...message.records, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
          // Asked for the next scan, the caller has made this one's strings: its memory goes back to the
          // worker to be read into again, and the worker may post one more scan.
          const answer: ScanReturn = { bytes: bytes.buffer as ArrayBuffer, fields: fields.buffer as ArrayBuffer, recordEnds: recordEnds.buffer as ArrayBuffer };
          worker.postMessage(answer, [answer.bytes, answer.fields, answer.recordEnds]);
          break;
        }
        case 'end':
          facts.sha256 = message.sha256;
          facts.encoding = message.encoding;
          return;
        case 'irregular':
          throw new IrregularCsv('handed back by the reading thread');
        case 'failed':
          throw new Error(message.message);
      }
    }
  } finally {
    await worker.terminate();
  }
}

/** csv-parse, the reference reader; the first `skip` records were already delivered by the tokenizer. */
async function* parsedRows(path: string, displayName: string, format: CsvFormat, skip: number, facts: ReadFacts): AsyncGenerator<RawRow> {
  const parser = parse({
    delimiter: format.delimiter,
    // csv-parse takes the record delimiter from the first line and then merges records when a file mixes
    // CRLF and LF further on (tools append rows with LF to CRLF exports); the list never loses a row.
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
    skip_empty_lines: false,
  });
  // UTF-8 goes to csv-parse as repaired bytes (it joins characters split across chunks itself); UTF-16 is
  // decoded first. pipeline, not pipe: a read error must reach the loop below instead of hanging it.
  const repair = format.encoding === 'utf-8' ? new Utf8Repair() : undefined;
  const source = repair
    ? Readable.from(repaired(createReadStream(path, { start: format.bomLength, highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>, repair))
    : Readable.from(decodeUtf16(path, format));
  pipeline(source, parser, () => {});
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row++;
      if (row > skip) yield { row, cells: record };
    }
    if (repair) facts.encoding = repair.encoding;
  } catch (error) {
    throw new CcmError(`${displayName}, row ${row + 1}: the file is not valid CSV (${csvReason(error)}); re-export it as CSV or XLSX.`);
  } finally {
    parser.destroy();
  }
}

function csvReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/^Invalid Record Length:.*$/, 'inconsistent columns').split('\n')[0] ?? message;
}
