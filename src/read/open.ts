import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { CcmError } from '../errors.js';
import { readCsv, sniffCsv } from './csv.js';
import type { RawSheet } from './types.js';
import { DEFAULT_LIMITS, type ReadLimits } from './limits.js';
import { readXlsx, type XlsxReader } from './xlsx.js';
import { preflightXlsx } from './xlsx-preflight.js';

export type FileFormat = 'csv' | 'xlsx';

/**
 * The tables of one input file. The format comes from the file's first bytes, not its name: exports are
 * often misnamed, and a legacy .xls or an encrypted workbook must be refused with a useful message instead
 * of being fed to a parser that hangs or throws something cryptic.
 */
let reading: string | undefined;

/** The input being read, for the message when a damaged workbook stalls exceljs (see cli/program.ts). */
export function inputBeingRead(): string | undefined {
  return reading;
}

export async function* readInput(path: string, limits: ReadLimits = DEFAULT_LIMITS, xlsxReader: XlsxReader = 'lean'): AsyncGenerator<RawSheet> {
  const displayName = basename(path);
  reading = displayName;
  const format = await detectFormat(path, displayName);
  if (format === 'xlsx') {
    await preflightXlsx(path, displayName, limits);
    yield* readXlsx(path, displayName, xlsxReader);
  }
  else yield readCsv(path, displayName, await sniffCsv(path));
}

export async function detectFormat(path: string, displayName: string): Promise<FileFormat> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new CcmError(`${path}: is a folder; name the export files inside it.`);
    size = info.size;
  } catch (error) {
    if (error instanceof CcmError) throw error;
    throw new CcmError(`${path}: ${fsReason(error)}.`);
  }
  if (size === 0) throw new CcmError(`${displayName}: the file is empty; export it again.`);
  const head = Buffer.alloc(8);
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.read(head, 0, 8, 0);
  } catch (error) {
    throw new CcmError(`${path}: ${fsReason(error)}.`);
  } finally {
    await handle?.close();
  }
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    if (extname(path).toLowerCase() === '.xlsb') {
      throw new CcmError(`${displayName}: binary workbooks (.xlsb) are not supported; save it as .xlsx or CSV in Excel.`);
    }
    return 'xlsx';
  }
  if (head.readUInt32BE(0) === 0xd0cf11e0) {
    // An OLE2 compound file: a legacy .xls, or an .xlsx that Excel encrypted with a password.
    if (await containsText(path, ENCRYPTED_PACKAGE)) {
      throw new CcmError(`${displayName}: the workbook is password-protected; open it in Excel, remove the password (File > Info > Protect Workbook) and save it again.`);
    }
    throw new CcmError(`${displayName}: this is a legacy .xls workbook; open it in Excel and save it as .xlsx or CSV.`);
  }
  if (['.xlsx', '.xlsm', '.xls', '.xlsb'].includes(extname(path).toLowerCase())) {
    const text = head.toString('latin1').toLowerCase();
    if (text.includes('<')) {
      throw new CcmError(`${displayName}: this is a web page (HTML) saved with a spreadsheet name, not a workbook; open it in Excel and save it as .xlsx or CSV.`);
    }
    throw new CcmError(`${displayName}: not a readable workbook (no XLSX signature); export it again as .xlsx or CSV.`);
  }
  return 'csv';
}

/** The stream name Office gives an encrypted workbook inside its compound file, as UTF-16LE. */
const ENCRYPTED_PACKAGE = Buffer.from('EncryptedPackage', 'utf16le');
const SCAN_BYTES = 4 * 1024 * 1024;

async function containsText(path: string, needle: Buffer): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SCAN_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SCAN_BYTES, 0);
    return buffer.subarray(0, bytesRead).includes(needle);
  } finally {
    await handle.close();
  }
}

function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied; check that you can open the file';
  if (code === 'EISDIR') return 'is a folder; name the export files inside it';
  return (error as Error).message;
}
