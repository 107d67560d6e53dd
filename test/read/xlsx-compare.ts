/**
 * Helpers for the lean-reader tests: build small workbooks by hand (part by part, in any zip order) and read
 * a workbook with both readers into plain values that `toEqual` can compare (Dates as their time).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLeanWorkbook } from '../../src/read/xlsx-lean.js';
import { readXlsxWithExcelJs } from '../../src/read/xlsx.js';
import type { RawRow, RawSheet } from '../../src/read/types.js';
import { tempDir } from '../helpers/cli.js';
import { makeZip, type ZipInput } from '../helpers/zip.js';

export const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const WORKSHEET_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet';

export interface SheetSpec {
  name: string;
  /** The inside of <sheetData>, or a whole worksheet part when `whole` is set. */
  data: string;
  whole?: boolean;
  /** Relationship target; default worksheets/sheetN.xml. */
  target?: string;
}

export interface WorkbookSpec {
  sheets: SheetSpec[];
  /** The inside of <sst>; omitted means no shared strings part. */
  sharedStrings?: string;
  /** The inside of <styleSheet>; omitted means no styles part. */
  styles?: string;
  /** Extra attributes or elements inside <workbook> before <sheets>, e.g. '<workbookPr date1904="1"/>'. */
  workbookPr?: string;
  /** Zip order: the default puts workbook parts, then sheets, then styles and shared strings (as Excel does). */
  order?: 'excel' | 'parts-first';
  /** Replace a part's text, for broken-workbook cases. */
  override?: Record<string, string | Buffer>;
  /** Leave a part out. */
  omit?: string[];
  /** Store (not deflate) every entry. */
  stored?: boolean;
  /** Put the shared strings at this zip path and name it in the workbook's relationships. */
  sharedStringsPath?: string;
}

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export function buildWorkbook(spec: WorkbookSpec): Buffer {
  const sheets = spec.sheets.map((sheet, i) => ({ ...sheet, path: sheet.target ?? `worksheets/sheet${i + 1}.xml` }));
  const workbook =
    `${XML_DECLARATION}<workbook xmlns="${MAIN_NS}" xmlns:r="${R_NS}">${spec.workbookPr ?? ''}<sheets>` +
    sheets.map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('') +
    '</sheets></workbook>';
  const rels =
    `${XML_DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${WORKSHEET_REL}" Target="${s.path}"/>`).join('') +
    (spec.sharedStringsPath ? `<Relationship Id="rIdS" Type="${R_NS}/sharedStrings" Target="${spec.sharedStringsPath.replace(/^xl\//, '')}"/>` : '') +
    '</Relationships>';
  const parts: [string, string | Buffer][] = [
    ['[Content_Types].xml', `${XML_DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`],
    ['xl/workbook.xml', workbook],
    ['xl/_rels/workbook.xml.rels', rels],
  ];
  const sheetParts: [string, string][] = sheets.map((s) => [
    s.path.startsWith('/') ? s.path.slice(1) : `xl/${s.path}`,
    s.whole ? s.data : `${XML_DECLARATION}<worksheet xmlns="${MAIN_NS}" xmlns:r="${R_NS}"><sheetData>${s.data}</sheetData></worksheet>`,
  ]);
  const tail: [string, string][] = [];
  if (spec.styles !== undefined) tail.push(['xl/styles.xml', `${XML_DECLARATION}<styleSheet xmlns="${MAIN_NS}">${spec.styles}</styleSheet>`]);
  if (spec.sharedStrings !== undefined) tail.push([spec.sharedStringsPath ?? 'xl/sharedStrings.xml', `${XML_DECLARATION}<sst xmlns="${MAIN_NS}">${spec.sharedStrings}</sst>`]);
  const ordered = spec.order === 'parts-first' ? [...parts, ...tail, ...sheetParts] : [...parts, ...sheetParts, ...tail];
  const entries: ZipInput[] = ordered
    .filter(([name]) => !spec.omit?.includes(name))
    .map(([name, data]) => {
      const replaced = spec.override?.[name] ?? data;
      return { name, data: Buffer.isBuffer(replaced) ? replaced : Buffer.from(replaced, 'utf8'), deflate: !spec.stored };
    });
  return makeZip(entries);
}

/** Styles with cellXfs: 0 General, 1 a date (14), 2 General, then one xf per given numFmtId. */
/**
 * Every element of a SpreadsheetML part under the prefix x (`<x:row>`, `<x:c>`), as the .NET Open XML SDK
 * writes them; attributes (r, s, t, r:id) stay as they are.
 */
export function prefixed(part: string): string {
  return part.replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1x:$2').replace(`xmlns="${MAIN_NS}"`, `xmlns:x="${MAIN_NS}"`);
}

export function stylesWith(numFmts: { id: number; code: string }[] = [], xfFormatIds: number[] = []): string {
  const custom = numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.map((f) => `<numFmt numFmtId="${f.id}" formatCode="${f.code}"/>`).join('')}</numFmts>` : '';
  const ids = [0, 14, 0, ...xfFormatIds];
  const basics = '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>';
  return `${custom}${basics}<cellXfs count="${ids.length}">${ids.map((id) => `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"/>`).join('')}</cellXfs>`;
}

let dir: string | undefined;

export function writeWorkbook(name: string, data: Buffer): string {
  dir ??= tempDir('ccm-lean-');
  const path = join(dir, name);
  writeFileSync(path, data);
  return path;
}

export type PlainCell = string | number | boolean | null | { date: number };
export interface PlainSheet {
  sheet: string | null;
  rows: { row: number; cells: PlainCell[]; hidden?: RawRow['hidden'] }[];
  /** The vertical merges, when the sheet has any (so both readers are compared on them too). */
  merges?: RawSheet['merges'];
  /** The active AutoFilter, when the sheet has one (likewise). */
  filter?: RawSheet['filter'];
}

export async function collect(sheets: AsyncIterable<RawSheet>): Promise<PlainSheet[]> {
  const out: PlainSheet[] = [];
  for await (const sheet of sheets) {
    const rows: PlainSheet['rows'] = [];
    for await (const batch of sheet.rows) for (const row of batch) rows.push({ row: row.row, cells: row.cells.map((c) => (c instanceof Date ? { date: c.getTime() } : c)), ...(row.hidden ? { hidden: row.hidden } : {}) });
    out.push({ sheet: sheet.sheet, rows, ...(sheet.merges?.length ? { merges: sheet.merges } : {}), ...(sheet.filter ? { filter: sheet.filter } : {}) });
  }
  return out;
}

export async function readLean(path: string): Promise<PlainSheet[]> {
  const lean = await openLeanWorkbook(path, 'book.xlsx');
  if ('unsupported' in lean) throw new Error(`the lean reader refused the workbook: ${lean.unsupported}`);
  return collect(lean.sheets);
}

export async function readExcelJs(path: string): Promise<PlainSheet[]> {
  return collect(readXlsxWithExcelJs(path, 'book.xlsx'));
}

/** Why the lean reader leaves a workbook to exceljs, or undefined when it reads it. */
export async function leanRefusal(path: string): Promise<string | undefined> {
  const lean = await openLeanWorkbook(path, 'book.xlsx');
  if ('unsupported' in lean) return lean.unsupported;
  for await (const sheet of lean.sheets) for await (const _ of sheet.rows);
  return undefined;
}
