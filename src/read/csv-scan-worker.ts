/**
 * The worker thread that reads a large UTF-8 CSV (./csv.ts): it reads, hashes and repairs the bytes and scans
 * them into records of numbers (./csv-tokenizer.ts), and hands each scan over; the main thread makes the
 * strings and normalizes the rows meanwhile. On two cores the reading and the auditing of a million-row
 * export overlap (issue #6).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { scanFile, type ScanEnd } from './csv-bytes.js';
import { IrregularCsv, type ScannedRecords } from './csv-tokenizer.js';
import { ReturnedMemory, type ScanReturn } from './scan-memory.js';

export interface ScanRequest {
  path: string;
  bomLength: number;
  delimiter: string;
  maxRecordBytes: number;
}

/** What the worker posts: scans, then one of the other three. The main thread answers each scan it has taken. */
export type ScanMessage =
  | { type: 'records'; records: ScannedRecords }
  | ({ type: 'end' } & ScanEnd)
  /** The tokenizer hands the rest of the file to csv-parse (IrregularCsv): the scans posted before stand. */
  | { type: 'irregular' }
  | { type: 'failed'; message: string };

/** Scans posted and not yet answered: enough to keep both threads busy, few enough to bound the memory held. */
const SCANS_AHEAD = 4;

const port = parentPort!;
const request = workerData as ScanRequest;
const memory = new ReturnedMemory();
let credit = SCANS_AHEAD;
let resume: (() => void) | undefined;
port.on('message', (returned: ScanReturn) => {
  memory.giveBack(returned);
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
  // Moved, not copied: the scan's memory is its own (ScanMemory), and comes back in the main thread's answer.
  port.postMessage(message, [records.bytes.buffer as ArrayBuffer, records.fields.buffer as ArrayBuffer, records.recordEnds.buffer as ArrayBuffer]);
}

async function scan(): Promise<void> {
  const scans = scanFile(request.path, request.bomLength, request.delimiter, request.maxRecordBytes, memory);
  try {
    for (let next = await scans.next(); ; next = await scans.next()) {
      if (next.done) {
        port.postMessage({ type: 'end', ...next.value } satisfies ScanMessage);
        return;
      }
      await post(next.value);
    }
  } catch (error) {
    port.postMessage((error instanceof IrregularCsv ? { type: 'irregular' } : { type: 'failed', message: error instanceof Error ? error.message : String(error) }) satisfies ScanMessage);
  }
}

await scan();
