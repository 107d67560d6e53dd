import { createReadStream } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import { pipeline, type Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import { nativeCrc32 } from '../crc32.js';
import { entryDataOffset, ZipFormatError, type ZipEntry } from '../zip.js';

/** Compressed bytes read per file read, and inflated bytes per chunk: big enough that per-chunk costs vanish. */
const READ_CHUNK = 256 * 1024;
const INFLATE_CHUNK = 256 * 1024;

/**
 * The uncompressed bytes of one zip entry, as a stream of chunks: never the whole part in memory. The central
 * directory's figures are enforced, so a directory that understates a part (a zip bomb that got past the
 * preflight's ratio check) is cut off at the size it declared, and a part that inflates short or with another
 * CRC is reported as damaged instead of being read as if it were whole. Breaking out of the loop closes the
 * file stream. `checkCrc: false` skips the CRC, for a pass over a part that another pass reads and checks.
 */
export async function* entryChunks(path: string, file: FileHandle, entry: ZipEntry, checkCrc = true): AsyncGenerator<Buffer> {
  if (entry.method !== 0 && entry.method !== 8) throw new ZipFormatError(`${entry.name} uses compression method ${entry.method}, which XLSX files do not use`);
  const start = await entryDataOffset(file, entry);
  if (entry.compressedSize === 0) {
    if (entry.uncompressedSize !== 0) throw new ZipFormatError(`${entry.name} has no data`);
    return;
  }
  const source = createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: READ_CHUNK });
  const stream: Readable = entry.method === 8 ? pipeline(source, zlib.createInflateRaw({ chunkSize: INFLATE_CHUNK }), () => {}) : source;
  let size = 0;
  let crc = 0;
  try {
    for await (const chunk of stream) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > entry.uncompressedSize) throw new ZipFormatError(`${entry.name} inflates past the ${entry.uncompressedSize} bytes its directory entry declares`);
      if (nativeCrc32 && checkCrc) crc = nativeCrc32(bytes, crc);
      yield bytes;
    }
  } catch (error) {
    if (error instanceof ZipFormatError) throw error;
    throw new ZipFormatError(`${entry.name}: ${(error as Error).message}`);
  } finally {
    stream.destroy();
    source.destroy();
  }
  if (size !== entry.uncompressedSize) throw new ZipFormatError(`${entry.name} is cut short (${size} of ${entry.uncompressedSize} bytes)`);
  // Without Node's own CRC (before 20.15 / 22.2) the CRC is not checked; inflate still is.
  if (nativeCrc32 && checkCrc && crc >>> 0 !== entry.crc32) throw new ZipFormatError(`${entry.name} fails its CRC check`);
}
