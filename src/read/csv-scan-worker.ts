/**
 * The worker thread that reads a large UTF-8 CSV (./csv.ts): it reads, hashes and repairs the bytes and scans
 * them into records of numbers (./csv-tokenizer.ts), and hands each scan over; the main thread makes the
 * strings and normalizes the rows meanwhile. On two cores the reading and the auditing of a million-row
 * export overlap (issue #6).
 */
import { createHash } from 'node:crypto';
import { parentPort, workerData } from 'node:worker_threads';
import { hashedBytes, repaired } from './csv-bytes.js';
import { CsvScanner, IrregularCsv, type ScannedRecords } from './csv-tokenizer.js';
import { Utf8Repair, type ReadEncoding } from './encoding.js';

export interface ScanRequest {
  path: string;
  bomLength: number;
  delimiter: string;
  maxRecordBytes: number;
}

/** What the worker posts: scans, then one of the other three. The main thread answers each scan it has taken. */
export type ScanMessage =
  | { type: 'records'; records: ScannedRecords }
  | { type: 'end'; sha256: string; encoding: ReadEncoding }
  /** The tokenizer hands the rest of the file to csv-parse (IrregularCsv): the scans posted before stand. */
  | { type: 'irregular' }
  | { type: 'failed'; message: string };

/** Scans posted and not yet answered: enough to keep both threads busy, few enough to bound the memory held. */
const SCANS_AHEAD = 4;

const port = parentPort!;
const request = workerData as ScanRequest;
let credit = SCANS_AHEAD;
let resume: (() => void) | undefined;
port.on('message', () => {
  credit++;
  resume?.();
});

async function post(records: ScannedRecords): Promise<void> {
  // A scan without a whole record may still have interned the values of the one it carries on: the main
  // thread's list of interned strings must get them, or every index after them points one string off.
  if (records.recordCount === 0 && records.fresh.length === 0) return;
  while (credit === 0) await new Promise<void>((resolve) => (resume = resolve));
  credit--;
  const message: ScanMessage = { type: 'records', records };
  // The field tables are this scan's own: moved, not copied. The bytes are copied (a read chunk's memory is
  // not known to be the chunk's alone).
  port.postMessage(message, [records.fields.buffer as ArrayBuffer, records.recordEnds.buffer as ArrayBuffer]);
}

async function scan(): Promise<void> {
  const hash = createHash('sha256');
  const repair = new Utf8Repair();
  const scanner = new CsvScanner(request.delimiter, request.maxRecordBytes);
  try {
    for await (const chunk of repaired(hashedBytes(request.path, request.bomLength, hash), repair)) await post(scanner.push(chunk));
    await post(scanner.end());
    port.postMessage({ type: 'end', sha256: hash.digest('hex'), encoding: repair.encoding } satisfies ScanMessage);
  } catch (error) {
    port.postMessage((error instanceof IrregularCsv ? { type: 'irregular' } : { type: 'failed', message: error instanceof Error ? error.message : String(error) }) satisfies ScanMessage);
  }
}

await scan();
