import type { Ingested } from '../normalize/ingest.js';
import { sourceOf, type SourceRef } from './schema.js';

/**
 * One all-digit patient id written with and without leading zeros (`001234`, `1234`) in the tables read. The CCM
 * platform writes an MRN as text, and an export that went through Excel lost its zeros: the reference is silent
 * on id formats, but taking them for two patients hid the month's billed claim, and ccm billed the month twice
 * (R-EXCL-ONE-PRACTITIONER, R-OIG-2019).
 */
export interface IdSpellings {
  /** The id without its leading zeros. */
  readonly digits: string;
  /**
   * The spelling every record now carries, when the spellings were folded into one patient; null when one table
   * holds two of them (0123 and 123 in one time log): that system tells them apart, so they stay two patients.
   */
  readonly patientId: string | null;
  /** Each spelling as read, with the first row of each table it is in, in table order. */
  readonly spellings: readonly { readonly id: string; readonly sources: readonly SourceRef[] }[];
}

/** A kind of record: its list, and where one was read (a time entry holds its table and row, not a SourceRef). */
interface Records {
  readonly list: readonly { readonly patientId: string }[];
  readonly sourceAt: (index: number) => SourceRef;
}

function isDigits(id: string): boolean {
  for (let i = 0; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return id.length > 0;
}

/** The digits without leading zeros; undefined for an id that is not all digits or is all zeros. */
function digitsOf(id: string): string | undefined {
  if (!isDigits(id)) return undefined;
  const digits = id.replace(/^0+/, '');
  return digits === '' ? undefined : digits;
}

function tableOf(source: SourceRef): string {
  return `${source.file}\u0000${source.sheet ?? ''}`;
}


/**
 * Folds the spellings of each all-digit id that differ only by leading zeros into one patient, unless one table
 * holds two of them. The folded records take the time log's spelling (the longest where the time log has two,
 * across exports, or has none: Excel drops zeros, it never adds them), so reports name the patient as the time
 * log does. Linear: one character test per record, and only ids whose digits some zero-led id shares are looked
 * at further, which in most audits is none.
 */
export function foldLeadingZeros(data: Ingested): { data: Ingested; spellings: IdSpellings[] } {
  const kinds: readonly Records[] = [
    { list: data.entries, sourceAt: (i) => sourceOf(data.entries[i]!) },
    { list: data.consents, sourceAt: (i) => data.consents[i]!.source },
    { list: data.diagnoses, sourceAt: (i) => data.diagnoses[i]!.source },
    { list: data.carePlans, sourceAt: (i) => data.carePlans[i]!.source },
    { list: data.services, sourceAt: (i) => data.services[i]!.source },
  ];
  const zeroLed = new Set<string>();
  for (const { list } of kinds) {
    for (const r of list) {
      if (r.patientId.charCodeAt(0) !== 48) continue;
      const digits = digitsOf(r.patientId);
      if (digits !== undefined) zeroLed.add(digits);
    }
  }
  if (zeroLed.size === 0) return { data, spellings: [] };

  // digits → spelling → table → first row, in reading order (time log first).
  const found = new Map<string, Map<string, Map<string, SourceRef>>>();
  // Spellings found outside billed services (the last kind): records that could let a claim out.
  const releasing = new Set<string>();
  const inTimeLog = new Map<string, Set<string>>();
  kinds.forEach(({ list, sourceAt }, n) => {
    for (let i = 0; i < list.length; i++) {
      const r = list[i]!;
      const digits = r.patientId.charCodeAt(0) === 48 ? digitsOf(r.patientId) : zeroLed.has(r.patientId) && isDigits(r.patientId) ? r.patientId : undefined;
      if (digits === undefined || !zeroLed.has(digits)) continue;
      let bySpelling = found.get(digits);
      if (!bySpelling) found.set(digits, (bySpelling = new Map()));
      let byTable = bySpelling.get(r.patientId);
      if (!byTable) bySpelling.set(r.patientId, (byTable = new Map()));
      const where = sourceAt(i);
      const table = tableOf(where);
      if (!byTable.has(table)) byTable.set(table, where);
      if (n !== kinds.length - 1) releasing.add(r.patientId);
      if (n === 0) {
        let ids = inTimeLog.get(digits);
        if (!ids) inTimeLog.set(digits, (ids = new Set()));
        ids.add(r.patientId);
      }
    }
  });

  const spellings: IdSpellings[] = [];
  const rename = new Map<string, string>();
  for (const [digits, bySpelling] of found) {
    if (bySpelling.size < 2) continue;
    const tables = new Set<string>();
    let clash = false;
    for (const byTable of bySpelling.values()) {
      for (const table of byTable.keys()) {
        if (tables.has(table)) clash = true;
        tables.add(table);
      }
    }
    const candidates = [...(inTimeLog.get(digits) ?? bySpelling.keys())];
    const chosen = candidates.reduce((a, b) => (b.length > a.length ? b : a));
    // Folded, a billed service under another spelling can only withhold a claim (the month is billed); a
    // consent, diagnosis, care plan or time entry could let one out on another patient's records (0012345 and
    // 12345 may be two people: explore10 A05). Those stay apart, where only what withholds crosses over.
    const onlyBilled = [...bySpelling.keys()].every((id) => id === chosen || !releasing.has(id));
    const patientId = clash || !onlyBilled ? null : chosen;
    if (patientId !== null) for (const id of bySpelling.keys()) if (id !== patientId) rename.set(id, patientId);
    spellings.push({ digits, patientId, spellings: [...bySpelling].map(([id, byTable]) => ({ id, sources: [...byTable.values()] })) });
  }
  if (rename.size === 0) return { data, spellings };
  const fold = <T extends { patientId: string }>(list: T[]): T[] =>
    list.map((r) => {
      const id = rename.get(r.patientId);
      return id === undefined ? r : { ...r, patientId: id };
    });
  const foldOptional = <T extends { patientId?: string | undefined }>(list: T[]): T[] =>
    list.map((r) => {
      const id = r.patientId === undefined ? undefined : rename.get(r.patientId);
      return id === undefined ? r : { ...r, patientId: id };
    });
  return {
    data: {
      ...data,
      entries: fold(data.entries),
      withdrawn: fold(data.withdrawn),
      consents: fold(data.consents),
      diagnoses: fold(data.diagnoses),
      services: fold(data.services),
      carePlans: fold(data.carePlans),
      rejected: foldOptional(data.rejected),
    },
    spellings,
  };
}
