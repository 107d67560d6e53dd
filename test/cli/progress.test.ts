import { join } from 'node:path';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { run, type CliIO } from '../../src/cli/program.js';
import { NO_PROGRESS, createProgress, renderFile, renderRows, type ProgressStream } from '../../src/cli/progress.js';
import { tempDir } from '../helpers/cli.js';

/** A fake terminal: what was written, and a clock the test moves. */
function terminal(columns = 80) {
  const writes: string[] = [];
  let time = 0;
  const stream: ProgressStream = { write: (text) => writes.push(text), columns };
  return {
    stream,
    writes,
    now: () => time,
    advance(ms: number) {
      time += ms;
    },
  };
}

describe('progress line', () => {
  it('draws nothing when disabled (not a TTY, or --quiet)', () => {
    const t = terminal();
    const progress = createProgress(t.stream, false, { now: t.now });
    progress.rows('time-log.csv', null, 1000);
    progress.phase('checking rules');
    progress.file('report.json', 0, 2);
    progress.done();
    expect(t.writes).toEqual([]);
    expect(progress).toBe(NO_PROGRESS);
    expect(createProgress(undefined, true)).toBe(NO_PROGRESS);
  });

  it('redraws the row count in place, at most once per interval', () => {
    const t = terminal();
    const progress = createProgress(t.stream, true, { now: t.now, intervalMs: 100 });
    progress.rows('time-log.csv', null, 1024);
    progress.rows('time-log.csv', null, 2048);
    t.advance(50);
    progress.rows('time-log.csv', null, 3072);
    t.advance(60);
    progress.rows('time-log.csv', null, 4096);
    expect(t.writes).toEqual(['\r\u001b[Kccm: reading time-log.csv: 1,024 rows (0.0 s)', '\r\u001b[Kccm: reading time-log.csv: 4,096 rows (0.1 s)']);
  });

  it('names the sheet of a workbook', () => {
    expect(renderRows('export.xlsx', 'Time Log', 200000, '4.2 s')).toBe('ccm: reading export.xlsx#Time Log: 200,000 rows (4.2 s)');
  });

  it('always draws phases and report files, then erases the line once', () => {
    const t = terminal();
    const progress = createProgress(t.stream, true, { now: t.now });
    progress.rows('a.csv', null, 10);
    progress.phase('checking rules');
    progress.file('report.json', 0, 2);
    progress.file('claims.csv', 1, 2);
    progress.done();
    progress.done();
    expect(t.writes.slice(1, 4)).toEqual([
      '\r\u001b[Kccm: checking rules… (0.0 s)',
      `\r\u001b[Kccm: writing reports [${'░'.repeat(20)}] 1/2 report.json (0.0 s)`,
      `\r\u001b[Kccm: writing reports [${'█'.repeat(10)}${'░'.repeat(10)}] 2/2 claims.csv (0.0 s)`,
    ]);
    expect(t.writes.slice(4)).toEqual(['\r\u001b[K']);
  });

  it('does not erase what it never drew', () => {
    const t = terminal();
    createProgress(t.stream, true, { now: t.now }).done();
    expect(t.writes).toEqual([]);
  });

  it('cuts the line to the terminal width so it never wraps', () => {
    const t = terminal(40);
    const progress = createProgress(t.stream, true, { now: t.now });
    progress.rows('a-very-long-export-file-name-from-the-vendor.csv', null, 5);
    const line = t.writes[0]!.replace('\r\u001b[K', '');
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });

  it('fills the bar in proportion to the files written', () => {
    expect(renderFile('junit.xml', 3, 4, '1.0 s')).toBe(`ccm: writing reports [${'█'.repeat(15)}${'░'.repeat(5)}] 4/4 junit.xml (1.0 s)`);
  });
});

describe('progress line under --redact', () => {
  it('names the file and sheet being read by the pseudonyms the reports give them', async () => {
    const dir = tempDir();
    const book = XLSX.utils.book_new();
    // Past 1,024 rows: the sheet's name is drawn with its row count (when 100 ms have passed since the last
    // redraw: not asserted, the file's first draw is).
    const rows = Array.from({ length: 1100 }, (_, i) => [1000 + i, '2026-10-03', 'Rita', 'RN', 25, 'Reviewed insulin titration and podiatry referral']);
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note'], ...rows]), 'Jones, Alice');
    XLSX.writeFile(book, join(dir, 'jones_alice.xlsx'));
    const drawn: string[] = [];
    const io: CliIO = { stdout() {}, stderr() {}, isTTY: false, env: { CCM_REDACT_SALT: 'test-salt-0123456789' }, cwd: dir, progress: { write: (text) => drawn.push(String(text)), columns: 200 } };
    const code = await run(['audit', 'jones_alice.xlsx', '--out', 'out', '--month', '2026-10', '--run-date', '2026-11-05', '--redact', '--fail-on', 'never'], io);
    expect(code).toBe(0);
    const text = drawn.join('');
    expect(text).toMatch(/reading file-[0-9a-f]{8}\.xlsx: 0 rows/);
    expect(text).not.toMatch(/jones|Jones|Alice/);
  });
});
