import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { ccm, ROOT, tempDir } from '../helpers/cli.js';

const DEMO = 'fixtures/demo/ccm-export-2026-10.xlsx';
const RUN = ['--month', '2026-10', '--run-date', '2026-11-15'];
const SALT = 'test-salt-0123456789';

describe('no network', () => {
  it('loads no network module and opens no connection during a full audit', () => {
    const out = tempDir();
    const r = ccm(['audit', DEMO, ...RUN, '--out', out, '--quiet'], { env: { NODE_OPTIONS: `--import ${join(ROOT, 'test/helpers/no-network.mjs')}` } });
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe('NETWORK-MODULES []');
  });
});

describe('note text in the terminal', () => {
  it('is hidden by default and shown with --show-notes', () => {
    const dir = tempDir();
    const note = 'Jennifer called';
    writeFileSync(join(dir, 'log.csv'), `MRN,DOS,Staff,Credentials,Minutes,Notes\r\n20451,10/3/2026,Maria Lopez,RN,25,${note}\r\n`);
    const hidden = ccm(['audit', join(dir, 'log.csv'), '--out', join(dir, 'a'), '--run-date', '2026-11-15']);
    expect(hidden.stdout).toContain('vague-note');
    expect(hidden.stdout).not.toContain(note);
    const shown = ccm(['audit', join(dir, 'log.csv'), '--out', join(dir, 'b'), '--run-date', '2026-11-15', '--show-notes']);
    expect(shown.stdout).toContain(note);
  });
});

describe('--redact', () => {
  it('replaces patient ids with stable keyed pseudonyms and removes note text', () => {
    const [a, b] = [tempDir(), tempDir()];
    for (const out of [a, b]) expect(ccm(['audit', DEMO, ...RUN, '--out', out, '--redact', '--quiet'], { env: { CCM_REDACT_SALT: SALT } }).code).toBe(1);
    for (const name of ['report.json', 'claims.csv', 'exceptions.csv', 'junit.xml']) {
      const text = readFileSync(join(a, name), 'utf8');
      expect(text, name).not.toMatch(/\b204[5-7]\d\b/);
      expect(text, name).not.toContain('CCM call - 10 min');
      expect(text, name).not.toContain('Alice Morgan');
      expect(readFileSync(join(b, name), 'utf8'), name).toBe(text);
    }
    const report = JSON.parse(readFileSync(join(a, 'report.json'), 'utf8'));
    expect(report.patientMonths[0].patientId).toMatch(/^P-[0-9a-f]{12}$/);
  });

  it('gives different pseudonyms for a different salt, and refuses a missing one', () => {
    const out = tempDir();
    ccm(['audit', DEMO, ...RUN, '--out', out, '--redact', '--redact-salt', `${SALT}-other`, '--quiet']);
    const other = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')).patientMonths[0].patientId;
    const first = tempDir();
    ccm(['audit', DEMO, ...RUN, '--out', first, '--redact', '--quiet'], { env: { CCM_REDACT_SALT: SALT } });
    expect(JSON.parse(readFileSync(join(first, 'report.json'), 'utf8')).patientMonths[0].patientId).not.toBe(other);
    const r = ccm(['audit', DEMO, ...RUN, '--out', tempDir(), '--redact']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccm: --redact needs a secret salt/);
  });

  it('names the patient of an expired baseline entry by its pseudonym, on stderr with and without --json', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'consents.csv'), 'MRN,Consent Date\n20451,2025-01-10\n');
    writeFileSync(join(dir, 'dx.csv'), 'MRN,ICD-10 Code\n20451,E11.9\n20451,I10\n');
    writeFileSync(join(dir, 'careplans.csv'), 'MRN,Care Plan Date\n20451,2025-01-15\n');
    writeFileSync(join(dir, 'timelog.csv'), 'MRN,Date,Staff,Credential,Minutes,Note\n20451,2026-10-03,Ann Lee,RN,25,Called pt\n');
    const inputs = ['timelog.csv', 'consents.csv', 'dx.csv', 'careplans.csv', '--month', '2026-10', '--run-date', '2026-11-05'].map((a) => (a.endsWith('.csv') ? join(dir, a) : a));
    expect(ccm(['baseline', ...inputs, '--out', join(dir, 'bl.json')]).code).toBe(0);
    const baseline = JSON.parse(readFileSync(join(dir, 'bl.json'), 'utf8'));
    for (const entry of baseline.findings) entry.expires = '2026-11-01';
    writeFileSync(join(dir, 'bl.json'), JSON.stringify(baseline));
    for (const extra of [[], ['--json']]) {
      const r = ccm(['audit', ...inputs, '--baseline', join(dir, 'bl.json'), '--redact', '--out', join(dir, 'shared'), ...extra], { env: { CCM_REDACT_SALT: SALT } });
      const expired = r.stderr.split('\n').filter((line) => line.includes('expired on'));
      expect(expired.length, extra.join(' ')).toBeGreaterThan(0);
      for (const line of expired) expect(line).toMatch(/^baseline: accepted [a-z-]+ for P-[0-9a-f]{12} 2026-10 expired on 2026-11-01/);
      expect(`${r.stdout}${r.stderr}`, extra.join(' ')).not.toMatch(/\b20451\b/);
    }
  });
});

describe('--redact: file and sheet names', () => {
  // One sheet per patient, named after the patient, in files named after the patient: common in small practices.
  const NAMES = ['Jones', 'Alice', 'Smith', 'Robert', 'jones_alice'];

  it('replaces them by keyed pseudonyms in every report, message and terminal line, in the same order as the un-redacted run', () => {
    // The inputs' folder is named after the patient too; the reports go elsewhere (--out is the user's to name).
    const top = tempDir();
    const dir = join(top, 'jones_alice');
    mkdirSync(dir);
    const book = XLSX.utils.book_new();
    const log = (mrn: number) => [['MRN', 'Date', 'Staff', 'Credential', 'Minutes', 'Note'], [mrn, '2026-10-05', 'Rita Nurse', 'RN', 25, 'Reviewed insulin titration and podiatry referral with the patient']];
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(log(30001)), 'Jones, Alice');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(log(30002)), 'Smith, Robert');
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Alice Jones call list'], ['x', 'y']]), 'Jones notes');
    XLSX.writeFile(book, join(dir, 'jones_alice_ccm.xlsx'));
    // Consent after the entry: service-before-consent's message names the consent row, in this file.
    writeFileSync(join(dir, 'jones_alice_consents.csv'), 'MRN,Consent Date\n30001,2026-10-20\n30002,2026-01-02\n');
    const inputs = [join(dir, 'jones_alice_ccm.xlsx'), join(dir, 'jones_alice_consents.csv'), ...RUN, '--run-date', '2026-11-05'];
    const plain = ccm(['audit', ...inputs, '--out', join(top, 'plain'), '--format', 'csv']);
    expect(plain.stdout).toContain('Jones notes');
    const plainRows = readFileSync(join(top, 'plain', 'exceptions.csv'), 'utf8').split('\n');
    expect(plainRows.some((r) => r.includes('jones_alice_consents.csv, row 2'))).toBe(true);

    const out = join(top, 'out');
    const r = ccm(['audit', ...inputs, '--out', out, '--redact'], { env: { CCM_REDACT_SALT: SALT } });
    expect(r.code, r.stderr).toBe(1);
    const texts = everything(out, r);
    for (const [name, text] of texts) for (const secret of NAMES) expect(text.includes(secret), `${name}: ${secret}`).toBe(false);
    const rows = readFileSync(join(out, 'exceptions.csv'), 'utf8').split('\n');
    expect(rows.some((row) => /file-[0-9a-f]{8}\.xlsx,sheet-[0-9a-f]{8},2,/.test(row))).toBe(true);
    expect(rows.some((row) => /file-[0-9a-f]{8}\.csv, row 2/.test(row))).toBe(true);
    expect(r.stdout).toMatch(/file-[0-9a-f]{8}\.xlsx, sheet "sheet-[0-9a-f]{8}"/);
    // Row for row the un-redacted run's findings: that is how the pseudonyms are mapped back.
    expect(rows.map((row) => row.split(',').slice(0, 2).join())).toEqual(plainRows.map((row) => row.split(',').slice(0, 2).join()));
    // Stable for one salt: the same sheet keeps its pseudonym in the next run.
    const again = ccm(['audit', ...inputs, '--out', join(top, 'again'), '--redact', '--format', 'csv', '--quiet'], { env: { CCM_REDACT_SALT: SALT } });
    expect(again.code).toBe(1);
    expect(readFileSync(join(top, 'again', 'exceptions.csv'), 'utf8')).toBe(readFileSync(join(out, 'exceptions.csv'), 'utf8'));
  });
});

describe('--redact: a sheet named on the command line, in exit-2 lines', () => {
  it('is named by its pseudonym, and the advice names no command to run on a pseudonym', () => {
    const dir = tempDir();
    const book = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['MRN', 'Date', 'Staff', 'Credential', 'Minutes'], [1001, '2026-10-03', 'Rita', 'RN', 25]]), 'Jones, Alice');
    XLSX.writeFile(book, join(dir, 'jones.xlsx'));
    const sheet = join(dir, 'jones.xlsx#Jones, Alice');
    const runs: [string, string[], RegExp][] = [
      ['the same sheet twice', [sheet, sheet], /^ccm: file-[0-9a-f]{8}\.xlsx, sheet "sheet-[0-9a-f]{8}": the same sheet is given twice; name each sheet once\.\n$/],
      ['a workbook and one of its sheets', [join(dir, 'jones.xlsx'), sheet], /^ccm: file-[0-9a-f]{8}\.xlsx, sheet "sheet-[0-9a-f]{8}": the whole workbook file-[0-9a-f]{8}\.xlsx is given too/],
      ['a sheet the workbook lacks', [`${sheet}x`], /^ccm: file-[0-9a-f]{8}\.xlsx, sheet "sheet-[0-9a-f]{8}": no such sheet in the workbook; run `ccm inspect` on the workbook to list its sheets\.\n$/],
    ];
    for (const [what, inputs, line] of runs) {
      const r = ccm(['audit', ...inputs, '--out', join(dir, 'out'), '--redact'], { env: { CCM_REDACT_SALT: SALT } });
      expect(r.code, what).toBe(2);
      expect(r.stderr, what).toMatch(line);
      expect(r.stderr, what).not.toMatch(/Jones|Alice|jones/);
    }
  });
});

describe('"Sheets not read": the header row it quotes may be a data row', () => {
  const CELL = 'Alice Jones chest pain SSN 123-45-6789';
  const SECRETS = ['Alice', '123-45-6789'];
  const book = (dir: string) => {
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['MRN', 'Date', 'Staff', 'Credential', 'Minutes'], ['1001', '2026-10-03', 'Rita', 'RN', 25]]), 'Log');
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([['Patient: A. J.'], ['MRN', 'Date', 'Staff', CELL], ['1001', '2026-10-03', 'Rita', 'x']]), 'Patient');
    XLSX.writeFile(wb, join(dir, 'book.xlsx'));
    return join(dir, 'book.xlsx');
  };
  const RUN_OCT = ['--month', '2026-10', '--run-date', '2026-11-05'];

  it('the terminal withholds its unknown cells unless --show-notes; summary, --json, inspect and the exit-2 line', () => {
    const dir = tempDir();
    const path = book(dir);
    const runs = [
      ccm(['audit', path, ...RUN_OCT, '--out', join(dir, 'a')]),
      ccm(['audit', path, ...RUN_OCT, '--out', join(dir, 'b'), '--json']),
      ccm(['inspect', path]),
      ccm(['audit', `${path}#Patient`, ...RUN_OCT, '--out', join(dir, 'c')]),
    ];
    for (const r of runs) {
      expect(r.stdout + r.stderr).toContain('headers found in row 2: MRN, Date, Staff, [withheld]');
      for (const secret of SECRETS) expect(r.stdout + r.stderr).not.toContain(secret);
    }
    expect(runs[3]!.code).toBe(2);
    // The user's own report.json keeps it, for whoever fixes the sheet; --show-notes shows it.
    expect(readFileSync(join(dir, 'a', 'report.json'), 'utf8')).toContain(CELL);
    expect(ccm(['audit', path, ...RUN_OCT, '--out', join(dir, 'd'), '--show-notes']).stdout).toContain(CELL);
    expect(ccm(['inspect', path, '--show-notes']).stdout).toContain(CELL);
    expect(ccm(['audit', `${path}#Patient`, ...RUN_OCT, '--out', join(dir, 'e'), '--show-notes']).stderr).toContain(CELL);
  });

  it('--redact: in no report file, on stdout or stderr, --show-notes included', () => {
    const dir = tempDir();
    const path = book(dir);
    const out = join(dir, 'out');
    for (const args of [[], ['--show-notes'], ['--json']]) {
      rmSync(out, { recursive: true, force: true });
      const r = ccm(['audit', path, ...RUN_OCT, '--out', out, '--redact', '--fail-on', 'never', ...args], { env: { CCM_REDACT_SALT: SALT } });
      expect(r.code, r.stderr).toBe(0);
      const texts = everything(out, r);
      expect(texts.get('report.json')).toContain('MRN, Date, Staff, [withheld]');
      for (const [name, text] of texts) for (const secret of SECRETS) expect(text.includes(secret), `${args.join(' ')} ${name}`).toBe(false);
    }
    const failed = ccm(['audit', `${path}#Patient`, ...RUN_OCT, '--out', join(dir, 'x'), '--redact', '--show-notes'], { env: { CCM_REDACT_SALT: SALT } });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('MRN, Date, Staff, [withheld]');
    for (const secret of SECRETS) expect(failed.stderr).not.toContain(secret);
  });
});

/** Every byte a run left: stdout, stderr and each report file, a workbook's parts inflated. */
function everything(out: string, r: { stdout: string; stderr: string }): Map<string, string> {
  const texts = new Map([
    ['stdout', r.stdout],
    ['stderr', r.stderr],
  ]);
  for (const name of readdirSync(out)) {
    const bytes = readFileSync(join(out, name));
    if (!name.endsWith('.xlsx')) texts.set(name, bytes.toString('utf8'));
    else for (const part of XLSX.CFB.read(bytes, { type: 'buffer' }).FileIndex) texts.set(`${name}:${part.name}`, Buffer.from(part.content ?? []).toString('utf8'));
  }
  return texts;
}

describe('cell text pushed into another column by a ragged row', () => {
  const NOTE = 'Pt disclosed HIV status and depression; reviewed meds';
  // Row 2 lacks its minutes cell, so the note lands in the minutes column; row 3's date column holds note text.
  const RAGGED = `Patient ID,Date,Staff,Credential,Minutes,Note\nG1,2025-03-03,Rita Nurse,RN,${NOTE}\nG2,Pt disclosed HIV status,Rita Nurse,RN,25,x\n`;
  const SECRETS = [NOTE, 'Pt disclosed HIV status', 'disclosed'];

  it('--redact: no byte of the text in any report file, on stdout or stderr', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'time.csv'), RAGGED);
    const out = join(dir, 'out');
    for (const args of [[], ['--show-notes'], ['--json']]) {
      rmSync(out, { recursive: true, force: true });
      const r = ccm(['audit', join(dir, 'time.csv'), '--out', out, '--run-date', '2025-04-15', '--redact', ...args], { env: { CCM_REDACT_SALT: SALT } });
      expect(r.code, r.stderr).toBe(1);
      const texts = everything(out, r);
      expect([...texts.keys()]).toEqual(expect.arrayContaining(['report.json', 'exceptions.csv', 'claims.csv', 'junit.xml', 'stdout']));
      expect([...texts.keys()].some((k) => k.startsWith('report.xlsx:'))).toBe(true);
      for (const [name, text] of texts) for (const secret of SECRETS) expect(text.includes(secret), `${args.join(' ')} ${name}`).toBe(false);
      expect(texts.get('report.json')).toContain('[withheld]');
    }
  });

  it('the terminal withholds it without --show-notes; the report files keep it for whoever fixes the row', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'time.csv'), RAGGED);
    const hidden = ccm(['audit', join(dir, 'time.csv'), '--out', join(dir, 'a'), '--run-date', '2025-04-15']);
    expect(hidden.stdout).toContain('The minutes cell holds "[withheld]"');
    expect(hidden.stdout + hidden.stderr).not.toContain('disclosed');
    expect(readFileSync(join(dir, 'a', 'exceptions.csv'), 'utf8')).toContain(NOTE);
    const shown = ccm(['audit', join(dir, 'time.csv'), '--out', join(dir, 'b'), '--run-date', '2025-04-15', '--show-notes']);
    expect(shown.stdout).toContain(NOTE);
  });
});

describe('cell text on the terminal: --json, inspect and exit-2 lines', () => {
  const NOTE = 'Patient disclosed HIV status';
  // Row 2's note slid into the Date column.
  const SHIFTED = `MRN,Date,Staff,Credential,Minutes,Note\n1001,${NOTE},Rita Nurse,RN,25,x\n1002,2026-10-05,Rita Nurse,RN,25,Reviewed insulin titration\n`;
  // A time log exported without its header row: the first row is patient, date, staff, note.
  const HEADERLESS = `1001,2026-10-05,Rita Nurse,RN,25,${NOTE} and depression,1234567893\n`;
  const RUN_OCT = ['--month', '2026-10', '--run-date', '2026-11-05'];

  it('--json withholds quoted cells on stdout unless --show-notes; report.json on disk quotes them', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'timelog.csv'), SHIFTED);
    const hidden = ccm(['audit', join(dir, 'timelog.csv'), ...RUN_OCT, '--out', join(dir, 'a'), '--json']);
    expect(hidden.code, hidden.stderr).toBe(1);
    expect(hidden.stdout + hidden.stderr).not.toContain('disclosed');
    expect(hidden.stdout).toContain('holds \\"[withheld]\\"');
    // Still report.json: the same document as the file, but for the withheld messages.
    const onDisk = readFileSync(join(dir, 'a', 'report.json'), 'utf8');
    expect(onDisk).toContain(NOTE);
    expect(hidden.stdout).toBe(onDisk.replaceAll(`"${NOTE}"`.replaceAll('"', '\\"'), '\\"[withheld]\\"'));
    const shown = ccm(['audit', join(dir, 'timelog.csv'), ...RUN_OCT, '--out', join(dir, 'b'), '--json', '--show-notes']);
    expect(shown.stdout).toContain(NOTE);
  });

  it('--json withholds a billing NPI that is no NPI (a cell as written) on stdout unless --show-notes; a valid one stays', () => {
    const dir = tempDir();
    // Row 2's NPI cell holds the text a missing cell pushed into it; row 3's is a valid NPI.
    writeFileSync(
      join(dir, 'timelog.csv'),
      'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI\n1004,2026-10-04,Rita,RN,25,Reviewed insulin titration and podiatry referral,123456789 Alice\n1005,2026-10-04,Rita,RN,25,Reviewed insulin titration and podiatry referral,1234567893\n',
    );
    const hidden = ccm(['audit', join(dir, 'timelog.csv'), ...RUN_OCT, '--out', join(dir, 'a'), '--json']);
    expect(hidden.code, hidden.stderr).toBe(1);
    expect(hidden.stdout + hidden.stderr).not.toContain('Alice');
    expect(hidden.stdout).toContain('"billingNpi":"[withheld]"');
    expect(hidden.stdout).toContain('"billingNpi":"1234567893"');
    expect(readFileSync(join(dir, 'a', 'report.json'), 'utf8')).toContain('Alice');
    const shown = ccm(['audit', join(dir, 'timelog.csv'), ...RUN_OCT, '--out', join(dir, 'b'), '--json', '--show-notes']);
    expect(shown.stdout).toContain('Alice');
  });

  it('inspect withholds an unreadable cell unless --show-notes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'timelog.csv'), SHIFTED);
    const hidden = ccm(['inspect', join(dir, 'timelog.csv')]);
    expect(hidden.code, hidden.stderr).toBe(0);
    expect(hidden.stdout).toContain('row 2, column "Date": "[withheld]" is not a date');
    expect(hidden.stdout + hidden.stderr).not.toContain('disclosed');
    const shown = ccm(['inspect', join(dir, 'timelog.csv'), '--show-notes']);
    expect(shown.stdout).toContain(`row 2, column "Date": "${NOTE}" is not a date`);
    expect(ccm(['inspect', '--help']).stdout).toContain('--show-notes');
  });

  it('a headerless time log: the exit-2 line describes the first row without its text unless --show-notes', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nohdr.csv'), HEADERLESS);
    for (const command of ['audit', 'inspect']) {
      const out = command === 'audit' ? ['--out', join(dir, 'out')] : [];
      const hidden = ccm([command, join(dir, 'nohdr.csv'), ...out]);
      expect(hidden.code).toBe(2);
      expect(hidden.stdout).toBe('');
      expect(hidden.stderr, command).toBe(
        'ccm: nohdr.csv: no header row of a time log, consents, diagnoses or billed services found in the first 30 rows; first row: 7 cells (number, date, text, text, number, text, number; their text withheld).\n',
      );
      const shown = ccm([command, join(dir, 'nohdr.csv'), '--show-notes', ...out]);
      expect(shown.code).toBe(2);
      expect(shown.stderr, command).toContain(`first row: 1001, 2026-10-05, Rita Nurse, RN, 25, ${NOTE}`);
    }
  });

  it('--redact: the exit-2 line names the input by its pseudonym and quotes no cell, --show-notes included', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nohdr.csv'), HEADERLESS);
    writeFileSync(join(dir, 'jones_alice_ccm.csv'), '');
    const headerless = ccm(['audit', join(dir, 'nohdr.csv'), '--out', join(dir, 'out'), '--redact', '--show-notes'], { env: { CCM_REDACT_SALT: SALT } });
    expect(headerless.code).toBe(2);
    expect(headerless.stderr).toMatch(/^ccm: file-[0-9a-f]{8}\.csv: no header row .*; first row: 7 cells \(number, date, text, text, number, text, number; their text withheld\)\.\n$/);
    expect(headerless.stderr).not.toContain('nohdr');
    const empty = ccm(['audit', join(dir, 'jones_alice_ccm.csv'), '--out', join(dir, 'out'), '--redact'], { env: { CCM_REDACT_SALT: SALT } });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^ccm: file-[0-9a-f]{8}\.csv: the file is empty; export it again\.\n$/);
    expect(empty.stderr).not.toContain('jones');
  });

  it('--redact: the pseudonym in the error line is the one the reports give the file', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'jones_alice_ccm.csv'), SHIFTED);
    const ok = ccm(['audit', join(dir, 'jones_alice_ccm.csv'), ...RUN_OCT, '--out', join(dir, 'out'), '--redact', '--quiet'], { env: { CCM_REDACT_SALT: SALT } });
    expect(ok.code, ok.stderr).toBe(1);
    const pseudonym = (JSON.parse(readFileSync(join(dir, 'out', 'report.json'), 'utf8')) as { inputs: { file: string }[] }).inputs[0]!.file;
    writeFileSync(join(dir, 'jones_alice_ccm.csv'), '');
    const failed = ccm(['audit', join(dir, 'jones_alice_ccm.csv'), '--out', join(dir, 'out2'), '--redact'], { env: { CCM_REDACT_SALT: SALT } });
    expect(failed.stderr).toBe(`ccm: ${pseudonym}: the file is empty; export it again.\n`);
  });
});

describe('formula injection through the whole pipeline', () => {
  const HOSTILE = ['=HYPERLINK("http://evil.invalid","click")', '+1', '-2+3', '@SUM(A1)', '\tcmd', '\rcmd'];

  it('neutralizes every hostile cell in exceptions.csv and report.xlsx, and keeps numbers numbers', () => {
    const dir = tempDir();
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    // 0 minutes: every row gets an entry-level finding (invalid-minutes), whose evidence columns carry staff and note.
    const rows = HOSTILE.map((h, i) => [`2045${i}`, '10/3/2026', quote(h), 'RN', '0', quote(h)].join(','));
    writeFileSync(join(dir, 'log.csv'), ['MRN,DOS,Staff,Credentials,Minutes,Notes', ...rows].join('\r\n'));
    const out = join(dir, 'out');
    expect(ccm(['audit', join(dir, 'log.csv'), '--out', out, '--run-date', '2026-11-15', '--quiet']).code).toBe(1);

    const csv = readFileSync(join(out, 'exceptions.csv'), 'utf8');
    // Tab- and CR-led cells lose their lead when ingest trims cells; escape.ts's own tests cover them on output.
    const FORMULAS = HOSTILE.filter((h) => !/^\s/.test(h));
    for (const h of FORMULAS) {
      const cell = h.includes('"') || h.includes('\r') ? quote(`'${h}`) : `'${h}`;
      expect(csv, JSON.stringify(h)).toContain(cell);
    }

    const book = XLSX.read(readFileSync(join(out, 'report.xlsx')));
    const exceptions = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Exceptions']!);
    const texts = exceptions.flatMap((r) => Object.values(r)).filter((v): v is string => typeof v === 'string');
    for (const text of texts) expect(/^[=+\-@\t\r]/.test(text), JSON.stringify(text)).toBe(false);
    for (const h of FORMULAS) expect(texts, JSON.stringify(h)).toContain(`'${h}`);
    const minutes = exceptions.map((r) => Object.entries(r).find(([k]) => /minutes/i.test(k))?.[1]).filter((v) => v !== undefined);
    expect(minutes.length).toBeGreaterThan(0);
    for (const m of minutes) expect(typeof m).toBe('number');
  });
});
