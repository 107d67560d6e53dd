import { join } from 'node:path';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { audit } from '../../src/audit.js';
import { CcmError } from '../../src/errors.js';
import { inspectInputs, renderInspection } from '../../src/inspect.js';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import { redactResult } from '../../src/report/redact.js';
import { renderTerminal } from '../../src/report/table.js';
import { tempDir } from '../helpers/cli.js';

/** A per-patient sheet whose second row ccm takes for a partial time-log header: one of its cells is a note. */
const CELL = 'Alice Jones chest pain SSN 123-45-6789';
const SALT = 'test-salt-0123456789';

function workbook(): string {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['MRN', 'Date', 'Staff', 'Credential', 'Minutes'], ['1001', '2026-10-03', 'Rita', 'RN', 25]]), 'Log');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['Patient: A. J.'], ['MRN', 'Date', 'Staff', CELL], ['1001', '2026-10-03', 'Rita', 'x']]), 'Patient');
  const path = join(tempDir(), 'book.xlsx');
  XLSX.writeFile(book, path);
  return path;
}

describe('"Sheets not read": a partial header row is quoted as cells', () => {
  it('withholds the cells that are no known column name on the terminal unless showNotes, and in every output under --redact', async () => {
    const path = workbook();
    const { result } = await audit([{ path }], { period: '2026-10', runDate: '2026-11-05' });
    const patient = result.inputs[0]!.tables.find((t) => t.sheet === 'Patient')!;
    // The user's own report keeps it, for whoever fixes the sheet.
    expect(patient.note).toContain(`headers found in row 2: MRN, Date, Staff, ${CELL}`);
    expect(renderJson(result)).toContain(CELL);
    // The known column names stay: they say what was found.
    expect(patient.withheldNote).toContain('headers found in row 2: MRN, Date, Staff, [withheld]');
    const terminal = (r: typeof result, showNotes: boolean) => renderTerminal(r, { color: false, showNotes, paths: [] });
    expect(terminal(result, false)).toContain('MRN, Date, Staff, [withheld]');
    expect(terminal(result, false)).not.toContain('Alice');
    expect(terminal(result, true)).toContain(CELL);
    // report.json as --json prints it on stdout.
    expect([...renderJsonChunks(result, { withholdCells: true })].join('')).not.toContain('Alice');

    const redacted = redactResult(result, SALT);
    expect(JSON.stringify(redacted)).not.toContain('Alice');
    expect(terminal(redacted, true)).toContain('MRN, Date, Staff, [withheld]');
  });

  it('ccm inspect withholds them unless --show-notes', async () => {
    const inspection = await inspectInputs([{ path: workbook() }], {});
    expect(renderInspection(inspection)).toContain('MRN, Date, Staff, [withheld]');
    expect(renderInspection(inspection)).not.toContain('Alice');
    expect(renderInspection(inspection, { showNotes: true })).toContain(CELL);
  });

  it.each<[string, (path: string) => Parameters<typeof audit>[0]]>([
    ['no time log found', (path) => [{ path, sheet: 'Patient' }]],
    ['a table named as a time log lacks a column', (path) => [{ path, sheet: 'Patient', kind: 'timeLog' }]],
  ])('the exit-2 line (%s) has a withheld form for the terminal', async (_, specs) => {
    const error = await audit(specs(workbook()), { runDate: '2026-11-05' }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CcmError);
    expect((error as CcmError).message).toContain(CELL);
    expect((error as CcmError).withheldMessage).toContain('headers found in row 2: MRN, Date, Staff, [withheld]');
    expect((error as CcmError).withheldMessage).not.toContain('Alice');
  });
});
