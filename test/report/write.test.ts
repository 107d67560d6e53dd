import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
