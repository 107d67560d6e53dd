import { open } from 'node:fs/promises';

/**
 * Reproducible XLSX files. exceljs's WorkbookWriter hands each part to archiver without a date, so archiver
 * stamps every zip entry with the clock at the time of writing (archiver-utils `dateify`): two runs of the
 * same audit differ in those bytes unless they fall in the same 2-second DOS-time window. There is no
 * option to pass a date through exceljs, and two entries are queued inside its constructor, so the stamps
 * are rewritten after the file is complete instead: the central directory lists every entry with the offset
 * of its local header, and both headers hold the time as a fixed-size field (APPNOTE.TXT 4.3.7, 4.3.12).
 * CRCs cover the data only, so the archive stays valid.
 */

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const EOCD_SIZE = 22;
const CENTRAL_SIZE = 46;

/** MS-DOS time (low 16 bits) and date (high 16 bits), from UTC fields as archiver writes them by default. */
export function dosDateTime(date: Date): number {
  const year = date.getUTCFullYear();
  // The DOS range archiver clamps to.
  if (year < 1980) return 0x00210000; // 1980-01-01 00:00:00
  if (year >= 2044) return 0x7f9fbf7d; // 2043-12-31 23:59:58
  const dosDate = ((year - 1980) << 9) | ((date.getUTCMonth() + 1) << 5) | date.getUTCDate();
  const dosTime = (date.getUTCHours() << 11) | (date.getUTCMinutes() << 5) | (date.getUTCSeconds() >> 1);
  return ((dosDate << 16) | dosTime) >>> 0;
}

/**
 * Sets every entry's modification time in the zip at `path` to `when`. Returns false, leaving the file as
 * it is, for a zip64 archive (over 4 GB or 65,535 entries), which no Excel-sized report reaches.
 */
export async function stampZipEntries(path: string, when: Date): Promise<boolean> {
  const stamp = dosDateTime(when);
  const file = await open(path, 'r+');
  try {
    const { size } = await file.stat();
    const tailSize = Math.min(size, EOCD_SIZE + 0xffff); // the record plus the longest comment
    const tail = Buffer.alloc(tailSize);
    await file.read(tail, 0, tailSize, size - tailSize);
    const eocd = findEndOfCentralDirectory(tail);
    const entries = tail.readUInt16LE(eocd + 10);
    const cdSize = tail.readUInt32LE(eocd + 12);
    const cdOffset = tail.readUInt32LE(eocd + 16);
    if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) return false;

    const cd = Buffer.alloc(cdSize);
    await file.read(cd, 0, cdSize, cdOffset);
    const localOffsets: number[] = [];
    for (let at = 0, n = 0; n < entries; n++) {
      if (cd.readUInt32LE(at) !== CENTRAL) throw new Error(`${path}: zip central directory is corrupt`);
      const localOffset = cd.readUInt32LE(at + 42);
      if (localOffset === 0xffffffff) return false;
      localOffsets.push(localOffset);
      cd.writeUInt32LE(stamp, at + 12);
      at += CENTRAL_SIZE + cd.readUInt16LE(at + 28) + cd.readUInt16LE(at + 30) + cd.readUInt16LE(at + 32);
    }
    const bytes = Buffer.alloc(4);
    for (const offset of localOffsets) {
      await file.read(bytes, 0, 4, offset);
      if (bytes.readUInt32LE(0) !== LOCAL) throw new Error(`${path}: zip local header missing at byte ${offset}`);
      bytes.writeUInt32LE(stamp);
      await file.write(bytes, 0, 4, offset + 10);
    }
    await file.write(cd, 0, cdSize, cdOffset);
    return true;
  } finally {
    await file.close();
  }
}

function findEndOfCentralDirectory(tail: Buffer): number {
  for (let i = tail.length - EOCD_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD && i + EOCD_SIZE + tail.readUInt16LE(i + 20) === tail.length) return i;
  }
  throw new Error('not a zip file: no end-of-central-directory record');
}
