import { z } from 'zod';
import { ccmServices } from '../billing/already-billed.js';
import { CCM_CODES } from '../billing/codes.js';
import { describeLocation } from '../errors.js';
import { groupBy, patientMonthKey } from '../model/build.js';
import type { IdSpellings } from '../model/id-spellings.js';
import { carePlanInPlace } from '../model/queries.js';
import { sourceOf, type Consent, type SourceRef } from '../model/schema.js';
import { OVERLAPPING_CARE_MANAGEMENT } from './code-lists.js';
import { consentCovers } from './consent.js';
import { byPractitioner } from './incompatible-service.js';
import { defineRule } from './define-rule.js';
import { describeRows } from './util.js';

export const idLeadingZeros = defineRule({
  id: 'id-leading-zeros',
  code: 'CCM035',
  severity: 'error',
  level: 'month',
  description: 'An all-digit patient id is written with leading zeros in one table and without them in another (001234, 1234).',
  rationale:
    'The CCM platform writes an MRN as text (001234); an export that went through Excel lost its zeros (1234). Read as two patients, ' +
    'the month\'s CCM already billed under 1234 went unseen and ccm would bill the beneficiary-month a second time, the overpayment ' +
    'both OIG audits found most (R-EXCL-ONE-PRACTITIONER, R-OIG-2019, R-OIG-2021). The reference is silent on id formats, so ccm takes ' +
    'the conservative reading: where the other spellings are only in billed services, they are one patient, under the time log\'s ' +
    'spelling (a month billed under either spelling is already billed: folding can only withhold a claim), and this warning names the ' +
    'spellings so the export can be corrected. Where one table holds two of them (0123 and 123 in one time log), or time, consents, ' +
    'diagnoses or care plans are under more than one (0012345 in the time log and 12345 in the consents may be two people, and one ' +
    'must never be billed on the other\'s consent or diagnoses), ccm keeps them apart, with a warning naming them; then a month is held with an error when a row under another spelling ' +
    'could only withhold its claim, were it this patient\'s: CCM billed that month (the claim sent may be this patient\'s with its ' +
    'zeros dropped), a service billed that month that overlaps CCM (as incompatible-service reads it, unless another practitioner ' +
    'billed it), a refusal or revocation of consent that would end this patient\'s consent before the month (R-CONSENT-CONTENT: a ' +
    'hand-kept consent log typed on different days spells one MRN both ways), or a care plan ended before the month that would leave ' +
    'none in place. A row that could allow a claim (an acceptance, a plan, a diagnosis) never counts across spellings, and a ' +
    'resolved diagnosis withholds nothing there: another row of the code active in the month counts even under one spelling.',
  references: ['R-EXCL-ONE-PRACTITIONER', 'R-OIG-2019', 'R-OIG-2021', 'R-CONSENT-CONTENT'],
  fix:
    'Correct the export that dropped the leading zeros (format the id column as text, or export it from the source system without ' +
    'opening it in Excel), then audit again; where two patients really differ only by leading zeros, check which one the billed claim is for.',
  options: z.strictObject({}),
  messages: {
    folded:
      'Patient ids {ids} differ only by leading zeros ({rows}); no table holds two of them, so ccm reads them all as patient ' +
      '{patientId}: a month billed under any of them is already billed, and consents, diagnoses and care plans count for this patient.',
    keptApart:
      'Patient ids {ids} differ only by leading zeros ({rows}); {why}, so ccm keeps them apart: ' +
      'check that they are, since billed CCM, an overlapping service, a refusal or revocation of consent or an ended care plan under one holds the other\'s months.',
    apart:
      'CCM is billed for {month} under patient id {other} ({rows}), which may be this patient\'s id with its leading zeros dropped; ' +
      '{why}, so ccm cannot tell whether this month is already billed.',
    apartOverlap:
      'A service that overlaps CCM is billed for {month} under patient id {other} ({rows}), which may be this patient\'s id with its leading zeros dropped; ' +
      '{why}, so ccm cannot tell whether it rules out this month\'s CCM.',
    apartConsent:
      'Consent is refused or revoked under patient id {other} ({rows}), which may be this patient\'s id with its leading zeros dropped; ' +
      '{why}, so ccm cannot tell whether consent still covers {month}.',
    apartCarePlan:
      'A care plan ended under patient id {other} ({rows}), which may be this patient\'s id with its leading zeros dropped; ' +
      '{why}, so ccm cannot tell whether a care plan was in place in {month}.',
  },
  quotedCells: ['ids', 'other'],
  check({ model, defaultNpi, report }) {
    const apart = new Map<string, IdSpellings>();
    for (const group of model.idSpellings) {
      const sources = group.spellings.flatMap((s) => s.sources);
      if (group.patientId !== null) {
        report({
          messageId: 'folded',
          data: { ids: group.spellings.map((s) => s.id).join(', '), rows: describeRows(sources[0]!, sources), patientId: group.patientId },
          patientId: group.patientId,
          sources,
          maxSeverity: 'warning',
        });
        continue;
      }
      // Never silent: the user sees the spellings even when nothing under one withholds the other's claim. Each
      // spelling's first row is named first.
      const firsts = group.spellings.map((s) => s.sources[0]!);
      const named = [...firsts, ...sources.filter((x) => !firsts.includes(x))];
      report({
        messageId: 'keptApart',
        data: { ids: group.spellings.map((s) => s.id).join(', '), rows: describeRows(named[0]!, named), why: apartBecause(group.spellings) },
        patientId: group.spellings[0]!.id,
        sources,
        maxSeverity: 'warning',
      });
      for (const s of group.spellings) apart.set(s.id, group);
    }
    if (apart.size === 0) return;
    const consents = (id: string) => model.consentsByPatient.get(id) ?? [];
    const plans = groupBy(model.carePlans, (p) => (apart.has(p.patientId) ? p.patientId : undefined));
    // Kept apart, a patient-month of one spelling is held by the rows under another that could only withhold
    // its claim, were they this patient's: CCM or an overlapping service billed, consent refused or revoked, the
    // care plan ended. Rows that could allow a claim (an acceptance, a plan, a diagnosis) never count across.
    for (const pm of model.patientMonths) {
      const group = apart.get(pm.patientId);
      if (group === undefined) continue;
      const others = group.spellings.filter((s) => s.id !== pm.patientId);
      const base = sourceOf(pm.entries[0]!);
      const hold = (messageId: 'apart' | 'apartOverlap' | 'apartConsent' | 'apartCarePlan', rows: readonly { patientId: string; source: SourceRef }[]): void => {
        if (rows.length === 0) return;
        const sources = rows.map((r) => r.source);
        report({
          messageId,
          data: { month: pm.month, other: [...new Set(rows.map((r) => r.patientId))].join(', '), rows: describeRows(base, sources), why: apartBecause(group.spellings) },
          patientId: pm.patientId,
          month: pm.month,
          sources: [base, ...sources],
        });
      };
      const services = others.flatMap((s) => model.servicesByPatientMonth.get(patientMonthKey(s.id, pm.month)) ?? []);
      if (ccmServices(model, pm).length === 0) hold('apart', services.filter((x) => CCM_CODES.has(x.code)));
      const overlapping = byPractitioner(pm, services.filter((x) => OVERLAPPING_CARE_MANAGEMENT.has(x.code)), defaultNpi);
      hold('apartOverlap', [...overlapping.samePractitioner, ...overlapping.unknownPractitioner]);

      const own = consents(pm.patientId);
      if (consentCovers(own, pm.month)) {
        const ending = others.flatMap((s) => consents(s.id).filter((c) => c.standing === 'declined' || c.revokedDate !== undefined));
        const asOwn = ending.map((c): Consent => (c.standing === 'declined' ? c : { ...c, standing: 'declined', date: c.revokedDate, revokedDate: undefined }));
        if (!consentCovers([...own, ...asOwn], pm.month)) hold('apartConsent', ending);
      }
      const ownPlans = plans.get(pm.patientId) ?? [];
      if (carePlanInPlace(ownPlans, pm.month)) {
        const ended = others.flatMap((s) => (plans.get(s.id) ?? []).filter((p) => p.endDate !== undefined));
        if (!carePlanInPlace([...ownPlans, ...ended], pm.month)) hold('apartCarePlan', ended);
      }
    }
  },
});

/**
 * Why spellings stay apart, as a message says it: a table holding two of them as two patients, or records that
 * could let a claim out (time, a consent, a diagnosis, a care plan) under more than one, which another
 * patient's records must never do (explore10 A05).
 */
function apartBecause(spellings: readonly { readonly sources: readonly { file: string; sheet: string | null }[] }[]): string {
  const seen = new Set<string>();
  for (const s of spellings) {
    for (const source of s.sources) {
      const key = `${source.file}\u0000${source.sheet ?? ''}`;
      if (seen.has(key)) return `${describeLocation({ file: source.file, sheet: source.sheet })} holds both spellings as two patients`;
      seen.add(key);
    }
  }
  return 'time, consents, diagnoses or care plans are filed under more than one spelling, and they may be two patients';
}
