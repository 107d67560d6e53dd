/**
 * The lean reader on damaged workbooks: every failure is one CcmError line naming the file (and the sheet and
 * row where known), never a hang or a stack; sheets can be abandoned half-read; and reading a workbook with it
 * never loads exceljs.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CcmError } from '../../src/errors.js';
import { readXlsx } from '../../src/read/xlsx.js';
import { ROOT, tempDir } from '../helpers/cli.js';
import { fixture } from '../helpers/paths.js';
import { buildWorkbook, collect, type WorkbookSpec, writeWorkbook } from './xlsx-compare.js';

async function failure(data: Buffer): Promise<CcmError> {
  const path = writeWorkbook(`broken-${Math.random().toString(36).slice(2)}.xlsx`, data);
  const error = await collect(readXlsx(path, 'book.xlsx')).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CcmError);
  const message = (error as CcmError).message;
  expect(message.split('\n')).toHaveLength(1);
  expect(message).toMatch(/^book\.xlsx/);
  return error as CcmError;
}

/** A sheet big enough that its compressed data has a middle to damage. */
function bigSheet(rows = 3000): string {
  let data = '';
  for (let r = 1; r <= rows; r++) data += `<row r="${r}"><c r="A${r}"><v>${r * 7919}</v></c><c r="B${r}" t="inlineStr"><is><t>note ${(r * 104729) % 99991}</t></is></c></row>`;
  return data;
}

const SHEET = 'xl/worksheets/sheet1.xml';

/** Offset of a central directory field of `name` (the directory holds the last copy of the name). */
function centralField(zip: Buffer, name: string, field: number): number {
  return zip.lastIndexOf(Buffer.from(name)) - 46 + field;
}

describe('damaged workbooks', () => {
  it('damaged compressed sheet data', async () => {
    const zip = buildWorkbook({ sheets: [{ name: 'Log', data: bigSheet() }] });
    const start = zip.indexOf(Buffer.from(SHEET)) + SHEET.length;
    for (let i = start + 2000; i < start + 2100; i++) zip[i] = (zip[i]! * 31 + 7) % 256;
    expect((await failure(zip)).message).toMatch(/^book\.xlsx: the workbook (is damaged|could not be read) \(sheet "Log"/);
  });

  it('a stored sheet whose bytes no longer match its CRC', async () => {
    const zip = buildWorkbook({ stored: true, sheets: [{ name: 'Log', data: '<row r="1"><c r="A1"><v>12345</v></c></row>' }] });
    zip[zip.indexOf(Buffer.from('12345'))] = 0x39;
    expect((await failure(zip)).message).toMatch(/sheet "Log".*CRC/);
  });

  it('a sheet that inflates past the size its directory entry declares', async () => {
    const zip = buildWorkbook({ sheets: [{ name: 'Log', data: bigSheet(200) }] });
    zip.writeUInt32LE(1000, centralField(zip, SHEET, 24));
    expect((await failure(zip)).message).toMatch(/inflates past the 1000 bytes/);
  });

  it('an undefined entity in a cell names the sheet and row', async () => {
    const zip = buildWorkbook({ sheets: [{ name: 'Log', data: '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>a&nbsp;b</t></is></c></row>' }] });
    expect((await failure(zip)).message).toBe('book.xlsx: the workbook could not be read (sheet "Log", row 2: an undefined entity "&nbsp;"); open it in Excel and save it again as .xlsx.');
  });

  it('an unreadable shared strings part fails before any sheet', async () => {
    const zip = buildWorkbook({ sharedStrings: '<si><t>&bogus;</t></si>', sheets: [{ name: 'Log', data: '<row r="1"><c r="A1" t="s"><v>0</v></c></row>' }] });
    expect((await failure(zip)).message).toMatch(/^book\.xlsx: the workbook could not be read \(an undefined entity/);
  });

  it('a shared-string cell in a workbook without shared strings', async () => {
    const zip = buildWorkbook({ sheets: [{ name: 'Log', data: '<row r="3"><c r="A3" t="s"><v>0</v></c></row>' }] });
    expect((await failure(zip)).message).toBe('book.xlsx, sheet "Log", row 3: a shared string could not be resolved; open the file in Excel and save it again.');
  });

  it('a DOCTYPE in a sheet (entity expansion) is refused', async () => {
    const whole = '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
    const spec: WorkbookSpec = { sheets: [{ name: 'Log', whole: true, data: whole }] };
    expect((await failure(buildWorkbook(spec))).message).toMatch(/DOCTYPE/);
  });
});

describe('streaming', () => {
  it('a sheet abandoned half-read does not stop the next one', async () => {
    const path = writeWorkbook('abandon.xlsx', buildWorkbook({ sheets: [{ name: 'Big', data: bigSheet(20000) }, { name: 'Next', data: '<row r="1"><c r="A1"><v>42</v></c></row>' }] }));
    const seen: [string | null, number][] = [];
    for await (const sheet of readXlsx(path, 'abandon.xlsx')) {
      let rows = 0;
      for await (const batch of sheet.rows) {
        rows += batch.length;
        if (rows >= 10) break;
      }
      seen.push([sheet.sheet, rows]);
    }
    expect(seen.map(([name]) => name)).toEqual(['Big', 'Next']);
    expect(seen[0]![1]).toBeGreaterThanOrEqual(10);
    expect(seen[0]![1]).toBeLessThan(20000);
    expect(seen[1]![1]).toBe(1);
  });
});

describe('exceljs stays unloaded', () => {
  it('an audit of an XLSX export with JSON and CSV reports never loads it', () => {
    const dir = tempDir('ccm-lean-lazy-');
    const probe = join(dir, 'probe.json');
    const args = ['audit', fixture('demo/ccm-export-2026-10.xlsx'), '--quiet', '--fail-on', 'never', '--run-date', '2026-11-15', '--format', 'json,csv', '--out', join(dir, 'out')];
    const result = spawnSync(process.execPath, [join(ROOT, 'scripts/bench/maxrss.mjs'), probe, join(ROOT, 'bin/ccm.js'), ...args], { cwd: dir, encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect((JSON.parse(readFileSync(probe, 'utf8')) as { exceljsLoaded: boolean }).exceljsLoaded).toBe(false);
  });
});
