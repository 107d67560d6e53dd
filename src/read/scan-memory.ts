/**
 * Where a CSV scanner (./csv-tokenizer.ts) gets the memory of its scans. A scan owns its bytes and tables
 * whole (a view of no shared pool), so that the reading worker can move them to the main thread and take them
 * back once the strings are made (./csv-scan-worker.ts): a million-row file then reads into the same few
 * buffers, where new ones per scan left ~65 MB of freed memory in the C allocator's heaps as peak RSS.
 */
export interface ScanMemory {
  bytes(length: number): Buffer;
  /** An Int32Array of at least `length` numbers for the fields or the record ends of a scan. */
  ints(role: IntsRole, length: number): Int32Array;
}

type IntsRole = 'fields' | 'recordEnds';

/** New memory for every scan (the main thread's reading of smaller files). */
export const NEW_MEMORY: ScanMemory = {
  bytes: (length) => Buffer.allocUnsafeSlow(length),
  ints: (_role, length) => new Int32Array(length),
};

/** A scan's memory handed back by the thread that made its strings. */
export interface ScanReturn {
  bytes: ArrayBuffer;
  fields: ArrayBuffer;
  recordEnds: ArrayBuffer;
}

/** The memory of returned scans, used again: a file is read into as many sets of buffers as scans in flight. */
export class ReturnedMemory implements ScanMemory {
  private readonly spares: Record<keyof ScanReturn, ArrayBuffer[]> = { bytes: [], fields: [], recordEnds: [] };

  giveBack(scan: ScanReturn): void {
    this.spares.bytes.push(scan.bytes);
    this.spares.fields.push(scan.fields);
    this.spares.recordEnds.push(scan.recordEnds);
  }

  bytes(length: number): Buffer {
    return Buffer.from(reuse(this.spares.bytes, length), 0, length);
  }

  ints(role: IntsRole, length: number): Int32Array {
    return new Int32Array(reuse(this.spares[role], length * 4));
  }
}

/** A spare of at least `byteLength` bytes, or a new one; a spare too small is dropped, so they never pile up. */
function reuse(spares: ArrayBuffer[], byteLength: number): ArrayBuffer {
  const spare = spares.pop();
  return spare !== undefined && spare.byteLength >= byteLength ? spare : new ArrayBuffer(byteLength);
}
