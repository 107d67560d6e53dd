import type { RawCell } from '../read/types.js';

/** The text of a cell, trimmed; numbers keep their digits (20451, never 20451.0). Empty cells give ''. */
export function cellText(cell: RawCell | undefined): string {
  if (cell === null || cell === undefined) return '';
  if (typeof cell === 'string') return cell.trim();
  if (typeof cell === 'number') return Number.isInteger(cell) ? cell.toFixed(0) : String(cell);
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE';
  return cell.toISOString();
}

export function isBlank(cell: RawCell | undefined): boolean {
  return cellText(cell) === '';
}
