import { spawn } from 'node:child_process';
import { closeSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LARGE_INPUT_BYTES, inputBytes, largeRunEnv, needsYoungGeneration } from '../../bin/young-generation.js';
import { ccm, ROOT, tempDir } from '../helpers/cli.js';

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

  it('fixes glibc malloc’s mmap threshold for the re-run, unless the user set it', () => {
    expect(largeRunEnv({ PATH: '/bin' })).toEqual({ PATH: '/bin', MALLOC_MMAP_THRESHOLD_: '131072' });
    expect(largeRunEnv({ MALLOC_MMAP_THRESHOLD_: '65536' }).MALLOC_MMAP_THRESHOLD_).toBe('65536');
  });

  it('passes the re-run’s one-line error and exit code through', () => {
    // A large input, so bin/ccm.js re-runs itself (as the test above shows); all NUL bytes, so the re-run
    // refuses it while sniffing and ends at once, with exit 2.
    const result = ccm(['audit', large, '--out', join(dir, 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(/large\.csv: the file contains NUL bytes/);
  });

  it('passes a signal sent to it alone on to the re-run, which cleans up and ends by it (not left running)', async () => {
    // A real export just over the limit: the re-run is still reading it when the signal comes.
    const line = '1001,2026-10-03,Ann Lee,RN,5,Reviewed glucose log and coordinated podiatry referral for foot care\n';
    const path = join(dir, 'big.csv');
    writeFileSync(path, `MRN,Date,Staff,Credential,Minutes,Note\n${line.repeat(Math.ceil(LARGE_INPUT_BYTES / line.length) + 1)}`);
    const child = spawn(process.execPath, [join(ROOT, 'bin/ccm.js'), 'audit', path, '--month', '2026-10', '--out', join(dir, 'big-out')]);
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const closed = new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, signal) => resolve(signal)));
    // Long enough for the re-run to start and install its handlers, well before it could finish reading.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    child.kill('SIGTERM');
    expect(await closed).toBe('SIGTERM');
    // Said by the re-run: without forwarding it would go on to finish the audit and print nothing of the kind.
    expect(stderr).toMatch(/^ccm: stopped by SIGTERM/);
  }, 60_000);
});
