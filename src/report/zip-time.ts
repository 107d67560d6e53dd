import { open } from 'node:fs/promises';
import { readCentralDirectory } from '../zip.js';

/**
 * Reproducible XLSX files. exceljs's WorkbookWriter hands each part to archiver without a date, so archiver
 * stamps every zip entry with the clock at the time of writing (archiver-utils `dateify`): two runs of the
 * same audit differ in those bytes unless they fall in the same 2-second DOS-time window. There is no
 * option to pass a date through exceljs, and two entries are queued inside its constructor, so the stamps
 * are rewritten after the file is complete instead: the central directory lists every entry with the offset
 * of its local header, and both headers hold the time as a fixed-size field (APPNOTE.TXT 4.3.7, 4.3.12).
 * CRCs cover the data only, so the archive stays valid. Only the exceljs writer (xlsx-exceljs.ts) needs
 * this: the lean writer stamps its entries as it writes them (zip-write.ts).
 */

const LOCAL = 0x04034b50;

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
    const cd = await readCentralDirectory(file);
    if (cd.zip64) return false;
    const bytes = Buffer.alloc(4);
    for (const entry of cd.entries) {
      cd.bytes.writeUInt32LE(stamp, entry.recordOffset + 12);
      await file.read(bytes, 0, 4, entry.localHeaderOffset);
      if (bytes.readUInt32LE(0) !== LOCAL) throw new Error(`${path}: zip local header missing at byte ${entry.localHeaderOffset}`);
      bytes.writeUInt32LE(stamp);
      await file.write(bytes, 0, 4, entry.localHeaderOffset + 10);
    }
    await file.write(cd.bytes, 0, cd.bytes.length, cd.offset);
    return true;
  } finally {
    await file.close();
  }
}
