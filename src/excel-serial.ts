/**
 * Excel's serial numbers in the 1900 date system: day 0 is 1899-12-30 (the Lotus leap-year bug moved it a
 * day back), so 1970-01-01 is serial 25569 and a time of day is the fraction of a day.
 */
export const UNIX_EPOCH_SERIAL = 25_569;
export const MS_PER_DAY = 86_400_000;
/** Excel's day 0 as a JavaScript time (UTC): exceljs puts a time-formatted duration on it. */
export const EXCEL_DAY_ZERO_MS = -UNIX_EPOCH_SERIAL * MS_PER_DAY;
