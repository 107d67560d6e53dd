/**
 * Workbooks saved by LibreOffice Calc (fixtures/formats/libreoffice, made by scripts/make-libreoffice-fixtures.sh)
 * audit exactly as the Excel-written demo does. Calc writes its own XML: other styles, number formats
 * (mm/dd/yy, hh:mm:ss AM/PM), shared strings and sheet properties, so this is the reader's check against a
 * second real spreadsheet program.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';

const DEMO = 'fixtures/demo/ccm-export-2026-10.xlsx';
const CALC = 'fixtures/formats/libreoffice';
const RUN = ['--month', '2026-10', '--run-date', '2026-11-15', '--fail-on', 'never', '--quiet'];

interface Report {
  inputs: { file: string; path: string; sha256: string; tables: { sheet: string | null; file: string }[] }[];
  patientMonths: unknown[];
  findings: { rule: string; severity: string; patientId: string | null; month: string | null; message: string; sources: { file: string; sheet: string | null; row: number }[] }[];
}

function audit(args: readonly string[]): { report: Report; out: string } {
  const out = tempDir();
  const r = ccm(['audit', ...args, ...RUN, '--out', out, '--format', 'json,csv']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { report: JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report, out };
}

/** A finding without the file and sheet names, which differ between the workbooks by design. */
const located = (f: Report['findings'][number]): string =>
  `${f.severity} ${f.rule} ${f.patientId} ${f.month} rows ${f.sources.map((s) => s.row).join(',')}`;

describe('workbooks saved by LibreOffice Calc', () => {
  const excel = audit([DEMO]);

  it('the demo re-saved by Calc gives the same report, claims and exceptions', () => {
    const calc = audit([join(CALC, 'demo-resaved.xlsx')]);
    const rename = (text: string): string => text.replaceAll('demo-resaved.xlsx', 'ccm-export-2026-10.xlsx');
    // Fingerprints hash the file name.
    const withoutInputs = (r: Report): unknown => ({
      ...r,
      inputs: r.inputs.map((i) => i.tables),
      findings: r.findings.map((f) => ({ ...f, fingerprint: undefined })),
    });
    expect(JSON.parse(rename(JSON.stringify(withoutInputs(calc.report))))).toEqual(withoutInputs(excel.report));
    expect(readFileSync(join(calc.out, 'claims.csv'), 'utf8')).toBe(readFileSync(join(excel.out, 'claims.csv'), 'utf8'));
    const rows = (out: string): string[] =>
      rename(readFileSync(join(out, 'exceptions.csv'), 'utf8'))
        .split('\r\n')
        .map((line) => line.replace(/,[0-9a-f]{16}$/, ''));
    expect(rows(calc.out)).toEqual(rows(excel.out));
  });

  it('a time log typed by Calc from CSV (its own date and time formats) gives the same months and findings', () => {
    const sheets = ['--consents', `${DEMO}#Consents`, '--diagnoses', `${DEMO}#Problem List`, '--services', `${DEMO}#Billed Services`, '--care-plans', `${DEMO}#Care Plans`];
    const calc = audit(['--time-log', join(CALC, 'time-log-typed.xlsx'), ...sheets]);
    expect(calc.report.patientMonths).toEqual(excel.report.patientMonths);
    expect(calc.report.findings.map(located).sort()).toEqual(excel.report.findings.map(located).sort());
  });
});
