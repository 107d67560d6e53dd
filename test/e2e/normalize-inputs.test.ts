/**
 * End-to-end checks of what the readers and normalizer accept, through the built CLI: labels, layouts and
 * cell formats that real exports produce.
 */
import ExcelJS from 'exceljs';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';
import { writeMergedTimeLog } from '../helpers/merged-workbook.js';
import { buildWorkbook, MAIN_NS, prefixed } from '../read/xlsx-compare.js';

interface Report {
  patientMonths: { patientId: string; month: string; status: string; loggedMinutes: number; supportedMinutes: number; blockedBy: string[] }[];
  findings: { rule: string; severity: string; patientId: string | null; message: string }[];
}

function write(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

function auditJson(args: readonly string[]): { code: number; report: Report; stderr: string } {
  const out = tempDir();
  const r = ccm(['audit', ...args, '--out', out, '--format', 'json', '--fail-on', 'warning', '--quiet']);
  const report = r.code === 2 ? ({ patientMonths: [], findings: [] } as Report) : (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report);
  return { code: r.code, report, stderr: r.stderr };
}

const NOTE = 'Reviewed A1c 9.1 and adjusted basal insulin dose; updated care plan goals';

describe('program labels', () => {
  const dir = tempDir();
  const time = write(dir, 'time.csv', [
    'Patient ID,Date,Staff,Credential,Minutes,Program,Note',
    `Q1,2025-03-03,Rita Nurse,RN,25,Chronic Care Management (CCM),${NOTE}`,
    `Q2,2025-03-03,Rita Nurse,RN,25,CCM - Chronic Care,${NOTE} for Q2`,
    `Q3,2025-03-03,Rita Nurse,RN,25,Care Management,${NOTE} for Q3`,
    `Q4,2025-03-03,Rita Nurse,RN,25,CCM 99490,${NOTE} for Q4`,
  ]);
  const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date', 'Q1,2025-01-02', 'Q2,2025-01-02', 'Q3,2025-01-02', 'Q4,2025-01-02']);

  it('counts labels that name CCM and reports the label that names no program, with its minutes', () => {
    const { code, report } = auditJson([time, consents]);
    expect(code).toBe(1);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.loggedMinutes}`)).toEqual(['Q1:25', 'Q2:25', 'Q4:25']);
    const unknown = report.findings.filter((f) => f.rule === 'unknown-program');
    expect(unknown.map((f) => f.patientId)).toEqual(['Q3']);
    expect(unknown[0]!.message).toContain('"Care Management"');
    expect(unknown[0]!.message).toContain('25 minutes');
  });

  it('a config `programs` map classifies the label', () => {
    const config = write(dir, 'ccm.config.json', [JSON.stringify({ programs: { 'Care Management': 'ccm' } })]);
    const { code, report } = auditJson([time, consents, '--config', config]);
    expect(code).toBe(0);
    expect(report.patientMonths.map((m) => m.patientId)).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
  });
});

describe('a 1904-system (Mac Excel) workbook', () => {
  it.each(['lean', 'exceljs'])('reads a [h]:mm duration as minutes with the %s reader', async (reader) => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Notes']);
    const row = ws.addRow(['C2', new Date(Date.UTC(2025, 2, 3)), 'Ann Lee', 'RN', 25 / 1440, NOTE]);
    row.getCell(2).numFmt = 'mm/dd/yyyy';
    row.getCell(5).numFmt = '[h]:mm';
    const path = join(tempDir(), 'mac.xlsx');
    await wb.xlsx.writeFile(path);
    const out = tempDir();
    const r = ccm(['audit', path, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet'], { env: { CCM_XLSX_READER: reader } });
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.findings.filter((f) => f.rule === 'invalid-minutes')).toEqual([]);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.loggedMinutes}`)).toEqual(['C2:25']);
  });
});

describe('months stacked in one sheet', () => {
  it('skips each month\'s title line and repeated header instead of reporting them as rows', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('CCM Log');
    const header = ['MRN', 'DOS', 'Staff', 'Credentials', 'Minutes', 'Notes'];
    ws.addRow(['Sunrise Family Medicine - CCM time log']);
    ws.addRow(['September 2026']);
    ws.addRow(header);
    ws.addRow(['3001', '9/3/2026', 'Nina Reyes', 'RN', 25, NOTE]);
    ws.addRow([]);
    ws.addRow(['October 2026']);
    ws.addRow(header);
    ws.addRow(['3001', '10/3/2026', 'Nina Reyes', 'RN', 21, `${NOTE} in October`]);
    ws.addRow(['Total', null, null, null, 46]);
    const path = join(tempDir(), 'stacked.xlsx');
    await wb.xlsx.writeFile(path);
    const out = tempDir();
    const r = ccm(['audit', path, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet']);
    expect(r.code).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      patientMonths: { patientId: string; month: string }[];
      findings: { rule: string }[];
      inputs: { tables: { records: number; rejected: number; skipped: Record<string, number> }[] }[];
    };
    expect(report.findings.filter((f) => f.rule === 'invalid-row')).toEqual([]);
    expect(report.inputs[0]!.tables[0]).toMatchObject({ records: 2, rejected: 0, skipped: { headings: 2, totals: 1, beforeHeader: 2 } });
    expect(report.patientMonths.map((m) => `${m.patientId} ${m.month}`)).toEqual(['3001 2026-09', '3001 2026-10']);
  });
});

describe('a problem list whose code column is headed "Code"', () => {
  const dir = tempDir();
  const time = write(dir, 'time.csv', ['Patient ID,Date,Staff,Credential,Minutes,Note', `K1,2025-03-03,Rita Nurse,RN,25,${NOTE}`]);
  const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date', 'K1,2025-01-02']);

  it('is read as diagnoses from its ICD-10 codes, so the chronic-condition rule runs', () => {
    const problems = write(dir, 'problems.csv', ['MRN,Code,Description,Date', 'K1,J06.9,Acute URI,2025-03-01']);
    const inspect = ccm(['inspect', problems]);
    expect(inspect.code).toBe(0);
    expect(inspect.stdout).toMatch(/diagnoses/);
    const { report } = auditJson([time, consents, problems]);
    expect(report.findings.map((f) => f.rule)).toContain('insufficient-chronic-conditions');
    expect(report.patientMonths.map((m) => m.status)).toEqual(['blocked']);
  });

  it('stops with one line asking to name the table when the codes do not tell', () => {
    const mixed = write(dir, 'mixed.csv', ['MRN,Code,Date', 'K1,J06.9,2025-03-01', 'K1,99490,2025-03-31']);
    const { code, stderr } = auditJson([time, consents, mixed]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^ccm: mixed\.csv: the "Code" column \(row 1\) could hold ICD-10 .* name the table with --diagnoses or --services.*\n$/);
    const named = auditJson([time, consents, '--diagnoses', mixed]);
    expect(named.code).not.toBe(2);
  });
});

describe('an entry crossing midnight', () => {
  it('11:50 PM to 12:15 AM is 25 minutes, for the minutes and for minutes-mismatch', () => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', [
      'Patient ID,Date,Staff,Credential,Start,Stop,Minutes,Note',
      `M1,2025-03-03,Rita Nurse,RN,11:50 PM,12:15 AM,,${NOTE}`,
      `M2,2025-03-04,Rita Nurse,RN,11:50 PM,12:15 AM,25,${NOTE} for M2`,
      `M3,2025-03-05,Rita Nurse,RN,10:00 AM,9:30 AM,,${NOTE} for M3`,
    ]);
    const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date', 'M1,2025-01-02', 'M2,2025-01-02', 'M3,2025-01-02']);
    const { report } = auditJson([time, consents]);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.loggedMinutes}`)).toEqual(['M1:25', 'M2:25', 'M3:0']);
    expect(report.findings.filter((f) => f.rule === 'minutes-mismatch')).toEqual([]);
    // A stop half an hour before the start is still a typing error.
    expect(report.findings.filter((f) => f.rule === 'invalid-minutes').map((f) => f.patientId)).toEqual(['M3']);
  });
});

describe("Excel's subtotal rows", () => {
  it.each(['lean', 'exceljs'])('are skipped as totals, not reported as invalid rows (%s reader)', async (reader) => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Notes']);
    ws.addRow(['20451', '3/3/2025', 'Rita Nurse', 'RN', 15, `${NOTE} 1`]);
    ws.addRow(['20451', '3/4/2025', 'Rita Nurse', 'RN', 10, `${NOTE} 2`]);
    ws.addRow(['20451 Total', null, null, null, { formula: 'SUBTOTAL(9,E2:E3)', result: 25 }, null]);
    ws.addRow(['20452', '3/3/2025', 'Rita Nurse', 'RN', 25, `${NOTE} 3`]);
    ws.addRow(['20452 Total', null, null, null, { formula: 'SUBTOTAL(9,E5:E5)', result: 25 }, null]);
    ws.addRow(['Grand Total', null, null, null, { formula: 'SUBTOTAL(9,E2:E6)', result: 50 }, null]);
    const path = join(tempDir(), 'subtotals.xlsx');
    await wb.xlsx.writeFile(path);
    const inspect = ccm(['inspect', path], { env: { CCM_XLSX_READER: reader } });
    expect(inspect.stdout).toMatch(/3 totals/);
    const out = tempDir();
    ccm(['audit', path, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet'], { env: { CCM_XLSX_READER: reader } });
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.findings.filter((f) => f.rule === 'invalid-row')).toEqual([]);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.loggedMinutes}`)).toEqual(['20451:25', '20452:25']);
  });
});

describe('credentials written as job titles', () => {
  it('"RN Care Manager" is clinical staff; "Front Desk/MA" is not assumed clinical', () => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', [
      'Patient ID,Date,Staff,Credential,Minutes,Note',
      `R1,2025-03-03,Rita Nurse,RN Care Manager,25,${NOTE}`,
      `R2,2025-03-03,Fay Desk,Front Desk/MA,25,${NOTE} for R2`,
    ]);
    const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date', 'R1,2025-01-02', 'R2,2025-01-02']);
    const { report } = auditJson([time, consents]);
    expect(report.findings.filter((f) => f.rule === 'missing-staff').map((f) => f.patientId)).toEqual(['R2']);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.status}`)).toEqual(['R1:billable', 'R2:not-billable']);
  });
});

describe('consent statuses read by their words', () => {
  const dir = tempDir();
  const statuses = ['Accepted', 'Patient declined', 'Refused CCM', 'Not interested', 'Did not consent', 'Opted out of CCM', 'Awaiting signature', 'Sent', 'Enrolled'];
  const time = write(dir, 'time.csv', [
    'Patient ID,Date,Staff,Credential,Minutes,Program,Note',
    ...statuses.map((_, i) => `S${i},2026-10-05,Rita Nurse,RN,25,CCM,${NOTE} for S${i}`),
  ]);
  const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date,Consent Status', ...statuses.map((s, i) => `S${i},2026-01-02,${s}`)]);
  const missing = (report: Report): string[] => report.findings.filter((f) => f.rule === 'missing-consent').map((f) => f.patientId ?? '');

  it('counts only an acceptance as consent, and names a status it does not read as consent', () => {
    const { report } = auditJson([time, consents]);
    expect(missing(report)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8']);
    const enrolled = report.findings.find((f) => f.rule === 'missing-consent' && f.patientId === 'S8')!;
    expect(enrolled.message).toContain('status "Enrolled", which is not read as consent');
    expect(enrolled.message).toContain('consentStatuses');
    expect(report.findings.find((f) => f.rule === 'missing-consent' && f.patientId === 'S6')!.message).toContain('"Awaiting signature": consent is not (or not yet) given');
  });

  it('a config `consentStatuses` map classifies an export\'s own wording', () => {
    const config = write(dir, 'ccm.config.json', [JSON.stringify({ consentStatuses: { enrolled: 'accepted' } })]);
    const { report } = auditJson([time, consents, '--config', config]);
    expect(missing(report)).toEqual(['S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7']);
  });
});

describe('diagnosis statuses read by their words', () => {
  it('counts only an active status, however its course is worded, and names one it cannot read', () => {
    const dir = tempDir();
    const statuses = ['Active', 'Not active', 'Closed', 'Discontinued', 'History of', 'In remission', 'See note'];
    // Active problems described by their course: each month is billable, none flagged.
    statuses.push('Active (no change)', 'Not controlled', 'Uncontrolled', 'Poorly controlled', 'Active - worsening', 'Chronic, stable', 'Chronic - not resolved');
    const time = write(dir, 'time.csv', [
      'Patient ID,Date,Staff,Credential,Minutes,Program,Note',
      ...statuses.map((_, i) => `D${i},2026-10-05,Rita Nurse,RN,25,CCM,${NOTE} for D${i}`),
    ]);
    const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date', ...statuses.map((_, i) => `D${i},2026-01-02`)]);
    const diagnoses = write(dir, 'diagnoses.csv', [
      'Patient ID,ICD-10 Code,Onset Date,Status',
      ...statuses.flatMap((s, i) => [`D${i},E11.9,2019-03-12,Active`, `D${i},I10,2018-06-01,${s}`]),
    ]);
    const { report } = auditJson([time, consents, diagnoses]);
    const flagged = report.findings.filter((f) => f.rule === 'insufficient-chronic-conditions');
    expect(flagged.map((f) => f.patientId)).toEqual(['D1', 'D2', 'D3', 'D4', 'D5', 'D6']);
    expect(flagged.at(-1)!.message).toContain('I10 (status "See note" not recognized)');
  });
});

describe('a refusal after an acceptance', () => {
  it('ends consent at the end of its month, until the patient consents again', () => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', [
      'Patient ID,Date,Staff,Credential,Minutes,Program,Note',
      ...['2026-05-05', '2026-06-05', '2026-07-05', '2026-10-05'].flatMap((d) => [`W1,${d},Rita Nurse,RN,25,CCM,${NOTE} ${d}`, `W2,${d},Rita Nurse,RN,25,CCM,${NOTE} ${d} W2`]),
    ]);
    const consents = write(dir, 'consents.csv', [
      'Patient ID,Consent Date,Consent Status',
      'W1,2026-03-01,Accepted',
      'W1,2026-06-01,Declined',
      'W2,2026-06-01,Declined',
      'W2,2026-03-01,Accepted',
      'W2,2026-09-15,Verbal consent',
    ]);
    const { report } = auditJson([time, consents]);
    const missing = report.findings.filter((f) => f.rule === 'missing-consent').map((f) => `${f.patientId}:${f.message.match(/covers (\d{4}-\d{2})/)?.[1]}`);
    expect(missing).toEqual(['W1:2026-07', 'W1:2026-10', 'W2:2026-07']);
    expect(report.findings.find((f) => f.rule === 'missing-consent')!.message).toContain('declined CCM on 2026-06-01 (consents.csv, row 3), after consenting');
  });

  it('makes time before the renewed consent unsupported, saying whether the patient declined or revoked', () => {
    const dir = tempDir();
    const patients = ['D1', 'R1', 'R2', 'R3'];
    const time = write(dir, 'time.csv', ['Patient ID,Date,Staff,Credential,Minutes,Program,Note', ...patients.map((p) => `${p},2026-10-05,Rita Nurse,RN,25,CCM,${NOTE} for ${p}`)]);
    const consents = write(dir, 'consents.csv', [
      'Patient ID,Consent Date,Consent Status,Revoked Date',
      'D1,2026-03-01,Accepted,',
      'R1,2026-03-01,Accepted,',
      'R2,2026-03-01,Accepted,',
      'R3,2026-03-01,Accepted,2026-06-01',
      'D1,2026-06-01,Patient declined,',
      'R1,2026-06-01,Revoked,',
      'R2,2026-06-01,Accepted,Yes',
      ...patients.map((p) => `${p},2026-10-20,Accepted,`),
    ]);
    const { report } = auditJson([time, consents]);
    const messages = new Map(report.findings.filter((f) => f.rule === 'service-before-consent').map((f) => [f.patientId, f.message]));
    expect([...messages.keys()]).toEqual(patients);
    expect(messages.get('D1')).toContain('after the patient declined CCM on 2026-06-01 (consents.csv, row 6) and before consenting again on 2026-10-20 (consents.csv, row 9)');
    expect(messages.get('R1')).toContain('after the patient revoked consent on 2026-06-01 (consents.csv, row 7)');
    // A revoked column without a date: the record is a revocation whatever its status says.
    expect(messages.get('R2')).toContain('after the patient revoked consent on 2026-06-01 (consents.csv, row 8)');
    expect(messages.get('R3')).toContain('after the patient revoked consent on 2026-06-01 (consents.csv, row 5)');
  });
});

describe('an XLSX MRN stored as a number with a zero-padding format', () => {
  it.each(['lean', 'exceljs'])('matches the consents CSV\'s 00123 with the %s reader', async (reader) => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Notes']);
    const row = ws.addRow([123, '10/05/2026', 'Ann Lee', 'RN', 25, NOTE]);
    row.getCell(1).numFmt = '00000';
    const path = join(dir, 'log.xlsx');
    await wb.xlsx.writeFile(path);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '00123,01/02/2026']);
    const out = tempDir();
    const r = ccm(['audit', path, consents, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet'], { env: { CCM_XLSX_READER: reader } });
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.findings.filter((f) => f.rule === 'missing-consent')).toEqual([]);
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.status}`)).toEqual(['00123:billable']);
  });
});

describe('a plain number in an XLSX minutes column', () => {
  it.each(['lean', 'exceljs'])('is minutes, as in a CSV; a [m]-formatted one is the minutes Excel shows (%s reader)', async (reader) => {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Notes']);
    ws.addRow(['H1', '10/05/2026', 'Ann Lee', 'RN', 0.5, NOTE]);
    ws.addRow(['H2', '10/05/2026', 'Ann Lee', 'RN', 25 / 1440, `${NOTE} H2`]).getCell(5).numFmt = '[m]';
    ws.addRow(['H3', '10/05/2026', 'Ann Lee', 'RN', '1/2 hour', `${NOTE} H3`]);
    const path = join(dir, 'log.xlsx');
    await wb.xlsx.writeFile(path);
    const out = tempDir();
    const r = ccm(['audit', path, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet'], { env: { CCM_XLSX_READER: reader } });
    expect(r.stderr).toBe('');
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.loggedMinutes}`)).toEqual(['H1:0.5', 'H2:25', 'H3:30']);
  });
});

describe('complexity markers', () => {
  it.each([
    ['99487', 'complex'],
    ['99489', 'complex'],
    ['Complex', 'complex'],
    ['', 'non-complex'],
  ])('a complexity column of %j bills the %s family', (marker, family) => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', ['MRN,DOS,Staff,Credentials,Minutes,Notes,Complexity', `K1,10/05/2026,Ann Lee,RN,130,${NOTE},${marker}`]);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', 'K1,01/02/2026']);
    const out = tempDir();
    ccm(['audit', time, consents, '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet']);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { patientMonths: { family: string }[] };
    expect(report.patientMonths.map((m) => m.family)).toEqual([family]);
  });
});

describe('values EHR exports write (explore4 #13, #09, #05)', () => {
  const patients = ['V1', 'V2'];
  const dir = tempDir();
  const time = write(dir, 'time.csv', [
    'Patient ID,Date,Staff,Credential,Minutes,Note,Billing NPI',
    ...patients.map((p) => `${p},2026-10-05,Rita Nurse,RN,45,${NOTE} for ${p},1234567893`),
  ]);
  const diagnoses = write(dir, 'diagnoses.csv', ['Patient ID,ICD-10 Code,Onset Date,Resolved Date', ...patients.flatMap((p) => [`${p},E11.9,Unknown,N/A`, `${p},I10,-,`])]);
  const rules = (report: Report, patientId: string): string[] => report.findings.filter((f) => f.patientId === patientId).map((f) => f.rule);

  it('N/A, - and Unknown in optional date cells are empty: consent and diagnoses count', () => {
    const consents = write(dir, 'consents.csv', ['Patient ID,Consent Date,Revoked Date,Status', 'V1,2025-01-10,N/A,Accepted', 'V2,2025-01-10,-,Accepted']);
    const { report } = auditJson([time, consents, diagnoses]);
    expect(report.findings).toEqual([]);
    expect(report.patientMonths.map((pm) => pm.status)).toEqual(['billable', 'billable']);
  });

  it('units written in the code cell ("99439 x2") are the units billed', () => {
    const consents = write(dir, 'consents2.csv', ['Patient ID,Consent Date', 'V1,2025-01-10', 'V2,2025-01-10']);
    const services = write(dir, 'services.csv', ['Patient ID,DOS,CPT,Units,NPI', 'V1,10/31/2026,99490,1,1234567893', 'V1,10/31/2026,99439 x2,,1234567893', 'V2,10/31/2026,99439 x2,1,1234567893']);
    const { report } = auditJson([time, consents, diagnoses, services]);
    expect(report.findings.find((f) => f.rule === 'unsupported-code' && f.patientId === 'V1')!.message).toContain('99439 ×2');
    expect(rules(report, 'V2')).toContain('invalid-row');
  });

  it('a care plan discontinued before the month is not in place', () => {
    const consents = write(dir, 'consents3.csv', ['Patient ID,Consent Date', 'V1,2025-01-10', 'V2,2025-01-10']);
    const plans = write(dir, 'care-plans.csv', ['Patient ID,Care Plan Date,Care Plan Status', 'V1,2025-01-15,Established', 'V1,2026-05-01,Discontinued', 'V2,2025-01-15,Established', 'V2,2026-09-01,Reviewed']);
    const { report } = auditJson([time, consents, diagnoses, plans]);
    expect(rules(report, 'V1')).toEqual(['missing-care-plan']);
    expect(report.findings[0]!.message).toContain('ended on 2026-05-01 (status "Discontinued")');
    expect(rules(report, 'V2')).toEqual([]);
  });
});

describe('billed services: the date of service and the claim status', () => {
  // October's CCM, billed at month end, went out on 11/03: read as the date of service, the export would say
  // November was billed and October would be claimed again (A01).
  async function inputs(): Promise<{ dir: string; time: string; consents: string }> {
    const dir = tempDir();
    return {
      dir,
      time: write(dir, 'time.csv', ['MRN,DOS,Staff,Credentials,Minutes,Notes', `9701,10/5/2026,Nina Reyes,RN,25,${NOTE}`]),
      consents: write(dir, 'consents.csv', ['MRN,Consent Date', '9701,2026-01-02']),
    };
  }

  it('a claim voided or reversed in the billing system bills nothing; a denied or pending one still does', async () => {
    const { dir } = await inputs();
    const time = write(dir, 'time2.csv', [
      'MRN,DOS,Staff,Credentials,Minutes,Notes',
      ...['9701', '9702', '9703', '9704'].map((id) => `${id},10/5/2026,Nina Reyes,RN,25,${NOTE} (${id})`),
    ]);
    const allConsents = write(dir, 'consents2.csv', ['MRN,Consent Date', ...['9701', '9702', '9703', '9704'].map((id) => `${id},2026-01-02`)]);
    const billed = write(dir, 'billed.csv', [
      'MRN,DOS,CPT Code,Units,Claim Status',
      '9701,10/31/2026,99490,1,Voided',
      '9702,10/31/2026,99490,1,Denied',
      '9703,10/31/2026,99490,1,Paid - reversed',
      '9704,10/31/2026,99490,1,Not voided',
    ]);
    const r = auditJson([time, allConsents, billed, '--month', '2026-10']);
    // Named as claims, not time entries, wherever withdrawn rows are counted.
    const terminal = ccm(['audit', time, allConsents, billed, '--month', '2026-10', '--out', join(dir, 'out2')]);
    expect(terminal.stdout).toMatch(/Rows left out[^\n]*\n {2}billed\.csv: 2 billed claims voided, reversed or cancelled \(column "Claim Status"\)/);
    expect(ccm(['inspect', billed]).stdout).toContain('skipped 2 voided, reversed or cancelled claims');
    expect(r.report.patientMonths.map((pm) => [pm.patientId, pm.status])).toEqual([
      ['9701', 'billable'],
      ['9702', 'billed'],
      ['9703', 'billable'],
      ['9704', 'billed'],
    ]);
  });

  it('a CSV with only a Billed Date stops the run, naming the column and why', async () => {
    const { dir, time, consents } = await inputs();
    const billed = write(dir, 'billed.csv', ['MRN,CPT Code,Units,Billed Date', '9701,99490,1,11/03/2026']);
    const r = auditJson([time, consents, billed, '--month', '2026-10']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccm: billed\.csv: the billed services has no date .*"Billed Date" is when the claim was sent, not its date of service/);
  });

  it.each(['lean', 'exceljs'])('a workbook sheet of billed services with only a Claim Date stops the run rather than be passed over (%s reader)', async (reader) => {
    const { dir, time, consents } = await inputs();
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Billed');
    sheet.addRow(['MRN', 'CPT Code', 'Units', 'Claim Date']);
    sheet.addRow(['9701', '99490', 1, '11/03/2026']);
    wb.addWorksheet('Notes').addRow(['Exported by the billing office']);
    const book = join(dir, 'billed.xlsx');
    await wb.xlsx.writeFile(book);
    const out = join(dir, 'out');
    const r = ccm(['audit', time, consents, book, '--month', '2026-10', '--out', out, '--quiet'], { env: { CCM_XLSX_READER: reader } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccm: billed\.xlsx, sheet "Billed": the billed services has no date .*"Claim Date" is when the claim was sent/);
    expect(existsSync(out)).toBe(false);
  });
});

describe('hidden sheets', () => {
  // A billing manager hides the sheet of voided entries: read as data, its minutes would be billed unseen.
  async function book(): Promise<{ dir: string; path: string; consents: string }> {
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    const header = ['MRN', 'DOS', 'Staff', 'Credentials', 'Minutes', 'Notes'];
    const log = wb.addWorksheet('Time Log');
    log.addRow(header);
    log.addRow(['9601', '10/5/2026', 'Nina Reyes', 'RN', 15, NOTE]);
    const voided = wb.addWorksheet('Voided entries', { state: 'veryHidden' });
    voided.addRow(header);
    voided.addRow(['9601', '10/6/2026', 'Nina Reyes', 'RN', 15, `${NOTE} (voided)`]);
    wb.addWorksheet('Lookup', { state: 'hidden' }).addRow(['Staff', 'Team']);
    const path = join(dir, 'book.xlsx');
    await wb.xlsx.writeFile(path);
    return { dir, path, consents: write(dir, 'consents.csv', ['MRN,Consent Date', '9601,2026-01-02']) };
  }

  it.each(['lean', 'exceljs'])('are not read unless named, and are named as hidden in report.json, the summary and inspect (%s reader)', async (reader) => {
    const { dir, path, consents } = await book();
    const env = { CCM_XLSX_READER: reader };
    const out = join(dir, 'out');
    const r = ccm(['audit', path, consents, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--format', 'json', '--fail-on', 'never'], { env });
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      patientMonths: { loggedMinutes: number }[];
      inputs: { tables: { sheet: string; kind: string | null; hidden: string | null; note: string | null }[] }[];
    };
    expect(report.patientMonths.map((m) => m.loggedMinutes)).toEqual([15]);
    expect(report.inputs[0]!.tables.map((t) => [t.sheet, t.kind, t.hidden])).toEqual([
      ['Time Log', 'timeLog', null],
      ['Voided entries', null, 'veryHidden'],
      ['Lookup', null, 'hidden'],
    ]);
    expect(report.inputs[0]!.tables[1]!.note).toMatch(/^very hidden sheet .*, not read: it holds a time log table/);
    expect(r.stdout).toMatch(/Sheets not read[^\n]*\n {2}book\.xlsx, sheet "Voided entries": very hidden sheet/);
    expect(ccm(['inspect', path], { env }).stdout).toContain('sheet "Voided entries" (veryHidden): skipped — very hidden sheet');

    // Named, it is read: the user chose to.
    const named = ccm(['audit', `${path}#Time Log`, `${path}#Voided entries`, consents, '--month', '2026-10', '--run-date', '2026-11-05', '--out', join(dir, 'named'), '--format', 'json', '--fail-on', 'never', '--quiet'], { env });
    expect(named.code, named.stderr).toBe(0);
    expect((JSON.parse(readFileSync(join(dir, 'named', 'report.json'), 'utf8')) as typeof report).patientMonths.map((m) => m.loggedMinutes)).toEqual([30]);
  });
});

describe('a time-log status column', () => {
  it('leaves out entries marked deleted, voided, cancelled or entered in error, and says how many', () => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', [
      'MRN,Date,Staff,Credential,Minutes,Note,Entry Status',
      `9601,2026-10-05,Rita Nurse,RN,15,${NOTE} a,Active`,
      `9601,2026-10-06,Rita Nurse,RN,15,${NOTE} b,Deleted`,
      `9601,2026-10-07,Rita Nurse,RN,15,${NOTE} c,Entered in error`,
      `9601,2026-10-08,Rita Nurse,RN,5,${NOTE} d,Billed`,
      `9601,2026-10-09,Rita Nurse,RN,5,${NOTE} e,`,
    ]);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '9601,2026-01-02']);
    const out = join(dir, 'out');
    const r = ccm(['audit', time, consents, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--format', 'json', '--fail-on', 'never']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as {
      patientMonths: { loggedMinutes: number }[];
      inputs: { tables: { records: number; skipped: { withdrawn: number }; columns: { field: string; header: string }[] }[] }[];
    };
    // Unrecognised and empty statuses keep their entry.
    expect(report.patientMonths.map((m) => m.loggedMinutes)).toEqual([25]);
    const table = report.inputs[0]!.tables[0]!;
    expect(table).toMatchObject({ records: 3, skipped: { withdrawn: 2 } });
    expect(table.columns).toContainEqual({ field: 'entryStatus', header: 'Entry Status', column: 'G' });
    expect(r.stdout).toMatch(/Rows left out[^\n]*\n {2}time\.csv: 2 entries marked deleted, voided, entered in error, duplicate or not to be billed \(column "Entry Status"\)/);
    expect(ccm(['inspect', time]).stdout).toContain('skipped 2 marked deleted, voided, entered in error, duplicate or not to be billed');
  });
});

describe('entry statuses that refuse billing, mark a duplicate, or are not read', () => {
  const dir = tempDir();
  const time = write(dir, 'time.csv', [
    'MRN,Date,Staff,Credential,Minutes,Note,Status',
    `9801,2026-10-02,Rita Nurse,RN,25,${NOTE} a,Complete`,
    `9801,2026-10-09,Rita Nurse,RN,20,${NOTE} b,DO NOT BILL - duplicate of 10/2`,
    `9801,2026-10-12,Rita Nurse,RN,20,${NOTE} c,Not a duplicate`,
    `9802,2026-10-05,Rita Nurse,RN,25,${NOTE} d,Signed`,
    `9802,2026-10-12,Rita Nurse,RN,10,${NOTE} e,Duplicate`,
    `9802,2026-10-13,Rita Nurse,RN,10,${NOTE} f,Entered in wrong chart`,
    `9802,2026-10-14,Rita Nurse,RN,10,${NOTE} g,Not billable`,
    `9803,2026-10-05,Rita Nurse,RN,25,${NOTE} h,QA hold`,
    `9803,2026-10-06,Rita Nurse,RN,20,${NOTE} i,Finalized`,
  ]);
  const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '9801,2026-01-02', '9802,2026-01-02', '9803,2026-01-02']);
  const args = [time, consents, '--month', '2026-10', '--run-date', '2026-11-05'];

  it('leaves out the refused and duplicate rows, and holds and names the minutes of a status it does not read', () => {
    const { report } = auditJson(args);
    expect(report.patientMonths.map((m) => [m.patientId, m.supportedMinutes])).toEqual([
      ['9801', 45],
      ['9802', 25],
      ['9803', 20],
    ]);
    const unknown = report.findings.filter((f) => f.rule === 'unknown-entry-status');
    expect(unknown.map((f) => [f.patientId, f.message])).toEqual([
      ['9803', 'Entry status "QA hold" is read neither as a finished entry nor as withdrawn, so the 25 minutes of 1 entry in 2026-10 (row 9) are not counted until it is classified.'],
    ]);
  });

  it('a config `entryStatuses` map settles a practice\'s own words', () => {
    const config = write(dir, 'ccm.config.json', [JSON.stringify({ entryStatuses: { 'QA hold': 'active', Signed: 'withdrawn' } })]);
    const { report } = auditJson([...args, '--config', config]);
    expect(report.patientMonths.map((m) => [m.patientId, m.supportedMinutes])).toEqual([
      ['9801', 45],
      ['9803', 45],
    ]);
    expect(report.findings.filter((f) => f.rule === 'unknown-entry-status')).toEqual([]);
  });
});

describe('an entry another export marks withdrawn', () => {
  it('is left out of the export that still holds it active, unless its own export holds it active too', () => {
    const dir = tempDir();
    const header = 'MRN,Date,Staff,Credential,Minutes,Note,Status';
    // October's export has the entry; November's repeats it, voided since. Both exports hold a second entry
    // twice, active and voided (a duplicate voided in the EHR): the entry stays, counted once.
    const twice = [`9702,2026-10-06,Rita Nurse,RN,25,${NOTE} b,Active`, `9702,2026-10-06,Rita Nurse,RN,25,${NOTE} b,Voided`];
    const october = write(dir, 'exp-oct.csv', [header, `9701,2026-10-05,Rita Nurse,RN,25,${NOTE} a,Active`, ...twice]);
    const november = write(dir, 'exp-nov.csv', [header, `9701,2026-10-05,Rita Nurse,RN,25,${NOTE} a,Voided`, ...twice, `9701,2026-11-03,Rita Nurse,RN,25,${NOTE} c,Active`]);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '9701,2026-01-02', '9702,2026-01-02']);
    const out = join(dir, 'out');
    const r = ccm(['audit', october, november, consents, '--run-date', '2026-12-05', '--out', out, '--format', 'json', '--fail-on', 'never', '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.patientMonths.map((m) => [m.patientId, m.month, m.loggedMinutes])).toEqual([
      ['9701', '2026-11', 25],
      ['9702', '2026-10', 25],
    ]);
    expect(report.findings.filter((f) => f.rule === 'duplicate-entry').map((f) => [f.patientId, f.message.split(';')[0]!.split(':')[0]])).toEqual([
      ['9701', 'Row 2 is the entry exp-nov.csv, row 2 marks withdrawn (deleted, voided, entered in error, a duplicate, do not bill)'],
      ['9702', 'Row 3 repeats exp-oct.csv, row 3 exactly (same patient, date, program, staff, start, minutes and note)'],
    ]);
  });
});

describe('a revocation typed without the MRN\'s leading zero in a consent log holding both spellings (explore10 B03)', () => {
  it('holds the month after it with an error naming both spellings, and warns of the kept-apart ids; the same revocation spelled with the zero blocks it too', () => {
    const dir = tempDir();
    const time = write(dir, 'tl.csv', ['MRN,Date,Staff,Credentials,Minutes,Note,Program,Billing NPI', `01234,11/05/2026,Rita Nurse,RN,25,${NOTE},CCM,1234567893`]);
    const dx = write(dir, 'dx.csv', ['MRN,ICD-10 Code,Onset Date', '01234,I10,01/01/2020', '01234,E11.9,01/01/2020']);
    const month = ['--month', '2026-11', '--run-date', '2026-12-05'];
    for (const revoked of ['1234', '01234']) {
      const consents = write(dir, `consents-${revoked}.csv`, ['MRN,Consent Date,Consent Status', '01234,01/15/2026,Accepted', `${revoked},10/02/2026,Revoked - patient opted out of CCM`]);
      const { report } = auditJson([time, consents, dx, ...month]);
      expect(report.patientMonths.map((m) => [m.patientId, m.status])).toEqual([['01234', 'blocked']]);
      if (revoked === '01234') continue;
      expect(report.findings.filter((f) => f.rule === 'id-leading-zeros').map((f) => [f.severity, f.message.split(',')[0]])).toEqual([
        ['warning', 'Patient ids 01234'],
        ['error', 'Consent is refused or revoked under patient id 1234 (consents-1234.csv'],
      ]);
      expect(report.patientMonths[0]!.blockedBy).toEqual(['id-leading-zeros']);
    }
  });
});

describe('an entry a later export voids in another version (explore10 B02)', () => {
  it('is held with an error naming both rows, not billed: the later export has no Start column, or zeroes a voided entry\'s minutes', () => {
    const dir = tempDir();
    const october = write(dir, 'oct.csv', [
      'MRN,Date,Start Time,Staff,Credentials,Minutes,Note,Status',
      `9711,10/05/2026,09:00,Rita Nurse,RN,22,${NOTE} a,Signed`,
      `9712,10/06/2026,,Rita Nurse,RN,22,${NOTE} b,Signed`,
    ]);
    const november = write(dir, 'nov.csv', [
      'MRN,Date,Staff,Credentials,Minutes,Note,Status',
      `9711,10/05/2026,Rita Nurse,RN,22,${NOTE} a,Voided`,
      `9712,10/06/2026,Rita Nurse,RN,0,${NOTE} b,Voided`,
    ]);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '9711,2026-01-02', '9712,2026-01-02']);
    const { report } = auditJson([october, november, consents, '--month', '2026-10', '--run-date', '2026-11-05']);
    expect(report.patientMonths.map((m) => [m.patientId, m.status, m.supportedMinutes])).toEqual([
      ['9711', 'not-billable', 0],
      ['9712', 'not-billable', 0],
    ]);
    expect(report.findings.filter((f) => f.rule === 'conflicting-copies').map((f) => [f.patientId, f.severity, f.message.split(':')[0]])).toEqual([
      ['9711', 'error', 'oct.csv, row 2 holds an entry that nov.csv, row 2 marks withdrawn (deleted, voided, entered in error) in another version (22 min from 09'],
      ['9712', 'error', 'oct.csv, row 3 holds an entry that nov.csv, row 3 marks withdrawn (deleted, voided, entered in error) in another version (22 min; 0 min; same patient, date, staff, program and note)'],
    ]);
  });
});

describe('an entry two overlapping exports hold with different minutes', () => {
  it('is counted in neither until a person checks, with an error naming both rows; one export alone is unaffected', () => {
    const dir = tempDir();
    const header = 'MRN,Date,Staff,Credential,Minutes,Note';
    // Last month's export (run 10/02) already holds the 10/01 entry; this month's holds it again, its minutes
    // corrected from 20 to 25. The same note twice within one export stays two entries (cloned-note's).
    const september = write(dir, 'export-2026-10-02.csv', [header, `9901,2026-10-01,Rita Nurse,RN,20,${NOTE} a`]);
    const october = write(dir, 'export-2026-11-02.csv', [header, `9901,2026-10-01,Rita Nurse,RN,25,${NOTE} a`, `9901,2026-10-20,Rita Nurse,RN,10,${NOTE} b`, `9902,2026-10-05,Rita Nurse,RN,20,${NOTE} c`, `9902,2026-10-05,Rita Nurse,RN,15,${NOTE} c`]);
    const consents = write(dir, 'consents.csv', ['MRN,Consent Date', '9901,2026-01-02', '9902,2026-01-02']);
    const month = ['--month', '2026-10', '--run-date', '2026-11-05'];
    const { report } = auditJson([september, october, consents, ...month]);
    expect(report.patientMonths.map((m) => [m.patientId, m.loggedMinutes, m.supportedMinutes])).toEqual([
      ['9901', 55, 10],
      ['9902', 35, 35],
    ]);
    expect(report.findings.filter((f) => f.rule === 'conflicting-copies').map((f) => [f.patientId, f.message])).toEqual([
      [
        '9901',
        'Row 2 and export-2026-11-02.csv, row 2 hold one entry (same patient, date, staff, program and note) in 2 inputs with different versions (20 min; 25 min): likely edited between exports, so none of their 45 minutes counts until the log holds it once.',
      ],
    ]);
    const alone = auditJson([october, consents, ...month]).report;
    expect(alone.findings.filter((f) => f.rule === 'conflicting-copies')).toEqual([]);
    expect(alone.patientMonths.map((m) => [m.patientId, m.supportedMinutes])).toEqual([
      ['9901', 35],
      ['9902', 35],
    ]);
  });
});

describe('MRN and name merged down each patient\'s rows', () => {
  it('audits every row under its patient, with no invalid-row findings, with either XLSX reader', async () => {
    const path = await writeMergedTimeLog();
    for (const reader of ['lean', 'exceljs']) {
      const out = tempDir();
      const r = ccm(['audit', path, '--out', out, '--format', 'json', '--quiet'], { env: { CCM_XLSX_READER: reader } });
      expect(r.stderr).toBe('');
      const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
      expect(report.findings.filter((f) => f.rule === 'invalid-row')).toEqual([]);
      expect(report.patientMonths.map((m) => [m.patientId, m.loggedMinutes])).toEqual([
        ['10045', 21],
        ['10046', 21],
      ]);
    }
    const inspected = ccm(['inspect', path]);
    expect(inspected.stdout).toContain('rows: 6 read, 0 unreadable');
    expect(inspected.stdout).toContain('merged cells filled down: 3 ranges');
  });
});

describe('merged minutes and a subtotal row inside a merged MRN', () => {
  const N = 'Reviewed insulin titration and podiatry referral arrangements with patient';
  async function writeLog(dir: string, rows: readonly (readonly (string | number | null)[])[], merges: readonly string[]): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const ws = workbook.addWorksheet('Log');
    ws.addRow(['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note', 'Billing NPI']);
    for (const r of rows) ws.addRow([...r]);
    for (const m of merges) ws.mergeCells(m);
    const path = join(dir, 'log.xlsx');
    await workbook.xlsx.writeFile(path);
    return path;
  }
  function chart(dir: string, ids: readonly string[]): string[] {
    return [
      write(dir, 'consents.csv', ['MRN,Consent Date', ...ids.map((id) => `${id},2025-01-10`)]),
      write(dir, 'dx.csv', ['MRN,ICD-10 Code', ...ids.flatMap((id) => [`${id},E11.9`, `${id},I10`])]),
      write(dir, 'careplans.csv', ['MRN,Care Plan Date', ...ids.map((id) => `${id},2025-01-15`)]),
    ];
  }
  const month = ['--month', '2026-10', '--run-date', '2026-11-05', '--format', 'csv', '--quiet'];

  it('bills the minutes merged over three rows once (25, 99490 alone), not once per row (75, 99490 + 99439)', async () => {
    const dir = tempDir();
    const log = await writeLog(
      dir,
      [
        ['1001', '2026-10-03', 'Rita Nurse', 'RN', 25, `${N} a`, '1234567893'],
        [null, '2026-10-10', 'Rita Nurse', 'RN', null, `${N} b`, '1234567893'],
        [null, '2026-10-17', 'Rita Nurse', 'RN', null, `${N} c`, '1234567893'],
      ],
      ['A2:A4', 'E2:E4'],
    );
    for (const reader of ['lean', 'exceljs']) {
      const out = tempDir();
      ccm(['audit', log, ...chart(dir, ['1001']), '--out', out, ...month], { env: { CCM_XLSX_READER: reader } });
      const [header, ...lines] = readFileSync(join(out, 'claims.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
      const columns = header!.split(',');
      const claims = lines.map((l) => l.split(','));
      const at = (name: string) => columns.indexOf(name);
      expect(claims.map((c) => [c[at('patient_id')], c[at('code')], c[at('units')], c[at('supported_minutes')]])).toEqual([['1001', '99490', '1', '25']]);
    }
    const inspected = ccm(['inspect', log]).stdout;
    expect(inspected).toContain('merged cells filled down: 1 range (');
    expect(inspected).toContain('merged cells not filled down: 1 range (minutes, units, times, codes, notes, start dates: read once, in the range\'s top row)');
  });

  it('keeps an unlabeled subtotal row inside a patient\'s merged MRN a totals row: no invalid-row findings', async () => {
    const dir = tempDir();
    const log = await writeLog(
      dir,
      [
        ['1001', '2026-10-03', 'Rita Nurse', 'RN', 15, `${N} a`, '1234567893'],
        [null, '2026-10-10', 'Rita Nurse', 'RN', 10, `${N} b`, '1234567893'],
        [null, null, null, null, 25, null, null],
        ['1002', '2026-10-03', 'Rita Nurse', 'RN', 22, `${N} c`, '1234567893'],
        [null, null, null, null, 22, null, null],
      ],
      ['A2:A4', 'A5:A6'],
    );
    for (const reader of ['lean', 'exceljs']) {
      const out = tempDir();
      const r = ccm(['audit', log, ...chart(dir, ['1001', '1002']), '--out', out, ...month], { env: { CCM_XLSX_READER: reader } });
      expect(r.code).toBe(0);
      expect(readFileSync(join(out, 'exceptions.csv'), 'utf8')).not.toContain('invalid-row');
    }
    expect(ccm(['inspect', log]).stdout).toContain('rows: 3 read, 0 unreadable, skipped 2 totals');
  });
});

describe('a status merged down a problem list or a consent log', () => {
  // Excel shows "Resolved" and "Declined" on every row of their range; read in the top row only, the rows below
  // would have no status, an active problem and an accepted consent, and both months would be claimed.
  async function writeBook(dir: string): Promise<string> {
    const workbook = new ExcelJS.Workbook();
    const sheet = (name: string, rows: readonly (readonly (string | number | null)[])[], merges: readonly string[] = []) => {
      const ws = workbook.addWorksheet(name);
      for (const r of rows) ws.addRow([...r]);
      for (const m of merges) ws.mergeCells(m);
    };
    sheet('Log', [
      ['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note', 'Billing NPI'],
      ['1001', '2026-10-03', 'Rita Nurse', 'RN', 25, `${NOTE} a`, '1234567893'],
      ['1002', '2026-10-03', 'Rita Nurse', 'RN', 25, `${NOTE} b`, '1234567893'],
    ]);
    sheet(
      'Problems',
      [
        ['MRN', 'ICD-10 Code', 'Status'],
        ['1001', 'E11.9', 'Active'],
        ['1001', 'I10', 'Resolved'],
        ['1001', 'J45.909', null],
        ['1001', 'N18.30', null],
        ['1002', 'E11.9', 'Active'],
        ['1002', 'I10', 'Active'],
      ],
      ['A2:A5', 'C3:C5'],
    );
    sheet(
      'Consents',
      [
        ['MRN', 'Consent Date', 'Consent Status'],
        ['1001', '2025-01-10', 'Accepted'],
        ['1002', '2025-01-10', 'Accepted'],
        ['1002', '2026-06-01', 'Declined'],
        ['1002', '2026-08-01', null],
      ],
      ['C4:C5'],
    );
    sheet('Plans', [
      ['MRN', 'Care Plan Date'],
      ['1001', '2025-01-10'],
      ['1002', '2025-01-10'],
    ]);
    const path = join(dir, 'book.xlsx');
    await workbook.xlsx.writeFile(path);
    return path;
  }

  it.each(['lean', 'exceljs'])('blocks both months and writes no claim (%s reader)', async (reader) => {
    const book = await writeBook(tempDir());
    const out = tempDir();
    const r = ccm(['audit', book, '--out', out, '--month', '2026-10', '--run-date', '2026-11-05', '--format', 'json,csv', '--quiet'], { env: { CCM_XLSX_READER: reader } });
    expect(r.code).toBe(1);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as Report;
    expect(report.patientMonths.map((pm) => [pm.patientId, pm.status, pm.blockedBy])).toEqual([
      ['1001', 'blocked', ['insufficient-chronic-conditions']],
      ['1002', 'blocked', ['missing-consent']],
    ]);
    expect(readFileSync(join(out, 'claims.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/)).toHaveLength(1);
  });
});

describe('a billed-services workbook written with namespace prefixes (.NET Open XML SDK)', () => {
  it('is read: the month already billed there is billed, not claimed a second time', () => {
    const dir = tempDir();
    const time = write(dir, 'time.csv', ['MRN,Date,Staff,Credential,Minutes,Note,Billing NPI', `1001,2026-10-03,Rita Nurse,RN,45,${NOTE},1234567893`]);
    const cell = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
    const sheet =
      `<worksheet xmlns="${MAIN_NS}"><sheetData>` +
      `<row r="1">${['MRN', 'Date of Service', 'CPT Code', 'Units', 'Billing NPI'].map((h, i) => cell(`${'ABCDE'[i]}1`, h)).join('')}</row>` +
      `<row r="2">${cell('A2', '1001')}${cell('B2', '2026-10-31')}${cell('C2', '99490')}<c r="D2"><v>1</v></c>${cell('E2', '1234567893')}</row>` +
      '</sheetData></worksheet>';
    const workbook = `<workbook xmlns="${MAIN_NS}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Billed" sheetId="1" r:id="rId1"/></sheets></workbook>`;
    const billed = join(dir, 'billed.xlsx');
    writeFileSync(billed, buildWorkbook({ sheets: [{ name: 'Billed', whole: true, data: prefixed(sheet) }], override: { 'xl/workbook.xml': prefixed(workbook) } }));
    const chart = [
      write(dir, 'consents.csv', ['MRN,Consent Date', '1001,2025-01-10']),
      write(dir, 'dx.csv', ['MRN,ICD-10 Code', '1001,E11.9', '1001,I10']),
      write(dir, 'careplans.csv', ['MRN,Care Plan Date', '1001,2025-01-15']),
    ];
    const { report, stderr } = auditJson([time, billed, ...chart, '--month', '2026-10', '--run-date', '2026-11-05', '--fail-on', 'never']);
    expect(stderr).toBe('');
    expect(report.patientMonths.map((m) => `${m.patientId}:${m.status}`)).toEqual(['1001:billed']);
    expect(ccm(['inspect', billed]).stdout).toContain('rows: 1 read, 0 unreadable');
  });
});
