/**
 * Random small workbooks, written by the two writers the project has at hand (SheetJS 0.18 and exceljs), read
 * by the lean reader and by exceljs: the row streams must be identical. Mixed types, dates in several formats,
 * rich text, formulas with cached results, sparse cells, unicode (astral characters too), XML specials and
 * long strings.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import { readExcelJs, readLean, writeWorkbook } from './xlsx-compare.js';

type Value =
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'date'; serial: number; format: string }
  | { kind: 'formula'; formula: string; result: number | string | boolean }
  | { kind: 'rich'; runs: string[] }
  | { kind: 'empty' };

const DATE_FORMATS = ['yyyy-mm-dd', 'm/d/yyyy', 'mm-dd-yy', 'd-mmm-yy', 'h:mm AM/PM', 'yyyy-mm-dd hh:mm:ss', '[h]:mm', '0.00', '"Day" 0', '[$-409]m/d/yy'];

const textPiece = fc.constantFrom('a', 'MRN', ' ', '  ', 'Zoë', 'Müller', '中文', '😀', '𝔘', '&', '<', '>', '"', "'", '&amp;', '&lt;', '\n', '\t', '=1+1', '_x0041_', '20451', '€', '—');
// At most 10,000 characters: a rich cell joins up to three of these, and SheetJS refuses a cell over 32,767.
const text = fc.oneof(
  { weight: 6, arbitrary: fc.array(textPiece, { minLength: 1, maxLength: 6 }).map((p) => p.join('')) },
  { weight: 1, arbitrary: fc.tuple(textPiece, fc.integer({ min: 500, max: 4000 })).map(([p, n]) => p.repeat(n).slice(0, 10000)) },
);

const value: fc.Arbitrary<Value> = fc.oneof(
  { weight: 4, arbitrary: text.map((t) => ({ kind: 'text' as const, text: t })) },
  { weight: 3, arbitrary: fc.oneof(fc.integer({ min: -1e6, max: 1e9 }), fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true })).map((v) => ({ kind: 'number' as const, value: v })) },
  { weight: 1, arbitrary: fc.boolean().map((v) => ({ kind: 'boolean' as const, value: v })) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 60000 }), fc.integer({ min: 0, max: 1439 }), fc.constantFrom(...DATE_FORMATS)).map(([day, minute, format]) => ({ kind: 'date' as const, serial: day + minute / 1440, format })),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom('A1+1', 'SUM(B1:B3)', 'IF(A1>0,"y","n")', 'TODAY()', 'A1&"x"'), fc.oneof(fc.integer({ min: -5, max: 5 }), text, fc.boolean()))
      .map(([formula, result]) => ({ kind: 'formula' as const, formula, result })),
  },
  { weight: 1, arbitrary: fc.array(text, { minLength: 1, maxLength: 3 }).map((runs) => ({ kind: 'rich' as const, runs })) },
  { weight: 4, arbitrary: fc.constant({ kind: 'empty' as const }) },
);

interface SheetSpec {
  name: string;
  rows: Value[][];
  startRow: number;
  /** Per row: 0 shown, 1 hidden, 2 hidden in an outline group (so both readers are compared on hidden rows too). */
  hidden: number[];
}
type Book = SheetSpec[];

const sheet: fc.Arbitrary<SheetSpec> = fc.record({
  name: fc.array(fc.constantFrom('Time', ' ', 'Log', 'Zoë', '&', '1', '😀'), { minLength: 1, maxLength: 4 }).map((p) => p.join('').trim() || 'Sheet'),
  rows: fc.array(fc.array(value, { maxLength: 8 }), { minLength: 1, maxLength: 12 }),
  startRow: fc.integer({ min: 1, max: 5 }),
  hidden: fc.array(fc.constantFrom(0, 0, 0, 1, 2), { maxLength: 12 }),
});
const workbook: fc.Arbitrary<Book> = fc.uniqueArray(sheet, { minLength: 1, maxLength: 3, selector: (s) => s.name });

async function viaExcelJs(sheets: Book, shared: boolean): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const ws = book.addWorksheet(spec.name);
    spec.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const cell = ws.getCell(spec.startRow + r, c + 1);
        switch (v.kind) {
          case 'text':
            cell.value = v.text;
            break;
          case 'number':
          case 'boolean':
            cell.value = v.value;
            break;
          case 'date':
            cell.value = new Date(Math.round((v.serial - 25569) * 864e5));
            cell.numFmt = v.format;
            break;
          case 'formula':
            cell.value = { formula: v.formula, result: v.result } as ExcelJS.CellFormulaValue;
            break;
          case 'rich':
            cell.value = { richText: v.runs.map((t, i) => ({ text: t, font: i % 2 ? { bold: true } : {} })) };
            break;
        }
      }),
    );
    spec.hidden.forEach((h, r) => {
      if (h === 0 || r >= spec.rows.length) return;
      const row = ws.getRow(spec.startRow + r);
      row.hidden = true;
      if (h === 2) row.outlineLevel = 1;
    });
  }
  // exceljs's writer names its option useSharedStrings; the plain workbook writer has no such switch, so
  // `shared` picks between the buffer writer (shared strings) and the streaming writer (inline 'str').
  if (shared) return Buffer.from(await book.xlsx.writeBuffer());
  const chunks: Buffer[] = [];
  const { PassThrough } = await import('node:stream');
  const stream = new PassThrough();
  stream.on('data', (c: Buffer) => chunks.push(c));
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  book.eachSheet((ws) => {
    const out = writer.addWorksheet(ws.name);
    ws.eachRow({ includeEmpty: true }, (row, n) => {
      const target = out.getRow(n);
      target.hidden = row.hidden;
      target.outlineLevel = row.outlineLevel;
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const t = target.getCell(c);
        t.value = cell.value;
        if (cell.numFmt) t.numFmt = cell.numFmt;
      });
      target.commit();
    });
    out.commit();
  });
  await writer.commit();
  return Buffer.concat(chunks);
}

function viaSheetJs(sheets: Book, bookSST: boolean): Buffer {
  const book = XLSX.utils.book_new();
  for (const spec of sheets) {
    const ws: XLSX.WorkSheet = {};
    let maxRow = 0;
    let maxCol = 0;
    spec.rows.forEach((row, r) =>
      row.forEach((v, c) => {
        const address = XLSX.utils.encode_cell({ r: spec.startRow - 1 + r, c });
        let cell: XLSX.CellObject | undefined;
        switch (v.kind) {
          case 'text':
            cell = { t: 's', v: v.text };
            break;
          case 'number':
            cell = { t: 'n', v: v.value };
            break;
          case 'boolean':
            cell = { t: 'b', v: v.value };
            break;
          case 'date':
            cell = { t: 'n', v: v.serial, z: v.format };
            break;
          case 'formula':
            cell = { t: typeof v.result === 'number' ? 'n' : typeof v.result === 'boolean' ? 'b' : 's', v: v.result, f: v.formula };
            break;
          case 'rich':
            cell = { t: 's', v: v.runs.join('') };
            break;
        }
        if (cell) {
          ws[address] = cell;
          maxRow = Math.max(maxRow, spec.startRow - 1 + r);
          maxCol = Math.max(maxCol, c);
        }
      }),
    );
    ws['!ref'] = XLSX.utils.encode_range({ s: { r: 0, c: 0 }, e: { r: maxRow, c: maxCol } });
    const rows: XLSX.RowInfo[] = [];
    spec.hidden.forEach((h, r) => {
      if (h !== 0 && r < spec.rows.length) rows[spec.startRow - 1 + r] = { hidden: true, ...(h === 2 ? { level: 1 } : {}) };
    });
    if (rows.length > 0) ws['!rows'] = rows;
    XLSX.utils.book_append_sheet(book, ws, spec.name);
  }
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx', bookSST, compression: true }) as Buffer;
}

let n = 0;

describe('random workbooks read the same with the lean reader and exceljs', () => {
  it.each([
    ['SheetJS, inline strings', (s: Book) => viaSheetJs(s, false)],
    ['SheetJS, shared strings', (s: Book) => viaSheetJs(s, true)],
    ['exceljs, shared strings', (s: Book) => viaExcelJs(s, true)],
    ['exceljs streaming writer', (s: Book) => viaExcelJs(s, false)],
  ] as const)('%s', async (_, write) => {
    await fc.assert(
      fc.asyncProperty(workbook, async (sheets) => {
        const path = writeWorkbook(`random-${n++}.xlsx`, await write(sheets));
        expect(await readLean(path)).toEqual(await readExcelJs(path));
      }),
      { numRuns: 40 },
    );
  });
});
