import type { AuditResult } from '../audit-types.js';
import type { PatientMonth } from '../billing/types.js';
import { describeLocation } from '../errors.js';
import { patientMonthKey } from '../model/build.js';
import type { Finding } from '../rules/types.js';
import { CHUNK } from './chunk.js';

/** Findings that belong to no patient-month (a row without a patient id) get a test case of their own. */
export const NO_PATIENT_MONTH = { classname: 'ccm.inputs', name: 'rows without a patient-month' };

/**
 * junit.xml for CI dashboards: one test suite for the run, one test case per patient-month (classname =
 * patient id, name = month), one <failure> per blocking finding; the `failures` attribute counts failing test
 * cases, not <failure> elements. Blocking: every month-level error (it blocks the claim), and for a month that
 * is not billable the entry-level errors too (they took away the minutes it needed). A month not billable without any error is <skipped>: nothing to fix, too few minutes.
 * An already-billed month passes unless a month-level error stands on it: then its claim is at risk, a failure.
 * No timestamps or durations unless the audit has `generatedAt`, so the file is reproducible.
 */
export function renderJunit(result: AuditResult): string {
  return [...junitChunks(result)].join('');
}

/** junit.xml in chunks of about CHUNK characters, for writing a file without holding it as one string. */
export function* junitChunks(result: AuditResult): Generator<string> {
  const byMonth = new Map<string, Finding[]>();
  const orphans: Finding[] = [];
  for (const f of result.findings) {
    if (f.severity !== 'error') continue;
    if (f.patientId === null || f.month === null) orphans.push(f);
    else {
      const k = patientMonthKey(f.patientId, f.month);
      const list = byMonth.get(k);
      if (list) list.push(f);
      else byMonth.set(k, [f]);
    }
  }

  const cases = result.patientMonths.map((pm) => {
    const key = patientMonthKey(pm.patientId, pm.month);
    const errors = byMonth.get(key) ?? [];
    byMonth.delete(key);
    return { pm, failures: errors.filter((f) => f.level === 'month' || pm.status === 'not-billable') };
  });
  // Month-level errors on a month with no patient-month (CCM billed with no CCM time logged, unsupported-code):
  // a failing case of their own, or the CI gate would pass the least defensible claim. Entry-level ones left
  // here are other months' rows (date-outside-period), which fail no month of the audit.
  const unlogged = [...byMonth.values()]
    .map((list) => list.filter((f) => f.level === 'month'))
    .filter((list) => list.length > 0);
  // JUnit consumers read `failures` as failing test cases, not <failure> elements: a case with three blocking
  // findings is one failing test (it still lists a <failure> per finding).
  const failures = cases.filter((c) => c.failures.length > 0).length + unlogged.length + (orphans.length > 0 ? 1 : 0);
  const skipped = cases.filter((c) => c.failures.length === 0 && c.pm.status === 'not-billable').length;
  const tests = cases.length + unlogged.length + (orphans.length > 0 ? 1 : 0);

  const counts = `tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}"`;
  const timestamp = result.generatedAt === null ? '' : ` timestamp="${attr(result.generatedAt)}"`;
  const head = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="ccm" ${counts}>`,
    `  <testsuite name="ccm" ${counts}${timestamp}>`,
    '    <properties>',
    property('tool', `${result.tool.name} ${result.tool.version}`),
    property('period', result.period ?? ''),
    property('runDate', result.runDate),
    ...result.inputs.map((input) => property('input', input.file)),
    '    </properties>',
  ];
  // Lines collected in an array and joined per chunk: flat strings, not ropes of many small pieces.
  let lines = head;
  let size = 0;
  for (const { pm, failures: blocking } of cases) {
    for (const line of testCase(pm.patientId, pm.month, blocking, pm)) {
      lines.push(line);
      size += line.length;
    }
    if (size >= CHUNK) {
      yield `${lines.join('\n')}\n`;
      lines = [];
      size = 0;
    }
  }
  // Findings come sorted by patient then month, so these cases are in that order too.
  for (const list of unlogged) lines.push(...testCase(list[0]!.patientId!, list[0]!.month!, list));
  if (orphans.length > 0) lines.push(...testCase(NO_PATIENT_MONTH.classname, NO_PATIENT_MONTH.name, orphans));
  lines.push('  </testsuite>', '</testsuites>', '');
  yield lines.join('\n');
}

function property(name: string, value: string): string {
  return `      <property name="${attr(name)}" value="${attr(value)}"/>`;
}

function testCase(classname: string, name: string, failures: readonly Finding[], pm?: PatientMonth): string[] {
  const open = `    <testcase classname="${attr(classname)}" name="${attr(name)}"`;
  if (failures.length === 0 && pm?.status === 'not-billable') {
    const short = pm.minutesShort === null ? '' : `, ${pm.minutesShort} short of the lowest code`;
    return [open + '>', `      <skipped message="${attr(`not billable: ${pm.supportedMinutes} supported minutes${short}`)}"/>`, '    </testcase>'];
  }
  if (failures.length === 0) return [`${open}/>`];
  return [open + '>', ...failures.map(failure), '    </testcase>'];
}

function failure(f: Finding): string {
  const body = [`${f.code} ${f.rule}: ${f.message}`, `Fix: ${f.fix}`, `Rows: ${f.sources.map((s) => describeLocation(s)).join('; ')}`].join('\n');
  return `      <failure message="${attr(f.message)}" type="${attr(f.rule)}">${text(body)}</failure>`;
}

// XML 1.0 allows tab, LF, CR and U+0020 upward, minus surrogates (paired ones are fine) and U+FFFE/U+FFFF.
const NOT_XML = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

function text(value: string): string {
  return value.replace(NOT_XML, '\uFFFD').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values also escape quotes, and keep tab/newline/CR as references so parsers do not normalize them. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');
}
