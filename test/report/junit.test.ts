import { describe, expect, it } from 'vitest';
import { NO_PATIENT_MONTH, renderJunit } from '../../src/report/junit.js';
import { sampleResult, sampleResultWithClaimAtRisk } from './sample-result.js';

/** Tags balance, attributes are quoted, and `&` only starts an entity: enough to catch broken escaping. */
function expectWellFormed(xml: string): void {
  expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
  const stack: string[] = [];
  for (const [, close, name, attrs, selfClose] of xml.slice(xml.indexOf('?>') + 2).matchAll(/<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g)) {
    expect(attrs).not.toMatch(/[<>]/);
    if (close) expect(stack.pop()).toBe(name);
    else if (!selfClose) stack.push(name!);
  }
  expect(stack).toEqual([]);
  expect(xml.replace(/<(\/?)([\w:-]+)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>/g, '').replace(/<\?xml[^>]*\?>/, '')).not.toMatch(/[<>]/);
  expect(xml).not.toMatch(/&(?!(amp|lt|gt|quot|#\d+);)/);
}

function testCase(xml: string, classname: string, name: string): string {
  const start = xml.indexOf(`<testcase classname="${classname}" name="${name}"`);
  expect(start).toBeGreaterThanOrEqual(0);
  const selfClosed = xml.indexOf('/>', start);
  const closed = xml.indexOf('</testcase>', start);
  const nextOpen = xml.indexOf('>', start);
  return xml.slice(start, xml[nextOpen - 1] === '/' ? selfClosed + 2 : closed + '</testcase>'.length);
}

describe('renderJunit', () => {
  const xml = renderJunit(sampleResult());

  it('is well-formed and deterministic, with no timestamp by default', () => {
    expectWellFormed(xml);
    expect(renderJunit(sampleResult())).toBe(xml);
    expect(xml).not.toMatch(/timestamp=|time=/);
  });

  it('has one suite named ccm with a test case per patient-month and the counts', () => {
    expect(xml).toContain('<testsuite name="ccm" tests="5" failures="3" errors="0" skipped="0">');
    expect(xml.match(/<testcase /g)).toHaveLength(5);
  });

  it('an already-billed month passes: nothing to bill or fix', () => {
    expect(testCase(xml, 'B-88', '2026-10')).toBe('<testcase classname="B-88" name="2026-10"/>');
  });

  it('an already-billed month fails when an error puts its claim at risk', () => {
    const atRisk = renderJunit(sampleResultWithClaimAtRisk());
    expect(testCase(atRisk, 'B-88', '2026-10')).toContain('<failure ');
    expect(atRisk).toContain('<testsuite name="ccm" tests="5" failures="4" errors="0" skipped="0">');
  });

  it.each<[string, (result: ReturnType<typeof sampleResult>) => void, number, number]>([
    ['one failure per failing case', () => {}, 3, 3],
    [
      'a case with two blocking findings is one failing test',
      (result) => {
        const consent = result.findings.find((f) => f.rule === 'missing-consent')!;
        result.findings.push({ ...consent, rule: 'insufficient-chronic-conditions', fingerprint: 'f'.repeat(16) });
      },
      3,
      4,
    ],
    [
      'rows without a patient-month are one test case, however many errors',
      (result) => {
        const orphan = result.findings.find((f) => f.rule === 'invalid-row')!;
        result.findings.push({ ...orphan, sources: [{ file: 'extra.csv', sheet: null, row: 10 }] }, { ...orphan, sources: [{ file: 'extra.csv', sheet: null, row: 11 }] });
      },
      3,
      5,
    ],
  ])('failures counts failing test cases, not <failure> elements: %s', (_, change, failingCases, failureElements) => {
    const result = sampleResult();
    change(result);
    const out = renderJunit(result);
    expect(out.match(/<failure /g)).toHaveLength(failureElements);
    expect(out).toContain(`<testsuites name="ccm" tests="5" failures="${failingCases}" errors="0" skipped="0">`);
    expect(out).toContain(`<testsuite name="ccm" tests="5" failures="${failingCases}" errors="0" skipped="0">`);
  });

  it('a billable month passes even with a non-blocking entry error', () => {
    expect(testCase(xml, '00123', '2026-10')).toBe('<testcase classname="00123" name="2026-10"/>');
  });

  it('a blocked month fails with its month-level error, message and rows', () => {
    const blocked = testCase(xml, 'A-77', '2026-10');
    expect(blocked.match(/<failure /g)).toHaveLength(1);
    expect(blocked).toContain('type="missing-consent"');
    expect(blocked).toContain('Rows: export.xlsx, sheet "Log", row 20');
    expect(blocked).not.toContain('duplicate-entry');
  });

  it('entry errors in a blocked month are not its failures: the month-level error blocks it', () => {
    const result = sampleResult();
    result.findings.find((f) => f.rule === 'duplicate-entry')!.severity = 'error';
    const blocked = testCase(renderJunit(result), 'A-77', '2026-10');
    expect(blocked.match(/<failure /g)).toHaveLength(1);
    expect(blocked).toContain('type="missing-consent"');
  });

  it('a month not billable fails with the entry errors that took its minutes, escaped', () => {
    const notBillable = testCase(xml, '00456', '2026-10');
    expect(notBillable).toContain('<failure message="Minutes &quot;-2+3&quot; is not a duration." type="invalid-minutes">');
  });

  it('a month not billable without errors is skipped, with the minutes it lacks', () => {
    const result = sampleResult();
    result.findings = result.findings.filter((f) => f.patientId !== '00456');
    expect(testCase(renderJunit(result), '00456', '2026-10')).toContain('<skipped message="not billable: 15 supported minutes, 5 short of the lowest code"/>');
  });

  it('errors outside any patient-month get a test case of their own', () => {
    const orphans = testCase(xml, NO_PATIENT_MONTH.classname, NO_PATIENT_MONTH.name);
    expect(orphans).toContain('type="invalid-row"');
  });

  it('a month-level error on a month with no patient-month (CCM billed, no CCM time) fails a case of its own; entry ones do not', () => {
    const result = sampleResult();
    const consent = result.findings.find((f) => f.rule === 'missing-consent')!;
    const entryError = result.findings.find((f) => f.rule === 'invalid-minutes')!;
    result.findings.push(
      { ...consent, rule: 'unsupported-code', patientId: 'Z-9', month: '2026-09', message: 'CCM 99490 is billed for 2026-09, but the time log has no CCM time for the month.', fingerprint: 'e'.repeat(16) },
      { ...entryError, patientId: 'Z-9', month: '2026-08', fingerprint: 'd'.repeat(16) },
    );
    const out = renderJunit(result);
    expectWellFormed(out);
    expect(testCase(out, 'Z-9', '2026-09')).toContain('type="unsupported-code"');
    expect(out).not.toContain('name="2026-08"');
    expect(out).toContain('<testsuite name="ccm" tests="6" failures="4" errors="0" skipped="0">');
  });

  it('escapes markup and strips characters XML cannot hold', () => {
    const result = sampleResult();
    const f = result.findings.find((x) => x.rule === 'missing-consent')!;
    f.message = 'a <b> & "c" \u0007 \u001b[31m';
    result.generatedAt = '2026-11-03T10:00:00Z';
    const out = renderJunit(result);
    expectWellFormed(out);
    expect(out).toContain('message="a &lt;b&gt; &amp; &quot;c&quot; \uFFFD \uFFFD[31m"');
    expect(out).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
    expect(out).toContain('timestamp="2026-11-03T10:00:00Z"');
  });
});
