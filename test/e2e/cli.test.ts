import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, ROOT, tempDir } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';

// Relative to the repository root, where ccm() runs: reports record input paths as the user wrote them.
const DEMO = 'fixtures/demo/ccm-export-2026-10.xlsx';
const EXPECTED = fixture('demo/expected');
const RUN = ['--month', '2026-10', '--run-date', '2026-11-15'];

describe('ccm audit on the demo', () => {
  it('writes the reports, prints a summary and exits 1 for error findings', () => {
    const out = tempDir();
    const r = ccm(['audit', DEMO, ...RUN, '--out', out]);
    // The one note: patient 20472's claim-ready month bills under an NPI failing the check digit (invalid-npi warns).
    expect(r.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^warning: 1 claim-ready patient-month has a billing NPI that is not a valid NPI \(20472 2026-10\)/)]);
    expect(r.code).toBe(1);
    for (const name of ['report.json', 'claims.csv', 'exceptions.csv', 'report.xlsx', 'junit.xml']) {
      expect(existsSync(join(out, name)), name).toBe(true);
      expect(statSync(join(out, name)).mode & 0o777, name).toBe(0o600);
    }
    expect(r.stdout).toMatch(/billable/i);
    expect(r.stdout).toMatch(/estimated/i);
  });

  it('matches the committed expected result (set UPDATE_EXPECTED=1 to refresh after a deliberate change)', () => {
    const out = tempDir();
    ccm(['audit', DEMO, ...RUN, '--out', out, '--format', 'json,csv,junit']);
    for (const name of ['report.json', 'claims.csv', 'exceptions.csv', 'junit.xml']) {
      const actual = readFileSync(join(out, name), 'utf8');
      if (process.env.UPDATE_EXPECTED) {
        mkdirSync(EXPECTED, { recursive: true });
        writeFileSync(join(EXPECTED, name), actual);
      }
      expect(actual, name).toBe(readFileSync(join(EXPECTED, name), 'utf8'));
    }
  });

  it('gives byte-identical files on two runs', () => {
    const [a, b] = [tempDir(), tempDir()];
    ccm(['audit', DEMO, ...RUN, '--out', a]);
    ccm(['audit', DEMO, ...RUN, '--out', b]);
    for (const name of ['report.json', 'claims.csv', 'exceptions.csv', 'report.xlsx', 'junit.xml']) {
      expect(readFileSync(join(a, name)).equals(readFileSync(join(b, name))), name).toBe(true);
    }
  });

  it('--fail-on never exits 0; --quiet prints nothing; --json prints the report', () => {
    const out = tempDir();
    expect(ccm(['audit', DEMO, ...RUN, '--out', out, '--fail-on', 'never']).code).toBe(0);
    const quiet = ccm(['audit', DEMO, ...RUN, '--out', out, '--quiet']);
    expect([quiet.stdout, quiet.stderr]).toEqual(['', '']);
    const json = ccm(['audit', DEMO, ...RUN, '--out', out, '--json', '--fail-on', 'never']);
    expect(JSON.parse(json.stdout).schemaVersion).toBe(1);
  });

  it('shows valid NPIs in the terminal and with --redact: a public practitioner identifier, not patient data', () => {
    const out = tempDir();
    const terminal = ccm(['audit', DEMO, ...RUN, '--out', out, '--fail-on', 'never']).stdout;
    expect(terminal).toContain('by the CCM practitioner (NPI 1234567893) overlaps CCM');
    expect(terminal).toContain('carry 2 billing NPIs (1234567893: 1 entry, 1245319599: 1 entry)');
    expect(terminal).not.toContain('[withheld]');
    ccm(['audit', DEMO, ...RUN, '--out', out, '--format', 'json', '--fail-on', 'never', '--redact'], { env: { CCM_REDACT_SALT: 'demo-salt-0123456789' } });
    const messages = (JSON.parse(readFileSync(join(out, 'report.json'), 'utf8')) as { findings: { message: string }[] }).findings.map((f) => f.message);
    expect(messages).toContain('The CCM entries of 2026-10 carry 2 billing NPIs (1234567893: 1 entry, 1245319599: 1 entry); only one practitioner may bill CCM for a patient-month.');
  });

  it('never prints note text unless asked', () => {
    const out = tempDir();
    const note = 'CCM call - 10 min';
    expect(ccm(['audit', DEMO, ...RUN, '--out', out]).stdout).not.toContain(note);
  });
});

describe('ccm inspect', () => {
  it.each([
    ['a missing file', (dir: string) => join(dir, 'nonexistent.csv'), (dir: string) => `ccm: ${join(dir, 'nonexistent.csv')}: no such file.\n`],
    ['random bytes named .xlsx', (dir: string) => join(dir, 'random.xlsx'), null],
  ] as const)('%s: exit 2 and the one line audit gives', (_, input, expected) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'random.xlsx'), Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
    const audited = ccm(['audit', input(dir), '--out', join(dir, 'out')]);
    const inspected = ccm(['inspect', input(dir)]);
    expect(inspected.code).toBe(2);
    expect(inspected.stdout).toBe('');
    expect(inspected.stderr).toBe(audited.stderr);
    expect(inspected.stderr).toMatch(/^ccm: [^\n]+\n$/);
    if (expected) expect(inspected.stderr).toBe(expected(dir));
  });

  it('still shows the files it can read when another cannot be read', () => {
    const r = ccm(['inspect', DEMO, 'nope.csv']);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('CCM Time Log');
    expect(r.stderr).toMatch(/^ccm: \S*nope\.csv: no such file\.\n$/);
  });

  it('shows the detected kind, header row and mapping of a messy export', () => {
    const r = ccm(['inspect', fixture('formats/messy-export.csv')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('time log, header in row 5');
    expect(r.stdout).toMatch(/"Patient #"\s+→ patientId/);
    expect(r.stdout).toMatch(/"Activity Date"\s+→ date/);
    expect(r.stdout).toMatch(/"Time In"\s+→ start/);
    expect(r.stdout).toContain('skipped 4 above the header, 1 blank, 1 totals');
  });

  it('lists every sheet of the demo, including the one it skips', () => {
    const r = ccm(['inspect', DEMO]);
    expect(r.stdout).toContain('sheet "CCM Time Log": time log, header in row 4');
    expect(r.stdout).toContain('sheet "Read Me": skipped');
  });
});

describe('could not run: exit 2 and one line naming the problem', () => {
  const cases: [string, string[], RegExp][] = [
    ['a time log with no duration or start/stop', ['audit', fixture('formats/no-minutes.csv')], /^ccm: no-minutes\.csv: the time log has no minutes .* or start .* and stop .* column; headers found in row 1: MRN, DOS, Staff, Credentials, Notes\.\n$/],
    ['a missing file', ['audit', 'nope.csv'], /^ccm: .*nope\.csv: no such file\.\n$/],
    ['an unknown flag', ['audit', DEMO, '--bogus'], /unknown option '--bogus'/],
    ['a bad month', ['audit', DEMO, '--month', '2026-13'], /^ccm: --month 2026-13: expected YYYY-MM/],
    ['a run date that is no date', ['audit', DEMO, '--run-date', '2025-99-99'], /^ccm: --run-date 2025-99-99: expected a calendar date, YYYY-MM-DD, e\.g\. 2026-11-15\.\n$/],
    ['a run date on a day the month lacks', ['audit', DEMO, '--run-date', '2025-02-31'], /^ccm: --run-date 2025-02-31: expected a calendar date/],
    ['a bad format', ['audit', DEMO, '--format', 'pdf'], /^ccm: --format pdf: unknown format/],
    ['an empty format list', ['audit', DEMO, '--format', ''], /^ccm: --format "": no format given; choose from json, csv, xlsx, junit\.\n$/],
    ['a format list of commas', ['audit', DEMO, '--format', ' , '], /^ccm: --format " , ": no format given/],
    ['an unknown rule in explain', ['explain', 'vague-notes'], /^ccm: no rule "vague-notes"; did you mean "vague-note"\?/],
    ['no inputs', ['audit'], /^ccm: no input files/],
    ['the same file twice', ['audit', DEMO, `./${DEMO}`], /^ccm: "fixtures\/demo\/ccm-export-2026-10\.xlsx" and "\.\/fixtures\/demo\/ccm-export-2026-10\.xlsx": the same file is given twice; name each input once\.\n$/],
    ['a workbook and one of its sheets', ['audit', DEMO, '--time-log', `${DEMO}#CCM Time Log`], /^ccm: fixtures\/demo\/ccm-export-2026-10\.xlsx, sheet "CCM Time Log": the whole workbook fixtures\/demo\/ccm-export-2026-10\.xlsx is given too and already includes that sheet; give the workbook once/],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const out = tempDir();
    const r = ccm(args[0] === 'audit' ? [...args, '--out', out] : args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, 'report.json'))).toBe(false);
  });

  it('a config with an unknown key', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ccm.config.json'), '{"rules": {"vague-notes": "off"}}');
    const r = ccm(['audit', DEMO, '--out', join(dir, 'out')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccm: ccm\.config\.json: rules\.vague-notes: no rule has this id; did you mean "vague-note"\?\n$/);
  });

  it('a baseline entry with an expiry that is no date', () => {
    const dir = tempDir();
    const entry = { fingerprint: '0123456789abcdef', rule: 'vague-note', patientId: 'A', month: '2026-10', reason: 'ok', expires: '2025-13-45' };
    writeFileSync(join(dir, 'b.json'), JSON.stringify({ version: 1, findings: [entry] }));
    const r = ccm(['audit', DEMO, ...RUN, '--baseline', join(dir, 'b.json'), '--out', join(dir, 'out')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`ccm: ${join(dir, 'b.json')}: findings[0] (fingerprint 0123456789abcdef), expires: "2025-13-45" not a calendar date (YYYY-MM-DD).\n`);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  it.each([
    ['{"fialOn": "error"}', 'ccm: ccm.config.json: (top level): unknown key "fialOn"; did you mean "failOn"?\n'],
    ['{"rules": {"vague-note": "eror"}}', 'ccm: ccm.config.json: rules.vague-note: "eror" is not allowed; expected "off", "error", "warning", "info", or an object; did you mean "error"?\n'],
  ])('a config %s: the key, the value and what is allowed', (config, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ccm.config.json'), config);
    const r = ccm(['audit', join(ROOT, DEMO), '--out', join(dir, 'out')], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(message);
  });

  it('an unknown CCM_XLSX_READER', () => {
    const r = ccm(['audit', DEMO, '--out', join(tempDir(), 'out')], { env: { CCM_XLSX_READER: 'sax' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('ccm: CCM_XLSX_READER=sax: expected exceljs (or lean, the default).\n');
  });

  it('an unreadable file', () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const dir = tempDir();
    const path = join(dir, 'log.csv');
    writeFileSync(path, 'MRN,DOS,Minutes\n1,1/1/2026,20\n');
    chmodSync(path, 0);
    expect(ccm(['audit', path, '--out', join(dir, 'out')]).stderr).toMatch(/permission denied/);
  });
});

describe('an empty --out: exit 2, nothing written in the current folder', () => {
  it.each([
    ['audit', /^ccm: --out "": empty; name a folder, e\.g\. --out ccm-report\.\n$/],
    ['baseline', /^ccm: --out "": empty; name a file, e\.g\. --out ccm-baseline\.json\.\n$/],
  ] as const)('%s', (command, message) => {
    const cwd = tempDir();
    const r = ccm([command, join(ROOT, DEMO), ...RUN, '--out', ''], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(readdirSync(cwd)).toEqual([]);
  });
});

describe('an output path that cannot be written: exit 2, one line naming it, nothing half-written', () => {
  const cases: [string, (dir: string) => string[], (dir: string) => RegExp][] = [
    ['baseline --out a folder', (dir) => ['baseline', DEMO, ...RUN, '--out', dir], (dir) => new RegExp(`^ccm: ${dir}: cannot write the file there \\(EISDIR: it is a folder\\); choose another --out file\\.\\n$`)],
    ['baseline --out in a missing folder', (dir) => ['baseline', DEMO, ...RUN, '--out', join(dir, 'missing', 'x.json')], (dir) => new RegExp(`^ccm: ${join(dir, 'missing', 'x.json')}: cannot write the file there \\(ENOENT\\); choose another --out file\\.\\n$`)],
    ['audit --out a file', (dir) => ['audit', DEMO, ...RUN, '--out', join(dir, 'file.txt')], (dir) => new RegExp(`^ccm: ${join(dir, 'file.txt')}: cannot write the report there \\(EEXIST\\)`)],
  ];
  it.each(cases)('%s', (_, args, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'file.txt'), 'keep');
    const r = ccm(args(dir));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message(dir));
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(readdirSync(dir)).toEqual(['file.txt']);
    expect(readFileSync(join(dir, 'file.txt'), 'utf8')).toBe('keep');
  });
});

describe('help, version, rules, explain', () => {
  it('prints help with examples and the version', () => {
    const help = ccm(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toMatch(/Environment: .*CCM_REDACT_SALT.*CCM_XLSX_READER=exceljs/s);
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(ccm(['--version']).stdout.trim()).toBe(pkg.version);
  });

  it('lists the rules and explains one', () => {
    const rules = ccm(['rules']);
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain('vague-note');
    expect(rules.stdout).toContain('incompatible-service');
    const explain = ccm(['explain', 'overlapping-time']);
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/R-TIME/);
  });
});
