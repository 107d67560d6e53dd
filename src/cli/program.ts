import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { Command, CommanderError, Option } from 'commander';
import { audit, localDate, type AuditOptions } from '../audit.js';
import { createBaseline, parseBaseline } from '../baseline.js';
import { isCalendarDate } from '../calendar-date.js';
import { parseFeeScheduleCsv } from '../billing/fee-schedule.js';
import type { FeeSchedule } from '../billing/types.js';
import { loadConfig, resolveFromConfig, type LoadedConfig } from '../config/load.js';
import type { Config } from '../config/schema.js';
import { CcmError } from '../errors.js';
import { inspectInputs, renderInspection } from '../inspect.js';
import type { InputSpec } from '../normalize/ingest.js';
import { renderJsonChunks } from '../report/json.js';
import { checkRedactSalt, locationNames, patientPseudonym, redactErrorLine, redactResult } from '../report/redact.js';
import { renderTerminal } from '../report/table.js';
import { incompleteClaimNotes } from '../report/incomplete-claims.js';
import { REPORT_FILES, REPORT_FORMATS, writeReports, type ReportFormat } from '../report/write.js';
import { renderExplain, renderRuleList } from '../rules/docs.js';
import { inputBeingRead } from '../read/open.js';
import type { XlsxReader } from '../read/xlsx.js';
import { suggestRule } from '../rules/engine.js';
import { RULES } from '../rules/index.js';
import type { Severity } from '../rules/types.js';
import { VERSION } from '../version.js';
import { collectInputs, type KindFlags } from './inputs.js';
import { inputOverwrittenBy } from './overwrite.js';
import { createProgress, type ProgressStream } from './progress.js';
import { removeTempsOnInterrupt } from './signals.js';
import { writeTextFile } from './write-file.js';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Whether stdout is a terminal (colour by default). */
  isTTY: boolean;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
  /** stderr when it is a terminal, for the progress line of long audits (issue #6); absent otherwise. */
  progress?: ProgressStream | undefined;
}

export const EXIT = { ok: 0, findings: 1, failure: 2 } as const;

type FailOn = Severity | 'never';
const SEVERITY_RANK: Record<Severity, number> = { error: 3, warning: 2, info: 1 };

interface CommonFlags extends KindFlags {
  config?: string;
  month?: string;
  dateOrder?: 'mdy' | 'dmy';
  runDate?: string;
}

interface AuditFlags extends CommonFlags {
  out: string;
  format: string;
  failOn?: FailOn;
  dos?: 'month-end' | 'threshold-met';
  feeSchedule?: string;
  baseline?: string;
  json?: boolean;
  quiet?: boolean;
  color: boolean;
  showNotes?: boolean;
  timestamp?: boolean;
  redact?: boolean;
  redactSalt?: string;
}

/**
 * How the one-line error of an exit 2 is shown. It goes to the terminal or a CI log, so a cell it quotes is
 * withheld unless the command's --show-notes (README, Security and privacy), and under --redact the inputs
 * carry the pseudonyms the reports give them. Commands set it as soon as they know; the default withholds.
 */
export interface ErrorView {
  showNotes: boolean;
  redact?: { salt: string; inputs: readonly InputSpec[] };
}

const collect = (value: string, previous: string[] = []) => [...previous, value];

const FEE_SCHEDULE_HELP = 'fee schedule CSV (year,code,amount) instead of the bundled estimates';

function addInputOptions(cmd: Command): Command {
  return cmd
    .option('--time-log <file>', 'a time log, as file or file.xlsx#Sheet (skips detection)', collect)
    .option('--consents <file>', 'a consents table, as file or file.xlsx#Sheet', collect)
    .option('--diagnoses <file>', 'a diagnoses / problem list table', collect)
    .option('--services <file>', 'a billed-services table (other CPT/HCPCS codes billed)', collect)
    .option('--care-plans <file>', 'a care-plan table', collect)
    .option('--config <file>', 'config file (default: ./ccm.config.json when present)')
    .option('--month <YYYY-MM>', 'audit only this calendar month')
    .addOption(new Option('--date-order <order>', 'read 03/07/2025 as month first (mdy) or day first (dmy)').choices(['mdy', 'dmy']))
    .option('--run-date <YYYY-MM-DD>', 'the date to treat as today (default: today), for reproducible runs');
}

/**
 * The commander program. Actions return exit codes through `setExit`, and say through `setErrorView` how an
 * error line may be shown; nothing here calls process.exit.
 */
export function createProgram(io: CliIO, setExit: (code: number) => void, setErrorView: (view: ErrorView) => void = () => {}): Command {
  const program = new Command('ccm')
    .description('Audit Medicare Chronic Care Management (CCM) time-log exports before claims go out.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError(false)
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .exitOverride()
    .addHelpText(
      'after',
      `
Examples:
  ccm audit march.xlsx                              audit a workbook (time log, consents, problems, services)
  ccm audit time_log.csv consents.csv problems.csv  audit CSV exports; each file's kind is detected
  ccm audit export.xlsx --month 2026-10 --out report --format xlsx,csv
  ccm audit --time-log "export.xlsx#CCM Log" --consents consents.csv
  ccm inspect export.xlsx                           show how each sheet and column was understood
  ccm rules                                         list the compliance rules
  ccm explain vague-note                            why a rule exists and how to fix its findings

Exit codes: 0 clean, 1 findings at or above --fail-on, 2 could not run.
Environment: NO_COLOR (no colour), CCM_REDACT_SALT (the --redact key), CCM_XLSX_READER=exceljs (read
workbooks with exceljs instead of the lean reader, to get past a reader bug).`,
    );

  addInputOptions(
    program
      .command('audit')
      .description('audit exports and write the claim-ready report and the exception list')
      .argument('[inputs...]', 'CSV or XLSX files (file.xlsx#Sheet for one sheet)'),
  )
    .option('-o, --out <dir>', 'output folder', 'ccm-report')
    .option('-f, --format <list>', `comma-separated: ${REPORT_FORMATS.join(',')}`, REPORT_FORMATS.join(','))
    .addOption(new Option('--fail-on <severity>', 'exit 1 when findings at or above this severity remain (default: error)').choices(['error', 'warning', 'info', 'never']))
    .addOption(new Option('--dos <policy>', "date of service: last day of the month, or the day the base code minimum was met (not before the month's consent, chronic conditions and care plan)").choices(['month-end', 'threshold-met']))
    .option('--fee-schedule <file.csv>', FEE_SCHEDULE_HELP)
    .option('--baseline <file>', 'suppress accepted findings listed in this baseline file')
    .option('--json', 'print report.json to stdout instead of the summary (quoted cells [withheld] unless --show-notes)')
    .option('-q, --quiet', 'print nothing but errors')
    .option('--no-color', 'no colour in the terminal summary (also NO_COLOR)')
    .option('--show-notes', 'show note text in the terminal (hidden by default: it is health information)')
    .option('--timestamp', 'record the time of the run in the reports (off: identical inputs give identical files)')
    .option('--redact', 'for sharing: replace patient ids by keyed hashes and remove names, MBIs and note text')
    .option('--redact-salt <secret>', 'the secret key for --redact (or set CCM_REDACT_SALT); the same key gives the same pseudonyms')
    .action(async (inputs: string[], flags: AuditFlags) => setExit(await runAudit(io, inputs, flags, setErrorView)));

  addInputOptions(
    program
      .command('inspect')
      .description('show, per file and sheet, the detected kind, header row, column mapping, rows and what was skipped')
      .argument('[inputs...]', 'CSV or XLSX files'),
  )
    .option('--show-notes', 'show the text of unreadable cells (hidden by default: a cell may hold a note)')
    .action(async (inputs: string[], flags: CommonFlags & { showNotes?: boolean }) => {
    const showNotes = flags.showNotes ?? false;
    setErrorView({ showNotes });
    const { config, xlsxReader } = await cliConfig(io, flags);
    const specs = resolveSpecs(io, inputs, flags);
    const report = await inspectInputs(specs, config, xlsxReader);
    // Each file is inspected on its own, so the readable ones are still shown; a file that cannot be read
    // gets the one line `audit` would print, on stderr, and exit 2 as `audit` would.
    const readable = report.filter((item) => item.error === undefined);
    if (readable.length > 0) io.stdout(renderInspection(readable, { showNotes }));
    for (const item of report) if (item.error !== undefined) io.stderr(`ccm: ${showNotes ? item.error : (item.withheldError ?? item.error)}\n`);
    setExit(readable.length === report.length ? EXIT.ok : EXIT.failure);
  });

  program
    .command('rules')
    .description('list every rule: id, severity, level, description')
    .action(() => {
      io.stdout(renderRuleList(RULES));
      setExit(EXIT.ok);
    });

  program
    .command('explain')
    .description("print a rule's rationale, sources, options and how to fix")
    .argument('<rule>', 'rule id, e.g. vague-note')
    .action((id: string) => {
      const rule = RULES.find((r) => r.id === id || r.code === id.toUpperCase());
      if (!rule) {
        throw new CcmError(`no rule "${id}"; ${suggestRule(id, ruleIds())}`);
      }
      io.stdout(renderExplain(rule));
      setExit(EXIT.ok);
    });

  addInputOptions(
    program
      .command('baseline')
      .description('write a baseline file that accepts every current finding (edit the reasons, then use --baseline)')
      .argument('[inputs...]', 'CSV or XLSX files'),
  )
    .option('-o, --out <file>', 'baseline file to write', 'ccm-baseline.json')
    .option('--reason <text>', 'reason recorded for each accepted finding', 'accepted at baseline creation; review')
    .option('--fee-schedule <file.csv>', FEE_SCHEDULE_HELP)
    .action(async (inputs: string[], flags: CommonFlags & { out: string; reason: string; feeSchedule?: string }) => {
      const { loaded, config, xlsxReader } = await cliConfig(io, flags);
      const specs = resolveSpecs(io, inputs, flags);
      const out = resolve(io.cwd, nonEmptyOut(flags.out, 'a file, e.g. --out ccm-baseline.json'));
      // Before the audit: refused at once, not after reading every input.
      if (await inputOverwrittenBy([out], specs)) throw new CcmError(`${flags.out}: would overwrite an input file; choose another --out.`);
      const fees = await feeSchedule(io, flags, loaded, config);
      const { result } = await audit(specs, { config, xlsxReader, acceptAll: true, ...periodAndDate(flags, config), ...(fees ? { billing: { fees } } : {}) });
      const baseline = createBaseline(result.findings, flags.reason);
      await writeTextFile(out, flags.out, `${JSON.stringify(baseline, null, 2)}\n`, '--out file');
      io.stdout(`wrote ${flags.out}: ${baseline.findings.length} accepted findings\n`);
      setExit(EXIT.ok);
    });

  return program;
}

function ruleIds(): string[] {
  return RULES.map((r) => r.id);
}

function resolveSpecs(io: CliIO, inputs: readonly string[], flags: KindFlags) {
  const specs = collectInputs(inputs, flags).map((s) => ({ ...s, label: s.path, path: resolve(io.cwd, s.path) }));
  if (specs.length === 0) throw new CcmError('no input files: name at least one CSV or XLSX export (see `ccm audit --help`).');
  return specs;
}

/**
 * The config file with the command line's overrides, shared by every command that reads inputs: a baseline
 * must be made from the same findings the audit will produce.
 */
async function cliConfig(io: CliIO, flags: CommonFlags): Promise<{ loaded: LoadedConfig; config: Config; xlsxReader: XlsxReader }> {
  if (flags.month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(flags.month)) throw new CcmError(`--month ${flags.month}: expected YYYY-MM, e.g. 2026-10.`);
  const loaded = await loadConfig(flags.config, ruleIds(), io.cwd);
  const config: Config = { ...loaded.config, ...(flags.dateOrder ? { dateOrder: flags.dateOrder } : {}), ...(flags.month ? { month: flags.month } : {}) };
  return { loaded, config, xlsxReader: xlsxReader(io.env.CCM_XLSX_READER) };
}

/** CCM_XLSX_READER=exceljs reads workbooks with exceljs instead of the lean reader: a way round a lean-reader bug. */
function xlsxReader(value: string | undefined): XlsxReader {
  if (value === undefined || value === '' || value === 'lean') return 'lean';
  if (value === 'exceljs') return 'exceljs';
  throw new CcmError(`CCM_XLSX_READER=${value}: expected exceljs (or lean, the default).`);
}

function periodAndDate(flags: CommonFlags, config: Config): Pick<AuditOptions, 'period' | 'runDate'> {
  if (flags.runDate !== undefined && !isCalendarDate(flags.runDate)) throw new CcmError(`--run-date ${flags.runDate}: expected a calendar date, YYYY-MM-DD, e.g. 2026-11-15.`);
  return { ...(config.month ? { period: config.month } : {}), runDate: flags.runDate ?? localDate() };
}

/** `--out ''` resolves to the current folder: refused rather than writing there unasked. */
function nonEmptyOut(out: string, what: string): string {
  if (out.trim() === '') throw new CcmError(`--out ${JSON.stringify(out)}: empty; name ${what}.`);
  return out;
}

function parseFormats(list: string): ReportFormat[] {
  const formats = list.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  // An empty list would write nothing and still exit 0 or 1, as if the reports were there.
  if (formats.length === 0) throw new CcmError(`--format ${JSON.stringify(list)}: no format given; choose from ${REPORT_FORMATS.join(', ')}.`);
  for (const f of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(f)) throw new CcmError(`--format ${f}: unknown format; choose from ${REPORT_FORMATS.join(', ')}.`);
  }
  return [...new Set(formats)] as ReportFormat[];
}

/** The audit with a progress line on a terminal's stderr (issue #6): erased before anything else is printed. */
async function runAudit(io: CliIO, inputs: readonly string[], flags: AuditFlags, setErrorView: (view: ErrorView) => void): Promise<number> {
  const progress = createProgress(io.progress, !flags.quiet);
  // --redact withholds cells everywhere, --show-notes included.
  setErrorView({ showNotes: (flags.showNotes ?? false) && !flags.redact });
  try {
    return await runAuditWith(io, inputs, flags, progress, setErrorView);
  } finally {
    progress.done();
  }
}

async function runAuditWith(
  io: CliIO,
  inputs: readonly string[],
  flags: AuditFlags,
  progress: ReturnType<typeof createProgress>,
  setErrorView: (view: ErrorView) => void,
): Promise<number> {
  const { loaded, config, xlsxReader } = await cliConfig(io, flags);
  const specs = resolveSpecs(io, inputs, flags);
  const formats = parseFormats(flags.format);
  const outDir = resolve(io.cwd, nonEmptyOut(flags.out, 'a folder, e.g. --out ccm-report'));
  const failOn: FailOn = flags.failOn ?? config.failOn ?? 'error';

  const fees = await feeSchedule(io, flags, loaded, config);
  const baseline = flags.baseline ? parseBaseline(await readText(resolve(io.cwd, flags.baseline), flags.baseline), flags.baseline) : undefined;

  const salt = flags.redact ? (flags.redactSalt ?? io.env.CCM_REDACT_SALT ?? '') : undefined;
  if (salt !== undefined) {
    checkRedactSalt(salt);
    setErrorView({ showNotes: false, redact: { salt, inputs: specs } });
  }
  // Before the audit (not after reading every input), and once the error view names inputs by pseudonym.
  const outputs = formats.flatMap((f) => REPORT_FILES[f]).map((name) => resolve(outDir, name));
  const clash = await inputOverwrittenBy(outputs, specs);
  if (clash) throw new CcmError(`${flags.out}: writing the report there would overwrite the input ${clash.label ?? clash.path}; choose another --out.`);
  const options: AuditOptions = {
    config,
    xlsxReader,
    ...periodAndDate(flags, config),
    billing: { ...(flags.dos ? { dateOfService: flags.dos } : {}), ...(fees ? { fees } : {}) },
    ...(baseline ? { baseline } : {}),
    ...(flags.timestamp ? { timestamp: new Date() } : {}),
    // The progress line names the file and sheet being read: under --redact, by their pseudonyms.
    progress: salt === undefined ? progress : pseudonymousProgress(progress, salt),
  };
  const audited = await audit(specs, options);
  const result = salt !== undefined ? redactResult(audited.result, salt) : audited.result;
  const baselineOutcome = audited.baseline;
  const paths = await writeReports(result, { dir: outDir, formats, onFile: progress.file });
  progress.done();

  // In chunks: report.json of a large audit is longer than one JavaScript string may be.
  // stdout is a terminal or a CI log like the summary: its messages withhold cells as the summary does
  // (report.json on disk quotes them, for whoever fixes the rows).
  if (flags.json) for (const chunk of renderJsonChunks(result, { withholdCells: !flags.showNotes })) io.stdout(chunk);
  else if (!flags.quiet) {
    const color = flags.color && io.env.NO_COLOR === undefined && io.isTTY;
    io.stdout(renderTerminal(result, { color, showNotes: flags.showNotes ?? false, paths: paths.map((p) => relativeTo(io.cwd, p)) }));
  }
  // Reports of formats not asked for this time, left by an earlier run: named, so no one opens an old
  // report.xlsx next to a new report.json as if it were this audit's (they are the user's files: not deleted).
  const earlier = REPORT_FORMATS.filter((f) => !formats.includes(f))
    .flatMap((f) => REPORT_FILES[f])
    .filter((name) => existsSync(resolve(outDir, name)));
  if (earlier.length > 0 && !flags.quiet) io.stderr(`note: ${earlier.join(', ')} in ${relativeTo(io.cwd, outDir)} ${earlier.length === 1 ? 'is' : 'are'} from an earlier run, not this audit\n`);
  // Also on stderr: with --json the summary is not shown, and a CI log keeps warnings apart from the report.
  if (!flags.quiet) for (const note of incompleteClaimNotes(result)) io.stderr(`warning: ${note}\n`);
  if (baselineOutcome && !flags.quiet) {
    // The baseline file holds real ids; under --redact the line names the patient as the summary above does.
    const patient = (id: string | null) => (id === null ? '-' : salt !== undefined ? patientPseudonym(salt, id) : id);
    for (const e of baselineOutcome.expired) io.stderr(`baseline: accepted ${e.rule} for ${patient(e.patientId)} ${e.month ?? ''} expired on ${e.expires}; it is reported again\n`);
    const { unmatched, suppressed } = baselineOutcome;
    // Not one entry matching is more often a baseline from a version whose fingerprints differ than a practice
    // that fixed everything at once: say so, rather than advise deleting every entry.
    if (unmatched.length > 0 && suppressed.length === 0) {
      io.stderr(`baseline: none of the ${unmatched.length} accepted finding(s) in ${flags.baseline} occur; if those findings are still reported, the baseline was made by an earlier version of ccm (fingerprints no longer include the file name): re-create it with \`ccm baseline\`\n`);
    } else if (unmatched.length > 0) io.stderr(`baseline: ${unmatched.length} accepted finding(s) no longer occur; remove them from ${flags.baseline}\n`);
  }
  if (failOn === 'never') return EXIT.ok;
  const threshold = SEVERITY_RANK[failOn];
  return result.findings.some((f) => SEVERITY_RANK[f.severity] >= threshold) ? EXIT.findings : EXIT.ok;
}

function pseudonymousProgress(progress: ReturnType<typeof createProgress>, salt: string): NonNullable<AuditOptions['progress']> {
  const names = locationNames(salt);
  return { rows: (file, sheet, rows) => progress.rows(names.file(file), names.sheet(sheet), rows), phase: (name) => progress.phase(name) };
}

/**
 * The fee schedule of --fee-schedule or the config's billing.feeSchedule; undefined for the bundled one.
 * `baseline` reads it too: missed-revenue's findings depend on which family pays more.
 */
async function feeSchedule(io: CliIO, flags: { feeSchedule?: string }, loaded: LoadedConfig, config: Config): Promise<FeeSchedule | undefined> {
  const path = flags.feeSchedule ? resolve(io.cwd, flags.feeSchedule) : config.billing?.feeSchedule ? resolveFromConfig(loaded, config.billing.feeSchedule) : undefined;
  return path ? parseFeeScheduleCsv(await readText(path, flags.feeSchedule ?? config.billing?.feeSchedule ?? path), flags.feeSchedule ?? path) : undefined;
}

async function readText(path: string, shown: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    throw new CcmError(`${shown}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
}

function relativeTo(cwd: string, path: string): string {
  return path.startsWith(`${cwd}/`) ? path.slice(cwd.length + 1) : path;
}

/**
 * Run the CLI: returns the exit code. Expected problems (CcmError, bad flags) print one line; anything else
 * is a bug and prints its stack. Exit 2 either way, so CI never mistakes a crash for a clean audit.
 */
export async function run(argv: readonly string[], io: CliIO): Promise<number> {
  let code: number = EXIT.ok;
  let view: ErrorView = { showNotes: false };
  const program = createProgram(
    io,
    (c) => {
      code = c;
    },
    (v) => {
      view = v;
    },
  );
  // exceljs can wait forever on a damaged workbook: the event loop empties with the read still pending. When
  // that happens before the command finished, say which file it was instead of exiting silently (Node's 13).
  let onStall = (): void => {};
  const stalled = new Promise<'stalled'>((resolve) => {
    onStall = () => resolve('stalled');
    process.once('beforeExit', onStall);
  });
  const stopRemovingTemps = removeTempsOnInterrupt(io.stderr);
  try {
    const outcome = await Promise.race([program.parseAsync([...argv], { from: 'user' }), stalled]);
    if (outcome === 'stalled') {
      io.stderr(`ccm: ${errorLine(new CcmError(`${inputBeingRead() ?? 'an input'}: reading stopped before the end of the file (the workbook is damaged); open it in Excel and save it again, or export it as CSV.`), view)}\n`);
      return EXIT.failure;
    }
    return code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here with exit code 0; commander already printed its message.
      return error.exitCode === 0 ? EXIT.ok : EXIT.failure;
    }
    if (error instanceof CcmError) {
      io.stderr(`ccm: ${errorLine(error, view)}\n`);
      return EXIT.failure;
    }
    io.stderr(`ccm: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT.failure;
  } finally {
    process.removeListener('beforeExit', onStall);
    stopRemovingTemps();
  }
}

/** The error's line as the view allows: cells withheld unless --show-notes, inputs pseudonymous under --redact. */
export function errorLine(error: CcmError, view: ErrorView): string {
  const text = view.showNotes && !view.redact ? error.message : (error.withheldMessage ?? error.message);
  return view.redact ? redactErrorLine(text, view.redact.salt, view.redact.inputs) : text;
}
