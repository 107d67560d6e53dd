import { z } from 'zod';
import type { AuditModel, PatientMonthRef } from '../model/build.js';
import { sourceOf, type TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { SEVERAL_MBIS, entriesByMbi, soleMbi } from './mbi.js';
import { describeRows, isAuditedEntry } from './util.js';

/** A patient-month's entries that carry one MBI. */
interface Holder {
  readonly pm: PatientMonthRef;
  readonly entries: readonly TimeEntry[];
}

/**
 * Patients whose audited entries carry an MBI that another patient's carry too, in any month: the only ones
 * whose months can share a beneficiary. One pass over the log in its own order: reading each patient-month's
 * entries, scattered through a million rows, was most of the rule's ~320 ms, for months that nearly never
 * share an MBI. Malformed MBIs are let through here; the month-by-month test leaves them out.
 */
function patientsSharingAnMbi(model: AuditModel): Set<string> {
  const firstPatient = new Map<string, string>();
  const sharing = new Set<string>();
  for (const e of model.entries) {
    if (e.mbi === undefined || !isAuditedEntry(model, e)) continue;
    const first = firstPatient.get(e.mbi);
    if (first === undefined) firstPatient.set(e.mbi, e.patientId);
    else if (first !== e.patientId) sharing.add(first).add(e.patientId);
  }
  return sharing;
}

export const duplicateBeneficiary = defineRule({
  id: 'duplicate-beneficiary',
  code: 'CCM029',
  severity: 'error',
  level: 'month',
  description: 'The same MBI is on the CCM entries of two or more patient ids in one month: one beneficiary charted twice.',
  rationale:
    'Only one CCM claim can be paid for a beneficiary in a calendar month (R-EXCL-ONE-PRACTITIONER); CCM billed more than once for the ' +
    'same beneficiary-month was the largest overpayment in both OIG audits, by the same provider as well as by different ones (R-OIG-2019, ' +
    'R-OIG-2021). Medicare matches claims by MBI, not by the practice\'s patient id, so two charts of one beneficiary (a duplicate ' +
    'registration, a merge not done) would each get a claim for the month. Every patient-month that shares the MBI is blocked (D1), not ' +
    'only the second: ccm cannot tell which chart is the beneficiary\'s own, and the month\'s time, consent and diagnoses have to be read ' +
    'together once the charts are merged before one claim can go out. MBIs are compared after removing dashes and spaces and ignoring case; ' +
    'a malformed MBI is left to invalid-mbi. The rule runs only when the time log has an MBI column.',
  references: ['R-EXCL-ONE-PRACTITIONER', 'R-OIG-2019', 'R-OIG-2021', 'D1'],
  fix:
    'Merge the duplicate charts (or correct the MBI registered under the wrong patient) in the EHR, then audit the month again so one ' +
    'claim bills the beneficiary\'s combined time.',
  options: z.strictObject({}),
  messages: {
    shared:
      'The MBI on these entries is also on the {month} CCM entries of {patients} ({rows}); one beneficiary charted under two ' +
      'patient ids would be billed CCM twice for the month.',
  },
  check({ model, report }) {
    if (!model.hasMbiColumn) return;
    const sharing = patientsSharingAnMbi(model);
    if (sharing.size === 0) return;
    // Month → MBI → the patient-month (or months) whose CCM entries carry it; a month's entries are split by
    // MBI only where two patient-months share one, which is rare.
    const byMonth = new Map<string, Map<string, PatientMonthRef | PatientMonthRef[]>>();
    for (const pm of model.patientMonths) {
      if (!sharing.has(pm.patientId)) continue;
      const sole = soleMbi(pm.entries);
      if (sole === undefined) continue;
      let byMbi = byMonth.get(pm.month);
      if (!byMbi) byMonth.set(pm.month, (byMbi = new Map()));
      for (const mbi of sole === SEVERAL_MBIS ? entriesByMbi(pm.entries).keys() : [sole]) {
        const held = byMbi.get(mbi);
        if (held === undefined) byMbi.set(mbi, pm);
        else if (Array.isArray(held)) held.push(pm);
        else byMbi.set(mbi, [held, pm]);
      }
    }
    // One finding per patient-month, even when it shares two MBIs with others.
    const shared = new Map<PatientMonthRef, { entries: TimeEntry[]; others: Holder[] }>();
    for (const byMbi of byMonth.values()) {
      for (const [mbi, held] of byMbi) {
        if (!Array.isArray(held)) continue;
        const holders: Holder[] = held.map((pm) => ({ pm, entries: entriesByMbi(pm.entries).get(mbi)! }));
        for (const holder of holders) {
          let found = shared.get(holder.pm);
          if (!found) shared.set(holder.pm, (found = { entries: [], others: [] }));
          found.entries.push(...holder.entries);
          for (const other of holders) if (other !== holder) found.others.push(other);
        }
      }
    }
    for (const pm of model.patientMonths) {
      const found = shared.get(pm);
      if (!found) continue;
      const entries = [...new Set(found.entries)].sort((a, b) => a.id - b.id);
      const patients = [...new Set(found.others.map((o) => o.pm.patientId))];
      const otherEntries = [...new Set(found.others.flatMap((o) => o.entries))].sort((a, b) => a.id - b.id);
      report({
        messageId: 'shared',
        data: {
          month: pm.month,
          patients: `${patients.length === 1 ? 'patient' : 'patients'} ${patients.join(', ')}`,
          rows: describeRows(sourceOf(entries[0]!), otherEntries.map(sourceOf)),
        },
        patientId: pm.patientId,
        month: pm.month,
        entries,
      });
    }
  },
});
