import type { z } from 'zod';
import type { FeeSchedule } from '../billing/types.js';
import type { AuditModel } from '../model/build.js';
import type { SourceRef, TimeEntry } from '../model/schema.js';

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export type RuleLevel = 'entry' | 'month';

/** One problem found by one rule, pointing at the rows to fix. */
export interface Finding {
  rule: string;
  /** Short stable code (CCM101) that accompanies the id. */
  code: string;
  severity: Severity;
  level: RuleLevel;
  patientId: string | null;
  month: string | null;
  message: string;
  /**
   * The message with the text it quotes from export cells withheld (see RuleMeta.quotedCells), for --redact
   * and the terminal; absent when the message quotes no cell.
   */
  redactedMessage?: string;
  fix: string;
  /** Rows a user sees in Excel; never empty. */
  sources: SourceRef[];
  /** Time entries the finding is about: an entry-level error makes their minutes unsupported (D1). */
  entryIds: number[];
  /** The rule's RuleReport.detail, kept so --redact can recompute the fingerprint; not written to reports. */
  detail?: string;
  /**
   * For each source that is a time-log row, the entry's identity in the fingerprint (src/fingerprint.ts
   * entryKey: its note only as a hash), else null; kept so --redact can recompute the fingerprint after the
   * notes are withheld; not written to reports. Absent when no source is a time-log row.
   */
  entryKeys?: (number | null)[];
  /**
   * Stable identity for baselines: rule, patient, month, the rows (table kind and sheet, not the file name, and
   * the entry's identity for a time-log row, the row number for others) and the detail, never the message
   * wording (src/fingerprint.ts).
   */
  fingerprint: string;
}

export interface RuleReport<M extends string> {
  messageId: M;
  /** Values for the message template's {placeholders}. */
  data?: Record<string, string | number>;
  /**
   * Export cell text a placeholder quotes as part of a longer value ("E11.9x" in a list of codes): withheld
   * there in the redacted message, like the values of RuleMeta.quotedCells.
   */
  cells?: readonly string[];
  /**
   * What a RuleMeta.quotedCells placeholder shows in the redacted message when part of its value may show: a
   * list of NPIs keeps the valid ones (public practitioner identifiers) and withholds the rest (see publicNpi).
   * A quoted placeholder without one is withheld whole.
   */
  redactedData?: Record<string, string>;
  /** Entries the finding is about; their sources are the finding's sources unless `sources` is given. */
  entries?: readonly TimeEntry[];
  patientId?: string;
  month?: string;
  sources?: readonly SourceRef[];
  /**
   * What tells this finding apart from others of the rule about the same rows (invalid-row: the column), so each
   * gets its own fingerprint and a baseline accepts one without the other. Part of the fingerprint: stable
   * across runs, and never cell text, which --redact withholds.
   */
  detail?: string;
  /**
   * Caps this finding's severity below the configured one, for a case the reference leaves UNCONFIRMED or
   * marks for review (D7, D8: a different practitioner's overlapping service is a warning).
   */
  maxSeverity?: Severity;
}

/** After the entry-level rules: which entries' minutes still count (D1), for month-level rules and billing. */
export interface SupportView {
  isSupported(entry: TimeEntry): boolean;
  /** The entry-level error findings that made an entry's minutes unsupported. */
  exclusions(entry: TimeEntry): readonly Finding[];
}

export interface RuleContext<O, M extends string> {
  readonly model: AuditModel;
  readonly options: O;
  /** Available to month-level rules; entry-level rules run before support is known. */
  readonly support: SupportView;
  /** The fee schedule the claims are priced with, so amounts a rule estimates agree with the report's. */
  readonly fees: FeeSchedule;
  /** billing.defaultNpi: the NPI a month's claim goes out under when its entries carry none (bill.ts). */
  readonly defaultNpi: string | undefined;
  report(report: RuleReport<M>): void;
}

export interface RuleMeta<S extends z.ZodObject, M extends string> {
  /** kebab-case, stable, never renamed or reused. */
  id: string;
  code: string;
  severity: Severity;
  level: RuleLevel;
  /** One line, for `ccm rules`. */
  description: string;
  /** Why the rule exists, for `ccm explain` and the docs page. */
  rationale: string;
  /** Reference ids from ccm-billing-rules.md it enforces (R-…, D…). */
  references: readonly string[];
  /** How to fix, one sentence, shown with every finding. */
  fix: string;
  options: S;
  messages: Record<M, string>;
  /**
   * Message placeholders whose values are text copied from an export cell. Such a cell can hold anything (a
   * note pushed into the minutes column by a missing cell, an MBI), so the finding also carries the message
   * with them withheld: --redact and the terminal show that one.
   */
  quotedCells?: readonly string[];
}

export interface Rule<S extends z.ZodObject = z.ZodObject, M extends string = string> extends RuleMeta<S, M> {
  check(context: RuleContext<z.output<S>, M>): void;
}

/** The registry's element type: a rule with its option and message types erased. */
export type AnyRule = Rule<z.ZodObject, string>;
