/**
 * exceljs costs a third of a second to load: a CSV-only audit without XLSX output must never load it
 * (issue #6). Checked the way the benchmark checks it: the CLI runs under scripts/bench/maxrss.mjs, which
 * reports whether any exceljs module reached the module cache.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

function audit(format: string, input = fixture('formats/utf8-bom.csv'), env: Record<string, string> = {}): { exceljsLoaded: boolean; maxRssKB: number } {
  const dir = tempDir('ccm-lazy-');
  const probe = join(dir, 'probe.json');
  const args = ['audit', input, '--quiet', '--fail-on', 'never', '--run-date', '2025-04-01', '--format', format, '--out', join(dir, 'out')];
  const result = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/maxrss.mjs'), probe, join(ROOT, 'bin/ccm.js'), ...args], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, CCM_XLSX_READER: '', ...env },
  });
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(readFileSync(probe, 'utf8')) as { exceljsLoaded: boolean; maxRssKB: number };
}

describe('exceljs is loaded only when needed', () => {
  it('is not loaded for CSV in and JSON, CSV and JUnit out', () => {
    const probe = audit('json,csv,junit');
    expect(probe.exceljsLoaded).toBe(false);
    expect(probe.maxRssKB).toBeGreaterThan(0);
  });

  it('is not loaded for report.xlsx either: the lean writer writes it', () => {
    expect(audit('xlsx').exceljsLoaded).toBe(false);
  });

  it('is not loaded for a workbook the lean reader reads, unless CCM_XLSX_READER=exceljs asks for it', () => {
    const workbook = fixture('demo/ccm-export-2026-10.xlsx');
    expect(audit('json', workbook).exceljsLoaded).toBe(false);
    expect(audit('json', workbook, { CCM_XLSX_READER: 'exceljs' }).exceljsLoaded).toBe(true);
  });

  it('the probe sees exceljs when a script loads it', () => {
    const dir = tempDir('ccm-lazy-');
    const script = join(dir, 'load.mjs');
    // Resolved from the project, as the script lives in a temporary folder.
    writeFileSync(script, `import { createRequire } from 'node:module';\ncreateRequire(${JSON.stringify(join(ROOT, 'package.json'))})('exceljs');\n`);
    const probe = join(dir, 'probe.json');
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/maxrss.mjs'), probe, script], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(probe, 'utf8')).exceljsLoaded).toBe(true);
  });
});
