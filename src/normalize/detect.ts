import { columnLetter } from '../column-letter.js';
import { WITHHELD } from '../errors.js';
import type { RawRow } from '../read/types.js';
import { cellText } from './cells.js';
import { PROCEDURE_CODE_SHAPE } from './codes.js';
import {
  INPUT_KINDS,
  KIND_LABELS,
  REQUIRED_ONE_OF,
  fieldAliases,
  fieldForHeader,
  headerKey,
  isClaimDateHeader,
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
  conflicts: { field: string; headers: string[]; indexes: number[] }[];
  /** Required fields (or one-of groups, written "a or b and c") not found. */
  missing: string[];
  /** The config's headers for this kind's fields (`columns`), so a missing field names the header it was told. */
  named: Readonly<Record<string, string>>;
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
    .map(([field, list]) => ({ field, headers: list.map((m) => m.header), indexes: list.map((m) => m.index) }));
  const present = new Set(byField.keys());
  const missing = requiredFields(kind).filter((f) => !present.has(f));
  const oneOf = REQUIRED_ONE_OF[kind];
  if (oneOf && !oneOf.some((group) => group.every((f) => present.has(f)))) {
    missing.push(oneOf.map((group) => group.join(' and ')).join(' or '));
  }
  return { kind, headerRow: row.row, headers, matches, conflicts, missing, named: overrides[kind] ?? {} };
}

function isComplete(c: Candidate): boolean {
  return c.missing.length === 0;
}

export type Detection =
  | { ok: true; candidate: Candidate }
  /** `ambiguous` explains a header that fits two kinds when the values could not tell which (see codeKind). */
  | { ok: false; best: Candidate | undefined; ambiguous?: string };

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
  if (!complete) return { ok: false, best: partial };
  return options.kind ? { ok: true, candidate: complete } : settleCodeKind(complete, sample, options.overrides);
}

/** Diagnoses and billed services both have a code column; a header that fits both ("Code") says neither. */
const CODE_KINDS = ['diagnoses', 'services'] as const;
/** A CPT or HCPCS code, with an optional modifier. */
const PROCEDURE_CODE = new RegExp(`^(?:${PROCEDURE_CODE_SHAPE})(-?[A-Z0-9]{2})?$`);
/** ICD-10-CM: a letter, a digit, a letter or digit, then up to 4 more after an optional dot. */
const ICD10_CODE = /^[A-Z]\d[A-Z0-9](\.?[A-Z0-9]{1,4})?$/;

/** What a code cell holds: a CPT/HCPCS code, an ICD-10-CM code, either (G0506, E1165) or neither. */
function codeKind(text: string): 'services' | 'diagnoses' | 'either' | undefined {
  const code = text.trim().toUpperCase();
  const procedure = PROCEDURE_CODE.test(code);
  const diagnosis = ICD10_CODE.test(code);
  if (procedure && diagnosis) return 'either';
  return procedure ? 'services' : diagnosis ? 'diagnoses' : undefined;
}

/**
 * A header row complete as both diagnoses and billed services, through a code column whose header fits both
 * (`MRN, Code, Description, Date`), is decided by the codes in the rows below it: ICD-10-CM codes make a
 * problem list, CPT/HCPCS codes billed services. Counting columns would pick services for a problem list with
 * a date column, skipping the chronic-condition checks and billing the month. When the codes do not say (both
 * kinds, or only codes valid as either), the table is ambiguous: the user names it rather than ccm guessing.
 */
function settleCodeKind(complete: Candidate, sample: readonly RawRow[], overrides: ColumnOverrides | undefined): Detection {
  if (!(CODE_KINDS as readonly InputKind[]).includes(complete.kind)) return { ok: true, candidate: complete };
  const code = complete.matches.find((m) => m.field === 'code')!;
  if (CODE_KINDS.some((kind) => fieldForHeader(kind, code.header) !== 'code')) return { ok: true, candidate: complete };
  const headerRow = sample.find((r) => r.row === complete.headerRow)!;
  const candidates = new Map(CODE_KINDS.map((kind) => [kind, kind === complete.kind ? complete : matchHeaders(kind, headerRow, overrides)]));
  if (![...candidates.values()].every((c) => isComplete(c) && c.conflicts.length === 0)) return { ok: true, candidate: complete };
  const seen = new Set<string>();
  const examples: string[] = [];
  for (const row of sample) {
    if (row.row <= complete.headerRow) continue;
    const text = cellText(row.cells[code.index]);
    if (text === '') continue;
    const kind = codeKind(text);
    if (kind === undefined) continue;
    seen.add(kind);
    if (examples.length < 3 && !examples.includes(text)) examples.push(text);
  }
  const decisive = CODE_KINDS.filter((kind) => seen.has(kind));
  // No codes at all (an empty table): nothing can be misread, the header's best match stands.
  if (seen.size === 0) return { ok: true, candidate: complete };
  if (decisive.length === 1) return { ok: true, candidate: candidates.get(decisive[0]!)! };
  return {
    ok: false,
    best: undefined,
    ambiguous: `the "${code.header}" column (row ${complete.headerRow}) could hold ICD-10 diagnosis codes or CPT/HCPCS codes and its values (${examples.join(', ')}) do not tell which; name the table with --diagnoses or --services, or rename the column (ICD-10 Code, CPT Code)`,
  };
}

/** Closest partial match: has the patient column, then the most matched fields. */
function rank(c: Candidate): number {
  return (c.matches.some((m) => m.field === 'patientId') ? 1000 : 0) + c.matches.length * 10 - c.missing.length;
}

/** One-line explanation of a missing field, naming the headers that would have been accepted. */
/**
 * What a partial match lacks, and the header row it found. `withhold` replaces each cell of that row that is no
 * column name ccm knows by [withheld]: the row taken for a header may be a data row ("Alice Jones chest pain"),
 * and its cells then are patient data, for the terminal and --redact as any quoted cell (README, Security and
 * privacy). The headers it recognised are column names and stay, so the message still says what was found.
 */
export function describeMissing(c: Candidate, options: { withhold?: boolean } = {}): string {
  const wanted = c.missing
    .map((m) => {
      const groups = m.split(' or ').map((g) => g.split(' and '));
      const names = groups.map((group) => group.map((f) => (c.named[f] !== undefined ? `${f} ("${c.named[f]}", as the config names it)` : `${f} (${fieldAliases(c.kind, f).slice(0, 4).join(', ')}…)`)).join(' and '));
      return names.join(' or ');
    })
    .join('; ');
  const known = new Set([...c.matches.map((m) => m.index), ...c.conflicts.flatMap((x) => x.indexes)]);
  const found = c.headers
    // A header that names a known column is a column name, even unmatched here (a config mapping took its field).
    .flatMap((h, i) => (h === '' ? [] : [options.withhold && !known.has(i) && fieldForHeader(c.kind, h) === undefined && !isClaimDateHeader(h) ? WITHHELD : h]))
    .join(', ');
  const claimDate = c.kind === 'services' && c.missing.includes('date') ? c.headers.find(isClaimDateHeader) : undefined;
  // The day a claim went out is no date of service (isClaimDateHeader); say so, or the fix looks like an alias.
  const hint =
    claimDate === undefined
      ? ''
      : `; "${claimDate}" is when the claim was sent, not its date of service: export the date of service, or name the column in ccm.config.json ("columns": {"services": {"date": "${claimDate}"}}) if it does hold it`;
  return `the ${KIND_LABELS[c.kind]} has no ${wanted} column; headers found in row ${c.headerRow}: ${found}${hint}`;
}

export function describeConflict(c: Candidate): string {
  const parts = c.conflicts.map((x) => {
    const columns = x.headers.map((h, i) => `${columnLetter(x.indexes[i]!)} "${h}"`).join(' and ');
    return `columns ${columns} all look like the ${x.field} column`;
  });
  // The config names a column by its header, so it can tell apart only columns headed differently.
  const sameHeader = c.conflicts.some((x) => new Set(x.headers.map(headerKey)).size < x.headers.length);
  const fix = sameHeader
    ? 'rename one of the columns with the same header in the export (or delete the one that is not needed)'
    : `name the right one in ccm.config.json ("columns": {"${c.kind}": {"${c.conflicts[0]?.field}": "…"}})`;
  return `${parts.join('; ')}; ${fix}`;
}
