import { z } from 'zod';
import { billedClaims, ccmServices, serviceNpis } from '../billing/already-billed.js';
import type { PatientMonthRef } from '../model/build.js';
import { sourceOf, type BilledService } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { monthEntryFacts } from './month-entries.js';
import { count, describeRows, publicNpi } from './util.js';

export const multipleBillingPractitioners = defineRule({
  id: 'multiple-billing-practitioners',
  code: 'CCM021',
  severity: 'error',
  level: 'month',
  description: 'A patient-month\'s CCM entries carry two or more billing NPIs, or CCM for the month is billed under another NPI or under two or more.',
  rationale:
    'Only one practitioner can furnish and be paid for CCM for a beneficiary in a calendar month (R-EXCL-ONE-PRACTITIONER); CCM billed more ' +
    'than once for the same beneficiary-month was the largest overpayment in both OIG audits (R-OIG-2019, R-OIG-2021). Entries that name ' +
    'different NPIs mean either two practitioners are billing or the export is wrong; either way the claim is blocked until it is resolved ' +
    '(D1). The same holds when the billed-services export shows CCM codes for the month under another NPI than the one the entries ' +
    'bill under: the month\'s claim would be a second practitioner\'s; and when the entries carry no NPI but CCM for the month is billed ' +
    'under two or more NPIs, two practitioners have billed it. Entries and billed services without an NPI are not counted as another ' +
    'practitioner (a CCM service without an NPI is taken to be the practice\'s own claim, which unsupported-code compares with the ' +
    'minutes).',
  references: ['R-EXCL-ONE-PRACTITIONER', 'R-OIG-2019', 'R-OIG-2021', 'D1'],
  fix:
    'Decide which practitioner bills CCM for the month: correct the NPI on the other entries (or move them to that practitioner\'s ' +
    'program), or do not bill the month when another practitioner\'s CCM claim stands.',
  options: z.strictObject({}),
  quotedCells: ['npis', 'other', 'npi'],
  messages: {
    multiple: 'The CCM entries of {month} carry {count} billing NPIs ({npis}); only one practitioner may bill CCM for a patient-month.',
    billedByOther:
      'CCM for {month} is already billed under NPI {other} ({codes}; {rows}), but the month\'s CCM entries bill under NPI {npi}; only one practitioner may be paid CCM for a patient-month.',
    billedByMany:
      'CCM for {month} is billed under {count} NPIs, {npis} ({rows}); only one practitioner may be paid CCM for a patient-month.',
  },
  check({ model, support, report }) {
    /** Reported with the month's entries and the service rows that show the second practitioner. */
    const reportServices = (
      pm: PatientMonthRef,
      messageId: 'billedByOther' | 'billedByMany',
      services: readonly BilledService[],
      data: Record<string, string | number>,
      redactedData: Record<string, string>,
    ): void => {
      report({
        messageId,
        data: { month: pm.month, rows: describeRows(sourceOf(pm.entries[0]!), services.map((s) => s.source)), ...data },
        redactedData,
        patientId: pm.patientId,
        month: pm.month,
        entries: pm.entries,
        sources: [...pm.entries.map(sourceOf), ...services.map((s) => s.source)],
      });
    };
    const months = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      const pm = model.patientMonths[i]!;
      // Nearly every month has one NPI: look for a second before counting.
      const npi = months.npi[i];
      if (npi) {
        const { others } = billedClaims(model, pm);
        if (others.length > 0) {
          const other = serviceNpis(others);
          reportServices(pm, 'billedByOther', others, { other: other.join(', '), codes: describeServices(others), npi }, { other: other.map(publicNpi).join(', '), npi: publicNpi(npi) });
        }
        continue;
      }
      if (npi === undefined) {
        // No NPI on the entries to compare with, but the services themselves name two practitioners.
        const services = ccmServices(model, pm);
        const npis = serviceNpis(services);
        if (npis.length > 1) {
          const byNpi = (show: (npi: string) => string): string => npis.map((n) => `${show(n)} (${describeServices(services.filter((s) => s.npi === n))})`).join(', ');
          reportServices(pm, 'billedByMany', services.filter((s) => s.npi !== undefined), { count: npis.length, npis: byNpi((n) => n) }, { npis: byNpi(publicNpi) });
        }
        continue;
      }
      const byNpi = new Map<string, number>();
      for (const e of pm.entries) if (e.npi !== undefined) byNpi.set(e.npi, (byNpi.get(e.npi) ?? 0) + 1);
      if (byNpi.size < 2) continue;
      const npis = (show: (npi: string) => string = (npi) => npi): string => [...byNpi].map(([npi, n]) => `${show(npi)}: ${count(n, 'entry', 'entries')}`).join(', ');
      report({
        messageId: 'multiple',
        data: { month: pm.month, count: byNpi.size, npis: npis() },
        redactedData: { npis: npis(publicNpi) },
        patientId: pm.patientId,
        month: pm.month,
        entries: pm.entries,
      });
    }
  },
});

/** "99490, 99439 ×2" */
function describeServices(services: readonly BilledService[]): string {
  return services.map((s) => (s.units === 1 ? s.code : `${s.code} ×${s.units}`)).join(', ');
}
