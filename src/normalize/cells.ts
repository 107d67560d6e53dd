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

/**
 * What EHR exports write into a cell that has no value: `N/A`, `NA`, `None`, `-`, `--`, `Unknown`, `TBD`, and
 * `#N/A`, which Excel writes for an error cell when it saves a CSV (its XLSX error cell reads as empty). The one
 * list: optional cells (a revoked or resolved date, a clock time, units) read these as empty, since a whole
 * consent or problem-list row dropped over "N/A" blocked every patient. Required cells (a service date, a
 * consent date) never do: there a placeholder is still an unreadable value, reported as an invalid row. Status
 * cells keep their words too ("None" may be a consent status), and the status readers judge them.
 */
const PLACEHOLDER = /^(?:#?n\/?a|n\.a\.?|not applicable|not available|none|null|nil|unknown|unk|tbd|-+|–|—|\?)$/i;

export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text);
}

/** The text of an optional cell: '' when empty or a placeholder. */
export function optionalCellText(cell: RawCell | undefined): string {
  const text = cellText(cell);
  return isPlaceholder(text) ? '' : text;
}
