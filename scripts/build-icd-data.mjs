#!/usr/bin/env node
// Builds data/icd10cm.json from the shared reference files (see /work/shared/data/README.md).
// Usage: node scripts/build-icd-data.mjs [sharedDataDir]   (default: ../shared/data from the repo root)
// The only non-deterministic field is builtAt (honours SOURCE_DATE_EPOCH for reproducible builds).
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const dataDir = process.argv[2] ? resolve(process.argv[2]) : resolve(repoRoot, '../shared/data');
const outFile = resolve(repoRoot, 'data/icd10cm.json');

// Version labels are only true for these exact bytes, so a changed file must fail the build
// until its metadata here is reviewed.
const SOURCES = {
  ccir: {
    publisher: 'Agency for Healthcare Research and Quality (AHRQ), Healthcare Cost and Utilization Project (HCUP)',
    title: 'Chronic Condition Indicator Refined (CCIR) for ICD-10-CM',
    version: 'v2026.1',
    sourceFile: 'ccir_v2026_1_chronic_indicator.csv',
    sha256: '181775c58941ae1f548b1d11c0e66798f98cecf643d643babf2c41cf2bb86e3f',
    obtainedFrom:
      'oihuegbu/new-podiatry-coder@471e9bf6c4831ec8e296d658bfbee34abfda87a0 data/codes/icd10cm_chronic.json (75,699 codes) + voho0000/medical-note-smart-on-fhir@728270bf534bac27cc0a91d585789228ce1108df CCIR prefix table (26 codes)',
  },
  fy2026: {
    publisher: 'CDC National Center for Health Statistics (NCHS) and CMS',
    title: 'ICD-10-CM Code Descriptions (icd10cm-codes-2026.txt, billable codes)',
    version: 'FY2026 (dates of service 2025-10-01 to 2026-09-30)',
    sourceFile: 'icd10cm-codes-2026.txt.gz',
    sha256: '246bde6e304a6fd96c3154a3d7aa24902c84c56b293cc1c6fcefe4a90e0b596c',
    obtainedFrom: 'sandeepsms/SphereHealth-HIS-1.0@f979aed44dcb3cb56c5629671cac3881660f9562 Backend/data/icd10cm-codes-2026.txt.gz',
  },
  added: {
    publisher: 'makevision/icd10cm-open-data (MedCoder.ai), derived from CMS FY2026/FY2027 order files; CC0 1.0',
    title: 'ICD-10-CM FY2026 to FY2027 changes: added codes',
    version: 'FY2027 (dates of service from 2026-10-01)',
    sourceFile: 'icd10cm_fy2027_changes/added.csv',
    sha256: 'd11fd28a39181b65c666355de32bd892af0230f681f869f4540dc529a95d80bd',
    obtainedFrom: 'makevision/icd10cm-open-data@a8c1cae8a85d51908ea37e1175734ed37a40144e icd10cm/fy2027-changes/added.csv',
  },
  deleted: {
    publisher: 'makevision/icd10cm-open-data (MedCoder.ai), derived from CMS FY2026/FY2027 order files; CC0 1.0',
    title: 'ICD-10-CM FY2026 to FY2027 changes: deleted codes',
    version: 'FY2027 (dates of service from 2026-10-01)',
    sourceFile: 'icd10cm_fy2027_changes/deleted.csv',
    sha256: 'ecfdfef75b9c89c1f093562b6feb8cfbb472ba96ef219ae72e2224b8977eeda1',
    obtainedFrom: 'makevision/icd10cm-open-data@a8c1cae8a85d51908ea37e1175734ed37a40144e icd10cm/fy2027-changes/deleted.csv',
  },
  statusChanges: {
    publisher: 'makevision/icd10cm-open-data (MedCoder.ai), derived from CMS FY2026/FY2027 order files; CC0 1.0',
    title: 'ICD-10-CM FY2026 to FY2027 changes: billable-status changes',
    version: 'FY2027 (dates of service from 2026-10-01)',
    sourceFile: 'icd10cm_fy2027_changes/billable-status-changes.csv',
    sha256: 'ebe63ea2264b9fd121af07e8f20e72483aa3cfa3668093d64535af351ba16f48',
    obtainedFrom:
      'makevision/icd10cm-open-data@a8c1cae8a85d51908ea37e1175734ed37a40144e icd10cm/fy2027-changes/billable-status-changes.csv',
  },
};

const CODE_RE = /^[A-Z][0-9A-Z]{2,6}$/;

function fail(message) {
  console.error(`build-icd-data: ${message}`);
  process.exit(1);
}

/** Reads a source, checks its hash and returns its text plus the provenance entry (rows filled in later). */
function readSource(key) {
  const meta = SOURCES[key];
  const bytes = readFileSync(resolve(dataDir, meta.sourceFile));
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  if (sha256 !== meta.sha256) fail(`${meta.sourceFile}: sha256 ${sha256} differs from the reviewed ${meta.sha256}`);
  const text = (meta.sourceFile.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
  const { obtainedFrom, ...rest } = meta;
  return { text, provenance: { ...rest, rows: 0, obtainedFrom } };
}

function lines(text) {
  return text.split(/\r?\n/).filter((l) => l.length > 0);
}

// Titles in the change lists are quoted and contain commas.
function parseCsvLine(line) {
  const fields = [];
  const re = /(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g;
  for (const m of line.matchAll(re)) fields.push(m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]);
  return fields;
}

function parseCsv(text, required) {
  const [head, ...body] = lines(text);
  const cols = parseCsvLine(head);
  for (const c of required) if (!cols.includes(c)) fail(`missing column ${c} (have ${cols.join(',')})`);
  return body.map((l) => {
    const f = parseCsvLine(l);
    const row = Object.fromEntries(cols.map((c, i) => [c, f[i]]));
    if (!CODE_RE.test(row.code ?? row.icd10cm_code)) fail(`bad code in row: ${l}`);
    return row;
  });
}

const provenance = [];
function load(key, parse) {
  const { text, provenance: p } = readSource(key);
  const rows = parse(text);
  p.rows = rows.length;
  provenance.push(p);
  return rows;
}

// --- FY2026 billable codes: fixed width, code in chars 1-8.
const fy2026Rows = load('fy2026', (t) =>
  lines(t).map((l) => {
    const code = l.slice(0, 8).trim();
    if (!CODE_RE.test(code)) fail(`bad FY2026 line: ${l}`);
    return code;
  }),
);
const fy2026 = new Set(fy2026Rows);
if (fy2026.size !== fy2026Rows.length) fail('duplicate codes in FY2026 file');

// --- CCIR indicators.
const ccir = new Map();
for (const r of load('ccir', (t) => parseCsv(t, ['icd10cm_code', 'chronic_indicator']))) {
  if (!['0', '1', '9'].includes(r.chronic_indicator)) fail(`bad CCIR indicator for ${r.icd10cm_code}`);
  if (ccir.has(r.icd10cm_code)) fail(`duplicate CCIR code ${r.icd10cm_code}`);
  ccir.set(r.icd10cm_code, r.chronic_indicator);
}

// --- FY2027 = FY2026 - deleted billable - billable->header + added billable (+ header->billable, none today).
const fy2027 = new Set(fy2026);
const changeListCodes = new Set();
for (const r of load('deleted', (t) => parseCsv(t, ['code', 'wasBillable']))) {
  changeListCodes.add(r.code);
  if (r.wasBillable === 'true' && !fy2027.delete(r.code)) fail(`deleted billable ${r.code} not in FY2026`);
}
for (const r of load('statusChanges', (t) => parseCsv(t, ['code', 'previousBillable', 'newBillable']))) {
  changeListCodes.add(r.code);
  if (r.previousBillable === r.newBillable) fail(`status change without a change: ${r.code}`);
  if (r.newBillable === 'true') fy2027.add(r.code);
  else if (!fy2027.delete(r.code)) fail(`billable->header ${r.code} not billable in FY2026`);
}
for (const r of load('added', (t) => parseCsv(t, ['code', 'billable']))) {
  changeListCodes.add(r.code);
  if (fy2026.has(r.code)) fail(`added code ${r.code} already billable in FY2026`);
  if (r.billable === 'true') fy2027.add(r.code);
}

// --- Every code we know of. Headers (non-billable categories/subcategories) are not in the billable
// file, so they are inferred as the 3+ character prefixes of billable codes.
const known = new Set([...fy2026, ...fy2027, ...ccir.keys(), ...changeListCodes]);
for (const code of [...fy2026, ...fy2027]) for (let n = 3; n < code.length; n++) known.add(code.slice(0, n));

const groups = {};
let inferredHeaders = 0;
for (const code of [...known].sort()) {
  if (!fy2026.has(code) && !fy2027.has(code) && !ccir.has(code) && !changeListCodes.has(code)) inferredHeaders++;
  const mask = (fy2026.has(code) ? 1 : 0) | (fy2027.has(code) ? 2 : 0);
  const entry = `${code.slice(3)}:${ccir.get(code) ?? '-'}${mask}`;
  const cat = code.slice(0, 3);
  groups[cat] = groups[cat] ? `${groups[cat]},${entry}` : entry;
}

const chronicBillable = (set) => [...set].filter((c) => ccir.get(c) === '1').length;
const counts = {
  knownCodes: known.size,
  billableFy2026: fy2026.size,
  billableFy2027: fy2027.size,
  ccirRated: ccir.size,
  ccirChronic: [...ccir.values()].filter((v) => v === '1').length,
  chronicBillableFy2026: chronicBillable(fy2026),
  chronicBillableFy2027: chronicBillable(fy2027),
  newInFy2027NotRated: [...fy2027].filter((c) => !fy2026.has(c) && !ccir.has(c)).length,
  inferredHeaders,
};
// Totals the README documents; a mismatch means a parsing bug, not new data (hashes are pinned).
if (counts.billableFy2026 !== 74719 || counts.billableFy2027 !== 74879 || counts.ccirRated !== 75725) {
  fail(`unexpected totals ${JSON.stringify(counts)}`);
}

const builtAt = (process.env.SOURCE_DATE_EPOCH ? new Date(Number(process.env.SOURCE_DATE_EPOCH) * 1000) : new Date())
  .toISOString()
  .slice(0, 10);

const out = {
  format:
    'formatVersion 1. "codes" maps each 3-character ICD-10-CM category to a comma-separated list of entries ' +
    '"<rest>:<ccir><mask>", sorted by code, where the full code (upper case, no dot) is category + rest ' +
    '(rest is empty for the category itself). <ccir> is the AHRQ CCIR v2026.1 chronic indicator: 1 chronic, ' +
    '0 not chronic, 9 no determination, - not rated. <mask> is a decimal bitmask of the fiscal years in which the code ' +
    'is billable, bit i = fiscalYears[i] (1 = FY2026, 2 = FY2027, 3 = both, 0 = header or retired in every shipped year). ' +
    'A code absent from "codes" is unknown.',
  formatVersion: 1,
  fiscalYears: [2026, 2027],
  provenance: {
    builtAt,
    builder: 'scripts/build-icd-data.mjs',
    sources: provenance,
    counts,
    notes: [
      'FY2026 billable set = the CDC/CMS FY2026 code-descriptions file. FY2027 billable set = FY2026 minus deleted billable codes, minus codes that became headers, plus added billable codes (the documented construction; no full FY2027 file was available).',
      'Fiscal years start on October 1: dates from 2026-10-01 use FY2027, later fiscal years also use FY2027 until a newer set is shipped. No code set older than FY2026 is shipped, so every date before 2026-10-01 is checked against FY2026: for dates before 2025-10-01, codes introduced in FY2026 count as billable and codes retired earlier (e.g. N183) count as not billable even where that was not yet true.',
      'Chronic indicators come only from AHRQ CCIR v2026.1 (1 chronic, 0 not chronic, 9 no determination: treat 9 as unknown, not as not-chronic). The 190 codes new in FY2027 are not in CCIR v2026.1 and are left not rated on purpose, to be flagged for review rather than guessed from ancestor codes.',
      'Non-billable codes kept: CCIR historical codes no longer valid (e.g. N183), headers and deletions named in the FY2027 change lists, and headers inferred as the 3+ character prefixes of billable codes (the billable file lists no headers; inferred placeholder stubs such as S0300X may not be tabular entries but are equally not billable).',
      'Descriptions are not shipped (size); the older CCI 2019.1 and the CCW category lists in the shared folder are not used.',
    ].join(' '),
  },
  codes: groups,
};

mkdirSync(resolve(repoRoot, 'data'), { recursive: true });
const json = `${JSON.stringify(out, null, 1)}\n`;
writeFileSync(outFile, json);
console.log(`wrote ${outFile} (${json.length} bytes)`);
console.log(counts);
