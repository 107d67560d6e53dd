// Times ccm writing report.xlsx for an audit, apart from the audit itself (scripts/bench/run.mjs compares it
// with the exceljs writer floor). Usage: node report-xlsx.mjs OUT_DIR RUN_DATE INPUT...
// Prints one JSON line: {"auditMs", "ms"} where ms is the time writeReports spent on report.xlsx alone.
import { performance } from 'node:perf_hooks';
import { resolve } from 'node:path';

const [outDir, runDate, ...inputs] = process.argv.slice(2);
const dist = new URL('../../dist/', import.meta.url);
const { audit } = await import(new URL('audit.js', dist).href);
const { writeReports } = await import(new URL('report/write.js', dist).href);

const t0 = performance.now();
const { result } = await audit(inputs.map((path) => ({ path: resolve(path) })), { runDate });
const t1 = performance.now();
await writeReports(result, { dir: outDir, formats: ['xlsx'] });
const t2 = performance.now();
process.stdout.write(`${JSON.stringify({ auditMs: t1 - t0, ms: t2 - t1, findings: result.findings.length, patientMonths: result.patientMonths.length })}\n`);
