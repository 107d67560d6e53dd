import * as crypto from 'node:crypto';
import { describeLocation } from './errors.js';
import type { SourceRef } from './model/schema.js';
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
 * A finding's stable identity for baselines: rule, patient, month, the rows (table kind, sheet and row — not the
 * file name) and the rule's detail, which tells apart findings of one rule about the same rows (invalid-row: the
 * column). Never the message wording, so rewording a message or --redact withholding a cell changes nothing.
 */
export function fingerprint(rule: string, patientId: string | null, month: string | null, sources: readonly SourceRef[], tableName: TableNamer, detail?: string): string {
  // Separators a patient id, sheet name or row number does not hold in practice keep the parts apart. Built
  // by hand: a large audit hashes a million findings, and JSON.stringify of the parts doubled the cost.
  let rows = '';
  for (const s of sources) rows += `${tableName(s)}\u0000${s.row}\u0000`;
  return sha256Hex(`${rule}\n${patientId ?? ''}\n${month ?? ''}\n${rows}${detail === undefined ? '' : `\n${detail}`}`).slice(0, 16);
}
