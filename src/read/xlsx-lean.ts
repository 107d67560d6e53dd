import { type FileHandle, open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { CcmError } from '../errors.js';
import { readCentralDirectory, type ZipEntry, ZipFormatError } from '../zip.js';
import type { RawRow, RawSheet, SheetHiding } from './types.js';
import {
  LeanUnsupported,
  LocalNames,
  MAIN_NAMESPACE,
  NO_STYLES,
  type PartPrefix,
  RELATIONSHIPS_NAMESPACE,
  RelationshipsHandler,
  resolveTarget,
  rootPrefix,
  scanEntry,
  SharedStringsHandler,
  type StyleTable,
  StylesHandler,
  WorkbookHandler,
} from './xlsx-parts.js';
import { scanSheetTail, type SheetTail } from './merges.js';
import { type SheetContext, SheetRowsHandler } from './xlsx-sheet.js';
import { type TagAttributes, XmlError, XmlScanner } from './xml-scanner.js';
import { entryChunks } from './zip-entry.js';

/**
 * The lean XLSX reader: the workbook's parts are found through the zip's central directory, inflated with
 * node:zlib and scanned as they stream (see xml-scanner.ts); about three times faster than exceljs's streaming
 * reader at a third of its memory, with nothing spooled to disk. It gives the same rows as the exceljs reader
 * (src/read/xlsx.ts; test/read/xlsx-lean-*.test.ts compare them). It differs only where exceljs is wrong or
 * gives up: zip entry order never matters (shared strings and styles are read first, wherever they are
 * stored); sheets come in tab order under their real names, also when the relationships use absolute targets
 * or other part names; rows and cells without a reference follow the previous ones.
 *
 * Everything it would have to read differently from exceljs (strict OOXML, missing parts, styles exceljs
 * cannot apply) is found before any row is read, and the workbook is left to exceljs. Parts whose elements
 * carry a namespace prefix (`<x:worksheet xmlns:x="…main">`, as the .NET Open XML SDK writes them) it reads
 * by local name; exceljs reads such a sheet as empty, so they stay here.
 */

export type LeanWorkbook = { readonly sheets: AsyncGenerator<RawSheet> } | { readonly unsupported: string };

/** The parts the reader needs, found in the central directory; exceljs looks for them at these fixed paths. */
const WORKBOOK = 'xl/workbook.xml';
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels';
const STYLES = 'xl/styles.xml';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const WORKSHEET_TYPE = /\/relationships\/worksheet$/;
const STYLES_TYPE = /\/relationships\/styles$/;
const SHARED_STRINGS_TYPE = /\/relationships\/sharedStrings$/;

interface SheetPlan {
  name: string;
  entry: ZipEntry;
  hidden?: SheetHiding;
  /** The sheet's vertical merges and active AutoFilter, found by a first pass that starts once the sheets are known (merges.ts). */
  tail?: Promise<SheetTail>;
  /** How the worksheet part names its elements (its root's prefix). */
  names?: PartPrefix;
}

interface WorkbookPlan {
  sheets: SheetPlan[];
  strings: (string | null)[] | null;
  styles: StyleTable;
  date1904: boolean;
}

/**
 * Reads everything but the sheets' rows, or says why exceljs must read this workbook. The caller has run the
 * preflight (src/read/xlsx-preflight.ts): the directory is readable, nothing is encrypted, the sizes are sane.
 */
export async function openLeanWorkbook(path: string, displayName: string): Promise<LeanWorkbook> {
  const file = await openFile(path);
  let plan: WorkbookPlan;
  try {
    plan = await planWorkbook(path, file, displayName);
  } catch (error) {
    await file.close();
    if (error instanceof LeanUnsupported) return { unsupported: error.message };
    throw asCcmError(error, displayName);
  }
  return { sheets: streamSheets(path, file, displayName, plan) };
}

async function openFile(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    throw new CcmError(`${path}: ${(error as Error).message}.`);
  }
}

async function planWorkbook(path: string, file: FileHandle, displayName: string): Promise<WorkbookPlan> {
  const directory = await readCentralDirectory(file);
  if (directory.zip64) throw new LeanUnsupported('zip64');
  const entries = new Map<string, ZipEntry>();
  for (const entry of directory.entries) entries.set(entry.name, entry);
  const part = (name: string): ZipEntry => {
    const entry = entries.get(name);
    if (!entry) throw new LeanUnsupported(`no ${name}`);
    return entry;
  };

  const workbook = new WorkbookHandler();
  await scanEntry(path, file, part(WORKBOOK), workbook, 'workbook');
  const relationships = new RelationshipsHandler();
  await scanEntry(path, file, part(WORKBOOK_RELS), relationships, 'Relationships', RELATIONSHIPS_NAMESPACE);

  const sheets: SheetPlan[] = [];
  for (const sheet of workbook.info.sheets) {
    const relationship = relationships.relationships.get(sheet.relationshipId);
    if (!relationship) throw new LeanUnsupported(`no relationship ${sheet.relationshipId}`);
    // Chart sheets, dialog and macro sheets hold no table (exceljs skips them too).
    if (!WORKSHEET_TYPE.test(relationship.type)) continue;
    if (relationship.external) throw new LeanUnsupported('an external worksheet');
    sheets.push({ name: sheet.name, entry: part(resolveTarget(relationship.target)), ...(sheet.hidden ? { hidden: sheet.hidden } : {}) });
  }
  for (const sheet of sheets) {
    try {
      sheet.names = await checkWorksheetRoot(path, file, sheet.entry);
    } catch (error) {
      throw asCcmError(error, displayName, sheet.name);
    }
  }
  // <autoFilter> and <mergeCells> follow a sheet's rows, so finding them takes inflating the whole part once more. Started
  // here, the inflating (node:zlib's thread pool) runs while the styles and shared strings are scanned, and
  // costs a sheet without merges little. One sheet after another (one stream open, however many sheets); a
  // pass never fails and skips the CRC: the rows' pass checks the part and reports any damage.
  let previous: Promise<unknown> = Promise.resolve();
  for (const sheet of sheets) {
    const tail = previous.then(() => scanSheetTail(entryChunks(path, file, sheet.entry, false), sheet.names?.prefix));
    sheet.tail = tail;
    previous = tail;
  }

  // Where the workbook's relationships say, else where exceljs looks (some writers name the parts differently,
  // e.g. xl/SharedStrings.xml, which exceljs then never finds).
  const partOfType = (type: RegExp, fixed: string): ZipEntry | undefined => {
    for (const relationship of relationships.relationships.values()) {
      if (type.test(relationship.type) && !relationship.external) return entries.get(resolveTarget(relationship.target)) ?? entries.get(fixed);
    }
    return entries.get(fixed);
  };

  let styles = NO_STYLES;
  const stylesEntry = partOfType(STYLES_TYPE, STYLES);
  if (stylesEntry) {
    const handler = new StylesHandler();
    await scanEntry(path, file, stylesEntry, handler, 'styleSheet');
    styles = handler.table();
  }

  let strings: (string | null)[] | null = null;
  const stringsEntry = partOfType(SHARED_STRINGS_TYPE, SHARED_STRINGS);
  if (stringsEntry) {
    const handler = new SharedStringsHandler();
    await scanEntry(path, file, stringsEntry, handler, 'sst');
    strings = handler.strings;
  }
  return { sheets, strings, styles, date1904: workbook.info.date1904 };
}

/** Reads a worksheet only as far as its root element: it must be a transitional <worksheet>, prefixed or not. */
async function checkWorksheetRoot(path: string, file: FileHandle, entry: ZipEntry): Promise<PartPrefix> {
  let names: PartPrefix | undefined;
  let failure: unknown;
  const scanner = new XmlScanner({
    open(name: string, attributes: TagAttributes) {
      if (names || failure) return;
      try {
        names = rootPrefix(entry.name, name, attributes, 'worksheet', MAIN_NAMESPACE);
      } catch (error) {
        failure = error;
      }
    },
    close() {},
    text() {},
  });
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryChunks(path, file, entry)) {
    scanner.write(decoder.write(chunk));
    if (names || failure) break;
  }
  if (failure) throw failure;
  if (!names) throw new LeanUnsupported(`${entry.name}: no root element`);
  return names;
}

async function* streamSheets(path: string, file: FileHandle, displayName: string, plan: WorkbookPlan): AsyncGenerator<RawSheet> {
  try {
    for (const sheet of plan.sheets) {
      const context: SheetContext = { file: displayName, sheet: sheet.name, strings: plan.strings, styles: plan.styles, date1904: plan.date1904 };
      const { merges, filter } = (await sheet.tail) ?? { merges: [] };
      yield { file: displayName, sheet: sheet.name, rows: sheetRows(path, file, sheet.entry, context, sheet.names), merges, ...(filter ? { filter } : {}), ...(sheet.hidden ? { hidden: sheet.hidden } : {}) };
    }
  } finally {
    await file.close();
  }
}

async function* sheetRows(path: string, file: FileHandle, entry: ZipEntry, context: SheetContext, names: PartPrefix | undefined): AsyncGenerator<RawRow[]> {
  const handler = new SheetRowsHandler(context);
  // An unprefixed part goes straight to the handler: no name is touched on the way (this runs for every cell).
  const scanner = new XmlScanner(names && names.prefix !== '' ? new LocalNames(handler, names) : handler);
  const decoder = new StringDecoder('utf8');
  try {
    for await (const chunk of entryChunks(path, file, entry)) {
      scanner.write(decoder.write(chunk));
      const rows = handler.takeRows();
      if (rows.length > 0) yield rows;
    }
    scanner.write(decoder.end());
    scanner.end();
    const rows = handler.takeRows();
    if (rows.length > 0) yield rows;
  } catch (error) {
    throw asCcmError(error, context.file, context.sheet, handler.currentRow);
  }
}

/**
 * Damaged data becomes one line that starts with the file's name, then says where (sheet and row, when known)
 * and what; anything else is a bug and keeps its stack.
 */
function asCcmError(error: unknown, file: string, sheet?: string, row?: number): unknown {
  if (error instanceof CcmError) return error;
  const where = sheet === undefined ? '' : `sheet "${sheet}"${row === undefined ? '' : `, row ${row}`}: `;
  if (error instanceof ZipFormatError) return new CcmError(`${file}: the workbook is damaged (${where}${error.message}); download or export it again.`);
  if (error instanceof XmlError) return new CcmError(`${file}: the workbook could not be read (${where}${error.message}); open it in Excel and save it again as .xlsx.`);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code === 'string' && code.startsWith('E')) return new CcmError(`${file}: the workbook could not be read (${where}${code}).`);
  return error;
}
