import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_INPUT_BYTES, inputBytes, needsYoungGeneration } from '../../bin/young-generation.js';
import { ccm, tempDir } from '../helpers/cli.js';

/** A file of `bytes` zero bytes that takes no disk space (sparse), to stand for a large export. */
function sparseFile(path: string, bytes: number): string {
  const fd = openSync(path, 'w');
  ftruncateSync(fd, bytes);
  closeSync(fd);
  return path;
}

describe('the bigger young generation for large inputs (bin/ccm.js)', () => {
  const dir = tempDir();
  const small = join(dir, 'small.csv');
  const text = 'MRN,Date,Minutes\n1,2026-10-01,20\n';
  writeFileSync(small, text);
  const large = sparseFile(join(dir, 'large.csv'), LARGE_INPUT_BYTES + 1);

  it('counts the files among the arguments, a workbook named with #Sheet included', () => {
    expect(inputBytes(['audit', small, '--month', '2026-10'])).toBe(text.length);
    expect(inputBytes([`${large}#Time Log`, small])).toBe(LARGE_INPUT_BYTES + 1 + text.length);
  });

  it('re-runs only for large inputs, and never twice', () => {
    expect(needsYoungGeneration(['audit', small], [])).toBe(false);
    expect(needsYoungGeneration(['audit', large], [])).toBe(true);
    expect(needsYoungGeneration(['audit', large], ['--max-semi-space-size=64', '--min-semi-space-size=64'])).toBe(false);
  });

  it('passes the re-run’s one-line error and exit code through', () => {
    // A large input, so bin/ccm.js re-runs itself (as the test above shows); all NUL bytes, so the re-run
    // refuses it while sniffing and ends at once, with exit 2.
    const result = ccm(['audit', large, '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/large\.csv: the file contains NUL bytes/);
  });
});
