/**
 * A run stopped while writing its reports (Ctrl-C, a CI job's time limit) leaves no temporary report behind:
 * whole or half-written, each holds patient data, and one set per interrupted run would pile up in --out.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

/** 60,000 entries: long enough to write that the run can be stopped while its temporary files exist. */
function largeInputs(dir: string): string[] {
  const patients = Array.from({ length: 3000 }, (_, p) => 50000 + p);
  const lines = ['MRN,Date,Staff,Credential,Start Time,Minutes,Note,Billing NPI'];
  let i = 0;
  for (const p of patients) {
    for (let k = 0; k < 20; k++, i++) {
      const slot = Math.floor(i / 200);
      const t = 8 * 60 + Math.floor(slot / 28) * 6;
      const time = `${String(Math.floor(t / 60)).padStart(2, '0')}:${String(t % 60).padStart(2, '0')}`;
      lines.push(`${p},2026-10-${String(1 + (slot % 28)).padStart(2, '0')},Nurse ${i % 200},RN,${time},5,Reviewed glucose log ${i} and coordinated podiatry referral,1234567893`);
    }
  }
  const files = {
    'timelog.csv': lines,
    'consents.csv': ['MRN,Consent Date', ...patients.map((p) => `${p},2025-01-10`)],
    'dx.csv': ['MRN,ICD-10 Code', ...patients.flatMap((p) => [`${p},E11.9`, `${p},I10`])],
    'careplans.csv': ['MRN,Care Plan Date', ...patients.map((p) => `${p},2025-01-15`)],
  };
  for (const [name, rows] of Object.entries(files)) writeFileSync(join(dir, name), `${rows.join('\n')}\n`);
  return Object.keys(files).map((name) => join(dir, name));
}

const temps = (out: string): string[] => {
  try {
    return readdirSync(out).filter((name) => name.endsWith('.tmp'));
  } catch {
    return [];
  }
};

/**
 * Runs an audit and, as soon as its first temporary report exists, freezes it (SIGSTOP), sends `signal` and
 * lets it go on: the signal arrives while the run is writing, whatever the machine's speed.
 */
function interruptWhileWriting(args: readonly string[], out: string, signal: NodeJS.Signals) {
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; sawTemps: string[] }>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'bin/ccm.js'), ...args], { cwd: ROOT });
    let stderr = '';
    let sawTemps: string[] = [];
    child.stderr.on('data', (d) => (stderr += d));
    child.on('exit', (code, got) => {
      clearInterval(poll);
      resolve({ code, signal: got, stderr, sawTemps });
    });
    const poll = setInterval(() => {
      const now = temps(out);
      if (now.length === 0) return;
      clearInterval(poll);
      child.kill('SIGSTOP');
      sawTemps = temps(out);
      child.kill(signal);
      child.kill('SIGCONT');
    }, 1);
  });
}

describe('a run stopped while writing its reports', () => {
  // Ended by the signal: a shell shows 143 and 130.
  it.each(['SIGTERM', 'SIGINT'] as const)('%s: removes its temporary files, says so in one line and ends by the signal', async (signal) => {
    const dir = tempDir();
    const inputs = largeInputs(dir);
    const out = join(dir, 'ccm-report');
    const r = await interruptWhileWriting(['audit', ...inputs, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--quiet'], out, signal);
    expect(r.sawTemps.length, 'the run was stopped while writing').toBeGreaterThan(0);
    expect(r.signal).toBe(signal);
    expect(r.stderr).toBe(`ccm: stopped by ${signal}; the unfinished files it was writing were removed\n`);
    expect(readdirSync(out).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('keeps the previous reports as they were', async () => {
    const dir = tempDir();
    const out = join(dir, 'ccm-report');
    const inputs = largeInputs(dir);
    const args = ['audit', ...inputs, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--quiet', '--format', 'json'];
    // The earlier report, made small so it cannot be mistaken for a complete one of this run.
    mkdirSync(out);
    writeFileSync(join(out, 'report.json'), '{"earlier": true}\n');
    const r = await interruptWhileWriting(args, out, 'SIGTERM');
    expect(r.sawTemps).toHaveLength(1);
    expect(readFileSync(join(out, 'report.json'), 'utf8')).toBe('{"earlier": true}\n');
    expect(readdirSync(out)).toEqual(['report.json']);
  }, 120_000);
});
