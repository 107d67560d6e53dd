import { mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeTextFile } from '../../src/cli/write-file.js';
import { renderJson } from '../../src/report/json.js';
import { REPORT_FILES, REPORT_FORMATS, writeReports } from '../../src/report/write.js';
import { sampleResult } from './sample-result.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'ccm-write-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('writeReports', () => {
  it('creates the directory and writes every format, in a fixed order whatever the order asked', async () => {
    const dir = join(root, 'a', 'b');
    const paths = await writeReports(sampleResult(), { dir, formats: ['junit', 'xlsx', 'csv', 'json'] });
    expect(paths).toEqual(['report.json', 'claims.csv', 'exceptions.csv', 'report.xlsx', 'junit.xml'].map((n) => join(dir, n)));
    expect((await readdir(dir)).sort()).toEqual(['claims.csv', 'exceptions.csv', 'junit.xml', 'report.json', 'report.xlsx']);
    expect(await readFile(join(dir, 'report.json'), 'utf8')).toBe(renderJson(sampleResult()));
  });

  it('creates files owner-only (0600)', async () => {
    const paths = await writeReports(sampleResult(), { dir: root, formats: [...REPORT_FORMATS] });
    for (const path of paths) expect((await stat(path)).mode & 0o777, path).toBe(0o600);
  });

  it('writes only the formats asked for, and replaces an earlier report', async () => {
    await writeFile(join(root, 'report.json'), 'old', { mode: 0o644 });
    const paths = await writeReports(sampleResult(), { dir: root, formats: ['json', 'json'] });
    expect(paths).toEqual([join(root, 'report.json')]);
    expect(await readdir(root)).toEqual(['report.json']);
    expect(await readFile(paths[0]!, 'utf8')).toBe(renderJson(sampleResult()));
    expect((await stat(paths[0]!)).mode & 0o777).toBe(0o600);
  });

  it('writes a report of many chunks byte for byte, multi-byte characters included', async () => {
    const result = sampleResult();
    result.findings = Array.from({ length: 8000 }, (_, i) => ({ ...result.findings[i % result.findings.length]!, message: `Müller ${i} – 患者 ${'é'.repeat(150)}` }));
    const [path] = await writeReports(result, { dir: root, formats: ['json'] });
    const written = await readFile(path!, 'utf8');
    expect(written.length).toBeGreaterThan(2 * 2 ** 20);
    expect(written).toBe(renderJson(result));
  });

  it('writes an element longer than a write buffer (1 MB) in its place, between buffered ones', async () => {
    const result = sampleResult();
    const ordinary = result.findings[0]!;
    result.findings = Array.from({ length: 3000 }, (_, i) => ({ ...ordinary, message: i === 1500 ? `long 😀 ${'ß'.repeat(600_000)}` : `finding ${i} ${'x'.repeat(200)}` }));
    const [path] = await writeReports(result, { dir: root, formats: ['json'] });
    expect(await readFile(path!, 'utf8')).toBe(renderJson(result));
  });

  it('REPORT_FILES names the files of every format', () => {
    expect(Object.keys(REPORT_FILES)).toEqual([...REPORT_FORMATS]);
    expect(REPORT_FORMATS.flatMap((f) => REPORT_FILES[f])).toEqual(['report.json', 'claims.csv', 'exceptions.csv', 'report.xlsx', 'junit.xml']);
  });

  it('fails, leaving nothing behind, when the directory cannot be written', async () => {
    const blocker = join(root, 'file');
    await writeFile(blocker, '');
    await expect(writeReports(sampleResult(), { dir: join(blocker, 'out'), formats: ['json'] })).rejects.toThrow();
    expect(await readdir(root)).toEqual(['file']);
  });
});

describe('temporary files an earlier run could not remove (killed: SIGKILL, out of memory)', () => {
  const HOUR = 60 * 60 * 1000;
  async function place(name: string, ageMs: number): Promise<void> {
    await writeFile(join(root, name), 'patient data');
    const when = new Date(Date.now() - ageMs);
    await utimes(join(root, name), when, when);
  }

  it('writeReports removes those of ccm\'s exact naming over an hour old, of any report, and nothing else', async () => {
    const stale = ['.report.json.0123456789ab.tmp', '.report.xlsx.ffffffffffff.tmp', '.junit.xml.a1b2c3d4e5f6.tmp'];
    // A young one may be another run's, still writing; the others are not ccm's names.
    const kept = ['.claims.csv.0123456789ab.tmp', '.notes.csv.0123456789ab.tmp', '.report.json.tmp', '.report.json.0123456789AB.tmp', 'report.json.0123456789ab.tmp', '.report.json.0123456789ab.tmp.bak'];
    for (const name of stale) await place(name, 2 * HOUR);
    await place(kept[0]!, HOUR / 2);
    for (const name of kept.slice(1)) await place(name, 2 * HOUR);
    await writeReports(sampleResult(), { dir: root, formats: ['json'] });
    expect((await readdir(root)).sort()).toEqual([...kept, 'report.json'].sort());
  });

  it('the baseline writer does the same for its own file only', async () => {
    await place('.ccm-baseline.json.0123456789ab.tmp', 2 * HOUR);
    await place('.report.json.0123456789ab.tmp', 2 * HOUR);
    await writeTextFile(join(root, 'ccm-baseline.json'), 'ccm-baseline.json', '{}\n', '--out file');
    expect((await readdir(root)).sort()).toEqual(['.report.json.0123456789ab.tmp', 'ccm-baseline.json']);
  });
});
