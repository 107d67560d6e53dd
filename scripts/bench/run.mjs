// `npm run bench`: generates seeded exports of several sizes into a temporary folder and measures, on the same
// files and in one run, `ccm audit` against the floor the libraries set (see ./floor.mjs):
//   - CSV time log + consents + diagnoses, `--format json,csv`, against csv-parse merely reading the CSVs;
//   - an XLSX workbook (time log, consents, diagnoses sheets) against exceljs's streaming reader visiting its rows;
//   - report.xlsx of each CSV audit against exceljs's streaming writer writing as many rows and cells;
//   - the scaling from the smallest to the largest size, and the demo's wall time.
// Every measurement runs in a child process; wall times are medians of --runs runs, peak RSS comes from
// `/usr/bin/time -v` when present, else from process.resourceUsage() in ./maxrss.mjs.
//
// Options: --sizes 100000,1000000  --xlsx-sizes 20000,200000  --runs 3  --seed 1  --keep  --dir DIR
//          --no-xlsx-report (skip the report.xlsx measurement)  --json FILE (also write the figures as JSON)
// Quick run: npm run bench -- --sizes 20000 --xlsx-sizes 5000 --runs 1
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { cpus, freemem, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
// bin/ccm.js re-runs itself with these flags for large inputs (a bigger young generation); the floors get them
// too, so both sides run with the same heap settings, and so does the maxrss.mjs fallback, which can only
// measure its own process.
import { YOUNG_GENERATION } from '../../bin/young-generation.js';
import { RUN_DATE, generate } from './generate.mjs';

const HERE = fileURLToPath(new URL('.', import.meta.url));
const ROOT = join(HERE, '..', '..');
const CCM = join(ROOT, 'bin', 'ccm.js');
const DEMO = join(ROOT, 'fixtures', 'demo', 'ccm-export-2026-10.xlsx');
const TIME = '/usr/bin/time';
const HAS_TIME = existsSync(TIME);

const TARGETS = { csvRatio: 1.5, xlsxRatio: 1.3, writeRatio: 1.3, rssMB: 1024, scaling: 1.1, demoSeconds: 0.5 };

const USAGE = `usage: npm run bench -- [--sizes 100000,1000000] [--xlsx-sizes 20000,200000] [--runs 3] [--seed 1]
                         [--no-xlsx-report] [--keep] [--dir DIR] [--json FILE]   (a size list may be "none")`;

function options(argv) {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(USAGE);
    process.exit(0);
  }
  const get = (name, fallback) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : fallback;
  };
  const list = (text) => (text === '' || text === 'none' ? [] : text.split(',').map((s) => Number(s.replace(/_/g, ''))));
  return {
    sizes: list(get('sizes', '100000,1000000')),
    xlsxSizes: list(get('xlsx-sizes', '20000,200000')),
    runs: Math.max(1, Number(get('runs', '3'))),
    seed: Number(get('seed', '1')),
    keep: argv.includes('--keep'),
    dir: get('dir', undefined),
    xlsxReport: !argv.includes('--no-xlsx-report'),
    json: get('json', undefined),
  };
}

/** Runs `node args…` in a child process: wall time, peak RSS (of it and its children), stdout, exit code. */
async function measure(args, { cwd = ROOT, nodeFlags = [] } = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'ccm-bench-m-'));
  const rssFile = join(dir, 'rss');
  const [cmd, cmdArgs] = HAS_TIME
    ? [TIME, ['-v', '-o', rssFile, process.execPath, ...nodeFlags, ...args]]
    : [process.execPath, [...YOUNG_GENERATION, join(HERE, 'maxrss.mjs'), rssFile, ...args]];
  const start = performance.now();
  const child = spawn(cmd, cmdArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on('close', resolve));
  const seconds = (performance.now() - start) / 1000;
  let rssKB = NaN;
  try {
    const text = await readFile(rssFile, 'utf8');
    rssKB = HAS_TIME ? Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(text)?.[1]) : JSON.parse(text).maxRssKB;
  } catch {
    // no figure
  }
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`node ${args.join(' ')} exited with ${code}\n${stderr.slice(-2000)}`);
  return { seconds, rssMB: rssKB / 1024, stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Floor and audit, interleaved so both see the same machine noise. */
async function compare(label, floorArgs, auditArgs, runs, cwd) {
  const floor = [];
  const audit = [];
  for (let i = 0; i < runs; i++) {
    floor.push(await measure(floorArgs, { cwd, nodeFlags: YOUNG_GENERATION }));
    audit.push(await measure(auditArgs, { cwd }));
    process.stderr.write(`  ${label} run ${i + 1}/${runs}: floor ${floor[i].seconds.toFixed(2)} s, ccm ${audit[i].seconds.toFixed(2)} s, ${audit[i].rssMB.toFixed(0)} MB\n`);
  }
  const floorS = median(floor.map((m) => m.seconds));
  const auditS = median(audit.map((m) => m.seconds));
  return { floorS, auditS, ratio: auditS / floorS, rssMB: Math.max(...audit.map((m) => m.rssMB)), floorRssMB: Math.max(...floor.map((m) => m.rssMB)), runs };
}

async function sizeMB(files) {
  let total = 0;
  for (const f of files) total += (await stat(f)).size;
  return total / 2 ** 20;
}

function fmt(n, digits = 2) {
  return Number.isFinite(n) ? n.toFixed(digits) : '–';
}

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  return { cpus: cpus().length, cpu, memoryGB: totalmem() / 2 ** 30, freeGB: freemem() / 2 ** 30, node: process.version, platform: `${process.platform} ${process.arch}` };
}

async function main() {
  const opts = options(process.argv.slice(2));
  const work = opts.dir ?? (await mkdtemp(join(tmpdir(), 'ccm-bench-')));
  const m = machine();
  process.stderr.write(`ccm bench in ${work}\n${m.cpus} CPU(s) ${m.cpu}, ${m.memoryGB.toFixed(1)} GB, Node ${m.node}; peak RSS via ${HAS_TIME ? '/usr/bin/time -v' : 'process.resourceUsage()'}\n`);
  const results = { machine: m, csv: [], xlsx: [], write: [], demo: null, exceljsLazy: null };
  try {
    for (const rows of opts.sizes) {
      const dir = join(work, `csv-${rows}`);
      const t0 = performance.now();
      const gen = await generate({ rows, dir, format: 'csv', seed: opts.seed });
      process.stderr.write(`generated ${rows} CSV rows (${gen.staff} staff, ${gen.patients} patients) in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      const out = join(dir, 'report');
      const auditArgs = [CCM, 'audit', ...gen.files, '--quiet', '--fail-on', 'never', '--format', 'json,csv', '--run-date', RUN_DATE, '--out', out];
      const c = await compare(`csv ${rows}`, [join(HERE, 'floor.mjs'), 'csv', ...gen.files], auditArgs, opts.runs, dir);
      results.csv.push({ rows, mb: await sizeMB(gen.files), counts: gen.counts, ...c });
      if (results.exceljsLazy === null) {
        // CSV in, no XLSX out: exceljs must not be loaded at all.
        const probe = join(dir, 'lazy.json');
        // With the flag bin/ccm.js adds itself, so the probe sees the process that runs the audit.
        await measure([join(HERE, 'maxrss.mjs'), probe, ...auditArgs], { cwd: dir, nodeFlags: YOUNG_GENERATION });
        results.exceljsLazy = !JSON.parse(await readFile(probe, 'utf8')).exceljsLoaded;
      }
      if (opts.xlsxReport) {
        const xlsxOut = join(dir, 'xlsx-report');
        const ccm = [];
        const floor = [];
        const plain = [];
        for (let i = 0; i < opts.runs; i++) {
          const run = await measure([join(HERE, 'report-xlsx.mjs'), xlsxOut, RUN_DATE, ...gen.files], { cwd: dir, nodeFlags: YOUNG_GENERATION });
          ccm.push({ ...JSON.parse(run.stdout), rssMB: run.rssMB });
          // Two floors: plain addRow, and addRow with shared style objects (faster; the one the ratio uses).
          const f = await measure([join(HERE, 'floor.mjs'), 'xlsx-write', join(xlsxOut, 'report.xlsx'), join(dir, 'floor.xlsx'), 'shared'], { cwd: dir, nodeFlags: YOUNG_GENERATION });
          floor.push({ ...JSON.parse(f.stdout), rssMB: f.rssMB });
          const p = await measure([join(HERE, 'floor.mjs'), 'xlsx-write', join(xlsxOut, 'report.xlsx'), join(dir, 'floor.xlsx')], { cwd: dir });
          plain.push(JSON.parse(p.stdout));
          process.stderr.write(
            `  report.xlsx ${rows} run ${i + 1}/${opts.runs}: floor ${(floor[i].ms / 1000).toFixed(2)} s (plain addRow ${(plain[i].ms / 1000).toFixed(2)} s), ccm ${(ccm[i].ms / 1000).toFixed(2)} s\n`,
          );
        }
        const ccmS = median(ccm.map((r) => r.ms)) / 1000;
        const floorS = median(floor.map((r) => r.ms)) / 1000;
        const plainS = median(plain.map((r) => r.ms)) / 1000;
        results.write.push({ rows, sheets: floor[0].sheets, cells: floor[0].cells, floorS, plainS, ccmS, ratio: ccmS / floorS, rssMB: Math.max(...ccm.map((r) => r.rssMB)) });
      }
      if (!opts.keep) await rm(dir, { recursive: true, force: true });
    }

    for (const rows of opts.xlsxSizes) {
      const dir = join(work, `xlsx-${rows}`);
      const t0 = performance.now();
      const gen = await generate({ rows, dir, format: 'xlsx', seed: opts.seed });
      process.stderr.write(`generated ${rows} XLSX rows in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
      const auditArgs = [CCM, 'audit', ...gen.files, '--quiet', '--fail-on', 'never', '--format', 'json,csv', '--run-date', RUN_DATE, '--out', join(dir, 'report')];
      const c = await compare(`xlsx ${rows}`, [join(HERE, 'floor.mjs'), 'xlsx-read', gen.files[0]], auditArgs, opts.runs, dir);
      results.xlsx.push({ rows, mb: await sizeMB(gen.files), counts: gen.counts, ...c });
      if (!opts.keep) await rm(dir, { recursive: true, force: true });
    }

    if (existsSync(DEMO)) {
      const out = join(work, 'demo-report');
      const runs = [];
      for (let i = 0; i < Math.max(5, opts.runs); i++) runs.push(await measure([CCM, 'audit', DEMO, '--month', '2026-10', '--fail-on', 'never', '--quiet', '--out', out]));
      results.demo = { seconds: median(runs.map((r) => r.seconds)), rssMB: Math.max(...runs.map((r) => r.rssMB)) };
    }
  } finally {
    if (!opts.keep && !opts.dir) await rm(work, { recursive: true, force: true });
  }

  process.stdout.write(render(results));
  if (opts.json) await writeFile(opts.json, `${JSON.stringify(results, null, 2)}\n`);
}

function verdict(ok) {
  return ok ? 'met' : 'NOT met';
}

function scaling(list) {
  if (list.length < 2) return null;
  const a = list[0];
  const b = list[list.length - 1];
  const rowsRatio = b.rows / a.rows;
  const timeRatio = b.auditS / a.auditS;
  return { from: a.rows, to: b.rows, rowsRatio, timeRatio, perRow: timeRatio / rowsRatio };
}

function render(r) {
  const lines = [];
  const m = r.machine;
  lines.push(`\nMachine: ${m.cpus} × ${m.cpu}, ${m.memoryGB.toFixed(0)} GB RAM, Node ${m.node} (${m.platform})`);
  lines.push('Wall times are medians; "floor" is the library alone on the same files; RSS is the peak of the ccm process.\n');
  if (r.csv.length > 0) {
    lines.push('| CSV time log (+ consents, diagnoses), --format json,csv | size | csv-parse floor | ccm audit | ratio | peak RSS |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const c of r.csv) lines.push(`| ${c.rows.toLocaleString('en-US')} rows | ${fmt(c.mb, 0)} MB | ${fmt(c.floorS)} s | ${fmt(c.auditS)} s | ${fmt(c.ratio)}× | ${fmt(c.rssMB, 0)} MB |`);
    lines.push('');
  }
  if (r.xlsx.length > 0) {
    lines.push('| XLSX workbook (time log, consents, diagnoses), --format json,csv | size | exceljs read floor | ccm audit | ratio | peak RSS |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const c of r.xlsx) lines.push(`| ${c.rows.toLocaleString('en-US')} rows | ${fmt(c.mb, 0)} MB | ${fmt(c.floorS)} s | ${fmt(c.auditS)} s | ${fmt(c.ratio)}× | ${fmt(c.rssMB, 0)} MB |`);
    lines.push('');
  }
  if (r.write.length > 0) {
    lines.push('| report.xlsx of the CSV audit | rows written | exceljs write floor (shared styles) | plain addRow | ccm | ratio |');
    lines.push('|---|---:|---:|---:|---:|---:|');
    for (const w of r.write) {
      const rows = w.sheets.reduce((n, s) => n + s.rows, 0);
      lines.push(`| ${w.rows.toLocaleString('en-US')}-row audit | ${rows.toLocaleString('en-US')} (${w.sheets.map((s) => `${s.name} ${s.rows}`).join(', ')}) | ${fmt(w.floorS)} s | ${fmt(w.plainS)} s | ${fmt(w.ccmS)} s | ${fmt(w.ratio)}× |`);
    }
    lines.push('');
  }
  const csvScale = scaling(r.csv);
  const xlsxScale = scaling(r.xlsx);
  for (const [label, s] of [['CSV', csvScale], ['XLSX', xlsxScale]]) {
    if (s) lines.push(`Scaling (${label}): ${s.rowsRatio.toFixed(0)}× rows (${s.from.toLocaleString('en-US')} → ${s.to.toLocaleString('en-US')}) took ${s.timeRatio.toFixed(2)}× the time.`);
  }
  if (r.demo) lines.push(`Demo (fixtures/demo, all four formats): ${fmt(r.demo.seconds)} s wall, ${fmt(r.demo.rssMB, 0)} MB.`);
  if (r.exceljsLazy !== null) lines.push(`exceljs loaded for a CSV-only audit without XLSX output: ${r.exceljsLazy ? 'no' : 'YES'}.`);

  lines.push('\nTargets:');
  const big = r.csv[r.csv.length - 1];
  if (big) {
    lines.push(`- ${big.rows.toLocaleString('en-US')}-row CSV within ${TARGETS.csvRatio}× of csv-parse: ${fmt(big.ratio)}× — ${verdict(big.ratio <= TARGETS.csvRatio)}`);
    lines.push(`- ${big.rows.toLocaleString('en-US')}-row CSV peak RSS < 1 GB: ${fmt(big.rssMB, 0)} MB — ${verdict(big.rssMB < TARGETS.rssMB)}`);
  }
  const bigX = r.xlsx[r.xlsx.length - 1];
  if (bigX) {
    lines.push(`- ${bigX.rows.toLocaleString('en-US')}-row XLSX within ${TARGETS.xlsxRatio}× of exceljs: ${fmt(bigX.ratio)}× — ${verdict(bigX.ratio <= TARGETS.xlsxRatio)}`);
    lines.push(`- ${bigX.rows.toLocaleString('en-US')}-row XLSX peak RSS < 1 GB: ${fmt(bigX.rssMB, 0)} MB — ${verdict(bigX.rssMB < TARGETS.rssMB)}`);
  }
  const bigW = r.write[r.write.length - 1];
  if (bigW) lines.push(`- report.xlsx of the ${bigW.rows.toLocaleString('en-US')}-row audit within ${TARGETS.writeRatio}× of the exceljs writer: ${fmt(bigW.ratio)}× — ${verdict(bigW.ratio <= TARGETS.writeRatio)}`);
  for (const [label, s] of [['CSV', csvScale], ['XLSX', xlsxScale]]) {
    if (s) lines.push(`- ${label} scaling ≤ ${TARGETS.scaling}× per row (${s.rowsRatio.toFixed(0)}× rows ≤ ${(s.rowsRatio * TARGETS.scaling).toFixed(0)}× time): ${s.timeRatio.toFixed(2)}× — ${verdict(s.perRow <= TARGETS.scaling)}`);
  }
  if (r.demo) lines.push(`- demo under ${TARGETS.demoSeconds} s: ${fmt(r.demo.seconds)} s — ${verdict(r.demo.seconds < TARGETS.demoSeconds)}`);
  if (r.exceljsLazy !== null) lines.push(`- exceljs only imported lazily: ${verdict(r.exceljsLazy)}`);
  return `${lines.join('\n')}\n`;
}

await main();
