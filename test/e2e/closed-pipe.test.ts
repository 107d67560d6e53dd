/**
 * `ccm … | head` closes stdout before ccm is done writing: no stack trace, and the run still finishes, so the
 * reports are written and the exit code is the audit's own.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

/** Runs the CLI with its stdout closed from the start: every write meets a closed pipe, as after `head -1`. */
function runClosingStdout(args: readonly string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ccm.js'), ...args], { cwd: ROOT });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.destroy();
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

describe('stdout closed early', () => {
  it('ccm rules: exit 0, nothing on stderr', async () => {
    expect(await runClosingStdout(['rules'])).toEqual({ code: 0, stderr: '' });
  });

  it('ccm audit: reports written, exit 1 for the demo’s errors, nothing on stderr but the demo\'s one claim note', async () => {
    const out = join(tempDir(), 'report');
    const result = await runClosingStdout(['audit', fixture('demo/ccm-export-2026-10.xlsx'), '--month', '2026-10', '--run-date', '2026-11-05', '--out', out]);
    // 20472's claim-ready month bills under an invalid NPI (incompleteClaims.invalidBillingNpi): that note, no EPIPE.
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^warning: 1 claim-ready patient-month has a billing NPI that is not a valid NPI \(20472 2026-10\)/)]);
    expect(existsSync(join(out, 'report.json'))).toBe(true);
  });
});
