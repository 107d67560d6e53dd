import { z } from 'zod';
import { isCalendarDate } from './calendar-date.js';
import { CcmError } from './errors.js';
import { suggestRule } from './rules/engine.js';
import { RULES } from './rules/index.js';
import type { Finding } from './rules/types.js';

/**
 * Accepted exceptions. A baseline lists findings by fingerprint (rule, patient, month, rows by table kind,
 * sheet and row — not the file name — and the rule's detail; never the message text: src/fingerprint.ts),
 * each with the reason it was accepted and an optional expiry date. Suppressed findings
 * are counted, not hidden; entries that match nothing any more, or have expired, are reported as stale.
 */
export const BaselineSchema = z.strictObject({
  version: z.literal(1),
  findings: z.array(
    z.strictObject({
      fingerprint: z.string().regex(/^[0-9a-f]{16}$/),
      rule: z.string(),
      patientId: z.string().nullable(),
      month: z.string().nullable(),
      reason: z.string().min(1),
      // Compared with the run date as text: only a real date compares meaningfully.
      expires: z.string().refine(isCalendarDate, 'not a calendar date (YYYY-MM-DD)').optional(),
    }),
  ),
});
export type Baseline = z.infer<typeof BaselineSchema>;

export interface BaselineOutcome {
  kept: Finding[];
  suppressed: Finding[];
  /** Baseline entries that matched no finding. */
  unmatched: Baseline['findings'];
  /** Baseline entries past their expiry date: their findings are reported again. */
  expired: Baseline['findings'];
}

export function parseBaseline(text: string, name: string): Baseline {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CcmError(`${name}: not valid JSON (${(error as Error).message}).`);
  }
  const parsed = BaselineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const [, index, field] = issue.path;
    const where = typeof index === 'number' ? entryName(json, index) + (field === undefined ? '' : `, ${String(field)}`) : issue.path.join('.') || '(top level)';
    const bad = typeof index === 'number' && typeof field === 'string' ? (json as { findings: Record<string, unknown>[] }).findings[index]?.[field] : undefined;
    const value = issue.code === 'custom' ? ` ${JSON.stringify(bad)}` : '';
    throw new CcmError(`${name}: ${where}:${value} ${issue.message}.`);
  }
  // An entry's fingerprint includes its rule id, so an entry naming no rule can never match a finding: a typo
  // or a hand-made entry, said now rather than reported as stale on every run. Rule ids are never renamed
  // or reused (src/rules/types.ts).
  const ids = RULES.map((r) => r.id);
  parsed.data.findings.forEach((entry, index) => {
    if (!ids.includes(entry.rule)) throw new CcmError(`${name}: ${entryName(json, index)}, rule: no rule "${entry.rule}"; ${suggestRule(entry.rule, ids)}`);
  });
  return parsed.data;
}

/** `findings[3] (fingerprint 0123456789abcdef)`: the index, and the fingerprint to search the file for. */
function entryName(json: unknown, index: number): string {
  const entry = (json as { findings?: unknown[] }).findings?.[index] as { fingerprint?: unknown } | undefined;
  return `findings[${index}]${typeof entry?.fingerprint === 'string' ? ` (fingerprint ${entry.fingerprint})` : ''}`;
}

/** Fingerprints a baseline accepts on the run date (expired entries accept nothing). */
export function acceptedFingerprints(baseline: Baseline, runDate: string): Set<string> {
  return new Set(baseline.findings.filter((e) => e.expires === undefined || e.expires >= runDate).map((e) => e.fingerprint));
}

export function applyBaseline(findings: readonly Finding[], baseline: Baseline, runDate: string): BaselineOutcome {
  const accepted = acceptedFingerprints(baseline, runDate);
  const active = new Map(baseline.findings.filter((e) => accepted.has(e.fingerprint)).map((e) => [e.fingerprint, e]));
  const expired = baseline.findings.filter((e) => !accepted.has(e.fingerprint));
  const matched = new Set<string>();
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  for (const finding of findings) {
    if (active.has(finding.fingerprint)) {
      matched.add(finding.fingerprint);
      suppressed.push(finding);
    } else kept.push(finding);
  }
  const unmatched = [...active.values()].filter((e) => !matched.has(e.fingerprint));
  return { kept, suppressed, unmatched, expired };
}

/** A baseline accepting every current finding, for `ccm baseline`. */
export function createBaseline(findings: readonly Finding[], reason: string): Baseline {
  const seen = new Set<string>();
  const entries: Baseline['findings'] = [];
  for (const f of findings) {
    if (seen.has(f.fingerprint)) continue;
    seen.add(f.fingerprint);
    entries.push({ fingerprint: f.fingerprint, rule: f.rule, patientId: f.patientId, month: f.month, reason });
  }
  return { version: 1, findings: entries };
}
