import { z } from 'zod';
import { CCM_CODES } from '../billing/codes.js';
import type { PatientMonthRef } from '../model/build.js';
import type { Consent, RejectedRow, SourceRef } from '../model/schema.js';
import { OVERLAPPING_CARE_MANAGEMENT } from './code-lists.js';
import { defineRule } from './define-rule.js';

/** One rejected row (its problems, one per bad column) that may concern its patient's months. */
interface HeldRow {
  source: SourceRef;
  problems: RejectedRow[];
  what: 'claim' | 'overlap' | 'refusal';
  month: string | undefined;
  /** A refusal's: the month of the patient's first readable acceptance after the refusal's month, which ends its doubt. */
  renewed?: string;
}

/**
 * Whether a rejected row, had it been read, may have kept its patient's months from billing: a billed-services
 * row whose code is unreadable or a CCM code may be the month's CCM claim (billing it again is the overpayment
 * both OIG audits found, R-OIG-2019, R-OIG-2021); one of a care-management service that overlaps CCM (PCM,
 * APCM, G0181…) may be what incompatible-service would block the month for; a consents row read as a refusal or
 * carrying a revocation may have ended consent (R-CONSENT-CONTENT). Other rows can only add what a claim needs
 * (an acceptance, a diagnosis, a care plan): left out, they block more, never less.
 */
function heldBy(row: RejectedRow): HeldRow['what'] | undefined {
  if (row.patientId === undefined) return undefined;
  if (row.kind === 'services') {
    if (row.code === undefined || CCM_CODES.has(row.code)) return 'claim';
    return OVERLAPPING_CARE_MANAGEMENT.has(row.code) ? 'overlap' : undefined;
  }
  if (row.kind === 'consents') return row.mayEndConsent ? 'refusal' : undefined;
  return undefined;
}

/**
 * Whether the row may concern the month: a service its own month; a refusal its month and every later one until
 * a readable acceptance of a later month renews consent (an undated refusal may follow any acceptance: all).
 */
function concerns(row: HeldRow, month: string): boolean {
  if (row.month === undefined) return true;
  if (row.what !== 'refusal') return row.month === month;
  return row.month <= month && (row.renewed === undefined || month < row.renewed);
}

/** The month of the first accepted consent dated in a month after `month`. */
function renewedAfter(consents: readonly Consent[], month: string): string | undefined {
  let first: string | undefined;
  for (const c of consents) {
    const m = c.date?.slice(0, 7);
    if (c.standing === 'accepted' && m !== undefined && m > month && (first === undefined || m < first)) first = m;
  }
  return first;
}

/** The bad cells of a row as the message names them: `CPT Code "99490/99439"`, `Date of Service empty`. */
function describeProblems(problems: readonly RejectedRow[]): string {
  return problems.map((p) => (p.value === '' ? `${p.column} empty` : `${p.column} "${p.value}"`)).join(', ');
}

export const heldByInvalidRow = defineRule({
  id: 'held-by-invalid-row',
  code: 'CCM032',
  severity: 'error',
  level: 'month',
  description:
    'A billed-services row that may be CCM or overlap it, or a consents row that may end consent, could not be read: the months it may concern are held from the claims.',
  rationale:
    'invalid-row reports every row ccm cannot read and leaves it out. Most rows left out can only cost a claim something it needs ' +
    '(an acceptance, a diagnosis, a care plan), so billing without them errs on the safe side. Two kinds of row are the opposite. ' +
    'A billed-services row whose code cannot be read, or reads as a CCM code, may be the month\'s CCM claim: left out, the month ' +
    'looks never billed and ccm would write a second claim for it, the duplicate billing both OIG audits recovered money for ' +
    '(R-OIG-2019, R-OIG-2021; one practitioner, one claim per beneficiary-month, R-EXCL-ONE-PRACTITIONER). A consents row that reads ' +
    'as a refusal or carries a revocation may have ended consent (R-CONSENT-CONTENT): left out, an earlier acceptance would cover ' +
    'months it no longer covers. A billed-services row of a care-management service that overlaps CCM (PCM, APCM, home health or ' +
    'hospice supervision, ESRD) may be what incompatible-service blocks the month for, and with its NPI unread the practitioners ' +
    'cannot be told apart (its conservative reading, D8). Such a row of a patient whose id reads holds that patient\'s months: a billed-services row the month ' +
    'it is dated in, a consents row its month and every later one until a readable acceptance dated in a later month; when no month can be read from its date (a month written ' +
    'alone, "2026-10", is read as that month), every audited month of the patient, since ccm cannot tell which it concerns (the ' +
    'conservative reading, D1, as for a refusal without a date in missing-consent). A month already billed stays billed, and at risk: ' +
    'the row may be a second claim, or a refusal the claim sent did not respect. Rows read as an acceptance, or of another code, ' +
    'hold nothing. A month-level error: it blocks the claim (D1).',
  references: ['R-OIG-2019', 'R-OIG-2021', 'R-EXCL-ONE-PRACTITIONER', 'R-EXCL-PCM', 'R-EXCL-APCM', 'R-EXCL-HH-HOSPICE-ESRD', 'R-CONSENT-CONTENT', 'D1', 'D8'],
  fix: 'Correct the row the message names (one CPT code per row, a full date) in the export and run the audit again.',
  options: z.strictObject({}),
  messages: {
    claimInMonth:
      'Row {row} of the billed services could not be read ({problems}): it may be the CCM claim for {month}, so the month is held; fix the row so ccm can tell whether {month} is already billed.',
    claimUndated:
      'Row {row} of the billed services could not be read ({problems}), nor its month: it may be the CCM claim for any of the patient\'s months, {month} included, so the month is held; fix the row so ccm can tell whether {month} is already billed.',
    overlapInMonth:
      'Row {row} of the billed services could not be read ({problems}): it may be {code} ({service}) billed in {month} by the CCM practitioner, which overlaps CCM, so the month is held; fix the row so ccm can tell.',
    overlapUndated:
      'Row {row} of the billed services could not be read ({problems}), nor its month: it may be {code} ({service}) billed in {month} by the CCM practitioner, which overlaps CCM, so the month is held; fix the row so ccm can tell.',
    refusalFrom:
      'Row {row} of the consents could not be read ({problems}): it may record the patient declining or revoking CCM in {from}, so consent for {month} is in doubt and the month is held; fix the row so ccm can tell whether consent still covers {month}.',
    refusalUndated:
      'Row {row} of the consents could not be read ({problems}), nor its month: it may record the patient declining or revoking CCM before {month}, so the month is held; fix the row so ccm can tell whether consent still covers {month}.',
  },
  check({ model, report }) {
    const byPatient = new Map<string, HeldRow[]>();
    for (const problem of model.rejected) {
      const what = heldBy(problem);
      if (what === undefined) continue;
      const rows = byPatient.get(problem.patientId!) ?? [];
      // A row's problems (one per bad column) come one after another: one held row, one finding per month.
      const last = rows[rows.length - 1];
      if (last !== undefined && last.source.file === problem.source.file && last.source.sheet === problem.source.sheet && last.source.row === problem.source.row) {
        last.problems.push(problem);
      } else {
        const renewed = what === 'refusal' && problem.month !== undefined ? renewedAfter(model.consentsByPatient.get(problem.patientId!) ?? [], problem.month) : undefined;
        rows.push({ source: problem.source, problems: [problem], what, month: problem.month, ...(renewed ? { renewed } : {}) });
      }
      byPatient.set(problem.patientId!, rows);
    }
    if (byPatient.size === 0) return;
    for (const pm of model.patientMonths) {
      for (const row of byPatient.get(pm.patientId) ?? []) if (concerns(row, pm.month)) hold(pm, row);
    }

    function hold(pm: PatientMonthRef, row: HeldRow): void {
      const data = { row: row.source.row, problems: describeProblems(row.problems), month: pm.month };
      const where = { patientId: pm.patientId, month: pm.month, entries: pm.entries, sources: [row.source] };
      // Cell text as written (a note a missing cell pushed over?): withheld in the redacted message, as invalid-row's.
      const cells = row.problems.map((p) => p.value);
      if (row.what === 'claim') report({ messageId: row.month === undefined ? 'claimUndated' : 'claimInMonth', data, cells, ...where });
      else if (row.what === 'overlap') {
        const code = row.problems[0]!.code!;
        const service = { code, service: OVERLAPPING_CARE_MANAGEMENT.get(code)! };
        report({ messageId: row.month === undefined ? 'overlapUndated' : 'overlapInMonth', data: { ...data, ...service }, cells, ...where });
      }
      else if (row.month === undefined) report({ messageId: 'refusalUndated', data, cells, ...where });
      else report({ messageId: 'refusalFrom', data: { ...data, from: row.month }, cells, ...where });
    }
  },
});
