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
  // The last table named, remembered: a finding's rows, and one rule's findings, are nearly always in one table,
  // and building its key and hashing it for every cited row was a tenth of fingerprinting a large audit.
  let lastFile: string | undefined;
  let lastSheet: string | null = null;
  let lastName = '';
  return (source) => {
    if (source.file === lastFile && source.sheet === lastSheet) return lastName;
    const name = names.get(tableKey(source));
    // Every record comes from a table that was read; a finding pointing elsewhere is a bug, not a row to hash.
    if (name === undefined) throw new Error(`a finding points at ${describeLocation(source)}, which is not a table that was read`);
    lastFile = source.file;
    lastSheet = source.sheet;
    lastName = name;
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
  // One number, not the parts: findings keep their cited entries' keys for --redact, and a large audit cites
  // hundreds of thousands of entries. Hashed as it is read, without building the folded strings: building them
  // cost 1.7 µs an entry, more than a second on a million-row log.
  h1 = 0xdeadbeef;
  h2 = 0x41c6ce57;
  feed(entry.program);
  feed(entry.date);
  feedFolded(entry.staff ?? '');
  feed(entry.start === undefined ? '' : String(entry.start));
  feed(entry.minutes !== null ? String(entry.minutes) : entry.minutesText === undefined ? '' : `?${entry.minutesText}`);
  feedFolded(entry.note);
  return digest();
}

/*
 * cyrb53 (public domain): a fast 53-bit string hash, fed part by part. A cryptographic hash per cited entry
 * would add a third to fingerprinting a large audit; two notes of one patient's entries with the same date,
 * staff, start and minutes colliding in 53 bits is not a case to design for.
 */
let h1 = 0;
let h2 = 0;

function mix(c: number): void {
  h1 = Math.imul(h1 ^ c, 2654435761);
  h2 = Math.imul(h2 ^ c, 1597334677);
}

/** A part as it is, then a separator no cell holds. */
function feed(text: string): void {
  for (let i = 0; i < text.length; i++) mix(text.charCodeAt(i));
  mix(1);
}

const SPACE = /\s/;

/**
 * A part as D2 compares it (model/build.ts duplicateNote): runs of white space as one space, none at either end,
 * letters in lower case.
 */
function feedFolded(text: string): void {
  let pending = false;
  let started = false;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c === 32 || (c >= 9 && c <= 13) || (c > 127 && SPACE.test(text[i]!))) {
      pending = started;
      continue;
    }
    if (pending) {
      mix(32);
      pending = false;
    }
    started = true;
    if (c >= 65 && c <= 90) c += 32;
    else if (c > 127) c = text[i]!.toLowerCase().charCodeAt(0);
    mix(c);
  }
  mix(1);
}

function digest(): number {
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
  return `${tableName(source)}\u0000${key === null || key === undefined ? source.row : `~${base36(key)}`}\u0000`;
}

/** 36⁵: both halves of a 53-bit key split at it are small integers. */
const BASE36_LOW = 60466176;

/**
 * `key.toString(36)` for a non-negative integer key (entryKey's, under 2⁵³), in two halves: V8 writes a number
 * past 2³¹ in base 36 digit by digit as a double, about 1 µs each, which was ~0.2 s of a million-row audit's
 * fingerprints; written as two small integers it takes an eighth of that. `%` and the division are exact here.
 */
export function base36(key: number): string {
  if (key < BASE36_LOW) return key.toString(36);
  const low = key % BASE36_LOW;
  return ((key - low) / BASE36_LOW).toString(36) + low.toString(36).padStart(5, '0');
}
