import * as crypto from 'node:crypto';
import { describeLocation } from './errors.js';
import type { SourceRef, WithdrawnEntry } from './model/schema.js';
import type { InputReport } from './normalize/ingest.js';

/** How a fingerprint names the table a source row is in (see tableNamer). */
export type TableNamer = (source: SourceRef) => string;

/**
 * Names for the tables read, by what they are rather than what their file is called: the kind (time log,
 * consents…) and the sheet. A nightly export arrives under a new dated name (export-2026-11-05.csv) with the
 * same content, and a baseline must still match it. Where several inputs hold the same kind of table under the
 * same sheet name (two CSV time logs), the second and later get their place among them (`#2`) in input order:
 * without it, row 5 of one would share fingerprints with row 5 of the other, and accepting one would accept both.
 */
export function tableNamer(inputs: readonly Pick<InputReport, 'tables'>[]): TableNamer {
  const names = new Map<string, string>();
  const count = new Map<string, number>();
  for (const input of inputs) {
    for (const table of input.tables) {
      if (table.kind === null) continue;
      const base = `${table.kind}|${table.sheet ?? ''}`;
      const n = (count.get(base) ?? 0) + 1;
      count.set(base, n);
      names.set(tableKey(table), n === 1 ? base : `${base}#${n}`);
    }
  }
  return (source) => {
    const name = names.get(tableKey(source));
    // Every record comes from a table that was read; a finding pointing elsewhere is a bug, not a row to hash.
    if (name === undefined) throw new Error(`a finding points at ${describeLocation(source)}, which is not a table that was read`);
    return name;
  };
}

function tableKey(table: { file: string; sheet: string | null }): string {
  return `${table.file}\u0000${table.sheet ?? ''}`;
}

/** One-shot hashing (Node ≥ 20.12) is about twice as fast as a Hash object per finding; same digest. */
const sha256Hex: (text: string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function'
    ? (text) => (crypto as unknown as { hash(algorithm: string, data: string, encoding: 'hex'): string }).hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text).digest('hex');

/**
 * A time entry's identity in fingerprints: the fields duplicate-entry calls one entry by (program, date, staff
 * ignoring spacing and case, start, minutes) and a 53-bit hash of its note ignoring spacing and case. Exports
 * do not keep their row order from one night to the next: named by its row, an acceptance moved to whichever
 * entry of the patient-month sorted onto that row; named by what it is, it stays with the entry reviewed (and
 * an entry edited since is reviewed again). The note (and unreadable minutes text) goes in hashed: the finding carries this key for --redact,
 * which must not hold note text; the baseline file holds only the fingerprint, a hash of the key.
 */
export function entryKey(entry: WithdrawnEntry): number {
  const staff = entry.staff === undefined ? '' : entry.staff.replace(/\s+/g, ' ').trim().toLowerCase();
  const note = entry.note.replace(/\s+/g, ' ').trim().toLowerCase();
  const minutes = entry.minutes ?? (entry.minutesText === undefined ? '' : `?${entry.minutesText}`);
  // One number, not the parts: findings keep their cited entries' keys for --redact, and a large audit cites
  // hundreds of thousands of entries.
  return cyrb53(`${entry.program}\u0001${entry.date}\u0001${staff}\u0001${entry.start ?? ''}\u0001${minutes}\u0001${note}`);
}

/**
 * cyrb53 (public domain): a fast 53-bit string hash. A cryptographic hash per cited entry would add a third to
 * fingerprinting a large audit; two notes of one patient's entries with the same date, staff, start and
 * minutes colliding in 53 bits is not a case to design for.
 */
function cyrb53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A finding's stable identity for baselines: rule, patient, month, the rows and the rule's detail, which tells
 * apart findings of one rule about the same rows (invalid-row: the column). A row is named by its table (kind
 * and sheet, not the file name) and, for a time-log row, the entry's identity (`entryKeys[i]`, from entryKey)
 * instead of its row number, so the order rows are exported in does not matter; other rows (consents, billed
 * services…) keep their row number. Never the message wording, so rewording a message or --redact withholding
 * a cell changes nothing.
 */
export function fingerprint(
  rule: string,
  patientId: string | null,
  month: string | null,
  sources: readonly SourceRef[],
  tableName: TableNamer,
  detail?: string,
  entryKeys?: readonly (number | null)[],
): string {
  // Separators a patient id, sheet name or row number does not hold in practice keep the parts apart. Built
  // by hand: a large audit hashes a million findings, and JSON.stringify of the parts doubled the cost.
  let rows = '';
  if (sources.length === 1) rows = rowPart(sources[0]!, entryKeys?.[0], tableName);
  else if (sources.length > 1) {
    // Sorted: two cited entries that swap rows are still the same pair.
    const parts = sources.map((s, i) => rowPart(s, entryKeys?.[i], tableName)).sort();
    rows = parts.join('');
  }
  return sha256Hex(`${rule}\n${patientId ?? ''}\n${month ?? ''}\n${rows}${detail === undefined ? '' : `\n${detail}`}`).slice(0, 16);
}

/** A cited row in a fingerprint: its table, and the entry's key (`~` and base 36) or the row number. */
function rowPart(source: SourceRef, key: number | null | undefined, tableName: TableNamer): string {
  return `${tableName(source)}\u0000${key === null || key === undefined ? source.row : `~${key.toString(36)}`}\u0000`;
}
