import { BUNDLED_FEES } from '../billing/fees.js';
import type { FeeSchedule } from '../billing/types.js';
import { CcmError, WITHHELD } from '../errors.js';
import { fingerprint } from '../fingerprint.js';
import type { AuditModel } from '../model/build.js';
import { sourceOf, type SourceRef, type TimeEntry } from '../model/schema.js';
import { SEVERITIES, type AnyRule, type Finding, type RuleReport, type Severity, type SupportView } from './types.js';

/** A rule as configured for one run. */
export interface ResolvedRule {
  rule: AnyRule;
  severity: Severity;
  options: unknown;
}

export type RuleSetting = 'off' | Severity | { severity?: Severity | 'off' | undefined; options?: Record<string, unknown> | undefined };

/** Apply config to the registry: severity overrides, options parsed with defaults, `off` removed. */
export function resolveRules(registry: readonly AnyRule[], settings: Readonly<Record<string, RuleSetting | undefined>>): ResolvedRule[] {
  const resolved: ResolvedRule[] = [];
  for (const rule of registry) {
    const setting = settings[rule.id];
    const severity = typeof setting === 'string' ? setting : (setting?.severity ?? rule.severity);
    if (severity === 'off') continue;
    const raw = typeof setting === 'object' ? (setting.options ?? {}) : {};
    const parsed = rule.options.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new CcmError(`config: rules.${rule.id}.options${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid'}`);
    }
    resolved.push({ rule, severity, options: parsed.data });
  }
  return resolved;
}

export function renderMessage(template: string, data: Readonly<Record<string, string | number>> = {}, ruleId = ''): string {
  const parts = templateParts(template);
  // Joined, not added up with +=: that leaves a chain of string pieces per message (measured: 19 MB more heap per
  // hundred thousand messages, kept until the reports are written); join makes one flat string, as replace did.
  const pieces = [parts[0]!];
  for (let i = 1; i < parts.length; i += 2) {
    const name = parts[i]!;
    const value = data[name];
    if (value === undefined) throw new Error(`rule ${ruleId}: message placeholder {${name}} has no value`);
    pieces.push(String(value), parts[i + 1]!);
  }
  return pieces.join('');
}

/** Rule message templates cut at their placeholders; a few hundred templates at most, so the map stays small. */
const cutTemplates = new Map<string, readonly string[]>();

/**
 * A template as text and placeholder names in turn (text, name, text, …, text), cut once: a large audit renders a
 * hundred thousand messages from a few dozen templates, and a regular-expression replace with a callback per
 * message was ~70 ms of it.
 */
function templateParts(template: string): readonly string[] {
  let parts = cutTemplates.get(template);
  if (parts === undefined) {
    parts = template.split(/\{(\w+)\}/);
    cutTemplates.set(template, parts);
  }
  return parts;
}

export { WITHHELD } from '../errors.js';

/**
 * The message with every quoted cell (rule.quotedCells) withheld, and withheld too where another placeholder
 * quotes the same text or a cell the report names (RuleReport.cells), as invalid-row's reason quotes the value
 * it rejects ("…"; only the quoted form, so a one-letter cell does not cut letters out of other words). Built
 * from the structured data, not by searching the finished message. A quoted placeholder shows its
 * RuleReport.redactedData value instead when there is one (the valid NPIs of a list). Undefined when nothing
 * was withheld.
 */
function redactedMessage(rule: AnyRule, r: RuleReport<string>, template: string, message: string): string | undefined {
  // Most rules quote no cell: nothing to withhold, and nothing to build per finding to find that out.
  if (rule.quotedCells === undefined && r.cells === undefined) return undefined;
  const data = r.data ?? {};
  const quoted = rule.quotedCells ?? [];
  const cells = [...quoted.map((name) => data[name]), ...(r.cells ?? [])].filter((v): v is string => typeof v === 'string' && v !== '');
  if (cells.length === 0) return undefined;
  const withheld: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(data)) {
    withheld[name] = quoted.includes(name) ? (r.redactedData?.[name] ?? WITHHELD) : typeof value === 'string' ? cells.reduce((v, cell) => v.split(`"${cell}"`).join(`"${WITHHELD}"`), value) : value;
  }
  const redacted = renderMessage(template, withheld, rule.id);
  return redacted === message ? undefined : redacted;
}

function compareSource(a: SourceRef | undefined, b: SourceRef | undefined): number {
  if (!a || !b) return a ? 1 : b ? -1 : 0;
  return cmp(a.file, b.file) || cmp(a.sheet ?? '', b.sheet ?? '') || a.row - b.row;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Findings in one stable order: patient, month, first row, rule. Reports and baselines depend on it. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    cmp(a.patientId ?? '', b.patientId ?? '') ||
    cmp(a.month ?? '', b.month ?? '') ||
    compareSource(a.sources[0], b.sources[0]) ||
    cmp(a.rule, b.rule) ||
    cmp(a.message, b.message)
  );
}

export interface RuleRun {
  findings: Finding[];
  support: SupportView;
}

/**
 * Run the rules: entry-level rules first, then — once it is known which entries' minutes still count (D1) —
 * the patient-month rules. Findings `isAccepted` (a baseline) are still returned but exclude no minutes.
 * `fees` prices what rules estimate (the bundled national fees unless the audit was given a schedule), and
 * `defaultNpi` is the configured NPI of claims whose entries carry none, as billing uses them.
 * A rule that throws stops the run: claim lines from a partial rule set would
 * look complete and be wrong.
 */
export function runRules(
  model: AuditModel,
  rules: readonly ResolvedRule[],
  { isAccepted = () => false, fees = BUNDLED_FEES, defaultNpi }: { isAccepted?: (finding: Finding) => boolean; fees?: FeeSchedule; defaultNpi?: string | undefined } = {},
): RuleRun {
  const findings: Finding[] = [];
  // Entry ids are positions in the time log: an array indexed by id answers "excluded?" without hashing. Sized by
  // the entries the model holds and grown when an excluded entry's id lies past that (an id past the end reads as
  // not excluded): finding the largest id first was a walk over every entry, ~100 ms on a million-row log.
  const excluded = new Array<Finding[] | undefined>(model.entries.length + model.duplicates.length).fill(undefined);
  // "Excluded?" is also one byte per id: month-level rules, billing and the summary ask it of every entry of every
  // patient-month, scattered ids, and a 1 MB byte table stays in cache where the 8 MB table of lists does not.
  // An id past its end reads undefined, not 1: not excluded, as for the lists.
  let isExcluded: Uint8Array = new Uint8Array(excluded.length);
  const support: SupportView = {
    isSupported: (entry: TimeEntry) => isExcluded[entry.id] !== 1,
    exclusions: (entry: TimeEntry) => excluded[entry.id] ?? [],
  };
  for (const level of ['entry', 'month'] as const) {
    for (const { rule, severity, options } of rules.filter((r) => r.rule.level === level)) {
      const produced: Finding[] = [];
      const report = (r: RuleReport<string>): void => {
        produced.push(toFinding(model, rule, severity, r));
      };
      try {
        rule.check({ model, options: options as Record<string, unknown>, support, fees, defaultNpi, report });
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        throw new CcmError(`rule "${rule.id}" failed (${reason}); no report was written. This is a bug in ccm: please report it with the command you ran.`);
      }
      if (level === 'entry') {
        for (const finding of produced) {
          // A finding accepted in a baseline no longer costs the entry its minutes.
          if (finding.severity !== 'error' || isAccepted(finding)) continue;
          for (const id of finding.entryIds) {
            while (excluded.length <= id) excluded.push(undefined);
            (excluded[id] ??= []).push(finding);
            if (isExcluded.length <= id) isExcluded = grown(isExcluded, id);
            isExcluded[id] = 1;
          }
        }
      }
      // One by one: spreading a rule's findings into push() overflows the stack past ~100,000 of them.
      for (const finding of produced) findings.push(finding);
    }
  }
  return { findings: sortFindings(findings), support };
}

/** `flags` copied into a table that holds index `id`: at least twice as long, so growing one id at a time stays linear. */
function grown(flags: Uint8Array, id: number): Uint8Array {
  const larger = new Uint8Array(Math.max(id + 1, flags.length * 2));
  larger.set(flags);
  return larger;
}

/**
 * The findings sorted by compareFindings, in the same order (ties keep their order: the sort is stable), but
 * comparing numbers: patient, month and first file/sheet are ranked once, so a sort of a million findings does
 * not compare a million strings twenty times over.
 */
export function sortFindings(findings: Finding[]): Finding[] {
  const n = findings.length;
  if (n < 2) return findings;
  const patients = rankOf(findings, (f) => f.patientId ?? '');
  const months = rankOf(findings, (f) => f.month ?? '');
  const rules = rankOf(findings, (f) => f.rule);
  const sheets = sheetRanks(findings);
  // One number for patient, month and sheet (0: no source row, sorted first as compareSource does), and one for
  // the row and the rule (row × rules + rule: exact, rows and rules being few): the comparator reads two numbers
  // where it compared the rule ids as strings on every tie of the row.
  const primary = new Float64Array(n);
  const secondary = new Float64Array(n);
  const sheetCount = sheets.count + 1;
  const monthCount = months.size;
  const ruleCount = rules.size;
  for (let i = 0; i < n; i++) {
    const f = findings[i]!;
    const source = f.sources[0];
    const sheet = source ? sheets.rank(source) : 0;
    primary[i] = (patients.get(f.patientId ?? '')! * monthCount + months.get(f.month ?? '')!) * sheetCount + sheet;
    secondary[i] = (source ? source.row : 0) * ruleCount + rules.get(f.rule)!;
  }
  const order = Array.from({ length: n }, (_, i) => i);
  order.sort((a, b) => primary[a]! - primary[b]! || secondary[a]! - secondary[b]! || cmp(findings[a]!.message, findings[b]!.message));
  return order.map((i) => findings[i]!);
}

/** Each distinct value of the findings' `of` and its place among them in cmp order. */
function rankOf(findings: readonly Finding[], of: (f: Finding) => string): Map<string, number> {
  const distinct = new Set<string>();
  for (const f of findings) distinct.add(of(f));
  return new Map([...distinct].sort(cmp).map((v, i) => [v, i]));
}

/**
 * The (file, sheet) pairs of the findings' first sources ranked from 1 in compareSource's order (by file, then
 * sheet), by file and then sheet: no key string is built per finding.
 */
function sheetRanks(findings: readonly Finding[]): { count: number; rank: (source: SourceRef) => number } {
  const byFile = new Map<string, Map<string, number>>();
  const pairs: { file: string; sheet: string }[] = [];
  for (const f of findings) {
    const source = f.sources[0];
    if (source === undefined) continue;
    let sheets = byFile.get(source.file);
    if (sheets === undefined) byFile.set(source.file, (sheets = new Map()));
    const sheet = source.sheet ?? '';
    if (sheets.has(sheet)) continue;
    sheets.set(sheet, 0);
    pairs.push({ file: source.file, sheet });
  }
  pairs.sort((a, b) => cmp(a.file, b.file) || cmp(a.sheet, b.sheet));
  pairs.forEach((p, i) => byFile.get(p.file)!.set(p.sheet, i + 1));
  return { count: pairs.length, rank: (source) => byFile.get(source.file)!.get(source.sheet ?? '')! };
}

function toFinding(model: AuditModel, rule: AnyRule, severity: Severity, r: RuleReport<string>): Finding {
  const template = rule.messages[r.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id}: unknown message id "${r.messageId}"`);
  const entries = r.entries ?? [];
  const first = entries[0];
  const patientId = r.patientId ?? first?.patientId ?? null;
  const month = r.month ?? first?.month ?? null;
  // An entry-level finding's row is its first entry's, whose evidence exceptions.csv shows beside it. The rule's
  // own sources are copied (dedupeSources sorts them in place); entries' are a new array already.
  const sources = dedupeSources(r.sources !== undefined ? [...r.sources] : entries.map(sourceOf), rule.level === 'entry' ? first : undefined);
  if (sources.length === 0) throw new Error(`rule ${rule.id}: a finding must point at a source row`);
  const entryKeys = sourceEntryKeys(model, sources);
  const message = renderMessage(template, r.data, rule.id);
  const finding: Finding = {
    rule: rule.id,
    code: rule.code,
    severity: r.maxSeverity && SEVERITIES.indexOf(r.maxSeverity) > SEVERITIES.indexOf(severity) ? r.maxSeverity : severity,
    level: rule.level,
    patientId,
    month,
    message,
    fix: rule.fix,
    sources,
    entryIds: entries.map((e) => e.id),
    detail: r.detail,
    entryKeys,
    fingerprint: fingerprint(rule.id, patientId, month, sources, model.tableName, r.detail, entryKeys),
  };
  // Added afterwards, and only when there is one (a redacted view holds none): the few findings that quote a cell
  // take a property store, the rest keep the literal's shape. Spreading optional parts into the literal made a
  // temporary object and a slow copy per finding.
  const redacted = redactedMessage(rule, r, template, message);
  if (redacted !== undefined) finding.redactedMessage = redacted;
  return finding;
}

/** Each source's entry identity when it is a time-log row (null otherwise); undefined when none is. */
function sourceEntryKeys(model: AuditModel, sources: readonly SourceRef[]): (number | null)[] | undefined {
  let keys: (number | null)[] | undefined;
  for (let i = 0; i < sources.length; i++) {
    const key = model.entryKeyAt(sources[i]!);
    if (key === undefined) continue;
    keys ??= new Array<number | null>(sources.length).fill(null);
    keys[i] = key;
  }
  return keys;
}

/**
 * Sources once each, in row order; the lead entry's row, when given and cited, first: the row a reader opens to
 * fix the entry, which a cited row above it (the entry it repeats, the one it overlaps) must not displace.
 */
function dedupeSources(sources: SourceRef[], lead?: TimeEntry): SourceRef[] {
  // Most findings point at one row.
  if (sources.length <= 1) return sources;
  // Sorted, a row's copies are neighbours (compareSource is 0 between them alone): each row is compared with the
  // one before it, not keyed by a string built per row.
  const sorted = sources.sort(compareSource).filter((s, i, all) => i === 0 || compareSource(all[i - 1], s) !== 0);
  const i = lead === undefined ? -1 : sorted.findIndex((s) => s.row === lead.row && s.file === lead.table.file && s.sheet === lead.table.sheet);
  if (i > 0) sorted.unshift(...sorted.splice(i, 1));
  return sorted;
}

/** The end of a message about an unknown rule id: a "did you mean" when one is close, else where to look. */
export function suggestRule(id: string, ruleIds: readonly string[]): string {
  const guess = closest(id, ruleIds);
  return guess ? `did you mean "${guess}"?` : 'run `ccm rules` to list them.';
}

/** The closest known id by edit distance, when one is close enough to be a typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(name, c);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

