/**
 * Rows hidden in Excel, end to end: a hand-kept log voids a row by hiding it (Home > Format > Hide Rows), and its
 * minutes must not be billed unseen; a row an AutoFilter hides is data, read and counted.
 */
import ExcelJS from 'exceljs';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';
import { buildWorkbook, MAIN_NS } from '../read/xlsx-compare.js';

const RUN = ['--month', '2026-10', '--run-date', '2026-11-05'];
const NOTE = 'Reviewed home BP log, called pt re amlodipine dose, updated care plan goal';
const LOG = [
  ['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Notes', 'Billing NPI'],
  ['30001', '10/02/2026', 'Maria Lopez', 'RN', 15, NOTE, '1234567893'],
  ['30001', '10/09/2026', 'Maria Lopez', 'RN', 10, `Glucose log reviewed with pt, metformin timing counselled (VOID - wrong pt)`, '1234567893'],
];
const OTHERS: [string, (string | number)[][]][] = [
  ['Consents', [['MRN', 'Consent Date'], ['30001', '01/05/2026']]],
  ['Problems', [['MRN', 'ICD-10'], ['30001', 'I10'], ['30001', 'E11.9']]],
  ['Care Plans', [['MRN', 'Care Plan Date'], ['30001', '01/10/2026']]],
];

/** The repro's workbook, as Excel users void a row: row 3 struck through and hidden. */
async function voidedByHiding(): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const ws = workbook.addWorksheet('Time Log');
  for (const r of LOG) ws.addRow(r);
  ws.getRow(3).hidden = true;
  ws.getRow(3).font = { strike: true };
  for (const [name, rows] of OTHERS) workbook.addWorksheet(name).addRows(rows);
  const path = join(tempDir('ccm-hidden-'), 'log.xlsx');
  await workbook.xlsx.writeFile(path);
  return path;
}

/** A worksheet part of inline strings and numbers; `rowAttributes` per row number, `tail` after the rows. */
function sheetPart(rows: readonly (readonly (string | number)[])[], rowAttributes: Record<number, string> = {}, tail = ''): string {
  const cell = (ref: string, v: string | number) => (typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${v}</t></is></c>`);
  const data = rows.map((r, i) => `<row r="${i + 1}"${rowAttributes[i + 1] ? ` ${rowAttributes[i + 1]}` : ''}>${r.map((v, j) => cell(`${'ABCDEFG'[j]}${i + 1}`, v)).join('')}</row>`).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}"><sheetData>${data}</sheetData>${tail}</worksheet>`;
}

/** The same log filtered to the minutes over 12 (Data > Filter): Excel hides row 3 for the filter. */
function filtered(): string {
  const filter = '<autoFilter ref="A1:G3"><filterColumn colId="4"><customFilters><customFilter operator="greaterThan" val="12"/></customFilters></filterColumn></autoFilter>';
  const sheets = [{ name: 'Time Log', data: sheetPart(LOG, { 3: 'hidden="1"' }, filter), whole: true }, ...OTHERS.map(([name, rows]) => ({ name, data: sheetPart(rows), whole: true }))];
  const path = join(tempDir('ccm-filtered-'), 'log.xlsx');
  writeFileSync(path, buildWorkbook({ sheets }));
  return path;
}

function audit(path: string, env: Record<string, string> = {}) {
  const out = join(tempDir(), 'out');
  const r = ccm(['audit', path, ...RUN, '--out', out, '--no-color'], { env });
  const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
  return { r, report, claims: readFileSync(join(out, 'claims.csv'), 'utf8').trim().split(/\r?\n/) };
}

describe('a time-log row hidden by hand', () => {
  it.each(['lean', 'exceljs'])('is not billed, and the summary, report.json and inspect say where it is (%s reader)', async (reader) => {
    const path = await voidedByHiding();
    const env = { CCM_XLSX_READER: reader };
    const { r, report, claims } = audit(path, env);
    expect(r.code).toBe(0);
    // 15 visible minutes: not billable. Before, the hidden 10 made 25 and a 99490 went to claims.csv.
    expect(claims).toHaveLength(1);
    expect(report.patientMonths[0]).toMatchObject({ patientId: '30001', status: 'not-billable', loggedMinutes: 15 });
    const log = report.inputs[0].tables[0];
    expect(log).toMatchObject({ sheet: 'Time Log', rowsRead: 2, records: 1, hiddenRows: { byHand: 1, byHandRows: [3], filtered: 0, collapsed: 0, leftOut: 1 } });
    expect(report.inputs[0].tables.slice(1).map((t: { hiddenRows: unknown }) => t.hiddenRows)).toEqual([null, null, null]);
    expect(r.stdout).toContain('Rows hidden in Excel');
    expect(r.stdout).toContain('log.xlsx, sheet "Time Log": 1 row hidden by hand (row 3), left out (unhide a row if it counts, or delete it)');

    const inspect = ccm(['inspect', path], { env });
    expect(inspect.stdout).toContain('rows: 1 read, 0 unreadable\n');
    expect(inspect.stdout).toContain('hidden rows: 1 row hidden by hand (row 3), left out (unhide a row if it counts, or delete it)');
  });
});

describe('a time-log row an AutoFilter hides', () => {
  it.each(['lean', 'exceljs'])('is data: billed, and counted as filtered (%s reader)', (reader) => {
    const path = filtered();
    const { r, report, claims } = audit(path, { CCM_XLSX_READER: reader });
    expect(r.code).toBe(0);
    expect(claims).toHaveLength(2);
    expect(claims[1]).toContain('30001,,2026-10,2026-10-31,99490,1,25,');
    expect(report.patientMonths[0]).toMatchObject({ status: 'billable', loggedMinutes: 25 });
    expect(report.inputs[0].tables[0].hiddenRows).toEqual({ byHand: 0, byHandRows: [], filtered: 1, collapsed: 0, leftOut: 0 });
    expect(r.stdout).toContain('log.xlsx, sheet "Time Log": 1 row hidden by the AutoFilter, read');
  });
});
