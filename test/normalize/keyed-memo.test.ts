/**
 * Time-log rows the CSV tokenizer read carry each cell's intern key (RawRow.internKeys), and the ingest's memos
 * find a cell by it (KeyedMemo, records.ts): held here to the same records as the rows read by their text
 * alone (XLSX, csv-parse), the reference path.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { TableRef } from '../../src/model/schema.js';
import { normalizeMemos, normalizeTimeEntry, timeLogColumns, type NormalizeContext, type Normalized, type RowAccess } from '../../src/normalize/records.js';
import { KeyedMemo, Memo } from '../../src/normalize/memo.js';
import type { TimeEntry } from '../../src/model/schema.js';

const FIELDS = ['patientId', 'patientName', 'mbi', 'date', 'start', 'stop', 'minutes', 'staff', 'credential', 'program', 'activity', 'note', 'billingNpi', 'renderingNpi', 'complexity', 'entryStatus'];

// A few values per column, repeated as exports repeat them, plus values that do not read, placeholders and
// spaces: any may land in any column.
const cell = fc.oneof(
  fc.constantFrom('', ' ', '20451', '20452', ' 20451', 'Ana Ruiz', 'Ana Ruiz ', '1EG4TE5MK73', '3/7/2025', '2025-03-08', '13/45/2025', '25', '0:35', '1h 5m', 'abc', '9:00 AM', '9:30 AM', '25:99'),
  fc.constantFrom('RN', 'MD', 'Front Desk', 'CCM', 'PCM', 'Complex', 'Y', 'N/A', '-', '1234567893', '1245319599', 'Deleted', 'Locked'),
);

/** A table: rows of up to all the columns (short rows must not read the next row's keys), some cells not interned. */
const table = fc.array(fc.array(fc.record({ text: cell, interned: fc.boolean() }), { minLength: 0, maxLength: FIELDS.length }), { minLength: 1, maxLength: 30 });

/**
 * The table's rows as the tokenizer hands them over: one key array for all rows, each row's keys from its
 * keyAt on. Keys start at `firstKey`, as a second file's do not start where the first file's did.
 */
function keyedRows(rows: { text: string; interned: boolean }[][], firstKey: number): { cells: string[]; internKeys: Int32Array; keyAt: number }[] {
  const keyOf = new Map<string, number>();
  const internKeys = new Int32Array(rows.reduce((n, r) => n + r.length, 0));
  let at = 0;
  return rows.map((row) => {
    const keyAt = at;
    for (const c of row) internKeys[at++] = c.interned ? keyOf.get(c.text) ?? keyOf.set(c.text, firstKey + keyOf.size).get(c.text)! : -1;
    return { cells: row.map((c) => c.text), internKeys, keyAt };
  });
}

function context(): NormalizeContext {
  return { dateOrder: 'mdy', credentials: new Map(), memo: normalizeMemos() };
}

/** Every row of the tables normalized in one run (one context), by key or (`byText`) by text alone. */
function normalizeTables(tables: { cells: string[]; internKeys: Int32Array; keyAt: number }[][], byText: boolean): Normalized<TimeEntry>[] {
  const ctx = context();
  const out: Normalized<TimeEntry>[] = [];
  tables.forEach((rows, t) => {
    const ref: TableRef = { file: `t${t}.csv`, sheet: null };
    const columns = timeLogColumns((field) => FIELDS.indexOf(field), ctx);
    const access: RowAccess = { table: ref, row: 0, kind: 'timeLog', cells: [], internKeys: undefined, keyAt: 0, cell: (f) => access.cells[FIELDS.indexOf(f)], header: (f) => f };
    rows.forEach((row, r) => {
      access.row = r + 2;
      access.cells = row.cells;
      access.internKeys = byText ? undefined : row.internKeys;
      access.keyAt = byText ? 0 : row.keyAt;
      out.push(normalizeTimeEntry(access, out.length, ctx, columns));
    });
  });
  return out;
}

describe('time-log cells found by their intern keys', () => {
  it('read as the same records as by their text, over several files in one run', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(table, fc.nat(200)), { minLength: 1, maxLength: 3 }), (tables) => {
        const keyed = tables.map(([rows, firstKey]) => keyedRows(rows, firstKey));
        expect(normalizeTables(keyed, false)).toEqual(normalizeTables(keyed, true));
      }),
      { numRuns: 300 },
    );
  });

  it('KeyedMemo gives the Memo’s own values, undefined and null included', () => {
    const memo = new Memo<string | null | undefined>();
    const keyed = new KeyedMemo(memo);
    const read = (text: string) => (text === '' ? undefined : text === '-' ? null : text.trim());
    for (const [key, text] of [[3, ' a'], [5000, '-'], [7, ''], [3, ' a'], [5000, '-'], [7, ''], [-1, ' a'], [-1, 'b']] as const) {
      expect(keyed.get(key, text, read)).toBe(memo.get(text, read));
    }
  });
});
