import { MS_PER_DAY, UNIX_EPOCH_SERIAL } from '../excel-serial.js';
import type { RawCell } from '../read/types.js';

export type DateOrder = 'mdy' | 'dmy';

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * A service date as ISO yyyy-mm-dd, or null when the cell is not a date. Accepts Excel date cells (read as
 * UTC, as exceljs builds them), Excel serials, ISO, US M/D/YYYY and MM/DD/YY (D/M with order 'dmy'),
 * dotted DD.MM.YYYY (always day-first),
 * "Mar 7, 2025" and "7-Mar-2025". A time of day after the date is ignored.
 */
export function parseDate(cell: RawCell | undefined, order: DateOrder = 'mdy'): string | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? null : ymd(cell.getUTCFullYear(), cell.getUTCMonth() + 1, cell.getUTCDate());
  }
  if (typeof cell === 'number') return fromSerial(cell);
  const text = cell.trim();
  if (text === '') return null;
  const parts = dateParts(text, order);
  if (parts) return ymd(...parts);
  // A bare serial, as some exports write formula results into CSV.
  if (/^\d{5}(\.\d+)?$/.test(text)) return fromSerial(Number(text));
  return null;
}

/** Year, month and day as a date text writes them, not yet checked against the calendar (ymd does that). */
function dateParts(text: string, order: DateOrder): [number, number, number] | null {
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s])/.exec(text);
  if (m) return [+m[1]!, +m[2]!, +m[3]!];

  m = /^(\d{1,2})([-/.])(\d{1,2})([-/.])(\d{4}|\d{2})(?:$|[T\s,])/.exec(text);
  if (m) {
    const [a, b] = [+m[1]!, +m[3]!];
    const year = expandYear(m[5]!);
    // Dots are the day-first convention (German and other European exports: 05.10.2026 is 5 October) and no
    // US export writes them, so they are read day-first whatever the order: month-first made May 10 silently.
    const dayFirst = order === 'dmy' || (m[2] === '.' && m[4] === '.');
    return dayFirst ? [year, b, a] : [year, a, b];
  }

  m = /^(\d{1,2})[-\s]([a-z]{3,9})\.?[-\s,]+(\d{4}|\d{2})(?:$|[T\s])/i.exec(text);
  if (m) return [expandYear(m[3]!), monthNumber(m[2]!), +m[1]!];

  m = /^([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:$|[T\s,])/i.exec(text);
  if (m) return [+m[3]!, monthNumber(m[1]!), +m[2]!];

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  if (m) return [+m[1]!, +m[2]!, +m[3]!];
  return null;
}

/**
 * The month of a date cell that is no date: a month written alone ("2026-10", "10/2026", "Oct 2026", "October
 * 2026"), or a date whose day the month does not have ("2026-09-31", "09/31/26", "31.09.2026", "Sep 31, 2026",
 * read as parseDate reads dates in `order`), as yyyy-mm,
 * else null. The row is still rejected, but held-by-invalid-row can tell which month it may concern.
 */
export function parseMonthOnly(cell: RawCell | undefined, order: DateOrder = 'mdy'): string | null {
  if (typeof cell !== 'string') return null;
  const text = cell.trim();
  // Written as a date (any of parseDate's forms) whose day the month lacks: the month still reads.
  const parts = dateParts(text, order);
  if (parts) return yearMonth(parts[0], parts[1]);
  let m = /^(\d{4})[-/.](\d{1,2})$/.exec(text);
  if (m) return yearMonth(+m[1]!, +m[2]!);
  m = /^(\d{1,2})[-/.](\d{4})$/.exec(text);
  if (m) return yearMonth(+m[2]!, +m[1]!);
  m = /^([a-z]{3,9})\.?,?[-\s]+(\d{4})$/i.exec(text);
  // The whole word must be the month's name or its start ("Sept"): any other word read as a month would narrow
  // what is held to the wrong month.
  if (m && MONTH_NAMES.some((name) => name.startsWith(m![1]!.toLowerCase()))) return yearMonth(+m[2]!, monthNumber(m[1]!));
  return null;
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function yearMonth(year: number, month: number): string | null {
  return ymd(year, month, 1)?.slice(0, 7) ?? null;
}

/** The calendar month (yyyy-mm) of an ISO date. */
export function monthOf(isoDate: string): string {
  return isoDate.slice(0, 7);
}

/** The first day of a yyyy-mm month, as an ISO date. */
export function monthStart(month: string): string {
  return `${month}-01`;
}

/** The last day of a yyyy-mm month, as an ISO date. */
export function monthEnd(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}

function fromSerial(serial: number): string | null {
  // 1 = 1900-01-01; 2958465 = 9999-12-31. Anything else is not a date.
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  const date = new Date(Math.round((Math.floor(serial) - UNIX_EPOCH_SERIAL) * MS_PER_DAY));
  return date.toISOString().slice(0, 10);
}

function expandYear(text: string): number {
  if (text.length === 4) return +text;
  const yy = +text;
  // CCM began in 2015: two-digit years are this century unless they cannot be.
  return yy < 70 ? 2000 + yy : 1900 + yy;
}

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Formatted by hand: this runs once per row, and a Date round trip costs more than the rest of the parse. */
function ymd(year: number, month: number, day: number): string | null {
  if (year < 1900 || year > 9999 || month < 1 || month > 12 || day < 1) return null;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!)) return null; // 2/30 and friends
  return `${year}-${month < 10 ? '0' : ''}${month}-${day < 10 ? '0' : ''}${day}`;
}
