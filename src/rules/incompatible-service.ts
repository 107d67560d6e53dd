import { z } from 'zod';
import { patientMonthKey, type PatientMonthRef } from '../model/build.js';
import { sourceOf, type BilledService } from '../model/schema.js';
import { OVERLAPPING_CARE_MANAGEMENT } from './code-lists.js';
import { defineRule } from './define-rule.js';
import { claimNpi } from '../model/queries.js';
import { isValidNpi } from '../normalize/codes.js';
import { publicNpi } from './util.js';

type Practitioner = 'samePractitioner' | 'unknownPractitioner' | 'differentPractitioner';

/**
 * Overlapping services of a patient-month split by whether the CCM practitioner billed them, as far as the NPIs
 * tell: id-leading-zeros asks it too, for services billed under another spelling of the patient's id.
 */
export function byPractitioner(pm: PatientMonthRef, services: readonly BilledService[], defaultNpi: string | undefined): Record<Practitioner, BilledService[]> {
  const ccmNpis = new Set(pm.entries.flatMap((e) => (e.npi === undefined ? [] : [e.npi])));
  // The practitioner the CCM claim goes out under, as billing decides it: the entries' one NPI, else the
  // configured default. Several NPIs, none, or one that is not an NPI (a digit short, a letter in it)
  // identify no practitioner.
  const npi = claimNpi(pm.entries, defaultNpi);
  const identified = npi !== undefined && isValidNpi(npi);
  if (identified) ccmNpis.add(npi);
  const groups: Record<Practitioner, BilledService[]> = { samePractitioner: [], unknownPractitioner: [], differentPractitioner: [] };
  for (const s of services) {
    if (s.npi !== undefined && ccmNpis.has(s.npi)) groups.samePractitioner.push(s);
    else if (s.npi === undefined || !isValidNpi(s.npi) || !identified) groups.unknownPractitioner.push(s);
    else groups.differentPractitioner.push(s);
  }
  return groups;
}

function describeServices(services: readonly BilledService[]): string {
  return services.map((s) => `${s.code} (${OVERLAPPING_CARE_MANAGEMENT.get(s.code)}, ${s.date})`).join(', ');
}

/** The services' NPIs, each once, as `show` shows them ("none" for a service without one). */
function npis(services: readonly BilledService[], show: (npi: string) => string = (npi) => npi): string {
  return [...new Set(services.map((s) => s.npi))].map((npi) => (npi === undefined ? 'none' : show(npi))).join(', ');
}

export const incompatibleService = defineRule({
  id: 'incompatible-service',
  code: 'CCM022',
  severity: 'error',
  level: 'month',
  description: 'A care-management service that overlaps CCM (home health or hospice supervision, ESRD monthly, PCM, APCM) is billed in the same patient-month.',
  rationale:
    'The same practitioner may not bill CCM in a month in which they bill home health supervision G0181, hospice supervision G0182 or ESRD ' +
    'monthly services 90951–90970 (R-EXCL-HH-HOSPICE-ESRD), PCM 99424–99427 (R-EXCL-PCM) or APCM G0556–G0558 (R-EXCL-APCM); this ' +
    '"overlapping care management" is what both OIG audits recovered money for (R-OIG-2019, R-OIG-2021), so ccm treats it as blocking ' +
    '(D8), although the home-health/hospice/ESRD bar is confirmed only up to 2019. The same services by a different practitioner are ' +
    'reported as a warning for review. The CCM practitioner is the one billing names (the entries\' one NPI, else billing.defaultNpi); ' +
    'when either NPI is unknown or not a valid NPI the practitioners cannot be told apart, and the conservative reading ' +
    '(same practitioner) is taken. TCM, RPM, general BHI and CoCM may be billed in the same month as CCM (R-EXCL-TCM, R-EXCL-RPM, ' +
    'R-EXCL-BHI, D3) and never trigger this rule.',
  references: ['R-EXCL-HH-HOSPICE-ESRD', 'R-EXCL-PCM', 'R-EXCL-APCM', 'R-EXCL-TCM', 'R-EXCL-RPM', 'R-EXCL-BHI', 'R-OIG-2019', 'R-OIG-2021', 'D3', 'D8'],
  fix: 'Bill either CCM or the overlapping service for the month, not both; if another practitioner billed it, confirm no time was counted for both.',
  options: z.strictObject({}),
  quotedCells: ['npis'],
  messages: {
    samePractitioner: '{services} billed in {month} by the CCM practitioner (NPI {npis}) overlaps CCM; the same practitioner cannot bill both.',
    unknownPractitioner:
      '{services} billed in {month} overlaps CCM, and without a valid NPI on both the service and the CCM entries the practitioners cannot be told apart; treated as the same practitioner.',
    differentPractitioner:
      '{services} billed in {month} by another practitioner (NPI {npis}) overlaps CCM; allowed for a different practitioner, but review that no time is counted for both.',
  },
  check({ model, defaultNpi, report }) {
    // Without billed services there is nothing to compare (and no key to build per patient-month).
    if (model.servicesByPatientMonth.size === 0) return;
    for (const pm of model.patientMonths) {
      const services = (model.servicesByPatientMonth.get(patientMonthKey(pm.patientId, pm.month)) ?? []).filter((s) => OVERLAPPING_CARE_MANAGEMENT.has(s.code));
      const firstEntry = pm.entries[0];
      if (services.length === 0 || firstEntry === undefined) continue;
      const groups = byPractitioner(pm, services, defaultNpi);
      for (const messageId of ['samePractitioner', 'unknownPractitioner', 'differentPractitioner'] as const) {
        const list = groups[messageId];
        if (list.length === 0) continue;
        report({
          messageId,
          data: { services: describeServices(list), month: pm.month, npis: npis(list) },
          redactedData: { npis: npis(list, publicNpi) },
          patientId: pm.patientId,
          month: pm.month,
          sources: [...list.map((s) => s.source), sourceOf(firstEntry)],
          ...(messageId === 'differentPractitioner' ? { maxSeverity: 'warning' as const } : {}),
        });
      }
    }
  },
});
