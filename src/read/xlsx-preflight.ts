import { open } from 'node:fs/promises';
import { CcmError } from '../errors.js';
import { readCentralDirectory, ZipFormatError } from '../zip.js';
import { RATIO_CHECK_MIN_BYTES, type ReadLimits } from './limits.js';

/**
 * Check a workbook's zip directory before any reader inflates it: a truncated file, encrypted entries and zip
 * bombs are refused here, once, for both the lean reader and exceljs (which hangs forever on a truncated file
 * and inflates whatever it is given). Nothing is inflated here.
 */
export async function preflightXlsx(path: string, displayName: string, limits: ReadLimits): Promise<void> {
  const file = await open(path, 'r');
  let directory;
  try {
    directory = await readCentralDirectory(file);
  } catch (error) {
    if (!(error instanceof ZipFormatError)) throw error;
    throw new CcmError(`${displayName}: the workbook is cut short or damaged (${error.message}); download or export it again.`);
  } finally {
    await file.close();
  }
  if (directory.zip64) throw new CcmError(`${displayName}: the workbook is larger than 4 GB; export a shorter period or use CSV.`);
  const names = new Set(directory.entries.map((e) => e.name));
  if (directory.entries.some((e) => (e.flags & 1) !== 0)) {
    throw new CcmError(`${displayName}: the workbook is encrypted; open it in Excel, remove the password and save it again.`);
  }
  if (!names.has('xl/workbook.xml')) {
    if (names.has('xl/workbook.bin')) throw new CcmError(`${displayName}: binary workbooks (.xlsb) are not supported; save it as .xlsx or CSV in Excel.`);
    if (names.has('word/document.xml')) throw new CcmError(`${displayName}: this is a Word document, not a workbook.`);
    throw new CcmError(`${displayName}: a zip file but not an Excel workbook (no xl/workbook.xml); export the report again as .xlsx or CSV.`);
  }
  let total = 0;
  for (const entry of directory.entries) {
    total += entry.uncompressedSize;
    const ratio = entry.uncompressedSize / Math.max(1, entry.compressedSize);
    if (entry.uncompressedSize > RATIO_CHECK_MIN_BYTES && ratio > limits.maxCompressionRatio) {
      throw new CcmError(`${displayName}: refused: ${entry.name} would inflate ${Math.round(ratio)}-fold (a zip bomb or a damaged file); export it again.`);
    }
  }
  if (total > limits.maxUncompressedBytes) {
    const mb = (n: number) => `${Math.round(n / 1024 ** 2)} MB`;
    throw new CcmError(`${displayName}: refused: the workbook holds ${mb(total)} of data uncompressed, over the ${mb(limits.maxUncompressedBytes)} limit; export a shorter period or raise limits.maxUncompressedMB in the config.`);
  }
}
