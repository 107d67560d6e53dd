import type { AuditResult } from './audit-types.js';
import { bill } from './billing/bill.js';
import { BUNDLED_FEES, uncoveredYears } from './billing/fees.js';
import { summarize } from './billing/summary.js';
import type { BillingOptions, FeeSchedule } from './billing/types.js';
import type { Config } from './config/schema.js';
import { isCalendarDate } from './calendar-date.js';
import { checkDistinctInputs } from './distinct-inputs.js';
import { CcmError } from './errors.js';
import { buildModel } from './model/build.js';
import type { ConsentStanding, Program, StaffRole } from './model/schema.js';
import { ingest, type IngestOptions, type InputSpec } from './normalize/ingest.js';
import type { ColumnOverrides } from './normalize/detect.js';
import { programKey } from './normalize/programs.js';
import { roleKey } from './normalize/roles.js';
import { statusKey, type EntryStanding } from './normalize/statuses.js';
import { DEFAULT_LIMITS, type ReadLimits } from './read/limits.js';
import { acceptedFingerprints, applyBaseline, type Baseline, type BaselineOutcome } from './baseline.js';
import { resolveRules, runRules, type ResolvedRule } from './rules/engine.js';
import { insufficientChronicConditions } from './rules/insufficient-chronic-conditions.js';
import type { XlsxReader } from './read/xlsx.js';
import { RULES } from './rules/index.js';
import { VERSION } from './version.js';

export interface AuditOptions {
  config?: Config;
  /** "Today" for future-date checks, yyyy-mm-dd; defaults to the local date. */
  runDate?: string;
  /** Overrides config.month. */
  period?: string;
  billing?: Partial<BillingOptions>;
  baseline?: Baseline;
  /** Record when the report was made; off by default so identical inputs give identical reports. */
  timestamp?: Date;
  /** Progress hooks for long runs (issue #6; the CLI draws them with src/cli/progress.ts). */
  progress?: { rows(file: string, sheet: string | null, rows: number): void; phase(name: string): void };
  /**
   * Run as if every finding were accepted, for writing a baseline (`ccm baseline`): accepting an entry-level
   * error restores its minutes, which can clear a month-level finding (a month under the threshold only because
   * of an overlap). The findings are then exactly those an audit with the resulting baseline sees, so a fresh
   * baseline never reports its own entries as no longer occurring.
   */
  acceptAll?: boolean;
  /** 'exceljs' reads workbooks with exceljs instead of the lean reader (see src/read/xlsx.ts). */
  xlsxReader?: XlsxReader;
}

export interface AuditOutcome {
  result: AuditResult;
  baseline: BaselineOutcome | null;
}

export function localDate(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function readLimits(config: Config): ReadLimits {
  const l = config.limits ?? {};
  return {
    maxRows: l.maxRows ?? DEFAULT_LIMITS.maxRows,
    maxCellChars: l.maxCellChars ?? DEFAULT_LIMITS.maxCellChars,
    maxUncompressedBytes: l.maxUncompressedMB !== undefined ? l.maxUncompressedMB * 1024 ** 2 : DEFAULT_LIMITS.maxUncompressedBytes,
    maxCompressionRatio: l.maxCompressionRatio ?? DEFAULT_LIMITS.maxCompressionRatio,
  };
}

/**
 * A config map keyed as cells are matched against it (case, spacing and punctuation ignored). Two entries
 * that match the same cells ("Enrolled" and "ENROLLED!") would leave the answer to their order in the file:
 * refused, naming both.
 */
function keyedMap<V>(name: string, entries: Readonly<Record<string, V>> | undefined, key: (text: string) => string): Map<string, V> {
  const map = new Map<string, V>();
  const written = new Map<string, string>();
  for (const [text, value] of Object.entries(entries ?? {})) {
    const k = key(text);
    if (k === '') throw new CcmError(`the config's ${name}: the entry "${text}" has no letters or digits to match a cell with.`);
    const earlier = written.get(k);
    if (earlier !== undefined) throw new CcmError(`the config's ${name}: "${earlier}" and "${text}" match the same cells; keep one.`);
    written.set(k, text);
    map.set(k, value);
  }
  return map;
}

/** How the config reads inputs; `audit` and `inspect` must read them the same way. */
export function ingestOptions(config: Config): IngestOptions {
  return {
    dateOrder: config.dateOrder ?? 'mdy',
    columns: (config.columns ?? {}) as ColumnOverrides,
    credentials: keyedMap<StaffRole>('credentials', config.credentials, roleKey),
    programs: keyedMap<Program>('programs', config.programs, programKey),
    consentStatuses: keyedMap<ConsentStanding>('consentStatuses', config.consentStatuses, statusKey),
    entryStatuses: keyedMap<EntryStanding>('entryStatuses', config.entryStatuses, statusKey),
    limits: readLimits(config),
  };
}

/**
 * A supplied fee schedule must price every audited month from that month's own year: the nearest year's
 * amounts (what the bundled estimates fall back to) would be silently wrong claim amounts.
 */
function checkFeeYears(fees: FeeSchedule, months: readonly string[]): void {
  const missing = uncoveredYears(fees, months);
  if (missing.length === 0) return;
  const audited = [...new Set(months.filter((m) => missing.includes(Number(m.slice(0, 4)))))].sort();
  const shownMonths = audited.length > 6 ? `${audited.slice(0, 6).join(', ')}…` : audited.join(', ');
  const has = Object.keys(fees.amounts).sort().join(', ');
  throw new CcmError(
    `${fees.source}: the fee schedule has no amounts for ${missing.join(', ')} (audited months ${shownMonths}; it covers ${has}); add rows for ${missing.length === 1 ? 'that year' : 'those years'}, or audit only covered months with --month.`,
  );
}

/** insufficient-chronic-conditions' extra chronic codes, which billing counts the same way (none when it is off). */
function additionalChronicCodes(rules: readonly ResolvedRule[]): readonly string[] {
  const resolved = rules.find((r) => r.rule === insufficientChronicConditions);
  return resolved === undefined ? [] : (resolved.options as { additionalChronicCodes: string[] }).additionalChronicCodes;
}

/** The library API: read the inputs, run every rule, bill each patient-month. No files are written here. */
export async function audit(inputs: readonly InputSpec[], options: AuditOptions = {}): Promise<AuditOutcome> {
  const config = options.config ?? {};
  const runDate = options.runDate ?? localDate();
  // Compared with entry dates as text: a date that does not exist would be compared silently and wrongly.
  if (!isCalendarDate(runDate)) throw new CcmError(`runDate ${runDate}: expected a calendar date, YYYY-MM-DD.`);
  await checkDistinctInputs(inputs);
  const data = await ingest(inputs, { ...ingestOptions(config), xlsxReader: options.xlsxReader, onRows: options.progress?.rows });
  options.progress?.phase('checking rules and billing');
  const period = options.period ?? config.month;
  const model = buildModel(data, { period, runDate });
  // Before the rules: a fee schedule that cannot price the audited months is refused without a minute's work.
  if (options.billing?.fees && options.billing.fees !== BUNDLED_FEES) checkFeeYears(options.billing.fees, model.patientMonths.map((pm) => pm.month));
  const accepted = options.baseline ? acceptedFingerprints(options.baseline, runDate) : new Set<string>();
  const fees = options.billing?.fees ?? BUNDLED_FEES;
  const defaultNpi = options.billing?.defaultNpi ?? config.billing?.defaultNpi;
  const rules = resolveRules(RULES, config.rules ?? {});
  const run = runRules(model, rules, { isAccepted: options.acceptAll ? () => true : (f) => accepted.has(f.fingerprint), fees, defaultNpi });
  const baseline = options.baseline ? applyBaseline(run.findings, options.baseline, runDate) : null;
  const findings = baseline ? baseline.kept : run.findings;
  const billingOptions: BillingOptions = {
    dateOfService: options.billing?.dateOfService ?? config.billing?.dateOfService ?? 'month-end',
    placeOfService: options.billing?.placeOfService ?? config.billing?.placeOfService ?? '11',
    defaultNpi,
    fees,
    additionalChronicCodes: additionalChronicCodes(rules),
  };
  // Accepted (baseline) findings neither block claims nor exclude minutes: accepting them is what a baseline is for.
  const patientMonths = bill(model, { ...run, findings }, billingOptions);
  const result: AuditResult = {
    schemaVersion: 1,
    tool: { name: 'ccm', version: VERSION },
    generatedAt: options.timestamp ? options.timestamp.toISOString() : null,
    period: period ?? null,
    runDate,
    options: {
      dateOfService: billingOptions.dateOfService,
      placeOfService: billingOptions.placeOfService,
      feeSchedule: (billingOptions.fees ?? BUNDLED_FEES).source,
    },
    inputs: data.inputs,
    summary: summarize(model, patientMonths, { ...run, findings }, baseline?.suppressed.length ?? 0, billingOptions),
    patientMonths,
    findings,
    // Ids are positions in the ingested time log, duplicates included: no map of a million entries needed.
    entries: data.entries,
  };
  return { result, baseline };
}
