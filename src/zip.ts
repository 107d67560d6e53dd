import type { FileHandle } from 'node:fs/promises';

/**
 * The central directory of a zip file (APPNOTE.TXT 4.3.12, 4.3.16), read without inflating anything: the
 * XLSX reader checks a workbook with it before streaming (a truncated file would hang exceljs; an encrypted
 * entry or a zip bomb must be refused before it is inflated), the lean XLSX reader finds each part's data with
 * it (src/read/zip-entry.ts), and the XLSX writer rewrites entry times in it.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;

export interface ZipEntry {
  name: string;
  /** General-purpose flags; bit 0 = encrypted. */
  flags: number;
  /** Compression method: 0 stored, 8 deflated (the two that XLSX writers use). */
  method: number;
  /** CRC-32 of the uncompressed data. */
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
  /** Offset of this entry's record inside the central directory buffer. */
  recordOffset: number;
}

export interface CentralDirectory {
  offset: number;
  /** The raw directory, for callers that patch it in place. */
  bytes: Buffer;
  entries: ZipEntry[];
  /** Zip64 archives (over 4 GB or 65,535 entries) keep their real figures elsewhere; callers decide. */
  zip64: boolean;
}

export class ZipFormatError extends Error {}

export async function readCentralDirectory(file: FileHandle): Promise<CentralDirectory> {
  const { size } = await file.stat();
  const tailSize = Math.min(size, EOCD_SIZE + 0xffff); // the record plus the longest comment
  const tail = Buffer.alloc(tailSize);
  await file.read(tail, 0, tailSize, size - tailSize);
  const eocd = findEndOfCentralDirectory(tail);
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    return { offset: cdOffset, bytes: Buffer.alloc(0), entries: [], zip64: true };
  }
  if (cdOffset + cdSize > size) throw new ZipFormatError('the central directory lies past the end of the file');
  const bytes = Buffer.alloc(cdSize);
  await file.read(bytes, 0, cdSize, cdOffset);
  const entries: ZipEntry[] = [];
  let zip64 = false;
  for (let at = 0, n = 0; n < count; n++) {
    if (at + CENTRAL_SIZE > bytes.length || bytes.readUInt32LE(at) !== CENTRAL) throw new ZipFormatError('the central directory is corrupt');
    const nameLength = bytes.readUInt16LE(at + 28);
    const entry: ZipEntry = {
      name: bytes.toString('utf8', at + CENTRAL_SIZE, at + CENTRAL_SIZE + nameLength),
      flags: bytes.readUInt16LE(at + 8),
      method: bytes.readUInt16LE(at + 10),
      crc32: bytes.readUInt32LE(at + 16),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeaderOffset: bytes.readUInt32LE(at + 42),
      recordOffset: at,
    };
    if (entry.compressedSize === 0xffffffff || entry.uncompressedSize === 0xffffffff || entry.localHeaderOffset === 0xffffffff) zip64 = true;
    entries.push(entry);
    at += CENTRAL_SIZE + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32);
  }
  return { offset: cdOffset, bytes, entries, zip64 };
}

const LOCAL = 0x04034b50;
const LOCAL_SIZE = 30;

/**
 * Where an entry's (compressed) data starts: after its local header, whose name and extra field may differ
 * in length from the central directory's copy (APPNOTE.TXT 4.3.7), so the local header must be read.
 */
export async function entryDataOffset(file: FileHandle, entry: ZipEntry): Promise<number> {
  const header = Buffer.alloc(LOCAL_SIZE);
  const { bytesRead } = await file.read(header, 0, LOCAL_SIZE, entry.localHeaderOffset);
  if (bytesRead < LOCAL_SIZE || header.readUInt32LE(0) !== LOCAL) throw new ZipFormatError(`the local header of ${entry.name} is missing or corrupt`);
  return entry.localHeaderOffset + LOCAL_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
}

function findEndOfCentralDirectory(tail: Buffer): number {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) return i;
  }
  throw new ZipFormatError('no end-of-central-directory record (the file is cut short or not a zip)');
}
