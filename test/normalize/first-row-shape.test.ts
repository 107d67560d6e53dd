import { describe, expect, it } from 'vitest';
import { firstRowShape } from '../../src/normalize/ingest.js';
import type { RawCell } from '../../src/read/types.js';

const row = (...cells: RawCell[]) => [{ row: 1, cells }];

describe('firstRowShape (the exit-2 line of a table without a header row)', () => {
  it('says what kinds of cells the row holds, never their text', () => {
    const cells = ['1001', '2026-10-05', 'Rita Nurse', 'RN', '25', 'Patient disclosed HIV status and depression', '1234567893'];
    const shape = firstRowShape(row(...cells));
    expect(shape).toBe('7 cells (number, date, text, text, number, text, number; their text withheld)');
    for (const cell of cells) expect(shape).not.toContain(cell);
  });

  it.each<[RawCell[], string]>([
    [[20451, new Date(Date.UTC(2026, 9, 5)), '10/5/2026', '5-Oct-2026', '12.5'], '5 cells (number, date, date, date, number; their text withheld)'],
    // A bare number is an id or minutes, not an Excel serial; trailing empty cells are not counted.
    [['46000', null, 'x', '', null], '3 cells (number, empty, text; their text withheld)'],
    [['note'], '1 cell (text; their text withheld)'],
  ])('%j', (cells, shape) => {
    expect(firstRowShape(row(...cells))).toBe(shape);
  });

  it('lists at most 12 kinds', () => {
    expect(firstRowShape(row(...Array.from({ length: 20 }, () => 'x')))).toBe(`20 cells (${Array(12).fill('text').join(', ')}, …; their text withheld)`);
  });
});
