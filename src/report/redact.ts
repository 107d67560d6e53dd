import { createHmac } from 'node:crypto';
import { basename } from 'node:path';
import type { AuditResult } from '../audit-types.js';
import { CcmError } from '../errors.js';
import { fingerprint, tableNamer } from '../fingerprint.js';
import type { SourceRef, TableRef, TimeEntry } from '../model/schema.js';
import type { InputReport } from '../normalize/ingest.js';
import { isProgramName } from '../normalize/programs.js';

/** Short enough to read in a spreadsheet, long enough that two patients never share one in practice. */
const PSEUDONYM_HEX = 12;
/** A run reads a few files and sheets, not thousands of patients: 8 hex digits keep them apart. */
const LOCATION_HEX = 8;
export const MIN_SALT_LENGTH = 16;

/**
 * A copy of the result fit to share with a consultant: patient ids replaced by keyed hashes (stable for one
 * salt, so the same patient keeps the same pseudonym across months and runs), patient names, MBIs and note
 * text removed, and fingerprints recomputed from the pseudonyms. An unkeyed hash of an MRN would be
 * reversed by trying every MRN, hence the secret salt.
 *
 * File and sheet names are replaced too (`file-3f2a9c1e.xlsx`, `sheet-b07d4e12`), wherever they show: a
 * practice that keeps one sheet per patient names it "Jones, Alice", and a file may be `jones_alice.xlsx`;
 * next to the patient's pseudonym that undoes it. They are keyed like the patient ids (with the kind of name
 * mixed in, so a sheet named after an MRN does not get the patient's pseudonym), stable for one salt. Findings,
 * inputs and tables keep their order, so the un-redacted run of the same inputs maps them back line for line.
 *
 * Cell text that could not be read is removed too, wherever it would show: a cell can hold anything, a note
 * pushed into the minutes or credential column by a missing cell included. Messages become their
 * `redactedMessage` (quoted cells withheld by the rule engine); the evidence columns and claims lose an
 * unreadable minutes cell, a credential or program label that is not a known one and an NPI that is not 10
 * digits.
 */
export function checkRedactSalt(salt: string): void {
  if (salt.length < MIN_SALT_LENGTH) {
    throw new CcmError(`--redact needs a secret salt of at least ${MIN_SALT_LENGTH} characters (CCM_REDACT_SALT or --redact-salt); keep it to get the same pseudonyms next time.`);
  }
}

/**
 * The pseudonym a --redact run gives a patient id, for lines drawn outside the result (src/cli/program.ts: a
 * baseline entry that expired names its patient as the reports do, not by the MRN the baseline file holds).
 */
export function patientPseudonym(salt: string, id: string): string {
  return `P-${createHmac('sha256', salt).update(id).digest('hex').slice(0, PSEUDONYM_HEX)}`;
}

export function redactResult(result: AuditResult, salt: string): AuditResult {
  checkRedactSalt(salt);
  const ids = new Map<string, string>();
  const pseudonym = (id: string): string => {
    let p = ids.get(id);
    if (p === undefined) {
      p = patientPseudonym(salt, id);
      ids.set(id, p);
    }
    return p;
  };
  const pseudonymOrNull = (id: string | null) => (id === null ? null : pseudonym(id));
  const locations = locationPseudonyms(salt);
  // One redacted table per table, so the entries keep sharing it.
  const tables = new Map<TableRef, TableRef>();
  const redactTable = (t: TableRef): TableRef => {
    let r = tables.get(t);
    if (r === undefined) {
      r = { file: locations.file(t.file), sheet: locations.sheet(t.sheet) };
      tables.set(t, r);
    }
    return r;
  };
  const redactSource = (s: SourceRef): SourceRef => ({ file: locations.file(s.file), sheet: locations.sheet(s.sheet), row: s.row });
  const inputs = result.inputs.map((input): InputReport => ({
    ...input,
    file: locations.file(input.file),
    // The path as typed may hold folders named after the patient too: only the file's pseudonym is kept.
    path: locations.file(input.file),
    tables: input.tables.map(({ withheldNote, ...t }) => ({
      ...t,
      file: locations.file(t.file),
      sheet: locations.sheet(t.sheet),
      // The header row a partial match quotes may be a data row: only its known column names stay.
      ...(t.note !== undefined ? { note: withheldNote ?? t.note } : {}),
    })),
  }));
  const entries = result.entries.map((e): TimeEntry => {
    const { patientName: _name, mbi: _mbi, minutesText: _minutes, credential, npi, programText, ...rest } = e;
    // A recognised credential or program is a known word (RN, MD, CCM) and a 10-digit NPI a number; other text
    // is an arbitrary cell.
    return {
      ...rest,
      ...(credential !== undefined && e.role !== 'unknown' ? { credential } : {}),
      // A label is kept only when it is exactly a program's name: one read by its words may carry free text.
      ...(programText !== undefined && isProgramName(programText) ? { programText } : {}),
      ...(npi !== undefined && isNpiShaped(npi) ? { npi } : {}),
      table: redactTable(e.table),
      patientId: pseudonym(e.patientId),
      note: '',
    };
  });
  for (const pm of result.patientMonths) pseudonym(pm.patientId);
  // Messages name other patients (an overlap across two patients): replace every known id, longest first.
  const known = [...ids.keys()].sort((a, b) => b.length - a.length);
  // The pseudonymous tables the redacted sources point at.
  const tableName = tableNamer(inputs);
  const scrub = (text: string) => known.reduce((t, id) => t.replace(new RegExp(`(?<![\\w-])${escapeRegExp(id)}(?![\\w-])`, 'g'), ids.get(id)!), text);
  return {
    ...result,
    inputs,
    entries,
    patientMonths: result.patientMonths.map((pm) => ({
      ...pm,
      patientId: pseudonym(pm.patientId),
      mbi: null,
      billingNpi: pm.billingNpi !== null && isNpiShaped(pm.billingNpi) ? pm.billingNpi : null,
    })),
    findings: result.findings.map((f) => {
      const patientId = pseudonymOrNull(f.patientId);
      const sources = f.sources.map(redactSource);
      // The entry keys were only for the fingerprint: staff names and hashes the shared copy does not need.
      const { redactedMessage, entryKeys, ...rest } = f;
      // Locations first: a file named after an MRN ("20451.csv") is a file name, not a patient id.
      const message = scrub(locations.scrub(redactedMessage ?? f.message));
      // From the pseudonymous sheet names: a hash of the real one could be matched against guessed names.
      return { ...rest, patientId, sources, message, fingerprint: fingerprint(f.rule, patientId, f.month, sources, tableName, f.detail, entryKeys) };
    }),
  };
}

/**
 * A one-line error of a --redact run (src/cli/program.ts), with the inputs' names replaced by the pseudonyms
 * their reports would give them: an exit-2 line ("jones_alice_ccm.csv: the file is empty") goes to the same
 * terminal or CI log as the redacted summary. Each input is named by its file name, the path as typed or the
 * absolute path depending on where the error arose: all three become the file's pseudonym, as report.json's
 * `path` does. Every message names a sheet as `sheet "…"` (src/errors.ts describeLocation), an input given as
 * `book.xlsx#Sheet` included (src/distinct-inputs.ts): that one form is what is pseudonymized here.
 */
export function redactErrorLine(message: string, salt: string, inputs: readonly { path: string; label?: string | undefined }[]): string {
  const locations = locationPseudonyms(salt);
  const names = new Map<string, string>();
  for (const input of inputs) {
    const pseudonym = locations.file(basename(input.path));
    for (const name of [input.path, input.label, basename(input.path)]) if (name) names.set(name, pseudonym);
  }
  // Sheets first: a pseudonym is never a file name the second pass would rewrite.
  const sheetsDone = message.replace(/\bsheet "(.*?)"(?=[,:.;) ]|$)/g, (_, name: string) => `sheet "${locations.sheet(name)}"`);
  if (names.size === 0) return sheetsDone;
  const alternatives = [...names.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
  return sheetsDone.replace(new RegExp(`(?<![\\w.-])(?:${alternatives.join('|')})(?![\\w-]|\\.\\w)`, 'g'), (match) => names.get(match) ?? match);
}

/**
 * The pseudonyms the reports of a --redact run give file and sheet names, for lines drawn before there is a
 * report (src/cli/progress.ts: "reading file-3f2a9c1e.xlsx#sheet-b07d4e12").
 */
export function locationNames(salt: string): { file(name: string): string; sheet(name: string | null): string | null } {
  const { file, sheet } = locationPseudonyms(salt);
  return { file, sheet };
}

/**
 * Keyed pseudonyms for file and sheet names, and a scrubber for the messages that name them ("consents.csv,
 * row 3", 'book.xlsx, sheet "Consents", row 7': src/errors.ts describeLocation). A file keeps its extension
 * (it says CSV or workbook, nothing about the patient). Messages are scrubbed in one pass, so a pseudonym is
 * never rewritten by a later name.
 */
function locationPseudonyms(salt: string) {
  const files = new Map<string, string>();
  const sheets = new Map<string, string>();
  const keyed = (kind: string, name: string) => createHmac('sha256', salt).update(`${kind}\u0000${name}`).digest('hex').slice(0, LOCATION_HEX);
  const file = (name: string): string => {
    let p = files.get(name);
    if (p === undefined) {
      const ext = /\.[A-Za-z0-9]{1,5}$/.exec(name)?.[0] ?? '';
      p = `file-${keyed('file', name)}${ext}`;
      files.set(name, p);
    }
    return p;
  };
  const sheet = (name: string | null): string | null => {
    if (name === null) return null;
    let p = sheets.get(name);
    if (p === undefined) {
      p = `sheet-${keyed('sheet', name)}`;
      sheets.set(name, p);
    }
    return p;
  };
  let pattern: RegExp | undefined;
  let replacements = new Map<string, string>();
  const scrub = (text: string): string => {
    if (pattern === undefined) {
      // Built once every name is known: the inputs' files and sheets, mapped before the messages, are every
      // table a source or message can name (fingerprints refuse any other). Whole names only:
      // "a.csv" is not the end of "data.csv"; a sentence's full stop may follow one.
      replacements = new Map([...[...sheets].map(([name, p]): [string, string] => [`sheet "${name}"`, `sheet "${p}"`]), ...files]);
      const alternatives = [...replacements.keys()].sort((a, b) => b.length - a.length).map(escapeRegExp);
      pattern = alternatives.length === 0 ? /(?!)/g : new RegExp(`(?<![\\w.-])(?:${alternatives.join('|')})(?![\\w-]|\\.\\w)`, 'g');
    }
    return text.replace(pattern, (match) => replacements.get(match) ?? match);
  };
  return { file, sheet, scrub };
}

function isNpiShaped(npi: string): boolean {
  return /^\d{10}$/.test(npi);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
