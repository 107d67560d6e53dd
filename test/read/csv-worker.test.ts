/**
 * Large CSVs are read on a worker thread (src/read/csv-scan-worker.ts). The worker is compiled code, which the
 * test runner (running the TypeScript sources) does not have: these tests read through dist/, which `npm test`
 * builds first, and hold the worker to the same rows, hash and encoding as reading on the main thread.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as CsvModule from '../../src/read/csv.js';

const DIST_CSV = new URL('../../dist/read/csv.js', import.meta.url).href;
const { readCsv, sniffCsv, scansInWorker } = (await import(DIST_CSV)) as typeof CsvModule;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccm-csv-worker-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

let files = 0;
async function file(content: string | Buffer): Promise<string> {
  const path = join(dir, `f${files++}.csv`);
  await writeFile(path, content);
  return path;
}

/** Every row, the hash and the encoding, or the error, read on the worker (`minBytes` 0) or on this thread (Infinity). */
async function read(path: string, minBytes: number) {
  const sheet = readCsv(path, 'x.csv', await sniffCsv(path), minBytes);
  const rows: { row: number; cells: readonly unknown[] }[] = [];
  try {
    for await (const batch of sheet.rows) for (const row of batch) rows.push({ row: row.row, cells: row.cells });
  } catch (error) {
    return { rows, error: (error as Error).message };
  }
  return { rows, sha256: sheet.sha256?.(), encoding: sheet.encoding?.() };
}

const MIXED = Buffer.concat([Buffer.from('\xef\xbb\xbfStaff;Note\r\nJosé Peña;"ok; ""fine""\r\nnext"\r\n', 'latin1'), Buffer.from('Jos\xe9 Pe\xf1a;pt\x92s diet\r\n', 'latin1')]);

describe('reading a CSV on a worker thread', () => {
  it('is used for large files when there is a second core', async () => {
    const path = await file('a,b\n1,2\n');
    expect(await scansInWorker(path, 0)).toBe(availableParallelism() >= 2);
    expect(await scansInWorker(path, 1 << 20)).toBe(false);
  });

  it.each([
    ['plain', 'id,date,minutes\n1,2026-10-01,20\n2,2026-10-02,15'],
    ['quoted fields across lines, CRLF, BOM and a Windows-1252 byte', MIXED],
    ['text after a closing quote, handed back to csv-parse', 'id,note\n1,plain\n2,"quoted" then text\n3,after\n'],
    ['an unclosed quote', 'id,note\n1,"never closed\n2,x\n'],
    ['many rows, over several scans', `id,note\n${Array.from({ length: 60_000 }, (_, i) => `${i % 97},note ${i} ${'x'.repeat(i % 40)}`).join('\n')}\n`],
  ])('gives the rows, hash and encoding of the main thread: %s', async (_, content) => {
    const path = await file(content);
    expect(await read(path, 0)).toEqual(await read(path, Infinity));
  });

  it('gives the same last record when it starts a read chunk and has no line end (diff-check 12)', async () => {
    // The worker reads 1 MiB chunks: the last chunk holds only the last record, cut off before its end, so its
    // scan has no whole record but interns the record's new values. Dropped with the empty scan, they shifted
    // every interned value after them: the date read as empty, the row rejected.
    const head = 'id,date,note\n';
    const row = '1,2026-10-01,routine call\n';
    const filler = row.repeat(Math.floor(((1 << 20) - head.length - 100) / row.length));
    const pad = 'x'.repeat((1 << 20) - head.length - filler.length - '9,2026-10-02,\n'.length);
    const path = await file(`${head}${filler}9,2026-10-02,${pad}\n99,2026-11-30,NEWVALUE`);
    const onWorker = await read(path, 0);
    expect(onWorker).toEqual(await read(path, Infinity));
    expect(onWorker.rows.at(-1)!.cells).toEqual(['99', '2026-11-30', 'NEWVALUE']);
  });

  it('gives the same rows on random text', async () => {
    const cell = fc.constantFrom('a', '1', ' ', '"', ',', '\n', '\r', 'é', '€', 'Z');
    await fc.assert(
      fc.asyncProperty(fc.array(cell, { maxLength: 80 }), async (chars) => {
        const path = await file(`id,note\n${chars.join('')}`);
        expect(await read(path, 0)).toEqual(await read(path, Infinity));
      }),
      { numRuns: 40 },
    );
  });

  it('says a file it cannot read is unreadable, as the main thread does', async () => {
    const path = await file('id,note\n1,x\n');
    const format = await sniffCsv(path);
    await rm(path);
    const rows = readCsv(path, 'gone.csv', format, 0).rows;
    await expect((async () => {
      for await (const _ of rows) {
        // the read fails before a row
      }
    })()).rejects.toThrow(/^gone\.csv: the file could not be read \(ENOENT/);
  });

  it('never keeps the process alive when the reader stops half-way', async () => {
    const path = await file(`id,note\n${'1,x\n'.repeat(200_000)}`);
    const script = `
      const { readCsv, sniffCsv } = await import(${JSON.stringify(DIST_CSV)});
      const path = ${JSON.stringify(path)};
      const rows = readCsv(path, 'x.csv', await sniffCsv(path), 0).rows[Symbol.asyncIterator]();
      await rows.next();
      await rows.next(); // and no return(): as when a run stops on a bad row
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { timeout: 10_000, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
