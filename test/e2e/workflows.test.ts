import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';

const DEMO = 'fixtures/demo/ccm-export-2026-10.xlsx';
const RUN = ['--month', '2026-10', '--run-date', '2026-11-15'];

function report(out: string) {
  return JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
}

/** A small practice month as CSVs: one patient with CCM time and a TCM stay, plus its billed services. */
function practice(services: string): string {
  const dir = tempDir();
  writeFileSync(
    join(dir, 'time_log.csv'),
    [
      'MRN,DOS,Staff,Credentials,Minutes,Program,Notes,Billing NPI',
      '30001,10/2/2026,Maria Lopez,RN,30,TCM,Post-discharge call day 2: weights stable; meds reconciled; visit booked 10/8,1234567893',
      '30001,10/20/2026,Maria Lopez,RN,25,CCM,Updated heart failure care plan: 2 g sodium limit; daily weights; call if gain over 2 lb,1234567893',
    ].join('\r\n'),
  );
  writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\r\n30001,9/1/2026\r\n');
  writeFileSync(join(dir, 'problems.csv'), 'MRN,ICD-10 Code\r\n30001,I50.9\r\n30001,N18.30\r\n');
  writeFileSync(join(dir, 'services.csv'), `MRN,DOS,CPT Code,Billing NPI\r\n${services}`);
  return dir;
}

function auditPractice(dir: string, extra: string[] = []) {
  const out = join(dir, 'out');
  const files = ['time_log.csv', 'consents.csv', 'problems.csv', 'services.csv'].map((f) => join(dir, f));
  const r = ccm(['audit', ...files, ...RUN, '--out', out, '--quiet', ...extra]);
  return { r, report: report(out) };
}

describe('same-month services (issue: TCM is not G0181)', () => {
  it('bills CCM in a month with TCM 99495 by the same practitioner', () => {
    const { r, report: rep } = auditPractice(practice('30001,10/8/2026,99495,1234567893\r\n'));
    expect(r.code).toBe(0);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billable', loggedMinutes: 25, lines: [{ code: '99490', units: 1 }] });
    expect(rep.findings.map((f: { rule: string }) => f.rule)).not.toContain('incompatible-service');
  });

  it('blocks the same month when the practitioner also billed G0181', () => {
    const { r, report: rep } = auditPractice(practice('30001,10/31/2026,G0181,1234567893\r\n'));
    expect(r.code).toBe(1);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'blocked', blockedBy: ['incompatible-service'] });
  });

  it('only warns when another practitioner billed G0181', () => {
    const { r, report: rep } = auditPractice(practice('30001,10/31/2026,G0181,1245319599\r\n'));
    expect(r.code).toBe(0);
    expect(rep.patientMonths[0].status).toBe('billable');
    expect(rep.findings).toEqual([expect.objectContaining({ rule: 'incompatible-service', severity: 'warning' })]);
  });
});

describe('junit.xml', () => {
  it('failures counts failing test cases: one month with two blocking findings is one failure', () => {
    // G0181 by the same practitioner (incompatible-service) and CCM under another NPI (multiple-billing-practitioners).
    const dir = practice('30001,10/31/2026,G0181,1234567893\r\n30001,10/31/2026,99490,1245319599\r\n');
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(1);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', blockedBy: ['incompatible-service', 'multiple-billing-practitioners'] });
    const junit = readFileSync(join(dir, 'out', 'junit.xml'), 'utf8');
    expect(junit.match(/<failure /g)).toHaveLength(2);
    expect(junit).toContain('<testsuite name="ccm" tests="1" failures="1" errors="0" skipped="0">');
  });
});

describe('months already billed (R-OIG-2019, R-OIG-2021: CCM billed twice for a beneficiary-month)', () => {
  it.each([
    ['99490 under the same NPI', '30001,10/31/2026,99490,1234567893\r\n'],
    ['99490 without an NPI', '30001,10/31/2026,99490,\r\n'],
  ])('%s: status billed, no claim line, its own row in the summary', (_, services) => {
    const dir = practice(services);
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(0);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', lines: [{ code: '99490', units: 1 }] });
    expect(rep.summary.patientMonths).toMatchObject({ billable: 0, billed: 1 });
    expect(rep.summary.estimatedRevenue).toMatchObject({ ready: 0, billed: 66.13 });
    expect(readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1); // the header only
    expect(readFileSync(join(dir, 'out', 'junit.xml'), 'utf8')).toContain('<testcase classname="30001" name="2026-10"/>');
    const files = ['time_log.csv', 'consents.csv', 'problems.csv', 'services.csv'].map((f) => join(dir, f));
    const terminal = ccm(['audit', ...files, ...RUN, '--out', join(dir, 'out2')]).stdout;
    expect(terminal).toMatch(/Already billed \(in the services export\)\s+1\s+\$66\.13/);
    expect(terminal).toMatch(/Ready to bill\s+0\s+\$0\.00/);
  });

  it('a billed claim the minutes do not support is billed at risk, never revenue to win by fixing', () => {
    // 25 minutes support 99490 only; the billed 99439 is unsupported-code's error.
    const dir = practice('30001,10/31/2026,99490,1234567893\r\n30001,10/31/2026,99439,1234567893\r\n');
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(1);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', blockedBy: ['unsupported-code'] });
    expect(rep.summary.patientMonths).toMatchObject({ billed: 1, blocked: 0 });
    expect(rep.summary.estimatedRevenue).toMatchObject({ billed: 66.13, blocked: 0 });
    expect(rep.summary.billedAtRisk).toEqual({ patientMonths: 1, billedAmount: 114.13 });
    expect(rep.summary.topFixes).toEqual([]);
    expect(readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n')).toHaveLength(1); // the header only
    const files = ['time_log.csv', 'consents.csv', 'problems.csv', 'services.csv'].map((f) => join(dir, f));
    const terminal = ccm(['audit', ...files, ...RUN, '--out', join(dir, 'out2')]).stdout;
    expect(terminal).toMatch(/Blocked by errors \(fix to bill\)\s+0\s+\$0\.00/);
    expect(terminal).toContain('Billed, at risk: 1 patient-month already billed with an error that disputes the claim sent (about $114.13 billed)');
    expect(terminal).not.toContain('Fix first');
  });

  it('a billed month with too few minutes is billed at risk too, not revenue lost to documentation', () => {
    // 10 minutes earn nothing: the billed 99490 is unsupported-code's error.
    const dir = practice('30001,10/31/2026,99490,1234567893\r\n');
    writeFileSync(join(dir, 'time_log.csv'), 'MRN,DOS,Staff,Credentials,Minutes,Program,Notes,Billing NPI\r\n30001,10/20/2026,Maria Lopez,RN,10,CCM,Updated heart failure care plan: 2 g sodium limit; daily weights,1234567893\r\n');
    const { report: rep } = auditPractice(dir);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', blockedBy: ['unsupported-code'], lines: [], minutesShort: 10 });
    expect(rep.summary.estimatedRevenue).toMatchObject({ billed: 0, notBillable: 0 });
    expect(rep.summary.billedAtRisk).toEqual({ patientMonths: 1, billedAmount: 66.13 });
  });

  it('CCM under another NPI is billed at risk: multiple-billing-practitioners\' error disputes it', () => {
    const { report: rep } = auditPractice(practice('30001,10/31/2026,99490,1245319599\r\n'));
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', blockedBy: ['multiple-billing-practitioners'] });
    expect(rep.summary.billedAtRisk).toEqual({ patientMonths: 1, billedAmount: 66.13 });
  });
});

describe('unreadable rows that may be a CCM claim or a refusal hold the month (held-by-invalid-row)', () => {
  const claims = (dir: string) => readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n');

  it.each([
    ['two codes in one cell', '30001,10/31/2026,99490/99439,1234567893\r\n', 'CPT Code "99490/99439"'],
    ['a month for a date', '30001,2026-10,99490,1234567893\r\n', 'DOS "2026-10"'],
    ['a date that cannot be read', '30001,soon,99490,1234567893\r\n', 'DOS "soon"'],
  ])('a billed-services row with %s: blocked, no claim written', (_, services, cell) => {
    const dir = practice(services);
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(1);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'blocked', blockedBy: ['held-by-invalid-row'] });
    expect(claims(dir)).toHaveLength(1); // the header only
    const held = rep.findings.find((f: { rule: string }) => f.rule === 'held-by-invalid-row');
    expect(held).toMatchObject({ level: 'month', severity: 'error', month: '2026-10', sources: [{ file: 'services.csv', row: 2 }] });
    expect(held.message).toContain(`Row 2 of the billed services could not be read (${cell})`);
    expect(held.message).toContain('whether 2026-10 is already billed');
  });

  it('a refusal whose date cannot be read: blocked, though an earlier consent stands', () => {
    const dir = practice('');
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date,Consent Status\r\n30001,1/10/2025,Accepted\r\n30001,09/31/2026,Declined\r\n');
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(1);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'blocked', blockedBy: ['held-by-invalid-row'] });
    expect(claims(dir)).toHaveLength(1);
    const held = rep.findings.find((f: { rule: string }) => f.rule === 'held-by-invalid-row');
    expect(held.message).toContain('Row 3 of the consents could not be read (Consent Date "09/31/2026")');
  });

  it('an unreadable row of another code holds nothing: the claim goes out', () => {
    const dir = practice('30001,soon,99213,1234567893\r\n');
    const { report: rep } = auditPractice(dir);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billable', blockedBy: [] });
    expect(claims(dir)).toHaveLength(2);
  });
});

describe('two practitioners billing CCM for one patient-month (R-EXCL-ONE-PRACTITIONER)', () => {
  const findings = (rep: { findings: { rule: string; message: string }[] }) => rep.findings.map((f) => `${f.rule}: ${f.message}`);

  it('entries without an NPI, 99490 billed under two NPIs: multiple-billing-practitioners, not unsupported-code', () => {
    const dir = practice('30001,10/31/2026,99490,1234567893\r\n30001,10/31/2026,99490,1245319599\r\n');
    writeFileSync(join(dir, 'time_log.csv'), readFileSync(join(dir, 'time_log.csv'), 'utf8').replace(/,1234567893/g, ','));
    const { r, report: rep } = auditPractice(dir);
    expect(r.code).toBe(1);
    expect(findings(rep)).toEqual([
      'multiple-billing-practitioners: CCM for 2026-10 is billed under 2 NPIs, 1234567893 (99490), 1245319599 (99490) (services.csv, rows 2, 3); only one practitioner may be paid CCM for a patient-month.',
    ]);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billed', blockedBy: ['multiple-billing-practitioners'] });
  });

  it('45 minutes, the base billed under another NPI: no add-on suggested to the entries\' practitioner', () => {
    const dir = practice('30001,10/31/2026,99490,1245319599\r\n');
    writeFileSync(join(dir, 'time_log.csv'), readFileSync(join(dir, 'time_log.csv'), 'utf8').replace(',25,CCM,', ',45,CCM,'));
    const { report: rep } = auditPractice(dir);
    expect(findings(rep).map((f) => f.split(':')[0])).toEqual(['multiple-billing-practitioners']);
  });
});

/** A practice whose October time log has 90 of Dr. Stone's own minutes (10-05, 10-15, 10-25) and an RN's between. */
function practitionerMonth(rnMinutes: number): string {
  const dir = practice('');
  const notes = ['Reviewed A1c trend with patient; metformin dose raised', 'Called cardiology re: edema; furosemide plan agreed', 'Care plan goals revised: daily weights and 2 g sodium'];
  writeFileSync(
    join(dir, 'time_log.csv'),
    [
      'MRN,DOS,Staff,Credentials,Minutes,Program,Notes,Billing NPI',
      `30001,10/5/2026,Amy Stone,MD,40,CCM,${notes[0]},1234567893`,
      `30001,10/6/2026,Maria Lopez,RN,${rnMinutes},CCM,Confirmed lisinopril refill with pharmacy; BP log reviewed,1234567893`,
      `30001,10/15/2026,Amy Stone,MD,20,CCM,${notes[1]},1234567893`,
      `30001,10/25/2026,Amy Stone,MD,30,CCM,${notes[2]},1234567893`,
    ].join('\r\n'),
  );
  return dir;
}

describe('billing options', () => {
  it('--dos threshold-met dates the claim on the day the base minimum was reached', () => {
    const dir = practice('');
    expect(auditPractice(dir).report.patientMonths[0].dateOfService).toBe('2026-10-31');
    expect(auditPractice(dir, ['--dos', 'threshold-met']).report.patientMonths[0].dateOfService).toBe('2026-10-20');
  });

  it('--dos threshold-met dates each claims.csv row on its own day: an add-on when its units were earned (R-CLAIM-DOS)', () => {
    const dir = practitionerMonth(25);
    // patient, date_of_service, code, units: 99491 met on 10-05 (40 of the MD's minutes), 99437 ×2 on 10-25 when
    // the MD's own minutes reached 90; the RN's 25 minutes on 10-06 advance neither (R-CODE-99491).
    const rows = () => readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(',').slice(3, 6).join(','));
    auditPractice(dir, ['--dos', 'threshold-met']);
    expect(rows()).toEqual(['2026-10-05,99491,1', '2026-10-25,99437,2']);
    auditPractice(dir);
    expect(rows()).toEqual(['2026-10-31,99491,1', '2026-10-31,99437,2']);
  });

  it('--dos threshold-met dates no claim before the month\'s care plan or second chronic condition (explore9 A03)', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'timelog.csv'),
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI',
        '50001,10/01/2026,Maria Lopez,RN,25,Called pt re home glucose readings; metformin adherence reviewed,1234567893',
        '50001,10/26/2026,Maria Lopez,RN,10,Reviewed new heart failure plan: daily weights and low-salt diet,1234567893',
        '50002,10/01/2026,Maria Lopez,RN,25,Reviewed BP log 150s; amlodipine 10mg; BMP ordered,1234567893',
        '50002,10/22/2026,Maria Lopez,RN,10,Care plan established by phone: BP under 130/80 and A1c under 8,1234567893',
      ].join('\r\n'),
    );
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date,Consent Status\r\n50001,01/05/2026,Accepted\r\n50002,01/05/2026,Accepted\r\n');
    writeFileSync(
      join(dir, 'diagnoses.csv'),
      'MRN,ICD-10,Onset Date,Status\r\n50001,E11.9,01/01/2020,Active\r\n50001,I50.9,10/25/2026,Active\r\n50002,I10,01/01/2020,Active\r\n50002,E11.9,01/01/2020,Active\r\n',
    );
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date,Status\r\n50001,01/10/2026,Established\r\n50002,10/22/2026,Established\r\n');
    const files = ['timelog.csv', 'consents.csv', 'diagnoses.csv', 'careplans.csv'];
    // patient, date_of_service, code, icd1, icd2
    const claims = (dos: string) => {
      const r = ccm(['audit', ...files, ...RUN, '--out', 'out', '--quiet', '--dos', dos], { cwd: dir });
      expect(r.code).toBe(0);
      return readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(',').filter((_, i) => [0, 3, 4, 8, 9].includes(i)).join(','));
    };
    // 50001: one chronic condition until I50.9's onset on 10-25; 50002: no care plan until 10-22.
    expect(claims('threshold-met')).toEqual(['50001,2026-10-25,99490,E11.9,I50.9', '50002,2026-10-22,99490,I10,E11.9']);
    expect(claims('month-end')).toEqual(['50001,2026-10-31,99490,E11.9,I50.9', '50002,2026-10-31,99490,I10,E11.9']);
  });

  it('a 99491 claim records the practitioner\'s own minutes, not the RN\'s (R-CODE-99491)', () => {
    const dir = practitionerMonth(5);
    const { report: rep } = auditPractice(dir);
    expect(rep.findings.map((f: { rule: string; message: string }) => `${f.rule}: ${f.message}`)).toEqual([]);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billable', family: 'practitioner', supportedMinutes: 95, countedMinutes: 90 });
    const claims = readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n').slice(1).map((line) => line.split(',').slice(4, 7).join(','));
    expect(claims).toEqual(['99491,1,90', '99437,2,90']);
  });

  it('--fee-schedule replaces the bundled estimates', () => {
    const dir = practice('');
    writeFileSync(join(dir, 'fees.csv'), ['year,code,amount', ...['99490', '99439', '99491', '99437', '99487', '99489'].map((c, i) => `2026,${c},${100 + i}`)].join('\n'));
    const rep = auditPractice(dir, ['--fee-schedule', join(dir, 'fees.csv')]).report;
    expect(rep.patientMonths[0].lines).toEqual([expect.objectContaining({ code: '99490', estimatedPayment: 100 })]);
    expect(rep.options.feeSchedule).toContain('fees.csv');
  });

  it('--fee-schedule without the audited year is refused, not priced at another year\'s amounts', () => {
    const dir = practice('');
    writeFileSync(join(dir, 'fees.csv'), ['year,code,amount', ...['99490', '99439', '99491', '99437', '99487', '99489'].map((c, i) => `2025,${c},${100 + i}`)].join('\n'));
    const out = join(dir, 'out');
    const files = ['time_log.csv', 'consents.csv', 'problems.csv', 'services.csv'].map((f) => join(dir, f));
    const r = ccm(['audit', ...files, ...RUN, '--out', out, '--fee-schedule', join(dir, 'fees.csv')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      `ccm: ${join(dir, 'fees.csv')}: the fee schedule has no amounts for 2026 (audited months 2026-10; it covers 2025); add rows for that year, or audit only covered months with --month.\n`,
    );
    expect(existsSync(out)).toBe(false);
  });

  it('reads a column the config maps', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), 'MRN,DOS,Staff,Credentials,Time Logged,Notes\r\n1,10/2/2026,Maria Lopez,RN,25,Reviewed home BP log 150s; amlodipine timing moved to evening\r\n');
    writeFileSync(join(dir, 'ccm.config.json'), JSON.stringify({ columns: { timeLog: { minutes: 'Time Logged' } }, rules: { 'missing-consent': 'off', 'insufficient-chronic-conditions': 'off' } }));
    const r = ccm(['audit', 'log.csv', ...RUN, '--out', 'out', '--quiet'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(report(join(dir, 'out')).patientMonths[0]).toMatchObject({ loggedMinutes: 25, status: 'billable' });
  });
});

describe('claim-ready months missing a billing NPI or diagnoses', () => {
  const LOG = 'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n1,10/2/2026,Maria Lopez,RN,25,Reviewed home BP log 150s; amlodipine timing moved to evening\r\n';
  const RULES = { 'missing-consent': 'off', 'insufficient-chronic-conditions': 'off' };
  it.each<[string, object, string[], string[]]>([
    ['no NPI column, no default NPI, no diagnoses', {}, ['no billing NPI (1 2026-10)', 'no diagnosis code (1 2026-10)'], []],
    ['billing.defaultNpi supplies the NPI', { billing: { defaultNpi: '1234567893' } }, ['no diagnosis code (1 2026-10)'], ['no billing NPI']],
  ])('%s', (_, config, said, notSaid) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), LOG);
    writeFileSync(join(dir, 'ccm.config.json'), JSON.stringify({ rules: RULES, ...config }));
    const r = ccm(['audit', 'log.csv', ...RUN, '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    const rep = report(join(dir, 'out'));
    expect(rep.patientMonths[0].status).toBe('billable');
    expect(rep.summary.incompleteClaims).toEqual({ noBillingNpi: notSaid.length === 0 ? 1 : 0, invalidBillingNpi: 0, noDiagnoses: 1 });
    for (const text of said) {
      expect(r.stderr).toContain(`warning: 1 claim-ready patient-month has ${text}`);
      expect(r.stdout).toContain(text);
    }
    for (const text of notSaid) expect(r.stderr + r.stdout).not.toContain(text);
    expect(r.stdout).toContain('Claims not ready to send');
    // --quiet prints nothing, warnings included; the count stays in report.json.
    expect(ccm(['audit', 'log.csv', ...RUN, '--out', 'out', '--quiet'], { cwd: dir }).stderr).toBe('');
  });

  it('counts claim-ready months whose billing NPI is not a valid NPI; claims.csv keeps it as written', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'log.csv'),
      'MRN,DOS,Staff,Credentials,Minutes,Notes,Billing NPI\r\n' +
        '1,10/2/2026,Maria Lopez,RN,25,Reviewed home BP log 150s; amlodipine timing moved to evening,"1,234,567,893"\r\n' +
        '2,10/2/2026,Maria Lopez,RN,25,Reviewed home BP log 150s; amlodipine timing moved to morning,1234567890\r\n',
    );
    writeFileSync(join(dir, 'ccm.config.json'), JSON.stringify({ rules: RULES }));
    const r = ccm(['audit', 'log.csv', ...RUN, '--out', 'out'], { cwd: dir });
    expect(r.code).toBe(0);
    const rep = report(join(dir, 'out'));
    expect(rep.patientMonths.map((pm: { status: string }) => pm.status)).toEqual(['billable', 'billable']);
    expect(rep.summary.incompleteClaims).toEqual({ noBillingNpi: 0, invalidBillingNpi: 2, noDiagnoses: 2 });
    expect(r.stderr).toContain('warning: 2 claim-ready patient-months have a billing NPI that is not a valid NPI (1 2026-10, 2 2026-10)');
    expect(readFileSync(join(dir, 'out', 'claims.csv'), 'utf8')).toContain(',"1,234,567,893",');
  });
});

describe('output folder', () => {
  it('names the reports an earlier run left there in formats not written this time', () => {
    const out = join(tempDir(), 'out');
    expect(ccm(['audit', DEMO, ...RUN, '--out', out, '--fail-on', 'never', '--quiet']).code).toBe(0);
    const again = ccm(['audit', DEMO, ...RUN, '--out', out, '--fail-on', 'never', '--format', 'json']);
    expect(again.code).toBe(0);
    expect(again.stderr).toContain('note: claims.csv, exceptions.csv, report.xlsx, junit.xml in ');
    expect(again.stderr).toContain('are from an earlier run, not this audit');
    // They are the user's files: named, not deleted.
    expect(existsSync(join(out, 'report.xlsx'))).toBe(true);
    expect(ccm(['audit', DEMO, ...RUN, '--out', out, '--fail-on', 'never']).stderr).not.toContain('earlier run');
  });
});

describe('accepted exceptions', () => {
  it('ccm baseline writes one; --baseline suppresses those findings; a stale entry is reported', () => {
    const dir = tempDir();
    const baseline = join(dir, 'baseline.json');
    const made = ccm(['baseline', DEMO, ...RUN, '--out', baseline, '--reason', 'reviewed with the practice']);
    expect(made.code).toBe(0);
    const accepted = JSON.parse(readFileSync(baseline, 'utf8'));
    expect(accepted.findings.length).toBeGreaterThan(5);
    expect(accepted.findings[0].reason).toBe('reviewed with the practice');

    const out = join(dir, 'out');
    const clean = ccm(['audit', DEMO, ...RUN, '--out', out, '--baseline', baseline, '--quiet']);
    expect(clean.code).toBe(0);
    const rep = report(out);
    expect(rep.findings).toEqual([]);
    expect(rep.summary.suppressed).toBe(accepted.findings.length);
    expect(rep.summary.patientMonths.blocked).toBe(0);

    accepted.findings.push({ fingerprint: 'ffffffffffffffff', rule: 'vague-note', patientId: '1', month: '2026-10', reason: 'old' });
    writeFileSync(baseline, JSON.stringify(accepted));
    const stale = ccm(['audit', DEMO, ...RUN, '--out', out, '--baseline', baseline]);
    expect(stale.stderr).toMatch(/baseline: 1 accepted finding\(s\) no longer occur/);
  });

  it('a fresh baseline is not stale: a finding that only follows from an accepted one is not listed', () => {
    // The vague note makes the entry's minutes unsupported, which leaves the month under the threshold; accepting
    // the vague note restores the minutes, so under-threshold does not occur in an audit with the baseline.
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), 'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n1,10/13/2026,Maria Lopez,RN,25,CCM call\r\n');
    const baseline = join(dir, 'baseline.json');
    expect(ccm(['baseline', join(dir, 'log.csv'), ...RUN, '--out', baseline]).code).toBe(0);
    const rules = JSON.parse(readFileSync(baseline, 'utf8')).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('vague-note');
    expect(rules).not.toContain('under-threshold');
    const audited = ccm(['audit', join(dir, 'log.csv'), ...RUN, '--out', join(dir, 'out'), '--baseline', baseline]);
    expect(audited.code).toBe(0);
    expect(audited.stderr).not.toMatch(/baseline:/);
    expect(report(join(dir, 'out'))).toMatchObject({ findings: [], summary: { suppressed: rules.length } });
  });

  it('a baseline still matches when the same export arrives under a new dated file name', () => {
    const dir = tempDir();
    const log = 'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI\r\n5004,2026-10-05,Rita Nurse,RN,15,call,1234567893\r\n5004,2026-10-06,Rita Nurse,RN,25,Reviewed insulin titration and podiatry referral arrangements with patient,1234567893\r\n';
    writeFileSync(join(dir, 'export-2026-11-04.csv'), log);
    writeFileSync(join(dir, 'export-2026-11-05.csv'), log);
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\r\n5004,2025-01-10\r\n');
    writeFileSync(join(dir, 'dx.csv'), 'MRN,ICD-10 Code\r\n5004,E11.9\r\n5004,I10\r\n');
    const inputs = (log: string) => [join(dir, log), join(dir, 'consents.csv'), join(dir, 'dx.csv')];
    const baseline = join(dir, 'baseline.json');
    expect(ccm(['baseline', ...inputs('export-2026-11-04.csv'), ...RUN, '--out', baseline]).code).toBe(0);
    const accepted = JSON.parse(readFileSync(baseline, 'utf8')).findings.length;
    expect(accepted).toBeGreaterThan(0);
    const next = ccm(['audit', ...inputs('export-2026-11-05.csv'), ...RUN, '--out', join(dir, 'out'), '--baseline', baseline]);
    expect(next.code).toBe(0);
    expect(next.stderr).not.toMatch(/baseline:/);
    expect(report(join(dir, 'out'))).toMatchObject({ findings: [], summary: { suppressed: accepted } });
  });

  it('accepting a bad Start leaves the bad Stop on the same row reported', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), 'MRN,Date,Staff,Credential,Start,Stop,Note\r\n2,2026-10-05,Rita Nurse,RN,99:99,later,Reviewed insulin titration and podiatry referral arrangements\r\n');
    const baseline = join(dir, 'baseline.json');
    expect(ccm(['baseline', join(dir, 'log.csv'), ...RUN, '--out', baseline]).code).toBe(0);
    const accepted = JSON.parse(readFileSync(baseline, 'utf8'));
    const rows = accepted.findings.filter((f: { rule: string }) => f.rule === 'invalid-row');
    expect(rows).toHaveLength(2);
    accepted.findings = accepted.findings.filter((f: { fingerprint: string }) => f.fingerprint !== rows[1].fingerprint);
    writeFileSync(baseline, JSON.stringify(accepted));
    const out = join(dir, 'out');
    ccm(['audit', join(dir, 'log.csv'), ...RUN, '--out', out, '--baseline', baseline, '--quiet']);
    expect(report(out).findings.filter((f: { rule: string }) => f.rule === 'invalid-row').map((f: { fingerprint: string }) => f.fingerprint)).toEqual([rows[1].fingerprint]);
  });

  it('says so when not one entry of a baseline matches (one made by an earlier version)', () => {
    const dir = tempDir();
    const baseline = join(dir, 'baseline.json');
    writeFileSync(baseline, JSON.stringify({ version: 1, findings: [{ fingerprint: 'ffffffffffffffff', rule: 'vague-note', patientId: '20461', month: '2026-10', reason: 'old' }] }));
    const r = ccm(['audit', DEMO, ...RUN, '--out', join(dir, 'out'), '--baseline', baseline]);
    expect(r.stderr).toMatch(/baseline: none of the 1 accepted finding\(s\) in .*baseline\.json occur; .*earlier version of ccm.*re-create it with `ccm baseline`/);
    expect(r.stderr).not.toMatch(/no longer occur/);
  });

  it('missed-revenue prices with --fee-schedule, and ccm baseline reads the same schedule', () => {
    // 30 practitioner and 40 staff minutes, 99491 billed: the bundled fees rank 99490 + 99439 ×2 higher
    // (missed-revenue's betterFamily), a practice schedule paying 99491 well does not.
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), [
      'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI',
      '7,2026-10-05,Dr. Ada Park,MD,30,Reviewed insulin titration and podiatry referral arrangements with patient,1234567893',
      '7,2026-10-06,Rita Nurse,RN,40,Reconciled medication list after cardiology visit and updated heart failure weight goals,1234567893',
    ].join('\r\n'));
    writeFileSync(join(dir, 'services.csv'), 'MRN,Date of Service,CPT Code,Units,Billing NPI\r\n7,2026-10-31,99491,1,1234567893\r\n');
    writeFileSync(join(dir, 'fees.csv'), 'year,code,amount\r\n2026,99490,10\r\n2026,99439,10\r\n2026,99491,200\r\n2026,99437,60\r\n2026,99487,140\r\n2026,99489,70\r\n');
    const inputs = [join(dir, 'log.csv'), '--services', join(dir, 'services.csv')];
    const rules = (out: string) => report(out).findings.map((f: { rule: string }) => f.rule);
    ccm(['audit', ...inputs, ...RUN, '--out', join(dir, 'bundled'), '--quiet']);
    expect(rules(join(dir, 'bundled'))).toContain('missed-revenue');
    ccm(['audit', ...inputs, ...RUN, '--out', join(dir, 'own'), '--quiet', '--fee-schedule', join(dir, 'fees.csv')]);
    expect(rules(join(dir, 'own'))).not.toContain('missed-revenue');

    const baseline = join(dir, 'baseline.json');
    expect(ccm(['baseline', ...inputs, ...RUN, '--fee-schedule', join(dir, 'fees.csv'), '--out', baseline]).code).toBe(0);
    const accepted = JSON.parse(readFileSync(baseline, 'utf8')).findings.map((f: { rule: string }) => f.rule);
    expect(accepted.length).toBeGreaterThan(0);
    expect(accepted).not.toContain('missed-revenue');
    const audited = ccm(['audit', ...inputs, ...RUN, '--fee-schedule', join(dir, 'fees.csv'), '--out', join(dir, 'out'), '--baseline', baseline]);
    expect(audited.stderr).not.toMatch(/baseline:/);
    expect(report(join(dir, 'out'))).toMatchObject({ findings: [], summary: { suppressed: accepted.length } });
  });

  it('ccm baseline reads the inputs as the audit does (--date-order, --month)', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'log.csv'), 'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n1,13/10/2026,Maria Lopez,RN,25,Reviewed home BP log 150s; amlodipine timing moved to evening\r\n');
    const baseline = join(dir, 'baseline.json');
    expect(ccm(['baseline', join(dir, 'log.csv'), '--date-order', 'dmy', ...RUN, '--out', baseline]).code).toBe(0);
    const rules = JSON.parse(readFileSync(baseline, 'utf8')).findings.map((f: { rule: string }) => f.rule);
    expect(rules).toContain('missing-consent');
    expect(rules).not.toContain('invalid-row');
  });
});

describe('one beneficiary, one CCM claim a month (R-EXCL-ONE-PRACTITIONER, R-OIG-2019, R-OIG-2021)', () => {
  /** Two October CCM entries with these MRNs and MBIs, each patient consented, with two chronic conditions and a care plan. */
  function twoEntries(a: [string, string], b: [string, string]) {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'time_log.csv'),
      [
        'MRN,MBI,DOS,Staff,Credentials,Minutes,Notes,Billing NPI',
        `${a[0]},${a[1]},10/8/2026,Maria Lopez,RN,22,Reviewed glucose log and titrated insulin dose; arranged podiatry referral for foot ulcer,1234567893`,
        `${b[0]},${b[1]},10/9/2026,Sam Ortiz,LPN,21,Reconciled medication list after cardiology visit and updated heart failure weight goals,1234567893`,
      ].join('\r\n'),
    );
    const mrns = [...new Set([a[0], b[0]])];
    writeFileSync(join(dir, 'consents.csv'), `MRN,Consent Date\r\n${mrns.map((m) => `${m},1/10/2025`).join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'problems.csv'), `MRN,ICD-10 Code\r\n${mrns.map((m) => `${m},E11.9\r\n${m},I10`).join('\r\n')}\r\n`);
    writeFileSync(join(dir, 'care_plans.csv'), `MRN,Care Plan Date\r\n${mrns.map((m) => `${m},1/15/2025`).join('\r\n')}\r\n`);
    const out = join(dir, 'out');
    const r = ccm(['audit', ...['time_log.csv', 'consents.csv', 'problems.csv', 'care_plans.csv'].map((f) => join(dir, f)), ...RUN, '--out', out, '--quiet']);
    return { r, report: report(out), claims: readFileSync(join(out, 'claims.csv'), 'utf8').trim().split('\r\n') };
  }

  it('one MBI (written two ways) under two MRNs blocks both months: no claim goes out until the charts are merged', () => {
    const { r, report: rep, claims } = twoEntries(['2006', '6EG4TE5MK73'], ['2007', '6EG4-TE5-MK73']);
    expect(r.code).toBe(1);
    expect(rep.patientMonths.map((pm: { patientId: string; status: string; blockedBy: string[] }) => [pm.patientId, pm.status, pm.blockedBy])).toEqual([
      ['2006', 'blocked', ['duplicate-beneficiary']],
      ['2007', 'blocked', ['duplicate-beneficiary']],
    ]);
    expect(claims).toHaveLength(1); // the header only
  });

  it('two MBIs on one MRN\'s month: a warning naming both, the claim still ready', () => {
    const { r, report: rep } = twoEntries(['2008', '7EG4TE5MK73'], ['2008', '8EG4TE5MK73']);
    expect(r.code).toBe(0);
    expect(rep.patientMonths[0]).toMatchObject({ status: 'billable', mbi: '7EG4TE5MK73' });
    expect(rep.findings).toEqual([expect.objectContaining({ rule: 'multiple-mbis', severity: 'warning', patientId: '2008', month: '2026-10' })]);
    expect(rep.findings[0].message).toContain('"8EG4TE5MK73" (row 3)');
  });
});

describe('a CSV mixing UTF-8 and Windows-1252 (explore9 C07: one stray byte split a nurse in two)', () => {
  const HEADER = 'MRN,Date,Staff,Credential,Start Time,Stop Time,Note\n';
  const NOTE = 'Reviewed insulin titration and podiatry referral arrangements with patient';

  /** José Peña, 09:00-09:30 for 1001 and 09:10-09:40 for 1002: 20 minutes counted for both patients. */
  function nurse(timeLogs: Record<string, Buffer>) {
    const dir = tempDir();
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\n1001,2025-01-10\n1002,2025-01-10\n');
    writeFileSync(join(dir, 'dx.csv'), 'MRN,ICD-10 Code\n1001,E11.9\n1001,I10\n1002,E11.9\n1002,I10\n');
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date\n1001,2025-01-15\n1002,2025-01-15\n');
    for (const [name, bytes] of Object.entries(timeLogs)) writeFileSync(join(dir, name), bytes);
    const out = join(dir, 'out');
    const inputs = [...Object.keys(timeLogs).flatMap((name) => ['--time-log', join(dir, name)]), ...['consents.csv', 'dx.csv', 'careplans.csv'].map((f) => join(dir, f))];
    const r = ccm(['audit', ...inputs, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--quiet']);
    return { dir, r, report: report(out) };
  }

  function expectOverlapFound(result: ReturnType<typeof nurse>) {
    expect(result.r.code).toBe(1);
    const overlaps = result.report.findings.filter((f: { rule: string }) => f.rule === 'overlapping-time');
    expect(overlaps).toHaveLength(2);
    expect(result.report.patientMonths.map((m: { status: string }) => m.status)).not.toContain('billable');
  }

  it('one file, the second name from a Windows-1252 source: one staff member, the overlap found; inspect names the mix', () => {
    const tl = Buffer.concat([
      Buffer.from(`${HEADER}1001,2026-10-03,José Peña,RN,09:00,09:30,${NOTE}\n`),
      Buffer.from(`1002,2026-10-03,Jos\xe9 Pe\xf1a,RN,09:10,09:40,${NOTE} and diet\n`, 'latin1'),
    ]);
    const result = nurse({ 'tl.csv': tl });
    expectOverlapFound(result);
    const inspected = ccm(['inspect', join(result.dir, 'tl.csv')]);
    expect(inspected.stdout).toContain('read as mixed UTF-8 / Windows-1252');
  });

  it('two exports, the second UTF-8 with one 0x92 apostrophe in a note: the overlap found', () => {
    const a = Buffer.from(`${HEADER}1001,2026-10-03,José Peña,RN,09:00,09:30,${NOTE}\n`);
    const b = Buffer.concat([Buffer.from(`${HEADER}1002,2026-10-03,José Peña,RN,09:10,09:40,${NOTE} and pt`), Buffer.from('\x92s diet\n', 'latin1')]);
    const result = nurse({ 'a.csv': a, 'b.csv': b });
    expectOverlapFound(result);
    const inspected = ccm(['inspect', join(result.dir, 'a.csv'), join(result.dir, 'b.csv')]);
    expect(inspected.stdout).toMatch(/a\.csv .*\n {2}read as UTF-8\n/);
    expect(inspected.stdout).toMatch(/b\.csv .*\n {2}read as mixed UTF-8 \/ Windows-1252/);
  });
});

describe('a change of billing practitioner needs a new consent (R-CONSENT-ONCE, R-TIME-CONSENT-FIRST)', () => {
  /** Both patients consented to Dr A (1234567893) in 2025; July 2026's 45 minutes (07-05) bill under Dr B (1245319599). */
  function changeOfPractitioner(consents: string): string {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'timelog.csv'),
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI',
        '9001,2026-06-10,Rita Nurse,RN,25,Reviewed glucose log and adjusted insulin per protocol; arranged podiatry visit,1234567893',
        '9001,2026-07-05,Sam Nurse,RN,45,Transition call after change of PCP: medication reconciliation and BP log review,1245319599',
        '9002,2026-07-05,Sam Nurse,RN,45,Transition call after change of PCP: inhaler refill and spirometry scheduling,1245319599',
      ].join('\r\n'),
    );
    writeFileSync(join(dir, 'consents.csv'), `MRN,Consent Date,Consent Method,NPI\r\n9001,2025-01-10,Verbal,1234567893\r\n9002,2025-01-10,Verbal,1234567893\r\n${consents}`);
    writeFileSync(join(dir, 'diagnoses.csv'), 'MRN,ICD-10 Code\r\n9001,E11.9\r\n9001,I10\r\n9002,J44.9\r\n9002,I10\r\n');
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date\r\n9001,2025-01-15\r\n9002,2025-01-15\r\n');
    return dir;
  }
  const audit = (dir: string) => {
    const r = ccm(['audit', 'timelog.csv', 'consents.csv', 'diagnoses.csv', 'careplans.csv', '--run-date', '2026-11-15', '--out', 'out', '--quiet'], { cwd: dir });
    const rep = report(join(dir, 'out'));
    const month = (id: string, m = '2026-07') => rep.patientMonths.find((pm: { patientId: string; month: string }) => pm.patientId === id && pm.month === m);
    return { r, rep, month };
  };

  it('time before the consent to the new practitioner does not count, however old the consent to the previous one (explore9 B03)', () => {
    const { rep, month } = audit(changeOfPractitioner('9001,2026-07-28,Verbal,1245319599\r\n'));
    expect(month('9001')).toMatchObject({ status: 'not-billable', supportedMinutes: 0 });
    expect(rep.findings.filter((f: { patientId: string }) => f.patientId === '9001').map((f: { rule: string; severity: string; message: string }) => `${f.severity} ${f.rule}: ${f.message}`)).toEqual([
      'error service-before-consent: The entry is dated 2026-07-05, before the patient\'s consent on 2026-07-28 (consents.csv, row 4) to NPI 1245319599, which the month\'s CCM time bills under; the earlier consent (consents.csv, row 2) names NPI 1234567893, and a patient who changes billing practitioner must consent again.',
      expect.stringMatching(/^warning under-threshold: 0 of 45 logged minutes in 2026-07 /),
    ]);
    // June, under Dr A with Dr A's consent, is not touched.
    expect(month('9001', '2026-06')).toMatchObject({ status: 'billable', supportedMinutes: 25 });
    // No consent for Dr B at all: consent-other-practitioner's warning, as before (the NPI on the consent may be the group's).
    expect(month('9002')).toMatchObject({ status: 'billable', supportedMinutes: 45 });
    expect(rep.findings.filter((f: { patientId: string }) => f.patientId === '9002').map((f: { rule: string; severity: string }) => `${f.severity} ${f.rule}`)).toEqual(['warning consent-other-practitioner']);
  });

  it('a consent to the new practitioner on or before the month\'s time: the claim goes out', () => {
    const { month } = audit(changeOfPractitioner('9001,2026-07-05,Verbal,1245319599\r\n'));
    expect(month('9001')).toMatchObject({ status: 'billable', supportedMinutes: 45, billingNpi: '1245319599' });
  });
});

describe('one patient\'s time logged by two staff members is counted once (R-TIME-NO-DOUBLE)', () => {
  it('a care conference logged by the RN and the physician, a call by the RN and the CMA: no add-on from the second log (explore9 B02)', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'timelog.csv'),
      [
        'MRN,Date,Staff,Credential,Start Time,End Time,Minutes,Note,Billing NPI',
        '6001,2026-10-05,Rita Nurse,RN,09:00,09:30,30,Care conference with Dr Adams on worsening edema and diuretic plan for CHF,1234567893',
        '6001,2026-10-05,Dr Adams,MD,09:00,09:30,30,Care conference with RN Rita on worsening edema and diuretic plan for CHF,1234567893',
        '6002,2026-10-05,Rita Nurse,RN,10:00,10:20,20,Three-way call with patient and daughter about new insulin schedule and hypoglycemia signs,1234567893',
        '6002,2026-10-05,Mia Assistant,CMA,10:00,10:20,20,Three-way call with patient and daughter about new insulin schedule and hypoglycemia signs (scribe),1234567893',
      ].join('\r\n'),
    );
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\r\n6001,2026-01-05\r\n6002,2026-01-05\r\n');
    writeFileSync(join(dir, 'diagnoses.csv'), 'MRN,ICD-10 Code\r\n6001,I50.9\r\n6001,E11.9\r\n6002,E11.9\r\n6002,I10\r\n');
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date\r\n6001,2026-01-05\r\n6002,2026-01-05\r\n');
    const r = ccm(['audit', 'timelog.csv', 'consents.csv', 'diagnoses.csv', 'careplans.csv', ...RUN, '--out', 'out', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1); // error findings: the rows to correct
    const rep = report(join(dir, 'out'));
    expect(rep.findings.map((f: { rule: string; severity: string; patientId: string; message: string }) => `${f.severity} ${f.rule} ${f.patientId}: ${f.message}`)).toEqual([
      'error concurrent-staff-time 6001: Dr Adams logged 09:00–09:30 (row 3) on 2026-10-05 while Rita Nurse logged 09:00–09:30 (row 2) for the same patient; the patient\'s time is counted once, so this entry does not count.',
      'error concurrent-staff-time 6002: Mia Assistant logged 10:00–10:20 (row 5) on 2026-10-05 while Rita Nurse logged 10:00–10:20 (row 4) for the same patient; the patient\'s time is counted once, so this entry does not count.',
    ]);
    // patient, code, units, supported minutes: 30 and 20 minutes of care, not 60 and 40.
    const claims = readFileSync(join(dir, 'out', 'claims.csv'), 'utf8').trim().split('\r\n');
    const header = claims[0]!.replace(/^\uFEFF/, '').split(',');
    const cols = ['patient_id', 'code', 'units', 'supported_minutes'].map((c) => header.indexOf(c));
    expect(claims.slice(1).map((line) => cols.map((i) => line.split(',')[i]).join(','))).toEqual(['6001,99490,1,30', '6002,99490,1,20']);
  });
});

describe('concurrent staff time: only countable entries take minutes, and the finding names its own row (explore10 B05)', () => {
  it('a receptionist\'s entry beside the RN\'s call leaves the call whole; a physician\'s repeat below the RN\'s row is row 5, citing row 4', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'timelog.csv'),
      [
        'MRN,Date,Staff,Credential,Start Time,End Time,Minutes,Note,Billing NPI',
        '7001,2026-10-05,Front Desk Kim,Receptionist,09:00,09:40,40,Scheduled cardiology and endocrine follow-ups; faxed referral packet; confirmed transport,1234567893',
        '7001,2026-10-05,Nurse Ann,RN,09:05,09:30,25,Reviewed home BP log 150s-160s; called pt re amlodipine dose; updated care plan goal,1234567893',
        '7002,2026-10-06,Rita Nurse,RN,09:00,09:30,30,Care conference with Dr Adams on worsening edema and diuretic plan for CHF,1234567893',
        '7002,2026-10-06,Dr Adams,MD,09:00,09:30,30,Care conference with RN Rita on worsening edema and diuretic plan for CHF,1234567893',
      ].join('\r\n'),
    );
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\r\n7001,2026-01-05\r\n7002,2026-01-05\r\n');
    writeFileSync(join(dir, 'diagnoses.csv'), 'MRN,ICD-10 Code\r\n7001,I10\r\n7001,E11.9\r\n7002,I50.9\r\n7002,E11.9\r\n');
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date\r\n7001,2026-01-05\r\n7002,2026-01-05\r\n');
    const r = ccm(['audit', 'timelog.csv', 'consents.csv', 'diagnoses.csv', 'careplans.csv', ...RUN, '--out', 'out', '--quiet'], { cwd: dir });
    expect(r.code).toBe(1);
    const rep = report(join(dir, 'out'));
    // The RN's 25 minutes count: the receptionist's 40 never did, so nothing was counted twice.
    expect(rep.patientMonths.map((pm: { patientId: string; status: string; supportedMinutes: number }) => `${pm.patientId} ${pm.status} ${pm.supportedMinutes}`)).toEqual([
      '7001 billable 25',
      '7002 billable 30',
    ]);
    const concurrent = rep.findings.filter((f: { rule: string }) => f.rule === 'concurrent-staff-time');
    expect(concurrent.map((f: { patientId: string; sources: { row: number }[] }) => `${f.patientId} ${f.sources.map((s) => s.row).join(',')}`)).toEqual(['7002 5,4']);
    // exceptions.csv: the row to fix is the physician's, whose staff and minutes the evidence columns show.
    const csv = readFileSync(join(dir, 'out', 'exceptions.csv'), 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
    const header = csv[0]!.split(',');
    const cols = ['rule', 'row', 'other_rows', 'staff', 'minutes'].map((c) => header.indexOf(c));
    expect(csv.slice(1).filter((line) => line.includes('concurrent-staff-time')).map((line) => cols.map((i) => line.split(',')[i]).join(','))).toEqual([
      'concurrent-staff-time,5,row 4,Dr Adams,30',
    ]);
  });
});
