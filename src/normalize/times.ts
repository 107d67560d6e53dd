import type { RawCell } from '../read/types.js';

const MINUTES_PER_DAY = 1440;

/**
 * A clock time as minutes after midnight, or null when the cell is not a time. Accepts `09:00`, `9:00 AM`,
 * `9:30a`, `14:00:00`, `9am`, HHMM `0930` (or `930`), a date-time (the time part is used) and Excel time
 * fractions and date-time serials, as numbers or as text below 1 (`0.375`).
 * Seconds are rounded to the nearest minute.
 */
export function parseClockTime(cell: RawCell | undefined): number | null {
  if (cell === null || cell === undefined || typeof cell === 'boolean') return null;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return null;
    return wrap(cell.getUTCHours() * 60 + cell.getUTCMinutes() + Math.round(cell.getUTCSeconds() / 60));
  }
  if (typeof cell === 'number') {
    // A whole number below 2400 is HHMM that Excel stored as a number (0930 typed is 930), not a date serial
    // of 1900 at midnight, which no time log holds.
    return Number.isInteger(cell) && cell >= 0 && cell < 2400 ? fromHhmm(cell) : fromSerial(cell);
  }
  let text = cell.trim().toLowerCase();
  // A day fraction written as text (0.375 is 09:00), as a CSV saved from Excel or a script holds an Excel time:
  // in a start or stop column a number below 1 can be nothing else (not an hour, not HHMM), and an XLSX cell
  // with the same number already reads this way.
  if (/^0?\.\d+$/.test(text)) return fromSerial(Number(text));
  // HHMM, military style: 0930, 1415, and 930 as a CSV saved from Excel writes it.
  if (/^\d{3,4}$/.test(text)) return fromHhmm(Number(text));
  // "2025-03-07 09:15" or "3/7/2025 9:15 AM": the time is what follows the date.
  const dateTime = /^\d[\d/.-]*\d[t\s]+(.+)$/.exec(text);
  if (dateTime && /[-/.]/.test(text.slice(0, text.length - dateTime[1]!.length))) text = dateTime[1]!.trim();
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(?:([ap])\.?(?:m\.?)?)?\s*(?:z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (m) return fromParts(+m[1]!, +m[2]!, m[3] ? +m[3] : 0, m[4]);
  const short = /^(\d{1,2})\s*([ap])\.?(?:m\.?)?$/.exec(text);
  if (short) return fromParts(+short[1]!, 0, 0, short[2]);
  return null;
}

/**
 * Minutes from a start to a stop clock time (minutes after midnight), the one place every rule and the
 * normalizer measure a span. A stop more than 12 hours before the start is an entry crossing midnight
 * (23:50–00:15 is 25 minutes, not −1415): no one logs a care-management call of over half a day backwards.
 * A stop earlier by 12 hours or less stays negative, a typing error for invalid-minutes to report.
 */
export function clockSpan(start: number, stop: number): number {
  const span = stop - start;
  return span < -MINUTES_PER_DAY / 2 ? span + MINUTES_PER_DAY : span;
}

/** An Excel time or date-time serial: the fraction of the day is the time. */
function fromSerial(serial: number): number | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  return wrap(Math.round((serial - Math.floor(serial)) * MINUTES_PER_DAY));
}

function fromHhmm(hhmm: number): number | null {
  return fromParts(Math.floor(hhmm / 100), hhmm % 100, 0, undefined);
}

function fromParts(hours: number, minutes: number, seconds: number, meridiem: string | undefined): number | null {
  if (minutes > 59 || seconds > 59) return null;
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'p' ? 12 : 0);
  } else if (hours > 23) {
    return null;
  }
  return wrap(hours * 60 + minutes + Math.round(seconds / 60));
}

function wrap(minutes: number): number {
  return minutes % MINUTES_PER_DAY;
}
