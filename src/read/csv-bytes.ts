import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CsvScanner, type ScannedRecords } from './csv-tokenizer.js';
import type { ScanMemory } from './scan-memory.js';
import { Utf8Repair, type ReadEncoding } from './encoding.js';

/** UTF-8 bytes with Windows-1252 read for the bytes that are not UTF-8 (./encoding.ts). */
export async function* repaired(chunks: AsyncIterable<Buffer>, repair: Utf8Repair): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const bytes = repair.push(chunk);
    if (bytes.length > 0) yield bytes;
  }
  const rest = repair.end();
  if (rest.length > 0) yield rest;
}

/** Bytes per read of a UTF-8 CSV. */
const READ_BYTES = 1024 * 1024;

/**
 * The file's bytes after the byte-order mark, each chunk hashed on the way (the mark included). Every chunk is
 * read into the same buffer: it is valid until the next one is asked for (the scanner copies what it keeps).
 */
async function* hashedBytes(path: string, bomLength: number, hash: Hash): AsyncGenerator<Buffer> {
  const file = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, READ_BYTES, null);
      if (bytesRead === 0) return;
      const chunk = buffer.subarray(0, bytesRead);
      hash.update(chunk);
      const skip = Math.min(bomLength, bytesRead);
      bomLength -= skip;
      if (skip < bytesRead) yield chunk.subarray(skip);
    }
  } finally {
    await file.close();
  }
}

/** What reading a UTF-8 CSV to its end found out: its SHA-256 (the byte-order mark included) and what it was read as. */
export interface ScanEnd {
  sha256: string;
  encoding: ReadEncoding;
}

/**
 * The tokenizer's scans of a UTF-8 CSV, the file read, hashed and repaired on the way, on whichever thread
 * calls it: the main thread for smaller files (./csv.ts), the reading worker for large ones (./csv-scan-worker.ts).
 */
export async function* scanFile(path: string, bomLength: number, delimiter: string, maxRecordBytes: number, memory?: ScanMemory): AsyncGenerator<ScannedRecords, ScanEnd> {
  const hash = createHash('sha256');
  const repair = new Utf8Repair();
  const scanner = new CsvScanner(delimiter, maxRecordBytes, memory);
  for await (const chunk of repaired(hashedBytes(path, bomLength, hash), repair)) yield scanner.push(chunk);
  yield scanner.end();
  return { sha256: hash.digest('hex'), encoding: repair.encoding };
}
