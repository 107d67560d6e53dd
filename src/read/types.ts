import type { ReadEncoding } from './encoding.js';

/** A cell as the readers deliver it: XLSX date cells arrive as UTC Dates, everything else as text or numbers. */
export type RawCell = string | number | boolean | Date | null;

export interface RawRow {
  /** The row number a user sees in Excel or a text editor's record count: title rows and blank rows included. */
  readonly row: number;
  readonly cells: readonly RawCell[];
  /** The row is hidden in the worksheet (`<row hidden="1">`); absent when shown, and always for CSV. */
  readonly hidden?: RowHiding;
  /**
   * Rows of the CSV tokenizer (./csv-tokenizer.ts): `internKeys[keyAt + i]` is the index of cell i's text among
   * the file's interned strings, or -1 for a cell not interned. Within one file one index is one text, so the
   * ingest's per-table memos look a cell up in an array by its index rather than in a map by its text. One
   * array for all the rows of a scan. Absent for the other readers (and for csv-parse's rows).
   */
  readonly internKeys?: Int32Array;
  readonly keyAt?: number;
}

/**
 * How a worksheet row is hidden: `outline` when it lies in an outline group (`outlineLevel` > 0: a collapsed
 * group, such as Data > Subtotal's detail rows under their totals), `row` otherwise (Hide Rows, or an AutoFilter:
 * the file marks both the same way, and only the sheet's `<autoFilter>` tells the ingest which it may be).
 */
export type RowHiding = 'row' | 'outline';

/** A `<row>` element's hiding from its `hidden` (xsd:boolean) and `outlineLevel` attributes. */
export function rowHiding(hidden: string | undefined, outlineLevel: string | undefined): RowHiding | undefined {
  if (hidden !== '1' && hidden !== 'true') return undefined;
  return outlineLevel !== undefined && Number.parseInt(outlineLevel, 10) > 0 ? 'outline' : 'row';
}

/**
 * The rows a worksheet's AutoFilter covers when it filters (has at least one `<filterColumn>`): the rows it hides
 * are data a filter leaves out of view, not rows voided by hand. 1-based, inclusive, the header row included.
 */
export interface ActiveFilter {
  readonly top: number;
  readonly bottom: number;
}

/**
 * Merged cells that span rows. Billing managers merge a patient's MRN, name or MBI down that patient's rows;
 * the file holds the value in the range's top-left cell only, while Excel shows it on every row. A range is
 * kept only when it spans rows, by its first column: Excel shows the value there (its other columns show
 * nothing of their own). Horizontal-only ranges (a title across A1:M1) change nothing and are not kept.
 */
export interface VerticalMerge {
  /** 0-based, as in RawRow.cells. */
  readonly column: number;
  readonly top: number;
  readonly bottom: number;
}

/**
 * One table of an input: a CSV file, or one worksheet of a workbook. `rows` can be iterated once, and a
 * workbook's sheets arrive one after another, so a consumer finishes (or abandons) one sheet's rows before
 * asking for the next sheet.
 */
/** How a worksheet is hidden: workbook.xml's `<sheet state="…">`. */
export type SheetHiding = 'hidden' | 'veryHidden';

/** The state attribute read as a hiding, or undefined for a visible sheet (or a state ccm does not know). */
export function sheetHiding(state: string | undefined): SheetHiding | undefined {
  return state === 'hidden' || state === 'veryHidden' ? state : undefined;
}

export interface RawSheet {
  /** The path as the user gave it, used in every message and source reference. */
  readonly file: string;
  /** Worksheet name; null for CSV. */
  readonly sheet: string | null;
  /** The rows in order, in batches as the reader has them: a million rows one by one cost an await each. */
  readonly rows: AsyncIterable<readonly RawRow[]>;
  /** A worksheet hidden in Excel (`hidden`: Unhide lists it; `veryHidden`: only VBA shows it); absent when visible. */
  readonly hidden?: SheetHiding;
  /**
   * The worksheet's merged ranges that span rows, known before its first row (the ingest fills a table's data
   * rows from them, src/read/merges.ts); absent for CSV.
   */
  readonly merges?: readonly VerticalMerge[];
  /** The worksheet's active AutoFilter, known before its first row like the merges; absent when none or for CSV. */
  readonly filter?: ActiveFilter;
  /**
   * The SHA-256 of the whole file, once `rows` has been read to the end, when the reader hashed the bytes as
   * it read them (spares reading a large file twice); undefined otherwise.
   */
  readonly sha256?: () => string | undefined;
  /** What a CSV's text was read as, once `rows` has been read to the end (src/read/encoding.ts); absent for workbooks. */
  readonly encoding?: () => ReadEncoding | undefined;
}
