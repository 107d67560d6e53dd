import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { REPORT_FORMATS, writeReports } from '../../src/report/write.js';
import { sampleResult } from './sample-result.js';

// A writer that fails part-way, as a full disk would: it leaves a partial file and rejects.
const xlsx = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/report/xlsx.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/report/xlsx.js')>();
  return {
    ...actual,
    writeXlsx: async (result: Parameters<typeof actual.writeXlsx>[0], path: string) => {
      if (!xlsx.fail) return actual.writeXlsx(result, path);
      await writeFile(path, 'PK partial');
      throw new Error('ENOSPC: no space left on device');
    },
  };
});

// A text report whose rendering fails after its first pieces have gone to the file.
const json = vi.hoisted(() => ({ fail: false }));
vi.mock('../../src/report/json.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/report/json.js')>();
  return {
    ...actual,
    renderJsonPieces: function* (result: Parameters<typeof actual.renderJsonPieces>[0]) {
      yield* actual.renderJsonPieces(result);
      if (json.fail) {
        yield 'x'.repeat(3 << 20);
        throw new Error('render failed');
      }
    },
  };
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ccm-atomic-'));
  xlsx.fail = false;
  json.fail = false;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

async function snapshot(): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

describe('writeReports is all-or-nothing', () => {
  it('a failing writer leaves the previous report intact and no temporary files', async () => {
    await writeReports(sampleResult(), { dir, formats: [...REPORT_FORMATS] });
    const before = await snapshot();
    expect([...before.keys()]).toEqual(['claims.csv', 'exceptions.csv', 'junit.xml', 'report.json', 'report.xlsx']);

    const changed = sampleResult();
    changed.runDate = '2026-12-01';
    changed.findings = [];
    xlsx.fail = true;
    await expect(writeReports(changed, { dir, formats: [...REPORT_FORMATS] })).rejects.toThrow(/ENOSPC/);

    const after = await snapshot();
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [name, bytes] of before) expect(after.get(name)!.equals(bytes), name).toBe(true);
  });

  it('a text report that fails part-way leaves no partial file', async () => {
    json.fail = true;
    await expect(writeReports(sampleResult(), { dir, formats: ['json', 'csv'] })).rejects.toThrow('render failed');
    expect(await readdir(dir)).toEqual([]);
  });

  it('a failure on a first run leaves an empty directory', async () => {
    xlsx.fail = true;
    await expect(writeReports(sampleResult(), { dir, formats: ['json', 'xlsx'] })).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });
});
