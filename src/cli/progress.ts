/**
 * The progress line on stderr for long audits: rows read per file (or sheet) while reading, then the report
 * files as they are written. Only when stderr is a terminal and the user did not ask for --quiet: a CI log or
 * a redirect gets nothing, so stderr stays one line per real problem. The line is redrawn in place (`\r` and
 * erase-to-end-of-line), at most every `intervalMs`, and erased when the audit ends or fails, so the summary
 * on stdout starts on a clean line. Rendering is separate from the clock and the stream: tests pass both.
 */

/** Where the line goes: process.stderr, or a fake in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  /** Terminal width; the line is cut to fit so it never wraps (a wrapped line cannot be redrawn). */
  columns?: number | undefined;
}

export interface Progress {
  /** `rows` rows of `file` (sheet `sheet` of a workbook) read so far. Cheap to call often; redraws are throttled. */
  rows(file: string, sheet: string | null, rows: number): void;
  /** Reading is over; `name` is what happens now ("checking rules"). Always drawn. */
  phase(name: string): void;
  /** Report file `index` (0-based) of `total` is being written. Always drawn. */
  file(name: string, index: number, total: number): void;
  /** Erase the line. Safe to call more than once, and after nothing was drawn. */
  done(): void;
}

export interface ProgressOptions {
  /** Milliseconds between redraws of the row count. */
  intervalMs?: number;
  /** Clock in milliseconds, for elapsed time and throttling. */
  now?: () => number;
}

/** Draws nothing: for --quiet, --json, and any stderr that is not a terminal. */
export const NO_PROGRESS: Progress = { rows() {}, phase() {}, file() {}, done() {} };

const BAR_WIDTH = 20;
const ERASE = '\r\u001b[K';

/** Progress on `stream` when `enabled` (stderr is a TTY and not --quiet), otherwise NO_PROGRESS. */
export function createProgress(stream: ProgressStream | undefined, enabled: boolean, options: ProgressOptions = {}): Progress {
  if (!enabled || stream === undefined) return NO_PROGRESS;
  const now = options.now ?? (() => performance.now());
  const interval = options.intervalMs ?? 100;
  const started = now();
  let lastDraw = -Infinity;
  let drawn = false;

  const draw = (text: string): void => {
    // A terminal that reports no width (0) gets the classic 80 columns.
    const width = Math.max(20, (stream.columns || 80) - 1);
    const line = text.length > width ? `${text.slice(0, width - 1)}…` : text;
    stream.write(`${ERASE}${line}`);
    drawn = true;
    lastDraw = now();
  };
  const elapsed = (): string => `${((now() - started) / 1000).toFixed(1)} s`;

  return {
    rows(file, sheet, rows) {
      if (now() - lastDraw < interval) return;
      draw(renderRows(file, sheet, rows, elapsed()));
    },
    phase(name) {
      draw(`ccm: ${name}… (${elapsed()})`);
    },
    file(name, index, total) {
      draw(renderFile(name, index, total, elapsed()));
    },
    done() {
      if (!drawn) return;
      stream.write(ERASE);
      drawn = false;
    },
  };
}

/** "ccm: reading time-log.csv: 412,000 rows (3.1 s)"; a workbook's sheet as "export.xlsx#Time Log". */
export function renderRows(file: string, sheet: string | null, rows: number, elapsed: string): string {
  const where = sheet === null ? file : `${file}#${sheet}`;
  return `ccm: reading ${where}: ${rows.toLocaleString('en-US')} rows (${elapsed})`;
}

/** "ccm: writing reports [██████░░░░░░░░░░░░░░] 2/4 report.xlsx (9.8 s)" */
export function renderFile(name: string, index: number, total: number, elapsed: string): string {
  const filled = total > 0 ? Math.round((BAR_WIDTH * index) / total) : 0;
  const bar = `${'█'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)}`;
  return `ccm: writing reports [${bar}] ${index + 1}/${total} ${name} (${elapsed})`;
}
