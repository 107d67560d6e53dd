import { Chalk, type ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { AuditResult } from '../audit-types.js';
import { describeLocation } from '../errors.js';
import { SEVERITIES, type Finding, type Severity } from '../rules/types.js';
import { evidenceEntry, fixesByRule, hiddenRowsText, hiddenRowTables, unreadTables, withdrawnTables, withdrawnText } from './format.js';
import { incompleteClaimNotes } from './incomplete-claims.js';

export interface TerminalOptions {
  color: boolean;
  /** Notes are clinical text: shown only when asked for, and so is cell text quoted in messages. */
  showNotes: boolean;
  /** Report files written, shown last. */
  paths: readonly string[];
}

const TOP_RULES = 8;
const TOP_FIXES = 5;
const TOP_ERRORS = 10;
const NOTE_LENGTH = 100;

/** Borderless, one line per row: reads like a summary, not a spreadsheet, in any terminal font. */
const PLAIN = {
  chars: { top: '', 'top-mid': '', 'top-left': '', 'top-right': '', bottom: '', 'bottom-mid': '', 'bottom-left': '', 'bottom-right': '', left: '  ', 'left-mid': '', mid: '', 'mid-mid': '', right: '', 'right-mid': '', middle: '  ' },
  // cli-table3 colours heads and borders itself (red/grey, by TTY detection): off, so `color` alone decides.
  style: { head: [], border: [], 'padding-left': 0, 'padding-right': 0, compact: true },
};

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });

/**
 * The end-of-run summary for a billing manager: what can be billed, what is blocked and why, what to fix
 * first for the most (estimated) revenue, and where the full reports are.
 */
export function renderTerminal(result: AuditResult, options: TerminalOptions): string {
  const c = new Chalk({ level: options.color ? 1 : 0 });
  const s = result.summary;
  const out: string[] = [];
  const period = result.period ? ` for ${result.period}` : '';
  out.push(c.bold(`CCM audit${period}`) + c.dim(` (run ${result.runDate}, ${result.tool.name} ${result.tool.version})`), '');

  const months = table(['Patient-months', 'Count', 'Estimated revenue'], ['left', 'right', 'right']);
  months.push(
    [c.green('Ready to bill'), s.patientMonths.billable, usd.format(s.estimatedRevenue.ready)],
    [c.cyan('Already billed (in the services export)'), s.patientMonths.billed, usd.format(s.estimatedRevenue.billed)],
    [c.red('Blocked by errors (fix to bill)'), s.patientMonths.blocked, usd.format(s.estimatedRevenue.blocked)],
    ['Not billable (too few supported minutes)', s.patientMonths['not-billable'], usd.format(s.estimatedRevenue.notBillable)],
  );
  out.push(
    months.toString(),
    ...(s.patientMonths.billed > 0 ? [c.dim('  Already billed: not in claims.csv; the amount is what their supported minutes earn, to compare with the claim.')] : []),
    // A claim already sent that an error disputes is a recoupment risk, not revenue to win: said apart from the
    // blocked months, so nobody fixes it to bill the month a second time.
    ...(s.billedAtRisk.patientMonths > 0
      ? [
          c.red(
            `  Billed, at risk: ${countMonths(s.billedAtRisk.patientMonths)} already billed with an error that disputes the claim sent ` +
              `(about ${usd.format(s.billedAtRisk.billedAmount)} billed): correct or refund that claim, never bill the month again.`,
          ),
        ]
      : []),
    c.dim('  Not billable: what those months would earn if every logged minute were supported.'),
    c.dim('  Revenue figures are estimates from national non-facility fee amounts, not payments.'),
    '',
  );
  // Claim-ready months whose claim cannot go out as written: said next to the count, not only in report.json.
  const incomplete = incompleteClaimNotes(result);
  if (incomplete.length > 0) out.push(c.yellow('Claims not ready to send'), ...incomplete.map((note) => `  ${clean(note)}`), '');

  const severity = (n: number, label: Severity) => paint(c, label, `${n} ${label === 'info' ? 'info' : n === 1 ? label : `${label}s`}`);
  out.push(
    `Findings: ${severity(s.findingsBySeverity.error, 'error')}, ${severity(s.findingsBySeverity.warning, 'warning')}, ` +
      `${severity(s.findingsBySeverity.info, 'info')}` +
      (s.suppressed > 0 ? c.dim(` (${s.suppressed} suppressed by the baseline)`) : ''),
  );

  // One row per rule and severity: a rule's findings can differ in severity (maxSeverity), and one label for
  // the rule would call its warnings errors or its errors warnings.
  const rows = findingRows(result.findings, s.findingsByRule);
  if (rows.length > 0) {
    const byRule = table(['Rule', 'Code', 'Severity', 'Count'], ['left', 'left', 'left', 'right']);
    for (const r of rows.slice(0, TOP_RULES)) byRule.push([r.rule, r.code, paint(c, r.severity, r.severity), r.count]);
    out.push(byRule.toString());
    if (rows.length > TOP_RULES) {
      const hidden = rows.length - TOP_RULES;
      const rules = new Set(rows.slice(TOP_RULES).map((r) => r.rule)).size;
      out.push(c.dim(`  … and ${hidden === rules ? `${rules} more rules` : `${hidden} more rows (${rules} rules)`}`));
    }
  }
  out.push('');

  if (s.topFixes.length > 0) {
    const fixes = fixesByRule(result.findings);
    const top = table(['Fix first', 'Patient-months', 'Estimated at stake', 'How to fix'], ['left', 'right', 'right', 'left'], [null, null, null, 60]);
    for (const t of s.topFixes.slice(0, TOP_FIXES)) top.push([t.rule, t.patientMonths, usd.format(t.revenueAtStake), clean(fixes.get(t.rule) ?? '')]);
    out.push(top.toString(), '');
  }

  const unread = unreadTables(result);
  if (unread.length > 0) {
    out.push(c.yellow('Sheets not read') + c.dim(' (their rows count for nothing; `ccm inspect FILE` shows what each holds)'));
    // The note may quote a header row that is a data row: its cells withheld as the findings' are.
    for (const t of unread) out.push(`  ${describeLocation(t)}: ${clean(options.showNotes ? t.note! : (t.withheldNote ?? t.note!))}`);
    out.push('');
  }

  const withdrawn = withdrawnTables(result);
  if (withdrawn.length > 0) {
    out.push(c.yellow('Rows left out') + c.dim(' (their status withdraws them)'));
    for (const t of withdrawn) out.push(`  ${describeLocation(t)}: ${clean(withdrawnText(t))}`);
    out.push('');
  }

  const hidden = hiddenRowTables(result);
  if (hidden.length > 0) {
    out.push(c.yellow('Rows hidden in Excel') + c.dim(' (a row hidden by hand that would add to a claim is left out; filtered and grouped rows are read)'));
    for (const t of hidden) out.push(`  ${describeLocation(t)}: ${hiddenRowsText(t)}`);
    out.push('');
  }

  const errors = result.findings.filter((f) => f.severity === 'error');
  if (errors.length > 0) {
    out.push(c.bold('Errors'));
    for (const f of errors.slice(0, TOP_ERRORS)) {
      const who = f.patientId === null ? '' : `${f.patientId} ${f.month ?? ''}: `;
      const where = f.sources[0] ? c.dim(` (${describeLocation(f.sources[0])})`) : '';
      // A message quoting a cell could show a note pushed into another column: withheld like notes.
      const message = options.showNotes ? f.message : (f.redactedMessage ?? f.message);
      out.push(`  ${c.red(f.rule)} ${clean(who + message)}${where}`);
      const note = options.showNotes ? evidenceEntry(result, f)?.note : undefined;
      if (note) out.push(c.dim(`    note: ${truncate(clean(note), NOTE_LENGTH)}`));
    }
    if (errors.length > TOP_ERRORS) out.push(c.dim(`  … and ${errors.length - TOP_ERRORS} more errors in the reports`));
    out.push('');
  }

  if (options.paths.length > 0) out.push('Reports written:', ...options.paths.map((p) => `  ${p}`), '');
  // cli-table3 pads every cell, the last one too: drop the trailing blanks it leaves on each line.
  return `${out.join('\n').replace(/ +$/gm, '').trimEnd()}\n`;
}

interface FindingRow {
  rule: string;
  code: string;
  severity: Severity;
  count: number;
}

/**
 * Findings counted by rule and severity: the rules with the most findings first (`perRule`, the summary's
 * findingsByRule), a rule's rows together, errors first.
 */
function findingRows(findings: readonly Finding[], perRule: Readonly<Record<string, number>>): FindingRow[] {
  const rows = new Map<string, FindingRow>();
  for (const f of findings) {
    const key = `${f.rule}\u0000${f.severity}`;
    const row = rows.get(key);
    if (row) row.count++;
    else rows.set(key, { rule: f.rule, code: f.code, severity: f.severity, count: 1 });
  }
  return [...rows.values()].sort(
    (a, b) =>
      perRule[b.rule]! - perRule[a.rule]! ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity),
  );
}

function countMonths(n: number): string {
  return n === 1 ? '1 patient-month' : `${n} patient-months`;
}

function table(head: string[], colAligns: ('left' | 'right')[], colWidths: (number | null)[] = []): Table.Table {
  return new Table({ ...PLAIN, head, colAligns, colWidths, wordWrap: true });
}

function paint(c: ChalkInstance, severity: Severity, text: string): string {
  return severity === 'error' ? c.red(text) : severity === 'warning' ? c.yellow(text) : c.blue(text);
}

/** Text from the time log can hold escape sequences that would drive the terminal: show them inert. */
function clean(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}

function truncate(text: string, length: number): string {
  return text.length > length ? `${text.slice(0, length - 1)}…` : text;
}
