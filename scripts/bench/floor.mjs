// The floors the libraries set, each run in its own process by scripts/bench/run.mjs:
//   node floor.mjs csv FILE...            csv-parse merely reading the files, rows as arrays
//   node floor.mjs xlsx-read FILE         exceljs's streaming reader merely visiting every row of every sheet
//   node floor.mjs xlsx-write REPORT OUT [shared]
//                                         exceljs's streaming writer merely writing as many rows and cells as
//                                         REPORT (a report.xlsx) holds, per sheet, with the same writer options
//                                         as ccm (styles on, shared strings off, a yield every 100 rows). Plain
//                                         addRow by default; with `shared`, every cell of a kind gets one shared
//                                         (empty) style object, which spares exceljs rendering a style per cell:
//                                         the fastest way we know to write cells with it.
// Each prints one JSON line: {"ms": <time of the measured part>, ...counts}.
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';

const [mode, ...args] = process.argv.slice(2);

async function csvFloor(files) {
  const start = performance.now();
  let rows = 0;
  for (const file of files) {
    for await (const record of createReadStream(file).pipe(parse({ relax_column_count: true }))) if (record) rows++;
  }
  return { ms: performance.now() - start, rows };
}

/** The same reader options as src/read/xlsx.ts: styles are needed for date cells. */
const READER_OPTIONS = { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' };

async function xlsxReadFloor(file) {
  const { default: ExcelJS } = await import('exceljs');
  const start = performance.now();
  let rows = 0;
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, READER_OPTIONS)) {
    for await (const row of sheet) if (row) rows++;
  }
  return { ms: performance.now() - start, rows };
}

const SAMPLE_ROWS = 1000;

/** Per sheet: name, row count, column count, and the cell values of its first rows (the ones written again, cycled). */
async function describeWorkbook(file) {
  const { default: ExcelJS } = await import('exceljs');
  const sheets = [];
  for await (const sheet of new ExcelJS.stream.xlsx.WorkbookReader(file, { ...READER_OPTIONS, styles: 'ignore' })) {
    const info = { name: sheet.name ?? `Sheet${sheets.length + 1}`, rows: 0, columns: 0, sample: [] };
    for await (const row of sheet) {
      info.rows++;
      const values = row.values.slice(1).map((v) => (v !== null && typeof v === 'object' && !(v instanceof Date) ? String(v.text ?? v.result ?? '') : (v ?? null)));
      info.columns = Math.max(info.columns, values.length);
      if (info.sample.length < SAMPLE_ROWS) info.sample.push(values);
    }
    sheets.push(info);
  }
  return sheets;
}

async function xlsxWriteFloor(report, out, shared) {
  const sheets = await describeWorkbook(report);
  const { default: ExcelJS } = await import('exceljs');
  const start = performance.now();
  const stream = createWriteStream(out);
  await once(stream, 'open');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  let cells = 0;
  let rows = 0;
  const styles = { string: {}, number: {}, object: {} };
  for (const info of sheets) {
    const sheet = workbook.addWorksheet(info.name, { views: [{ state: 'frozen', ySplit: 1 }] });
    for (let i = 0; i < info.rows; i++) {
      const values = info.sample[i === 0 ? 0 : 1 + ((i - 1) % Math.max(1, info.sample.length - 1))] ?? [];
      const row = sheet.addRow(values);
      if (shared) for (let c = 0; c < values.length; c++) row.getCell(c + 1).style = styles[typeof values[c]] ?? styles.number;
      row.commit();
      cells += values.length;
      rows++;
      if (rows % 100 === 0) await new Promise(setImmediate);
    }
    sheet.commit();
  }
  await workbook.commit();
  if (!stream.closed) await once(stream, 'close');
  return { ms: performance.now() - start, rows, cells, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows, columns: s.columns })) };
}

let result;
if (mode === 'csv') result = await csvFloor(args);
else if (mode === 'xlsx-read') result = await xlsxReadFloor(args[0]);
else if (mode === 'xlsx-write') result = await xlsxWriteFloor(args[0], args[1], args[2] === 'shared');
else throw new Error(`unknown floor "${mode}"`);
process.stdout.write(`${JSON.stringify(result)}\n`);
