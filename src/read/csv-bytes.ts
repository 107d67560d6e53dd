import type { Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import type { Utf8Repair } from './encoding.js';

/** UTF-8 bytes with Windows-1252 read for the bytes that are not UTF-8 (./encoding.ts). */
export async function* repaired(chunks: AsyncIterable<Buffer>, repair: Utf8Repair): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    const bytes = repair.push(chunk);
    if (bytes.length > 0) yield bytes;
  }
  const rest = repair.end();
  if (rest.length > 0) yield rest;
}

/** The file's bytes after the byte-order mark, each chunk hashed on the way (the mark included). */
export async function* hashedBytes(path: string, bomLength: number, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    if (bomLength > 0) {
      const rest = chunk.subarray(bomLength);
      bomLength = 0;
      if (rest.length > 0) yield rest;
    } else yield chunk;
  }
}
