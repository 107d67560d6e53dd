import type { RawRow } from '../read/types.js';
import { cellText } from './cells.js';
import { normalizeId } from './codes.js';
import { headerKey } from './columns.js';

const TOTALS = /^(grand\s+|sub-?)?totals?\b|^sum\b/i;

/** TOTALS can only match text starting with g, s or t, in either case. */
function mayStartTotals(text: string): boolean {
  const c = text.charCodeAt(0) | 0x20;
  return c === 0x67 || c === 0x73 || c === 0x74;
}

/**
 * The label Excel's Data → Subtotal writes in the grouped column: the group's value then " Total" ("20451
 * Total"), or the function's name when it is not a sum ("20451 Count", "20451 Average"). Only a label when
 * the rest of the row is the summed numbers: a patient id that merely ends in the word, on a row with a date
 * and a note, is an entry.
 */
const SUBTOTAL_LABEL = /^\S.*\s((sub-?)?totals?|count|average|avg|max|min|sum)$/i;

/** The last three letters, lower case, of the words SUBTOTAL_LABEL ends in (Total, Totals, Count, Average, Avg, Max, Min, Sum). */
const LABEL_ENDINGS = new Set(['tal', 'als', 'unt', 'age', 'avg', 'max', 'min', 'sum'].map((e) => (e.charCodeAt(0) << 16) | (e.charCodeAt(1) << 8) | e.charCodeAt(2)));

/**
 * SUBTOTAL_LABEL can only match text of at least 5 characters ending in one of its words: tested on the last
 * three characters (every patient name ending in l, s, t… ran the regex before).
 */
function mayEndTotal(text: string): boolean {
  const n = text.length;
  if (n < 5 || !isLabelLastLetter(text.charCodeAt(n - 1) | 0x20)) return false;
  const ending = ((text.charCodeAt(n - 3) | 0x20) << 16) | ((text.charCodeAt(n - 2) | 0x20) << 8) | (text.charCodeAt(n - 1) | 0x20);
  return LABEL_ENDINGS.has(ending);
}

/**
 * The last letters of the label words, lower case (l, s, t, e, g, x, n, m): tested before the set, as a row's
 * ids, dates and numbers (the first cells of nearly every row) end in none of them.
 */
function isLabelLastLetter(c: number): boolean {
  return c === 0x6c || c === 0x73 || c === 0x74 || c === 0x65 || c === 0x67 || c === 0x78 || c === 0x6e || c === 0x6d;
}

/**
 * Text that is only digits, '.', ',' and ':' (a number, a duration). A constant, not a literal in classifyRow:
 * a regex literal makes a new RegExp object each time it is evaluated, and this one was evaluated on every
 * row (~90 MB of garbage on the 1M-row input).
 */
const NUMBER_TEXT = /^[\d.,:]+$/;

/** A digit, '.', ',' or ':'. */
function isNumberChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2c || c === 0x3a;
}

/**
 * A section title over a month's rows when several months are stacked in one sheet: a month and year alone
 * ("October 2026", "Oct. 2026", "2026-10", "10/2026").
 */
const MONTH_TITLE = /^((jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}|\d{4}-\d{2}|\d{1,2}\/\d{4})$/i;

/** A table's header row, to recognize it when it is repeated (months stacked in one sheet, each under its own header). */
export class HeaderRow {
  /** Header cells as detect.ts compares them (headerKey: case, spacing and punctuation do not matter). */
  private readonly keys: readonly string[];
  private readonly patientKey: string;
  /** The patient header's first character, lower case: the cheap first test. */
  private readonly patientFirst: string;
  constructor(
    headers: readonly string[],
    private readonly patientColumn: number,
  ) {
    this.keys = headers.map(headerKey);
    this.patientKey = this.keys[patientColumn] ?? '';
    this.patientFirst = (headers[patientColumn] ?? '').trim().charAt(0).toLowerCase();
  }

  repeatedIn(row: RawRow): boolean {
    // The patient cell first, by its first character before its text: an entry's patient id rarely starts like
    // its column's header, so nearly every row costs one comparison (this runs for every row). Header cells are
    // text: a number (an MRN read from a workbook) is never one.
    const cell = row.cells[this.patientColumn];
    if (typeof cell !== 'string') return false;
    const patient = cell.trim();
    if (!this.startsLikePatientHeader(patient) || headerKey(patient) !== this.patientKey) return false;
    return this.keys.every((key, i) => key === '' || headerKey(cellText(row.cells[i])) === key);
  }

  /**
   * Whether the text's first character, lower case, is the patient header's. An ASCII character is compared by
   * its code: toLowerCase makes a new string on every call (~27 MB of garbage on the 1M-row input).
   */
  private startsLikePatientHeader(text: string): boolean {
    const c = text.charCodeAt(0);
    if (c < 0x80) return this.patientFirst.length === 1 && (c >= 0x41 && c <= 0x5a ? c + 0x20 : c) === this.patientFirst.charCodeAt(0);
    return text.charAt(0).toLowerCase() === this.patientFirst;
  }
}

/**
 * Rows that are not entries: blank rows, totals ("Total", "Grand Total", Excel's subtotal rows "20451
 * Total" holding only numbers besides the label, or a row with no patient id holding nothing but numbers),
 * and headings where months are stacked in one sheet (the header row again, or a month title alone).
 */
export function classifyRow(row: RawRow, patientColumn: number, header?: HeaderRow): 'blank' | 'totals' | 'headings' | undefined {
  if (header?.repeatedIn(row)) return 'headings';
  // One pass, no intermediate arrays: this runs for every row of every table.
  let filled = 0;
  let onlyNumbers = true;
  let subtotalLabel = false;
  let firstText = '';
  for (const cell of row.cells) {
    if (cell === null || cell === undefined) continue;
    if (typeof cell === 'number') {
      filled++;
      continue;
    }
    const text = cellText(cell);
    if (text === '') continue;
    filled++;
    if (filled === 1) firstText = text;
    // Character checks first: the regexes run only on cells that could match (this runs for every cell).
    if (filled <= 3 && mayStartTotals(text) && TOTALS.test(text)) return 'totals';
    if (!subtotalLabel && filled <= 3 && mayEndTotal(text) && SUBTOTAL_LABEL.test(text)) {
      subtotalLabel = true;
      continue;
    }
    if (onlyNumbers && !(isNumberChar(text.charCodeAt(0)) && NUMBER_TEXT.test(text))) onlyNumbers = false;
    // Past the first three cells, with text that is no number and no subtotal label, the answer is settled
    // (an entry, unless its patient cell says total): the rest of a long row need not be read.
    if (filled > 3 && !onlyNumbers && !subtotalLabel) break;
  }
  if (filled === 0) return 'blank';
  if (filled === 1 && MONTH_TITLE.test(firstText)) return 'headings';
  // The label and at least one summed number, nothing else.
  if (subtotalLabel) return onlyNumbers && filled > 1 ? 'totals' : undefined;
  const patient = row.cells[patientColumn];
  const patientText = cellText(patient);
  // The character check first, as above: this regex ran on every entry's patient id.
  if (mayStartTotals(patientText) && TOTALS.test(patientText)) return 'totals';
  return onlyNumbers && normalizeId(patient) === '' ? 'totals' : undefined;
}
