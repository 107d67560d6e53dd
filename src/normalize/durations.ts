import { EXCEL_DAY_ZERO_MS, MS_PER_DAY } from '../excel-serial.js';
import type { RawCell } from '../read/types.js';

const MINUTES_PER_DAY = 1440;

export type Duration = { kind: 'empty' } | { kind: 'minutes'; minutes: number } | { kind: 'invalid'; text: string };

/**
 * Minutes from a duration cell: whole or decimal minutes, `25 min`, `25m`, `1h 5m`, `1.5 hrs`, `1:05`
 * (h:mm), `00:25:00` (h:mm:ss), Excel time values. Anything else is `invalid` with its text, so the
 * invalid-minutes rule can quote it; an empty cell is `empty`, so minutes can come from start and stop.
 */
export function parseDuration(cell: RawCell | undefined): Duration {
  if (cell === null || cell === undefined) return { kind: 'empty' };
  if (cell instanceof Date) {
    const minutes = minutesAfterDayZero(cell.getTime());
    return minutes !== null ? { kind: 'minutes', minutes: roundMinutes(minutes) } : { kind: 'invalid', text: cell.toISOString() };
  }
  if (typeof cell === 'number') return Number.isFinite(cell) ? { kind: 'minutes', minutes: fromNumber(cell) } : invalid(String(cell));
  if (typeof cell === 'boolean') return invalid(String(cell));
  const text = cell.trim();
  if (text === '') return { kind: 'empty' };
  const minutes = fromText(text.toLowerCase());
  return minutes === null ? invalid(text) : { kind: 'minutes', minutes };
}

/**
 * Both readers turn a time-formatted duration (00:25:00, [h]:mm) into a Date on the workbook's day 0: 1899-12-30
 * in the 1900 date system, 1904-01-01 in the 1904 system of Mac Excel workbooks (1462 days later). The cell
 * does not say which system it came from, so a Date within two days after either day 0 is a duration; no real
 * service date falls in those days.
 */
const DAY_ZEROS_MS = [EXCEL_DAY_ZERO_MS, EXCEL_DAY_ZERO_MS + 1462 * MS_PER_DAY];

function minutesAfterDayZero(time: number): number | null {
  for (const dayZero of DAY_ZEROS_MS) {
    const minutes = (time - dayZero) / 60_000;
    if (minutes >= 0 && minutes < MINUTES_PER_DAY * 2) return minutes;
  }
  return null;
}

function invalid(text: string): Duration {
  return { kind: 'invalid', text };
}

/**
 * A plain number is minutes, as the same text in a CSV is. Both readers deliver time-formatted cells (00:25:00,
 * [h]:mm, [m]) as Dates, so a fraction here is not an Excel time: reading 0.5 as half a day made 720 minutes.
 */
function fromNumber(n: number): number {
  return roundMinutes(n);
}

/** "1/2 hour", "½ hr": half an hour, as staff write it. */
const HALF_HOUR = /^(?:1\/2|½)\s*(?:h|hr|hrs|hour)\.?$/;

function fromText(text: string): number | null {
  if (HALF_HOUR.test(text)) return 30;
  let m = /^([+-]?\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)?\.?$/.exec(text);
  if (m) return roundMinutes(+m[1]!);
  m = /^(\d+):(\d{2})(?::(\d{2}))?$/.exec(text);
  if (m) {
    if (+m[2]! > 59 || (m[3] !== undefined && +m[3] > 59)) return null;
    return roundMinutes(+m[1]! * 60 + +m[2]! + (m[3] ? +m[3] / 60 : 0));
  }
  m = /^(?:(\d+(?:\.\d+)?)\s*(?:h|hr|hrs|hour|hours)\.?)?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|mins|minute|minutes)\.?)?$/.exec(text);
  if (m && (m[1] !== undefined || m[2] !== undefined)) {
    // "1h 65m" is not 125 minutes but a slip of some kind, as 1:75 is: beside hours, minutes stop at 59.
    if (m[1] !== undefined && m[2] !== undefined && +m[2] >= 60) return null;
    return roundMinutes(+(m[1] ?? 0) * 60 + +(m[2] ?? 0));
  }
  return null;
}

/** Minutes to two decimals: enough for seconds, and free of float noise like 24.999999. */
export function roundMinutes(minutes: number): number {
  return Math.round(minutes * 100) / 100;
}
