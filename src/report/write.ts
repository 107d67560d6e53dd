import { mkdir, open, rename, type FileHandle } from 'node:fs/promises';
import { CcmError } from '../errors.js';
import { join } from 'node:path';
import type { AuditResult } from '../audit-types.js';
import { claimsCsvLines, exceptionsCsvLines } from './csv.js';
import { renderJsonPieces } from './json.js';
import { junitChunks } from './junit.js';
import { releaseTemp, removeStaleTemps, removeTemp, stageTemp, tempTag } from './temp-files.js';
import { writeXlsx } from './xlsx.js';

/** Every format, in the order files are written and returned. */
export const REPORT_FORMATS = ['json', 'csv', 'xlsx', 'junit'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** The files each format writes. */
export const REPORT_FILES = {
  json: ['report.json'],
  csv: ['claims.csv', 'exceptions.csv'],
  xlsx: ['report.xlsx'],
  junit: ['junit.xml'],
} as const satisfies Record<ReportFormat, readonly string[]>;

/** Owner-only: the reports hold patient ids, MBIs and note text. */
const MODE = 0o600;

type Writer = (result: AuditResult, path: string) => Promise<void>;

/** Bytes per write of a text report: 16 chunks or more. */
const SLAB = 1 << 20;

/**
 * Text formats are written piece by piece (a line, or a chunk of junit.xml): report.json can be longer than one
 * JavaScript string, and no report is held whole. Pieces are encoded into one of two reused 1 MB buffers, written
 * when full: one write is in flight while the next buffer is filled, so the disk and the CPU work at the same
 * time. A new Buffer and a write per 64K-character chunk cost ~200 ms more on a million-row audit's report.json
 * alone. Each line is encoded as it comes rather than first appended to a 64K-character chunk: V8 copies a string
 * built by concatenation into one piece before encoding it, and doing that per line instead of per chunk saved
 * ~55 ms cpu of a million-row audit's `write json` (985 -> 930 ms).
 */
const text =
  (render: (result: AuditResult) => Iterable<string>): Writer =>
  async (result, path) => {
    const file = await open(path, 'wx', MODE);
    let [filling, spare] = [Buffer.allocUnsafe(SLAB), Buffer.allocUnsafe(SLAB)];
    let filled = 0;
    let writing = Promise.resolve();
    const flush = async () => {
      await writing;
      writing = writeAll(file, filling.subarray(0, filled));
      [filling, spare] = [spare, filling];
      filled = 0;
    };
    try {
      for (const piece of render(result)) {
        // A UTF-16 code unit takes at most 3 bytes of UTF-8 (a surrogate pair, two units, 4).
        if (filled + piece.length * 3 > SLAB && filled > 0) await flush();
        if (piece.length * 3 <= SLAB) filled += filling.write(piece, filled);
        else {
          // Longer than a buffer (one very long finding): written on its own, after the buffer before it.
          await writing;
          writing = writeAll(file, Buffer.from(piece, 'utf8'));
        }
      }
      if (filled > 0) await flush();
      await writing;
    } finally {
      // When rendering fails, its error is the one reported; the write in flight is let finish first.
      await writing.catch(() => undefined);
      await file.close();
    }
  };

/** A write may take fewer bytes than it was given; the rest follow. */
async function writeAll(file: FileHandle, bytes: Uint8Array): Promise<void> {
  for (let done = 0; done < bytes.length; ) done += (await file.write(bytes, done)).bytesWritten;
}

const WRITERS: Record<(typeof REPORT_FILES)[ReportFormat][number], Writer> = {
  'report.json': text(renderJsonPieces),
  'claims.csv': text(claimsCsvLines),
  'exceptions.csv': text(exceptionsCsvLines),
  'report.xlsx': writeXlsx,
  'junit.xml': text(junitChunks),
};

/**
 * Writes the reports into `dir` (created if missing) and returns their paths in a fixed order (json, csv,
 * xlsx, junit). Each file is written to a temporary file in the same directory and all are renamed only
 * once every one is complete, so a failure (a full disk, a bug in one writer) leaves the previous report
 * set as it was and no temporary files behind (a signal too: src/cli/signals.ts; stale ones a killed run
 * left are removed first, src/report/temp-files.ts). Renames within a directory are atomic per file.
 */
export async function writeReports(
  result: AuditResult,
  options: {
    dir: string;
    formats: readonly ReportFormat[];
    /** Called as each file is started, for the progress line (src/cli/progress.ts). */
    onFile?: (name: string, index: number, total: number) => void;
  },
): Promise<string[]> {
  try {
    await mkdir(options.dir, { recursive: true });
  } catch (error) {
    throw unwritable(options.dir, error);
  }
  // Every report's: a killed run of any format may have left them.
  await removeStaleTemps(options.dir, Object.values(REPORT_FILES).flat());
  const names = REPORT_FORMATS.filter((f) => options.formats.includes(f)).flatMap((f) => REPORT_FILES[f]);
  const tag = tempTag();
  const staged = names.map((name) => ({ path: join(options.dir, name), temp: stageTemp(options.dir, name, tag), write: WRITERS[name] }));
  try {
    for (const [i, file] of staged.entries()) {
      options.onFile?.(names[i]!, i, staged.length);
      await file.write(result, file.temp);
    }
    for (const file of staged) {
      await rename(file.temp, file.path);
      releaseTemp(file.temp);
    }
  } catch (error) {
    await Promise.all(staged.map((file) => removeTemp(file.temp)));
    throw unwritable(options.dir, error);
  }
  return staged.map((file) => file.path);
}

/** A file-system failure while writing is the user's to fix (permissions, a full disk): say so in one line. */
function unwritable(dir: string, error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException).code;
  if (typeof code !== 'string') return error;
  return new CcmError(`${dir}: cannot write the report there (${code}); choose another --out folder. The previous report, if any, is unchanged.`);
}
