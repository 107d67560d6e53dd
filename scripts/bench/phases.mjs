// Where an audit's time goes, phase by phase, in one process (for profiling; not part of `npm run bench`):
//   node scripts/bench/phases.mjs [--formats json,csv] [--run-date YYYY-MM-DD] INPUT...
// --per-rule also prints each rule's check time (the engine's own work is the rest of 'rules').
// Mirrors audit() in src/audit.ts step by step (ingest, model, rules, billing, summary) and then writes the
// reports, printing milliseconds and heap after each phase.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

const argv = process.argv.slice(2);
const take = (name, fallback) => {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const [value] = argv.splice(i, 2).slice(1);
  return value;
};
const formats = take('formats', 'json,csv').split(',');
const perRule = argv.includes('--per-rule') ? argv.splice(argv.indexOf('--per-rule'), 1) : null;
const runDate = take('run-date', '2026-01-15');
const inputs = argv.map((path) => ({ path: resolve(path) }));
const dist = (path) => import(new URL(`../../dist/${path}`, import.meta.url).href);

const { ingest } = await dist('normalize/ingest.js');
const { buildModel } = await dist('model/build.js');
const { resolveRules, runRules } = await dist('rules/engine.js');
const { RULES } = await dist('rules/index.js');
const { bill } = await dist('billing/bill.js');
const { summarize } = await dist('billing/summary.js');
const { BUNDLED_FEES } = await dist('billing/fees.js');
const { writeReports } = await dist('report/write.js');

let last = performance.now();
let lastCpu = process.cpuUsage();
// With node --expose-gc, heap figures are live data only (a full GC before each reading, not timed).
const phase = (name) => {
  const now = performance.now();
  // CPU time as well as wall time: on a busy machine it is the steadier figure.
  const cpu = process.cpuUsage(lastCpu);
  if (globalThis.gc) globalThis.gc();
  const heap = process.memoryUsage();
  process.stdout.write(`${name.padEnd(10)} ${(now - last).toFixed(0).padStart(7)} ms  cpu ${((cpu.user + cpu.system) / 1000).toFixed(0).padStart(6)} ms   heap ${(heap.heapUsed / 2 ** 20).toFixed(0).padStart(5)} MB ext ${(heap.external / 2 ** 20).toFixed(0).padStart(4)} MB   rss ${(heap.rss / 2 ** 20).toFixed(0).padStart(5)} MB\n`);
  last = performance.now();
  lastCpu = process.cpuUsage();
};
phase('load');
const data = await ingest(inputs, { dateOrder: 'mdy', columns: {}, credentials: new Map() });
phase('ingest');
const model = buildModel(data, { runDate });
phase('model');
const ruleTimes = new Map();
const resolved = resolveRules(RULES, {}).map((r) =>
  perRule ? { ...r, rule: { ...r.rule, check: (ctx) => { const t = performance.now(); r.rule.check(ctx); ruleTimes.set(r.rule.id, performance.now() - t); } } } : r,
);
const run = runRules(model, resolved);
phase('rules');
if (perRule) for (const [id, ms] of [...ruleTimes].sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${id.padEnd(32)} ${ms.toFixed(0).padStart(6)} ms\n`);
const billing = { dateOfService: 'month-end', placeOfService: '11', defaultNpi: undefined, fees: BUNDLED_FEES };
const patientMonths = bill(model, run, billing);
phase('bill');
const summary = summarize(model, patientMonths, run, 0, billing);
phase('summary');
const result = {
  schemaVersion: 1,
  tool: { name: 'ccm', version: 'bench' },
  generatedAt: null,
  period: null,
  runDate,
  options: { dateOfService: 'month-end', placeOfService: '11', feeSchedule: BUNDLED_FEES.source },
  inputs: data.inputs,
  summary,
  patientMonths,
  findings: run.findings,
  entries: data.entries,
};
phase('result');
const out = await mkdtemp(join(tmpdir(), 'ccm-phases-'));
for (const format of formats) {
  await writeReports(result, { dir: out, formats: [format] });
  phase(`write ${format}`);
}
await rm(out, { recursive: true, force: true });
process.stdout.write(`${model.entries.length} entries, ${run.findings.length} findings, ${patientMonths.length} patient-months; peak rss ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB\n`);
