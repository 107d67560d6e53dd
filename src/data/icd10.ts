import { readFileSync } from 'node:fs';

/**
 * billable: a valid billable ICD-10-CM code for the fiscal year of the date;
 * not-billable: a known category/header, a code retired before that year, or one not yet introduced;
 * unknown: not in any code set we ship.
 */
export type CodeSetStatus = 'billable' | 'not-billable' | 'unknown';
/** AHRQ CCIR v2026.1. 'no-determination' (CCIR 9) must not be read as not chronic; 'not-rated' = absent from CCIR. */
export type ChronicIndicator = 'chronic' | 'not-chronic' | 'no-determination' | 'not-rated';
/** fiscalYear is the code set actually applied, which differs from the date's fiscal year outside the shipped range. */
export interface IcdLookup {
  code: string;
  status: CodeSetStatus;
  chronic: ChronicIndicator;
  fiscalYear: number;
}

export interface IcdSource {
  publisher: string;
  title: string;
  version: string;
  sourceFile: string;
  sha256: string;
  rows: number;
  obtainedFrom: string;
}
export interface IcdProvenance {
  builtAt: string;
  builder: string;
  sources: IcdSource[];
  counts: Record<string, number>;
  notes: string;
}

interface DataFile {
  formatVersion: number;
  fiscalYears: number[];
  provenance: IcdProvenance;
  codes: Record<string, string>;
}

interface Loaded {
  firstYear: number;
  lastYear: number;
  provenance: IcdProvenance;
  /** category -> packed entries, as in the file; decoded on first use (an audit touches a few hundred). */
  packed: Record<string, string>;
  /** category -> (rest of code -> "<ccir><mask>"), as documented in the data file's `format` field. */
  decoded: Map<string, Map<string, string>>;
}

const DATA_URL = new URL('../../data/icd10cm.json', import.meta.url);
const CHRONIC: Record<string, ChronicIndicator> = { '1': 'chronic', '0': 'not-chronic', '9': 'no-determination' };

let loaded: Loaded | undefined;

function data(): Loaded {
  if (loaded) return loaded;
  let file: DataFile;
  try {
    file = JSON.parse(readFileSync(DATA_URL, 'utf8')) as DataFile;
  } catch (err) {
    throw new Error(`cannot read ICD-10-CM data ${DATA_URL.pathname} (rebuild with scripts/build-icd-data.mjs)`, {
      cause: err,
    });
  }
  if (file.formatVersion !== 1) throw new Error(`unsupported ICD-10-CM data formatVersion ${file.formatVersion}`);
  // Shipped fiscal years are consecutive, so mask bit i is firstYear + i.
  const years = file.fiscalYears;
  loaded = { firstYear: years[0]!, lastYear: years[years.length - 1]!, provenance: file.provenance, packed: file.codes, decoded: new Map() };
  return loaded;
}

/** The flags of a code, decoding its category on first use: decoding all 100,000 codes up front costs more than a small audit. */
function flagsOf(d: Loaded, code: string): string | undefined {
  const category = code.slice(0, 3);
  let entries = d.decoded.get(category);
  if (!entries) {
    entries = new Map();
    const packed = Object.hasOwn(d.packed, category) ? d.packed[category] : undefined;
    for (const entry of packed ? packed.split(',') : []) {
      const colon = entry.indexOf(':');
      entries.set(entry.slice(0, colon), entry.slice(colon + 1));
    }
    d.decoded.set(category, entries);
  }
  return entries.get(code.slice(3));
}

/** Federal fiscal year of an ISO yyyy-mm-dd date: FY N runs from (N-1)-10-01 to N-09-30. */
export function icd10FiscalYear(serviceDate: string): number {
  const date = new Date(`${serviceDate}T00:00:00Z`);
  // Round-tripping rejects impossible dates such as 2026-02-30 that Date would silently roll over.
  if (!/^\d{4}-\d{2}-\d{2}$/.test(serviceDate) || Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== serviceDate) {
    throw new RangeError(`invalid service date "${serviceDate}" (expected yyyy-mm-dd)`);
  }
  return date.getUTCFullYear() + (date.getUTCMonth() >= 9 ? 1 : 0);
}

/** code: upper-case, no dot (E119); dots, case and surrounding spaces are tolerated. serviceDate: ISO yyyy-mm-dd. */
export function lookupIcd10(code: string, serviceDate: string): IcdLookup {
  const d = data();
  const { firstYear, lastYear } = d;
  // Only the shipped years exist: older dates use the oldest set, newer dates the newest.
  const fiscalYear = Math.min(Math.max(icd10FiscalYear(serviceDate), firstYear), lastYear);
  const normalized = code.trim().toUpperCase().replace('.', '');
  const f = flagsOf(d, normalized);
  if (f === undefined) return { code: normalized, status: 'unknown', chronic: 'not-rated', fiscalYear };
  const billable = (Number(f.slice(1)) >> (fiscalYear - firstYear)) & 1;
  return {
    code: normalized,
    status: billable ? 'billable' : 'not-billable',
    chronic: CHRONIC[f[0]!] ?? 'not-rated',
    fiscalYear,
  };
}

/** E119 -> E11.9, I10 -> I10. */
export function formatIcd10(code: string): string {
  const c = code.trim().toUpperCase().replace('.', '');
  return c.length > 3 ? `${c.slice(0, 3)}.${c.slice(3)}` : c;
}

export function icd10Provenance(): IcdProvenance {
  return data().provenance;
}
