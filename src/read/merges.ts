import { type FileHandle, open } from 'node:fs/promises';
import { StringDecoder } from 'node:string_decoder';
import { readCentralDirectory, type ZipEntry } from '../zip.js';
import { type ActiveFilter, type RawCell, type RawRow, type RowHiding, rowHiding, type VerticalMerge } from './types.js';
import { type TagAttributes, XmlScanner } from './xml-scanner.js';
import { entryChunks } from './zip-entry.js';

const MAX_ROW = 1_048_576;
const MAX_COLUMN = 16_384;
const REFERENCE = /^\$?([A-Z]{1,3})\$?([0-9]{1,7})$/;

/** A `<mergeCell ref="A2:B6">` range as a vertical merge; undefined when it spans one row or is malformed. */
export function verticalMerge(ref: string): VerticalMerge | undefined {
  const [from, to, ...rest] = ref.trim().toUpperCase().split(':');
  if (from === undefined || to === undefined || rest.length > 0) return undefined;
  const start = cellAddress(from);
  const end = cellAddress(to);
  if (!start || !end || end.column < start.column || end.row <= start.row) return undefined;
  return { column: start.column - 1, top: start.row, bottom: end.row };
}

function cellAddress(reference: string): { column: number; row: number } | undefined {
  const match = REFERENCE.exec(reference);
  if (!match) return undefined;
  let column = 0;
  for (const letter of match[1]!) column = column * 26 + letter.charCodeAt(0) - 64;
  const row = Number(match[2]);
  return column >= 1 && column <= MAX_COLUMN && row >= 1 && row <= MAX_ROW ? { column, row } : undefined;
}

/** What a worksheet part says after its rows: its vertical merges and its active AutoFilter. */
export interface SheetTail {
  merges: VerticalMerge[];
  filter?: ActiveFilter;
}

/**
 * The vertical merges (in the order the part lists them) and the active AutoFilter of a worksheet part (elements
 * prefixed with `prefix`, as the part's root is). `<autoFilter>` and `<mergeCells>` follow `<sheetData>`, so the
 * whole part is inflated once before its rows are read; the rows themselves are not parsed here: each inflated
 * chunk is only searched (as bytes) for the end of `<sheetData>`, and the XML is scanned from there on (an
 * AutoFilter inside `<customSheetViews>` is a saved view's, not the sheet's). On a sheet with neither element
 * this costs the inflate and the search alone.
 */
export async function scanSheetTail(chunks: AsyncIterable<Buffer>, prefix = ''): Promise<SheetTail> {
  const qualified = prefix === '' ? '' : `${prefix}:`;
  const tail = new SheetTailHandler(qualified, false);
  try {
    await scanTailElements(chunks, qualified, tail);
  } catch {
    // A damaged part: the rows' own pass reports it, with the row where it breaks.
    return { merges: [] };
  }
  return tail.result();
}

/**
 * Collects what a worksheet part says about its rows' layout. `rows`: also the hidden rows of `<sheetData>` (for
 * the exceljs reader, which reads no row's `hidden`; the lean reader reads it on the row itself, xlsx-sheet.ts).
 */
class SheetTailHandler {
  readonly merges: VerticalMerge[] = [];
  readonly hiddenRows = new Map<number, RowHiding>();
  done = false;
  private filterRange: { top: number; bottom: number } | undefined;
  private filtering = false;
  private inFilter = false;
  private inCustomViews = false;
  private lastRow = 0;
  private readonly names: Record<'mergeCell' | 'mergeCells' | 'autoFilter' | 'filterColumn' | 'customSheetViews' | 'row', string>;

  constructor(
    qualified: string,
    private readonly rows: boolean,
  ) {
    const q = (local: string) => `${qualified}${local}`;
    this.names = { mergeCell: q('mergeCell'), mergeCells: q('mergeCells'), autoFilter: q('autoFilter'), filterColumn: q('filterColumn'), customSheetViews: q('customSheetViews'), row: q('row') };
  }

  open(name: string, attributes: TagAttributes): void {
    const names = this.names;
    if (name === names.row) {
      if (!this.rows) return;
      const r = attributes.get('r');
      const number = r === undefined ? this.lastRow + 1 : Number.parseInt(r, 10);
      this.lastRow = number;
      const hiding = rowHiding(attributes.get('hidden'), attributes.get('outlineLevel'));
      if (hiding && number >= 1) this.hiddenRows.set(number, hiding);
    } else if (name === names.mergeCell) {
      const ref = attributes.get('ref');
      const merge = ref === undefined ? undefined : verticalMerge(ref);
      if (merge) this.merges.push(merge);
    } else if (name === names.customSheetViews) this.inCustomViews = true;
    else if (name === names.autoFilter && !this.inCustomViews && this.filterRange === undefined) {
      const ref = attributes.get('ref');
      this.filterRange = ref === undefined ? undefined : rowRange(ref);
      this.inFilter = this.filterRange !== undefined;
    } else if (name === names.filterColumn && this.inFilter) this.filtering = true;
  }

  close(name: string): void {
    const names = this.names;
    if (name === names.mergeCells) this.done = true;
    else if (name === names.customSheetViews) this.inCustomViews = false;
    else if (name === names.autoFilter) this.inFilter = false;
  }

  text(): void {}

  result(): SheetTail {
    return this.filtering && this.filterRange ? { merges: this.merges, filter: this.filterRange } : { merges: this.merges };
  }
}

/** The rows of a range reference ("A1:G40", or one cell); undefined when malformed. */
function rowRange(ref: string): { top: number; bottom: number } | undefined {
  const [from, to, ...rest] = ref.trim().toUpperCase().split(':');
  if (from === undefined || rest.length > 0) return undefined;
  const start = cellAddress(from);
  const end = cellAddress(to ?? from);
  return start && end && end.row >= start.row ? { top: start.row, bottom: end.row } : undefined;
}

/** `qualified` is the worksheet's element prefix with its colon ('x:'), or ''. */
async function scanTailElements(chunks: AsyncIterable<Buffer>, qualified: string, tail: SheetTailHandler): Promise<void> {
  // One mark, searched in every chunk of the rows: the end of <sheetData>, which all the elements sought follow.
  const mark = Buffer.from(`</${qualified}sheetData>`, 'latin1');
  const scanner = new XmlScanner(tail);
  const decoder = new StringDecoder('utf8');
  let found = false;
  // The end of the previous chunk, in case the mark is cut in two.
  let carry: Buffer = Buffer.alloc(0);
  for await (const chunk of chunks) {
    if (!found) {
      let start: Buffer | undefined;
      if (carry.length > 0) {
        const across = Buffer.concat([carry, chunk.subarray(0, mark.length - 1)]).indexOf(mark);
        if (across !== -1 && across < carry.length) start = Buffer.concat([carry.subarray(across), chunk]);
      }
      if (!start) {
        const at = chunk.indexOf(mark);
        if (at !== -1) start = chunk.subarray(at);
      }
      if (start) {
        found = true;
        scanner.write(decoder.write(start));
      } else {
        const last = chunk.length >= mark.length - 1 ? chunk : Buffer.concat([carry, chunk]);
        carry = Buffer.from(last.subarray(Math.max(0, last.length - (mark.length - 1))));
      }
    } else scanner.write(decoder.write(chunk));
    if (tail.done) break;
  }
}

/**
 * The vertical merges, active AutoFilter and hidden rows of the worksheet part `entryName`, for the exceljs
 * reader, whose streaming WorksheetReader skips `<mergeCell>` and `<autoFilter>` and reads no row's `hidden`
 * (exceljs 4.4.0). Read with the lean reader's zip code and the same handler; a workbook that code cannot read
 * gives nothing (exceljs then reads it as the file stores it: the value in the top row only, no row hidden).
 */
export async function readPartLayout(path: string, entryName: string): Promise<SheetTail & { hiddenRows: ReadonlyMap<number, RowHiding> }> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const directory = await readCentralDirectory(file);
    const entry: ZipEntry | undefined = directory.entries.find((e) => e.name === entryName);
    if (!entry) return { merges: [], hiddenRows: new Map() };
    // exceljs reads unprefixed parts only (a prefixed one it sees as empty, and the run stops: notSilentlyEmpty).
    const tail = new SheetTailHandler('', true);
    const scanner = new XmlScanner(tail);
    const decoder = new StringDecoder('utf8');
    for await (const chunk of entryChunks(path, file, entry, false)) {
      scanner.write(decoder.write(chunk));
      if (tail.done) break;
    }
    return { ...tail.result(), hiddenRows: tail.hiddenRows };
  } catch {
    return { merges: [], hiddenRows: new Map() }; // e.g. a directory this code does not read: exceljs's rows as they are
  } finally {
    await file?.close();
  }
}

/**
 * Whether the worksheet part `entryName` holds any cell value (an element named `v` or `is`, under any prefix):
 * for a sheet the exceljs reader gave no rows, which must then not pass as empty. A part this code cannot read
 * gives false: exceljs read it, and its rows stand.
 */
export async function partHasCellValues(path: string, entryName: string): Promise<boolean> {
  let file: FileHandle | undefined;
  try {
    file = await open(path, 'r');
    const directory = await readCentralDirectory(file);
    const entry = directory.entries.find((e) => e.name === entryName);
    if (!entry) return false;
    let found = false;
    const scanner = new XmlScanner({
      open(name: string) {
        const local = name.slice(name.indexOf(':') + 1);
        if (local === 'v' || local === 'is') found = true;
      },
      close() {},
      text() {},
    });
    const decoder = new StringDecoder('utf8');
    for await (const chunk of entryChunks(path, file, entry, false)) {
      scanner.write(decoder.write(chunk));
      if (found) break;
    }
    return found;
  } catch {
    return false;
  } finally {
    await file?.close();
  }
}

/**
 * Fills a table's record rows from the vertical merges that lie inside its data rows: every row of a range gets
 * the range's top-left value in the range's first column, when that column is one `fillable` allows (the
 * ingest allows the columns that identify an entry or can only withhold a claim, never minutes, units, times,
 * codes, notes or dates that start something: a merged quantity is one value in the file and in Excel's SUM,
 * and copied to each row it would count once per row). Ranges that start at or above the header row are left alone (the header was found without them,
 * and a header cell is no patient's value). Every data row passes through, in ascending order as the readers
 * give them: `fill` for a row read as a record, `pass` for one that is not (blank, totals, headings), which
 * gets nothing. A range whose top row never arrives (no values) fills nothing.
 */
export class MergeFiller {
  private readonly merges: VerticalMerge[];
  private next = 0;
  /** Ranges begun and not yet ended, with their top-left value. */
  private readonly active: { merge: VerticalMerge; value: RawCell; fillable: boolean; counted: boolean }[] = [];
  /** Ranges that gave their value to at least one record row. */
  filledRanges = 0;
  /** Ranges with a value over at least one record row below their top, left unfilled because of their column. */
  unfilledRanges = 0;

  constructor(
    merges: readonly VerticalMerge[],
    headerRow: number,
    private readonly fillable: (column: number) => boolean,
  ) {
    this.merges = merges.filter((m) => m.top > headerRow).sort((a, b) => a.top - b.top);
  }

  get empty(): boolean {
    return this.merges.length === 0;
  }

  /** A record row with the merged values filled in: the same object when no fillable range covers it. */
  fill(row: RawRow): RawRow {
    const at = row.row;
    this.advance(row);
    let cells: RawCell[] | undefined;
    for (const a of this.active) {
      if (a.merge.top === at) continue;
      if (!a.counted) {
        a.counted = true;
        if (a.fillable) this.filledRanges++;
        else this.unfilledRanges++;
      }
      if (!a.fillable) continue;
      // A cell that still holds a value of its own (Excel clears merged-over cells; other writers keep them) keeps
      // it: a row's own "Declined" or "Voided" under a merged "Accepted" must never turn into a billable row.
      const own = row.cells[a.merge.column];
      if (own !== undefined && own !== null && own !== '') continue;
      cells ??= row.cells.slice();
      while (cells.length < a.merge.column) cells.push(null);
      cells[a.merge.column] = a.value;
    }
    return cells ? { row: at, cells } : row;
  }

  /** A row that is not a record: it may start a range (its value is the range's), and gets nothing. */
  pass(row: RawRow): void {
    this.advance(row);
  }

  private advance(row: RawRow): void {
    const at = row.row;
    // Drop the ranges that ended, in place: this runs once per data row.
    const active = this.active;
    let kept = 0;
    for (const a of active) if (a.merge.bottom >= at) active[kept++] = a;
    active.length = kept;
    while (this.next < this.merges.length && this.merges[this.next]!.top <= at) {
      const merge = this.merges[this.next++]!;
      // The top row's own value; a top row that never came (or an empty top-left cell) gives nothing.
      const value = merge.top === at ? row.cells[merge.column] : undefined;
      if (value !== undefined && value !== null && value !== '') active.push({ merge, value, fillable: this.fillable(merge.column), counted: false });
    }
  }
}
