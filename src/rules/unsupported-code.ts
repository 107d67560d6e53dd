import { z } from 'zod';
import type { CodeFamilyDefinition } from '../billing/codes.js';
import { CCM_CODES, REPORTED_MUES } from '../billing/codes.js';
import { CCM_PROGRAMS, type AuditModel } from '../model/build.js';
import { addMinutes, countableMinutes } from '../model/queries.js';
import type { BilledService } from '../model/schema.js';
import { compareBilled, countedMinutes, describeLines, earnedLines, servicesOf, unitsByCode, unitsOf, type BilledComparison } from './billed-ccm.js';
import { defineRule } from './define-rule.js';
import type { RuleReport } from './types.js';
import { formatMinutes, inPeriod } from './util.js';

type MessageId = 'mixedFamilies' | 'notComplex' | 'addOnWithoutBase' | 'overCap' | 'exceedsSupport' | 'noCcmTime' | 'onlyOtherProgramTime' | 'overMue';
type Report = Omit<RuleReport<MessageId>, 'patientId' | 'month'>;

/** Minutes the given units of a family's code need: the base minimum, plus one full increment per add-on unit (R-TIME-ADDON-FULL). */
function minutesNeeded(family: CodeFamilyDefinition, code: string, units: number): number {
  return code === family.base.code ? family.base.minutes : family.base.minutes + units * family.addOn.increment;
}

function whoseMinutes(family: CodeFamilyDefinition): string {
  return family.practitionerOnly ? 'the practitioner\'s own' : 'clinical staff or practitioner';
}

/** Problems of one month's billed CCM codes, in the order a biller would fix them. */
function problems(c: BilledComparison): Report[] {
  if (c.families.length > 1) {
    return [{ messageId: 'mixedFamilies', data: { codes: describeLines([...c.billed].map(([code, units]) => ({ code, units }))) }, sources: c.services.map((s) => s.source) }];
  }
  // Every CCM code belongs to a family, and compareBilled only compares months with CCM codes billed.
  const family = c.families[0]!;
  const familyCodes = [family.base.code, family.addOn.code];
  if (family.needsComplexMarker && !c.minutes.complex) {
    return [{ messageId: 'notComplex', data: { codes: familyCodes.filter((code) => c.billed.has(code)).join(', ') }, sources: servicesOf(c, familyCodes).map((s) => s.source) }];
  }
  const found: Report[] = [];
  const earned = earnedLines(family, c.minutes);
  const minutes = formatMinutes(countedMinutes(family, c.minutes));
  if (c.billed.has(family.addOn.code) && !c.billed.has(family.base.code)) {
    found.push({ messageId: 'addOnWithoutBase', data: { addOn: family.addOn.code, base: family.base.code }, sources: servicesOf(c, [family.addOn.code]).map((s) => s.source) });
  }
  for (const code of familyCodes) {
    const units = c.billed.get(code);
    if (units === undefined) continue;
    const sources = servicesOf(c, [code]).map((s) => s.source);
    const cap = code === family.base.code ? 1 : family.addOn.maxUnits;
    if (cap !== null && units > cap) {
      found.push({ messageId: 'overCap', data: { code, units, max: cap }, sources });
      continue;
    }
    const supported = unitsOf(earned, code);
    if (units > supported) {
      found.push({
        messageId: 'exceedsSupport',
        data: { code, units, needed: minutesNeeded(family, code, units), whose: whoseMinutes(family), minutes, supported },
        sources,
      });
    }
  }
  return found;
}

/** Billed units of a code with a reported MUE above it on one date of service, summed over that date's rows. */
function overMue(c: BilledComparison): Report[] {
  const byCodeAndDate = new Map<string, { code: string; date: string; units: number; services: BilledService[] }>();
  for (const s of c.services) {
    if (!REPORTED_MUES.has(s.code)) continue;
    const key = `${s.code}\u0000${s.date}`;
    const group = byCodeAndDate.get(key);
    if (group) {
      group.units += s.units;
      group.services.push(s);
    } else byCodeAndDate.set(key, { code: s.code, date: s.date, units: s.units, services: [s] });
  }
  return [...byCodeAndDate.values()]
    .filter((g) => g.units > REPORTED_MUES.get(g.code)!)
    .map((g) => ({
      messageId: 'overMue' as const,
      data: { code: g.code, units: g.units, date: g.date, mue: REPORTED_MUES.get(g.code)! },
      sources: g.services.map((s) => s.source),
      // The same rows may exceed what the minutes support too (exceedsSupport): told apart in a baseline.
      detail: 'mue',
      maxSeverity: 'warning' as const,
    }));
}

/**
 * Audited months whose billed-services export has CCM codes but whose time log has no CCM-program entry at all.
 * They have no patient-month (those exist only for months with CCM time), yet zero minutes support any CCM code:
 * the claim is the least defensible one an audit can find. Every CCM row counts, under any NPI: with no
 * entries there is no own claim to tell apart, and no NPI's claim is supported.
 */
function billedWithoutTime(model: AuditModel): RuleReport<MessageId>[] {
  const found: RuleReport<MessageId>[] = [];
  for (const services of model.servicesByPatientMonth.values()) {
    const ccm = services.filter((s) => CCM_CODES.has(s.code));
    const first = ccm[0];
    if (first === undefined || !inPeriod(model, first.month)) continue;
    // The patient's entries of the month: any in a CCM program make a patient-month, which compareBilled checks.
    let hasCcmTime = false;
    let otherMinutes = 0;
    for (const e of model.entriesByPatient.get(first.patientId) ?? []) {
      if (e.month !== first.month) continue;
      if (CCM_PROGRAMS.has(e.program)) hasCcmTime = true;
      else otherMinutes = addMinutes(otherMinutes, countableMinutes(e));
    }
    if (hasCcmTime) continue;
    const codes = describeLines([...unitsByCode(ccm)].map(([code, units]) => ({ code, units })));
    const where = { patientId: first.patientId, month: first.month, sources: ccm.map((s) => s.source) };
    // Other programs' time (RPM, PCM, BHI…) that month never counts toward CCM (D3); saying so heads off "but time was logged".
    found.push(
      otherMinutes > 0
        ? { ...where, messageId: 'onlyOtherProgramTime', data: { codes, month: first.month, minutes: formatMinutes(otherMinutes) } }
        : { ...where, messageId: 'noCcmTime', data: { codes, month: first.month } },
    );
  }
  return found;
}

export const unsupportedCode = defineRule({
  id: 'unsupported-code',
  code: 'CCM024',
  severity: 'error',
  level: 'month',
  description: 'A billed CCM code, or its units, is not supported by the month\'s supported minutes (or breaks the code-pairing rules).',
  rationale:
    'Each CCM code needs its documented time: 99490 20 minutes of clinical staff time, each 99439 a further full 20 (at most twice), 99491 ' +
    '30 minutes of the practitioner\'s own time, each 99437 a further 30, 99487 60 minutes in a month marked complex and each 99489 a ' +
    'further 30 (R-CODE-99490, R-CODE-99439, R-CODE-99491, R-CODE-99437, R-CODE-99487, R-CODE-99489, R-TIME-ADDON-FULL, D5). Only one type of CCM may be billed in a month (R-EXCL-ONE-CCM-TYPE) and the ' +
    'practitioner\'s minutes count toward one family only (R-TIME-PRACTITIONER, D4). The rule runs only for months whose billed-services ' +
    'export contains CCM codes, and compares the month\'s own claim (the codes under the entries\' NPI or none) with the supported ' +
    'minutes (D1) of the family that was billed. Billing more than the documentation supports is an overpayment, so this is an error. ' +
    'CCM under another NPI, or under two or more NPIs when the entries name none, is two practitioners\' claims: that is ' +
    'multiple-billing-practitioners\' error (R-EXCL-ONE-PRACTITIONER), and their units are not added up into one claim nobody sent. ' +
    'CCM billed for an audited month whose time log has no CCM time at all (none, or only RPM or another program\'s, D3) is ' +
    'reported too, on every CCM row of the month under any NPI: zero minutes support no CCM code (R-DOC-CHECKLIST). Such a month has ' +
    'no patient-month, so the finding stands alone: it is not counted in summary.billedAtRisk, which counts patient-months. ' +
    'Units of 99437 above 2, or of 99489 above 10, on one date of service exceed the reported MUEs (R-CODE-MUE); those values are ' +
    'UNCONFIRMED against the CMS table, so that finding is a warning (D7) and does not put the claim at risk.',
  references: ['R-CODE-99490', 'R-CODE-99439', 'R-CODE-99491', 'R-CODE-99437', 'R-CODE-99487', 'R-CODE-99489', 'R-TIME-ADDON-FULL', 'R-EXCL-ONE-CCM-TYPE', 'R-TIME-PRACTITIONER', 'R-ELIG-COMPLEX', 'R-EXCL-ONE-PRACTITIONER', 'R-DOC-CHECKLIST', 'R-CODE-MUE', 'D1', 'D3', 'D4', 'D5', 'D7'],
  fix: 'Correct the claim to the codes and units the supported minutes earn (see the patient-month\'s claim lines; with no CCM time logged, none: refund it), or fix the excluded entries or the missing time log if the work was done.',
  options: z.strictObject({}),
  messages: {
    mixedFamilies: 'More than one type of CCM is billed for the month ({codes}); only one of 99490/99439, 99487/99489 or 99491/99437 may be billed.',
    notComplex: 'Complex CCM ({codes}) is billed but no entry of the month is marked complex (moderate or high complexity decision making).',
    addOnWithoutBase: '{addOn} is billed without its base code {base}.',
    overCap: '{code} is billed ×{units}; at most {max} unit(s) may be billed per month.',
    exceedsSupport: '{code} ×{units} needs {needed} minutes of {whose} time, but the month has {minutes} supported, enough for {supported} unit(s).',
    overMue:
      '{code} ×{units} is billed on {date}, above its reported MUE of {mue} unit(s) per date of service (UNCONFIRMED against the CMS table): units above it are likely denied.',
    noCcmTime: 'CCM {codes} is billed for {month}, but the time log has no CCM time for the month: no minutes support any of it.',
    onlyOtherProgramTime:
      'CCM {codes} is billed for {month}, but the time log has no CCM time for the month: its {minutes} minutes are other programs\' time (RPM, PCM, BHI…), which never counts toward CCM.',
  },
  check({ model, support, fees, report }) {
    for (const pm of model.patientMonths) {
      const comparison = compareBilled(model, pm, support, fees);
      if (comparison === null) continue;
      for (const problem of [...problems(comparison), ...overMue(comparison)]) report({ ...problem, patientId: pm.patientId, month: pm.month });
    }
    for (const problem of billedWithoutTime(model)) report(problem);
  },
});
