import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidMbi, isValidNpi, isWellFormedIcd10, normalizeIcd10, normalizeMbi, normalizeNpi, normalizeProcedureCode } from '../../src/normalize/codes.js';
import { ingest } from '../../src/normalize/ingest.js';
import { CcmError } from '../../src/errors.js';
import { tempDir } from '../helpers/cli.js';

const OPTIONS = { dateOrder: 'mdy' as const, columns: {}, credentials: new Map() };

// Cells as exports write them, plus junk: any of these may land in any column.
const cell = fc.oneof(
  fc.constantFrom('', ' ', '20451', '3/7/2025', '2025-03-07', '13/45/2025', '25', '0:35', '1h 5m', 'abc', '-5', '9:00 AM', '25:99', 'RN', 'Front Desk', 'CCM', 'TCM', '#N/A', 'Total', '1234567893'),
  fc.string({ maxLength: 12 }),
);
const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;

describe('ingest never loses or crashes on a row', () => {
  it('accounts for every data row as a record, an invalid-row problem or a skipped blank/totals row', async () => {
    const dir = tempDir();
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(cell, { minLength: 6, maxLength: 6 }), { minLength: 1, maxLength: 15 }), async (rows) => {
        const path = join(dir, `log-${n++}.csv`);
        const lines = ['MRN,DOS,Staff,Credentials,Minutes,Notes', ...rows.map((r) => r.map(quote).join(','))];
        writeFileSync(path, `${lines.join('\r\n')}\r\n`);
        try {
          const data = await ingest([{ path }], OPTIONS);
          const table = data.inputs[0]!.tables[0]!;
          expect(table.records + table.rejected + table.skipped.blank + table.skipped.totals).toBe(rows.length);
          expect(data.entries.length).toBe(table.records);
          for (const p of data.rejected) expect(p.source.row).toBeGreaterThan(1);
        } catch (error) {
          // The only acceptable failure: a time log with no usable rows at all, said in one line.
          expect(error).toBeInstanceOf(CcmError);
          expect((error as Error).message).toMatch(/but no entries/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('code normalizers return a value for any text, never throw', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer(), fc.double(), fc.constant(null)), (c) => {
        const icd = normalizeIcd10(c);
        const npi = normalizeNpi(c);
        const mbi = normalizeMbi(c);
        return (
          typeof isWellFormedIcd10(icd) === 'boolean' &&
          (npi === undefined || typeof isValidNpi(npi) === 'boolean') &&
          (mbi === undefined || typeof isValidMbi(mbi) === 'boolean') &&
          typeof normalizeProcedureCode(c) === 'string'
        );
      }),
    );
  });
});
