import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { renderExceptionsCsv } from '../../src/report/csv.js';
import { escapeCsvText, escapeText } from '../../src/report/escape.js';
import { writeXlsx } from '../../src/report/xlsx.js';
import { tempDir } from '../helpers/cli.js';
import { sampleResult } from './sample-result.js';

/** A result whose first finding's message is `text`: messages are free text that reaches every writer. */
function withMessage(text: string) {
  const result = sampleResult();
  result.findings[0] = { ...result.findings[0]!, message: text };
  return result;
}

// XML 1.0 cannot carry most C0 controls, so XLSX text is drawn from the characters a workbook can hold.
const xmlChar = fc.oneof(
  fc.constantFrom('=', '+', '-', '@', '\t', '\r', '\n', '"', "'", ',', ';', '<', '&', ' ', 'é', '€', '中', '😀'),
  fc.string({ minLength: 1, maxLength: 1, unit: 'grapheme-ascii' }),
);
const cellText = fc.array(xmlChar, { minLength: 1, maxLength: 40 }).map((chars) => chars.join(''));

// "Identical, injection prefix aside": what reads back is exactly the text with the guard's leading quote.
describe('round trips (injection guard aside)', () => {
  it('any text written to exceptions.csv reads back identical with a CSV parser', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60, unit: 'binary' }), (text) => {
        const rows = parse(renderExceptionsCsv(withMessage(text)), { bom: true, columns: true, relax_column_count: false }) as Record<string, string>[];
        // The CSV guard also marks a formula after an inner separator (escapeCsvText).
        return rows[0]!.message === escapeCsvText(text);
      }),
      { numRuns: 300 },
    );
  });

  it.each(['lean', 'exceljs'] as const)('any text written to report.xlsx (%s writer) reads back identical with an independent reader', async (writer) => {
    const dir = tempDir();
    await fc.assert(
      fc.asyncProperty(cellText, async (text) => {
        const path = join(dir, 'r.xlsx');
        await writeXlsx(withMessage(text), path, { writer });
        const book = XLSX.read(readFileSync(path));
        const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(book.Sheets['Exceptions']!, { raw: true });
        const messages = rows.map((r) => Object.values(r)).flat().filter((v): v is string => typeof v === 'string');
        expect(messages).toContain(escapeText(text));
      }),
      { numRuns: 40 },
    );
  });

  it('the lean writer keeps any text, controls aside, as the exceljs writer does', async () => {
    const dir = tempDir();
    // C0 controls, DEL and the two non-characters often; any other code point (but a lone surrogate half) at times.
    const control = fc.oneof(fc.integer({ min: 0, max: 0x1f }), fc.constantFrom(0x7f, 0xfffe, 0xffff)).map((code) => String.fromCharCode(code));
    const other = fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }).filter((c) => !/^[\uD800-\uDFFF]$/.test(c));
    const anyChar = fc.oneof(xmlChar, control, other);
    await fc.assert(
      fc.asyncProperty(fc.array(anyChar, { minLength: 1, maxLength: 40 }), async (chars) => {
        const text = chars.join('');
        const [lean, reference] = [join(dir, 'lean.xlsx'), join(dir, 'exceljs.xlsx')];
        await writeXlsx(withMessage(text), lean);
        await writeXlsx(withMessage(text), reference, { writer: 'exceljs' });
        const message = (path: string) => XLSX.read(readFileSync(path)).Sheets['Exceptions']!['O2']?.v;
        const written = message(lean);
        expect(written).toBe(message(reference));
        // What XML cannot carry is gone, and the guard saw the text without it.
        expect(written).toBe(escapeText(text.replace(/[\x00-\x08\x0B\x0C\x0E-\x1F\x7F\uFFFE\uFFFF]/g, '')));
      }),
      { numRuns: 40 },
    );
  });
});
