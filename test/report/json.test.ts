import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK } from '../../src/report/chunk.js';
import { ESTIMATE_NOTICE, renderJson, renderJsonChunks } from '../../src/report/json.js';
import type { PatientMonth } from '../../src/billing/types.js';
import type { Finding } from '../../src/rules/types.js';
import { sampleResult, sampleResultThresholdMet, sampleResultWithClaimAtRisk } from './sample-result.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true }).compile(schema);

function reversedKeys<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reversedKeys) as T;
  if (value === null || typeof value !== 'object' || value instanceof Map) return value;
  return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reversedKeys(v)])) as T;
}

describe('renderJson', () => {
  const text = renderJson(sampleResult());
  const report = JSON.parse(text) as Record<string, unknown>;

  it('validates against schema/report.schema.json', () => {
    expect(validate(report), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it('counts the months billed at risk in the summary, after the revenue (a key added, none changed)', () => {
    const atRisk = JSON.parse(renderJson(sampleResultWithClaimAtRisk())) as { summary: Record<string, unknown>; patientMonths: Record<string, unknown>[] };
    expect(validate(atRisk), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(Object.keys(atRisk.summary)).toEqual(['patients', 'patientMonths', 'findingsBySeverity', 'findingsByRule', 'estimatedRevenue', 'billedAtRisk', 'topFixes', 'suppressed', 'incompleteClaims']);
    expect(atRisk.summary.billedAtRisk).toEqual({ patientMonths: 1, billedAmount: 132.26 });
    expect(atRisk.patientMonths.find((pm) => pm.patientId === 'B-88')).toMatchObject({ status: 'billed', blockedBy: ['multiple-billing-practitioners'] });
    expect(validate({ ...atRisk, summary: { ...atRisk.summary, billedAtRisk: { patientMonths: 1 } } })).toBe(false);
  });

  it('dates each claim line (threshold-met: the add-on after its base); the schema requires the date', () => {
    const dated = JSON.parse(renderJson(sampleResultThresholdMet())) as { patientMonths: { dateOfService: string | null; lines: Record<string, unknown>[] }[] };
    expect(validate(dated), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(dated.patientMonths[0]!.dateOfService).toBe('2026-10-08');
    expect(dated.patientMonths[0]!.lines).toEqual([
      { code: '99490', units: 1, estimatedPayment: 66.13, dateOfService: '2026-10-08' },
      { code: '99439', units: 1, estimatedPayment: 48, dateOfService: '2026-10-22' },
    ]);
    const { dateOfService: _, ...undated } = dated.patientMonths[0]!.lines[0]!;
    expect(validate({ ...dated, patientMonths: [{ ...dated.patientMonths[0], lines: [undated] }] })).toBe(false);
  });

  it('has the documented top-level keys in order, and no entries map', () => {
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'notice', 'generatedAt', 'period', 'runDate', 'options', 'inputs', 'summary', 'patientMonths', 'findings']);
  });

  it('says that payment amounts are estimates', () => {
    expect(report.notice).toBe(ESTIMATE_NOTICE);
    expect(ESTIMATE_NOTICE).toMatch(/estimates/);
    expect(ESTIMATE_NOTICE).toMatch(/national non-facility/);
  });

  it('is 2-space indented with a trailing newline', () => {
    expect(text.startsWith('{\n  "schemaVersion": 1,\n')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.endsWith('\n\n')).toBe(false);
  });

  it('is deterministic: same bytes twice, and whatever key order the audit built its objects in', () => {
    expect(renderJson(sampleResult())).toBe(text);
    expect(renderJson(reversedKeys(sampleResult()))).toBe(text);
  });

  it('keeps patient ids as strings and writes a table without a note as null', () => {
    const months = report.patientMonths as { patientId: string }[];
    expect(months.map((m) => m.patientId)).toContain('00123');
    const tables = (report.inputs as { tables: { note: string | null }[] }[]).flatMap((i) => i.tables);
    expect(tables.map((t) => t.note)).toEqual([null, 'empty sheet', 'no known header row in the first 30 rows', null]);
  });

  it('puts the finding fields in the documented order', () => {
    const findings = report.findings as Record<string, unknown>[];
    expect(Object.keys(findings[0]!)).toEqual(['rule', 'code', 'severity', 'level', 'patientId', 'month', 'message', 'fix', 'sources', 'entryIds', 'fingerprint']);
  });

  it('the schema is strict: unknown keys and bad values are rejected', () => {
    expect(validate({ ...report, extra: 1 })).toBe(false);
    const months = report.patientMonths as Record<string, unknown>[];
    expect(validate({ ...report, patientMonths: [{ ...months[0], status: 'maybe' }] })).toBe(false);
    expect(validate({ ...report, patientMonths: [{ ...months[0], status: 'billed' }] })).toBe(true);
    const summary = report.summary as { patientMonths: Record<string, number> };
    const { billed: _billed, ...withoutBilled } = summary.patientMonths;
    expect(validate({ ...report, summary: { ...summary, patientMonths: withoutBilled } })).toBe(false);
    expect(validate({ ...report, patientMonths: [{ ...months[0], surprise: true }] })).toBe(false);
    const findings = report.findings as Record<string, unknown>[];
    expect(validate({ ...report, findings: [{ ...findings[0], sources: [] }] })).toBe(false);
  });
});

describe('schema/report.schema.json stays in step with the code', () => {
  const defs = (schema as { $defs: Record<string, { enum?: unknown[]; properties?: Record<string, { enum?: unknown[] }> }> }).$defs;

  it('lists the severities and input kinds the code has', async () => {
    const { SEVERITIES } = await import('../../src/rules/types.js');
    const { INPUT_KINDS } = await import('../../src/normalize/columns.js');
    expect(defs.severity!.enum).toEqual([...SEVERITIES]);
    expect(defs.table!.properties!.kind!.enum).toEqual([...INPUT_KINDS, null]);
  });

  it('counts every patient-month status the schema allows, already billed included', () => {
    const statuses = defs.patientMonth!.properties!.status!.enum;
    expect(statuses).toEqual(['billable', 'billed', 'blocked', 'not-billable']);
    const summary = defs.summary!.properties as unknown as Record<string, { required: string[] }>;
    expect(summary.patientMonths!.required).toEqual(statuses);
    expect(summary.estimatedRevenue!.required).toEqual(['ready', 'billed', 'blocked', 'notBillable']);
    expect(Object.keys(sampleResult().summary.patientMonths)).toEqual(statuses);
  });
});

/** The report's layout: indented by 2 like JSON.stringify(report, null, 2), but one compact line per patient-month and finding. */
function layout(text: string): string {
  const report = JSON.parse(text) as { patientMonths: unknown[]; findings: unknown[] };
  const lines = (items: unknown[]) => (items.length === 0 ? '[]' : `[\n${items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')}\n  ]`);
  return `${JSON.stringify({ ...report, patientMonths: '@patientMonths', findings: '@findings' }, null, 2)
    .replace('"@patientMonths"', () => lines(report.patientMonths))
    .replace('"@findings"', () => lines(report.findings))}\n`;
}

describe('renderJsonChunks', () => {
  it('indents the report, with one line per patient-month and per finding, also with empty arrays', () => {
    for (const result of [sampleResult(), { ...sampleResult(), patientMonths: [], findings: [] }]) {
      const text = renderJson(result);
      expect(text).toBe(layout(text));
    }
    const lines = renderJson(sampleResult()).split('\n');
    expect(lines.filter((line) => line.startsWith('    {"patientId"')).length).toBe(sampleResult().patientMonths.length);
    expect(lines.filter((line) => line.startsWith('    {"rule"')).length).toBe(sampleResult().findings.length);
  });

  it('splits a long report into chunks of about CHUNK characters that join to the same text', () => {
    const result = sampleResult();
    result.findings = Array.from({ length: 6000 }, (_, i) => ({ ...result.findings[i % result.findings.length]!, message: `finding ${i} ${'x'.repeat(200)}` }));
    const chunks = [...renderJsonChunks(result)];
    expect(chunks.length).toBeGreaterThan(1);
    // A chunk ends at the first element past CHUNK characters: it holds at most one element (< 1 KB here) more.
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(CHUNK + 1024);
    const text = chunks.join('');
    expect(text).toBe(layout(text));
    expect(validate(JSON.parse(text))).toBe(true);
  });
});

describe('renderJsonChunks with withholdCells (--json on stdout)', () => {
  it('gives each finding its redactedMessage and changes nothing else; still schema-valid', () => {
    const result = sampleResult();
    const [quoting] = result.findings;
    result.findings[0] = { ...quoting!, message: 'column "DOS" holds "Pt disclosed HIV": not a date.', redactedMessage: 'column "DOS" holds "[withheld]": not a date.' };
    const onDisk = JSON.parse(renderJson(result)) as { findings: { message: string }[] };
    const shown = JSON.parse([...renderJsonChunks(result, { withholdCells: true })].join('')) as { findings: { message: string }[] };
    expect(validate(shown), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(onDisk.findings[0]!.message).toContain('Pt disclosed HIV');
    expect(shown.findings[0]!.message).toBe('column "DOS" holds "[withheld]": not a date.');
    onDisk.findings[0]!.message = shown.findings[0]!.message;
    expect(shown).toEqual(onDisk);
  });

  it('withholds an MBI or billing NPI that is not one (a cell as written); valid ones stay; still schema-valid', () => {
    const result = sampleResult();
    const [first, second, third] = result.patientMonths;
    result.patientMonths[0] = { ...first!, billingNpi: '123456789ALICE', mbi: 'PTDISCLOSEDHIV' };
    result.patientMonths[2] = { ...third!, billingNpi: '1234567890' }; // 10 digits, check digit wrong
    type Shown = { patientMonths: { billingNpi: string | null; mbi: string | null }[] };
    const onDisk = JSON.parse(renderJson(result)) as Shown;
    const shown = JSON.parse([...renderJsonChunks(result, { withholdCells: true })].join('')) as Shown;
    expect(validate(shown), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(onDisk.patientMonths[0]).toMatchObject({ billingNpi: '123456789ALICE', mbi: 'PTDISCLOSEDHIV' });
    expect(shown.patientMonths[0]).toMatchObject({ billingNpi: '[withheld]', mbi: '[withheld]' });
    expect(shown.patientMonths[2]!.billingNpi).toBe('[withheld]');
    // A valid NPI is a practitioner's public identifier; a valid MBI is as report.json has it.
    expect(shown.patientMonths[1]).toMatchObject({ billingNpi: second!.billingNpi, mbi: second!.mbi });
    expect(second!.billingNpi).toBe('1234567893');
  });
});

/** report.json's elements as the writer built them before its templates: an object per element, JSON.stringify'd. */
function patientMonthObject(pm: PatientMonth) {
  return {
    patientId: pm.patientId,
    mbi: pm.mbi,
    month: pm.month,
    status: pm.status,
    loggedMinutes: pm.loggedMinutes,
    supportedMinutes: pm.supportedMinutes,
    countedMinutes: pm.countedMinutes,
    family: pm.family,
    lines: pm.lines.map((l) => ({ code: l.code, units: l.units, estimatedPayment: l.estimatedPayment, dateOfService: l.dateOfService })),
    estimatedPayment: pm.estimatedPayment,
    dateOfService: pm.dateOfService,
    billingNpi: pm.billingNpi,
    diagnoses: [...pm.diagnoses],
    blockedBy: [...pm.blockedBy],
    minutesShort: pm.minutesShort,
  };
}

function findingObject(f: Finding) {
  return {
    rule: f.rule,
    code: f.code,
    severity: f.severity,
    level: f.level,
    patientId: f.patientId,
    month: f.month,
    message: f.message,
    fix: f.fix,
    sources: f.sources.map((s) => ({ file: s.file, sheet: s.sheet, row: s.row })),
    entryIds: [...f.entryIds],
    fingerprint: f.fingerprint,
  };
}

describe('report.json elements from templates', () => {
  // Few distinct values, so that elements repeat the one before them as a patient's months do (the writer's caches).
  const text = fc.oneof(fc.constantFrom('100000', '2026-10', 'a "b"', 'x\\y', '\u0007', '\ud800', '=1+2', ''), fc.string({ unit: 'binary', maxLength: 12 }));
  const number = fc.oneof(fc.integer({ min: -5, max: 200 }), fc.double(), fc.constantFrom(60.49, 0.1 + 0.2, NaN));
  const line = fc.record({ code: text, units: number, estimatedPayment: number, dateOfService: text });
  const source = fc.record({ file: text, sheet: fc.option(text), row: number });
  const patientMonth = fc.record({
    patientId: text,
    mbi: fc.option(text),
    month: text,
    status: fc.constantFrom('billable' as const, 'billed' as const, 'blocked' as const, 'not-billable' as const),
    loggedMinutes: number,
    supportedMinutes: number,
    countedMinutes: fc.option(number),
    family: fc.option(fc.constantFrom('non-complex' as const, 'complex' as const, 'practitioner' as const)),
    lines: fc.array(line, { maxLength: 3 }),
    estimatedPayment: number,
    dateOfService: fc.option(text),
    billingNpi: fc.option(text),
    diagnoses: fc.array(text, { maxLength: 4 }),
    blockedBy: fc.array(text, { maxLength: 2 }),
    minutesShort: fc.option(number),
  });
  const finding = fc.record({
    rule: text,
    code: text,
    severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    level: fc.constantFrom('entry' as const, 'month' as const),
    patientId: fc.option(text),
    month: fc.option(text),
    message: text,
    redactedMessage: fc.option(text, { nil: undefined }),
    fix: text,
    sources: fc.array(source, { minLength: 1, maxLength: 3 }),
    entryIds: fc.array(number, { maxLength: 3 }),
    fingerprint: text,
  });
  /** Each element's line of the report, without the `    ` and `,` around it. */
  const elementLines = (json: string, first: string) =>
    json
      .split('\n')
      .filter((l) => l.startsWith(`    {"${first}"`))
      .map((l) => l.slice(4).replace(/,$/, ''));

  it('writes each patient-month and finding as JSON.stringify wrote the object built for it', () => {
    fc.assert(
      fc.property(fc.array(patientMonth, { maxLength: 6 }), fc.array(finding, { maxLength: 6 }), fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }), (months, findings, shareDiagnoses) => {
        // The same diagnoses array on consecutive months, as billing shares it.
        for (let i = 1; i < months.length; i++) if (shareDiagnoses[i]) months[i]!.diagnoses = months[i - 1]!.diagnoses;
        const json = renderJson({ ...sampleResult(), patientMonths: months, findings });
        expect(elementLines(json, 'patientId')).toEqual(months.map((pm) => JSON.stringify(patientMonthObject(pm))));
        expect(elementLines(json, 'rule')).toEqual(findings.map((f) => JSON.stringify(findingObject(f))));
      }),
      { numRuns: 500 },
    );
  });
});
