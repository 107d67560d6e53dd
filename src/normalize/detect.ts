import type { RawRow } from '../read/types.js';
import { cellText } from './cells.js';
import {
  INPUT_KINDS,
  KIND_LABELS,
  REQUIRED_ONE_OF,
  fieldAliases,
  fieldForHeader,
  headerKey,
  requiredFields,
  type InputKind,
} from './columns.js';

/** The header must sit within the first rows: title lines, run dates and blank rows come before it. */
export const HEADER_SEARCH_ROWS = 30;

/** Config overrides: for a kind, field → the header text that holds it. */
export type ColumnOverrides = Partial<Record<InputKind, Record<string, string>>>;

export interface ColumnMatch {
  field: string;
  index: number;
  header: string;
}

export interface Candidate {
  kind: InputKind;
  /** Row number (Excel numbering) of the header row. */
  headerRow: number;
  headers: string[];
  matches: ColumnMatch[];
  /** Fields claimed by more than one column. */
  conflicts: { field: string; headers: string[] }[];
  /** Required fields (or one-of groups, written "a or b and c") not found. */
  missing: string[];
}

/** Map one header row to the fields of one kind. */
export function matchHeaders(kind: InputKind, row: RawRow, overrides: ColumnOverrides = {}): Candidate {
  const headers = row.cells.map((c) => cellText(c));
  const override = new Map(Object.entries(overrides[kind] ?? {}).map(([field, header]) => [headerKey(header), field]));
  const overridden = new Set(override.values());
  const byField = new Map<string, ColumnMatch[]>();
  headers.forEach((header, index) => {
    if (header === '') return;
    const key = headerKey(header);
    let field = override.get(key);
    if (field === undefined) {
      const aliasField = fieldForHeader(kind, header);
      // A field the config maps explicitly takes no alias matches, so a mapping resolves a conflict.
      if (aliasField !== undefined && !overridden.has(aliasField)) field = aliasField;
    }
    if (field === undefined) return;
    const list = byField.get(field) ?? [];
    list.push({ field, index, header });
    byField.set(field, list);
  });
  const matches = [...byField.values()].map((list) => list[0]!).sort((a, b) => a.index - b.index);
  const conflicts = [...byField.entries()]
    .filter(([, list]) => list.length > 1)
    .map(([field, list]) => ({ field, headers: list.map((m) => m.header) }));
  const present = new Set(byField.keys());
  const missing = requiredFields(kind).filter((f) => !present.has(f));
  const oneOf = REQUIRED_ONE_OF[kind];
  if (oneOf && !oneOf.some((group) => group.every((f) => present.has(f)))) {
    missing.push(oneOf.map((group) => group.join(' and ')).join(' or '));
  }
  return { kind, headerRow: row.row, headers, matches, conflicts, missing };
}

function isComplete(c: Candidate): boolean {
  return c.missing.length === 0;
}

export type Detection =
  | { ok: true; candidate: Candidate }
  | { ok: false; best: Candidate | undefined };

/**
 * Find the header row and the kind of a table from its first rows: the row and kind with every required
 * field that match the most columns. With `kind` given (the user named it), only that kind is tried.
 * When nothing is complete, `best` is the closest partial match, to explain what is missing.
 */
export function detectTable(sample: readonly RawRow[], options: { kind?: InputKind; overrides?: ColumnOverrides } = {}): Detection {
  const kinds = options.kind ? [options.kind] : INPUT_KINDS;
  let complete: Candidate | undefined;
  let partial: Candidate | undefined;
  for (const row of sample.slice(0, HEADER_SEARCH_ROWS)) {
    for (const kind of kinds) {
      const candidate = matchHeaders(kind, row, options.overrides);
      if (candidate.matches.length < 2) continue;
      if (isComplete(candidate)) {
        if (!complete || candidate.matches.length > complete.matches.length) complete = candidate;
      } else if (!partial || rank(candidate) > rank(partial)) {
        partial = candidate;
      }
    }
  }
  return complete ? { ok: true, candidate: complete } : { ok: false, best: partial };
}

/** Closest partial match: has the patient column, then the most matched fields. */
function rank(c: Candidate): number {
  return (c.matches.some((m) => m.field === 'patientId') ? 1000 : 0) + c.matches.length * 10 - c.missing.length;
}

/** One-line explanation of a missing field, naming the headers that would have been accepted. */
export function describeMissing(c: Candidate): string {
  const wanted = c.missing
    .map((m) => {
      const groups = m.split(' or ').map((g) => g.split(' and '));
      const names = groups.map((group) => group.map((f) => `${f} (${fieldAliases(c.kind, f).slice(0, 4).join(', ')}…)`).join(' and '));
      return names.join(' or ');
    })
    .join('; ');
  const found = c.headers.filter((h) => h !== '').join(', ');
  return `the ${KIND_LABELS[c.kind]} has no ${wanted} column; headers found in row ${c.headerRow}: ${found}`;
}

export function describeConflict(c: Candidate): string {
  const parts = c.conflicts.map((x) => `${x.headers.map((h) => `"${h}"`).join(' and ')} all look like the ${x.field} column`);
  return `${parts.join('; ')}; name the right one in ccm.config.json ("columns": {"${c.kind}": {"${c.conflicts[0]?.field}": "…"}})`;
}
