import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { makeZip } from '../helpers/zip.js';

const GOOD_CSV =
  'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n' +
  '20451,3/7/2025,Maria Lopez,RN,25,Reviewed home BP log; amlodipine dose confirmed with pt\r\n' +
  '20452,3/8/2025,Maria Lopez,RN,30,Called pt about new inhaler; spacer technique corrected\r\n';
const OLE2 = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
let dir: string;

/** Each broken file is made here, at test time: nothing hostile is committed. */
function make(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

beforeAll(() => {
  dir = tempDir('ccm-broken-');
  const demo = readFileSync(fixture('demo/ccm-export-2026-10.xlsx'));
  make('empty.csv', '');
  make('header-only.csv', 'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n');
  make('truncated.xlsx', demo.subarray(0, Math.floor(demo.length / 2)));
  const damaged = Buffer.from(demo);
  for (let i = 3000; i < 3400; i++) damaged[i] = (damaged[i]! * 7 + 13) % 256;
  make('damaged.xlsx', damaged);
  make('random.xlsx', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)));
  make('legacy.xls', Buffer.concat([OLE2, Buffer.alloc(4096)]));
  make('encrypted.xlsx', Buffer.concat([OLE2, Buffer.alloc(1024), Buffer.from('EncryptedPackage', 'utf16le'), Buffer.alloc(1024)]));
  make('encrypted-entry.xlsx', makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>'), flags: 1 }]));
  make('binary.xlsb', makeZip([{ name: 'xl/workbook.bin', data: Buffer.from([1, 2, 3]) }]));
  make('binary-named.xlsx', makeZip([{ name: 'xl/workbook.bin', data: Buffer.from([1, 2, 3]) }]));
  make('document.xlsx', makeZip([{ name: 'word/document.xml', data: Buffer.from('<w:document/>') }]));
  make('bomb.xlsx', makeZip([{ name: 'xl/workbook.xml', data: Buffer.from('<workbook/>') }, { name: 'xl/worksheets/sheet1.xml', data: Buffer.alloc(64 * 1024 ** 2), deflate: true }]));
  make('table.xls', '<html><body><table><tr><td>MRN</td><td>DOS</td></tr></table></body></html>');
  make('nul.csv', 'MRN,DOS,Minutes\r\n20451,3/7/2025\u0000,25\r\n');
  make('utf16-no-bom.csv', Buffer.from(GOOD_CSV, 'utf16le'));
  make('duplicate-headers.csv', 'MRN,DOS,Minutes,Minutes,Notes\r\n20451,3/7/2025,25,25,Reviewed BP log\r\n');
  make('missing-column.csv', 'MRN,Staff,Minutes,Notes\r\n20451,Maria Lopez,25,Reviewed BP log\r\n');
  make('good.csv', GOOD_CSV);
  make('limits.config.json', JSON.stringify({ limits: { maxRows: 1 } }));
  make('cells.config.json', JSON.stringify({ limits: { maxCellChars: 20 } }));
  // UTF-16 goes to csv-parse, whose rows come in batches: a quote never closed a few rows past the row limit
  // must not be reported instead of the limit, which comes first in the file (diff-check 14).
  const rows = Array.from({ length: 40 }, (_, i) => `204${50 + i},3/7/2025,Maria Lopez,RN,25,Reviewed BP log\r\n`).join('');
  make('utf16-over-limit.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`MRN,DOS,Staff,Credentials,Minutes,Notes\r\n${rows}20459,"never closed\r\n`, 'utf16le')]));
  make('max5.config.json', JSON.stringify({ limits: { maxRows: 5 } }));
  mkdirSync(join(dir, 'a-folder'));
});

interface Case {
  name: string;
  args: () => string[];
  /** The one line ccm prints, after "ccm: ". */
  message: RegExp;
}

const CASES: Case[] = [
  { name: 'a missing path', args: () => [join(dir, 'nope.csv')], message: /nope\.csv: no such file\.$/ },
  { name: 'a folder', args: () => [join(dir, 'a-folder')], message: /a-folder: is a folder; name the export files inside it\.$/ },
  { name: 'an empty file', args: () => [join(dir, 'empty.csv')], message: /^empty\.csv: the file is empty; export it again\.$/ },
  { name: 'a header-only file', args: () => [join(dir, 'header-only.csv')], message: /^header-only\.csv: the time log has a header \(row 1\) but no entries/ },
  { name: 'a truncated XLSX', args: () => [join(dir, 'truncated.xlsx')], message: /^truncated\.xlsx: the workbook is cut short or damaged/ },
  { name: 'a damaged XLSX', args: () => [join(dir, 'damaged.xlsx')], message: /^damaged\.xlsx: .*(damaged|could not be read)/ },
  { name: 'random bytes named .xlsx', args: () => [join(dir, 'random.xlsx')], message: /^random\.xlsx: not a readable workbook/ },
  { name: 'a legacy .xls', args: () => [join(dir, 'legacy.xls')], message: /^legacy\.xls: this is a legacy \.xls workbook; open it in Excel and save it as \.xlsx or CSV\.$/ },
  { name: 'a password-protected XLSX', args: () => [join(dir, 'encrypted.xlsx')], message: /^encrypted\.xlsx: the workbook is password-protected/ },
  { name: 'an XLSX with encrypted entries', args: () => [join(dir, 'encrypted-entry.xlsx')], message: /^encrypted-entry\.xlsx: the workbook is encrypted/ },
  { name: 'an .xlsb', args: () => [join(dir, 'binary.xlsb')], message: /^binary\.xlsb: binary workbooks \(\.xlsb\) are not supported/ },
  { name: 'an .xlsb named .xlsx', args: () => [join(dir, 'binary-named.xlsx')], message: /^binary-named\.xlsx: binary workbooks \(\.xlsb\) are not supported/ },
  { name: 'a Word document named .xlsx', args: () => [join(dir, 'document.xlsx')], message: /^document\.xlsx: this is a Word document/ },
  { name: 'a zip bomb', args: () => [join(dir, 'bomb.xlsx')], message: /^bomb\.xlsx: refused: xl\/worksheets\/sheet1\.xml would inflate \d+-fold/ },
  { name: 'an HTML table saved as .xls', args: () => [join(dir, 'table.xls')], message: /^table\.xls: this is a web page \(HTML\)/ },
  { name: 'a CSV with NUL bytes', args: () => [join(dir, 'nul.csv')], message: /^nul\.csv: the file contains NUL bytes/ },
  { name: 'UTF-16 without a byte-order mark', args: () => [join(dir, 'utf16-no-bom.csv')], message: /^utf16-no-bom\.csv: the file is UTF-16 text without a byte-order mark/ },
  { name: 'duplicate header names', args: () => [join(dir, 'duplicate-headers.csv')], message: /^duplicate-headers\.csv, row 1: columns [A-Z] "Minutes" and [A-Z] "Minutes" all look like the minutes column; rename one/ },
  { name: 'a required column missing', args: () => [join(dir, 'missing-column.csv')], message: /^missing-column\.csv: the time log has no date \(DOS, Date of Service/ },
  { name: 'more rows than the limit', args: () => [join(dir, 'good.csv'), '--config', join(dir, 'limits.config.json')], message: /^good\.csv: more than 1 rows/ },
  { name: 'more rows than the limit, before a quote never closed', args: () => [join(dir, 'utf16-over-limit.csv'), '--config', join(dir, 'max5.config.json')], message: /^utf16-over-limit\.csv: more than 5 rows/ },
  { name: 'a cell longer than the limit', args: () => [join(dir, 'good.csv'), '--config', join(dir, 'cells.config.json')], message: /^good\.csv, row 2, column "Notes": a cell of \d+ characters, over the 20 limit/ },
];

describe('unusable inputs: exit 2, one line naming the file, no stack, no report', () => {
  it.each(CASES)('$name', ({ args, message }) => {
    const out = join(tempDir(), 'report');
    const r = ccm(['audit', ...args(), '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.replace(/^ccm: /, '')).toMatch(message);
    expect(existsSync(out)).toBe(false);
  });
});

describe('outputs', () => {
  it('refuses an output folder that is not writable, leaving nothing behind', () => {
    const r = ccm(['audit', join(dir, 'good.csv'), '--out', join(dir, 'good.csv', 'report')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^ccm: .*good\.csv\/report: cannot write the report there \(ENOTDIR\); choose another --out folder/);
  });

  it('refuses to overwrite an input with a report', () => {
    const work = tempDir();
    copyFileSync(join(dir, 'good.csv'), join(work, 'claims.csv'));
    const before = readFileSync(join(work, 'claims.csv'));
    const r = ccm(['audit', 'claims.csv', '--out', '.'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/would overwrite the input claims\.csv/);
    expect(readFileSync(join(work, 'claims.csv')).equals(before)).toBe(true);
  });

  it('refuses an --out that reaches an input under another name: a symlinked folder, a symlinked input, a hard link', () => {
    const work = tempDir();
    copyFileSync(join(dir, 'good.csv'), join(work, 'claims.csv'));
    writeFileSync(join(work, 'dx.csv'), 'MRN,ICD-10 Code\r\n20451,E11.9\r\n');
    const before = readFileSync(join(work, 'claims.csv'));
    symlinkSync(work, join(work, 'exports'));
    mkdirSync(join(work, 'linked'));
    symlinkSync(join(work, 'claims.csv'), join(work, 'linked', 'claims.csv'));
    mkdirSync(join(work, 'hard'));
    linkSync(join(work, 'claims.csv'), join(work, 'hard', 'claims.csv'));
    for (const [input, out] of [
      ['claims.csv', 'exports'],
      ['exports/claims.csv', '.'],
      ['linked/claims.csv', '.'],
      ['claims.csv', 'hard'],
    ]) {
      const r = ccm(['audit', input!, '--out', out!], { cwd: work });
      expect(r.code, `${input} --out ${out}`).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toEqual([`ccm: ${out}: writing the report there would overwrite the input ${input}; choose another --out.`]);
      expect(readFileSync(join(work, 'claims.csv')).equals(before)).toBe(true);
    }
    const dx = readFileSync(join(work, 'dx.csv'));
    const r = ccm(['baseline', 'claims.csv', 'dx.csv', '--run-date', '2026-01-01', '--out', 'exports/dx.csv'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toEqual(['ccm: exports/dx.csv: would overwrite an input file; choose another --out.']);
    expect(readFileSync(join(work, 'dx.csv')).equals(dx)).toBe(true);
    expect(readdirSync(work).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the previous report intact when a later run fails, and never changes its inputs', () => {
    const work = tempDir();
    const input = join(work, 'log.csv');
    writeFileSync(input, GOOD_CSV);
    expect(ccm(['audit', input, '--out', join(work, 'out'), '--run-date', '2026-01-01']).code).toBe(1);
    const before = readFileSync(join(work, 'out', 'report.json'));
    writeFileSync(join(work, 'broken.csv'), 'MRN,Staff\r\n1,x\r\n');
    expect(ccm(['audit', join(work, 'broken.csv'), '--out', join(work, 'out')]).code).toBe(2);
    expect(readFileSync(join(work, 'out', 'report.json')).equals(before)).toBe(true);
    expect(readdirSync(join(work, 'out')).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect(readFileSync(input, 'utf8')).toBe(GOOD_CSV);
  });

  it('reads ragged rows (short and long) instead of failing', () => {
    const work = tempDir();
    writeFileSync(join(work, 'ragged.csv'), 'MRN,DOS,Staff,Credentials,Minutes,Notes\r\n20451,3/7/2025,Maria Lopez,RN,25\r\n20452,3/8/2025,Maria Lopez,RN,30,Reviewed inhaler use; spacer technique corrected,extra,cells\r\n');
    const r = ccm(['audit', join(work, 'ragged.csv'), '--out', join(work, 'out'), '--json', '--fail-on', 'never']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).patientMonths.map((p: { loggedMinutes: number }) => p.loggedMinutes)).toEqual([25, 30]);
  });
});
