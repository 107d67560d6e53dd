import { parse } from 'csv-parse/sync';
import { CcmError, describeLocation } from '../errors.js';
import { CCM_CODES } from './codes.js';
import type { FeeSchedule } from './types.js';

const REQUIRED = ['year', 'code', 'amount'] as const;
type Column = (typeof REQUIRED)[number];

/**
 * A `--fee-schedule FILE.csv`: a header row with `year,code,amount` (any case, any order, other columns
 * ignored), then one row per calendar year and code. Amounts may carry `$` and thousands separators
 * (`$1,234.50`). Rows are numbered as Excel numbers them (header = row 1, blank rows included).
 *
 * Every year listed must price every CCM code: a missing code would price at $0 and silently steer the
 * family choice (D4) and the revenue figures, so it is an input error rather than a default.
 */
export function parseFeeScheduleCsv(text: string, fileName: string): FeeSchedule {
  const records = readRecords(text.replace(/^\uFEFF/, ''), fileName);
  const headerIndex = records.findIndex((r) => !isBlank(r));
  if (headerIndex < 0) throw new CcmError(`${fileName}: the fee schedule is empty; expected a header row "year,code,amount".`);
  const header = records[headerIndex]!.map((cell) => cell.trim());
  const columns = locateColumns(header, fileName, headerIndex + 1);

  const amounts: Record<number, Record<string, number>> = {};
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!;
    if (isBlank(record)) continue;
    const row = i + 1;
    const cell = (c: Column): { value: string; where: string } => ({
      value: (record[columns[c]] ?? '').trim(),
      where: describeLocation({ file: fileName, row, column: header[columns[c]]! }),
    });
    const year = parseYear(cell('year'));
    const code = parseCode(cell('code'));
    const amount = parseAmount(cell('amount'));
    const byCode = (amounts[year] ??= {});
    const previous = byCode[code];
    if (previous !== undefined && previous !== amount) {
      throw new CcmError(`${cell('amount').where}: ${code} for ${year} is listed twice with different amounts (${previous} and ${amount}); keep one row.`);
    }
    byCode[code] = amount;
  }

  const years = Object.keys(amounts).map(Number).sort((a, b) => a - b);
  if (years.length === 0) throw new CcmError(`${fileName}: the fee schedule has a header but no rows; add one row per year and CCM code.`);
  for (const year of years) {
    const missing = [...CCM_CODES].filter((code) => amounts[year]![code] === undefined);
    if (missing.length > 0) {
      throw new CcmError(`${fileName}: year ${year} has no amount for ${missing.join(', ')}; add a row for every CCM code (${[...CCM_CODES].join(', ')}).`);
    }
  }
  return { source: fileName, amounts };
}

function readRecords(text: string, fileName: string): string[][] {
  try {
    return parse(text, { record_delimiter: ['\r\n', '\n', '\r'], relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new CcmError(`${fileName}: the fee schedule is not valid CSV (${reason}).`);
  }
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '');
}

function locateColumns(header: readonly string[], fileName: string, row: number): Record<Column, number> {
  const lower = header.map((h) => h.toLowerCase());
  const missing = REQUIRED.filter((name) => !lower.includes(name));
  if (missing.length > 0) {
    throw new CcmError(
      `${describeLocation({ file: fileName, row })}: the header has no ${missing.map((m) => `"${m}"`).join(', ')} column; expected "year,code,amount" (found "${header.join(',')}").`,
    );
  }
  return { year: lower.indexOf('year'), code: lower.indexOf('code'), amount: lower.indexOf('amount') };
}

function parseYear({ value, where }: { value: string; where: string }): number {
  if (!/^\d{4}$/.test(value)) throw new CcmError(`${where}: "${value}" is not a calendar year (expected e.g. 2026).`);
  return Number(value);
}

/** CPT/HCPCS codes are five letters or digits; modifiers do not change the national amount and are rejected. */
function parseCode({ value, where }: { value: string; where: string }): string {
  const code = value.toUpperCase();
  if (!/^[0-9A-Z]{5}$/.test(code)) throw new CcmError(`${where}: "${value}" is not a CPT/HCPCS code (expected five characters, e.g. 99490).`);
  return code;
}

/**
 * Dollars: optional `$`, optional thousands separators in groups of three. "60,49" is rejected rather than
 * read as 6049 or 60.49: a decimal comma cannot be told from a thousands separator.
 */
function parseAmount({ value, where }: { value: string; where: string }): number {
  const text = value.replace(/^\$\s*/, '');
  if (!/^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/.test(text)) {
    throw new CcmError(`${where}: "${value}" is not a dollar amount (expected e.g. 60.49 or $1,234.50).`);
  }
  return Number(text.replace(/,/g, ''));
}
