/**
 * Whether `text` is a yyyy-mm-dd date that exists (no 2025-02-31). Dates given by the user (--run-date, a
 * baseline's expiry) are compared as strings, so one that merely looks like a date would be compared
 * silently and wrongly.
 */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one.
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}
