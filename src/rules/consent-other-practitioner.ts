import { z } from 'zod';
import { claimNpiOf } from '../model/queries.js';
import { sourceOf } from '../model/schema.js';
import { coversMonth, coversPractitioner, datedAcceptances, type DatedConsent } from './consent.js';
import { defineRule } from './define-rule.js';
import { monthEntryFacts } from './month-entries.js';
import { perPatient, publicNpi, rowFrom } from './util.js';

export const consentOtherPractitioner = defineRule({
  id: 'consent-other-practitioner',
  code: 'CCM026',
  severity: 'warning',
  level: 'month',
  description: 'Every consent covering a patient-month names another NPI than the one the month\'s CCM time bills under.',
  rationale:
    'Consent is obtained once, not yearly, but a patient who changes to a new billing practitioner must consent again (R-CONSENT-ONCE). ' +
    'When every consent covering the month names an NPI and none is the NPI the month\'s CCM claim bills under (the entries\' one NPI, else billing.defaultNpi), no consent is documented ' +
    'for the practitioner billing the month. It is a warning for review, not an error that blocks the claim: an export may put the group\'s ' +
    'NPI on consents and the practitioner\'s on time entries, which this check cannot tell from a change of practitioner, and the reference ' +
    'does not list the case among the claim-blocking ones (D1). A consent naming the billing NPI dated within the month settles the ' +
    'month here, and the time logged before it is service-before-consent\'s: an error, since that consent shows when the patient agreed ' +
    'to this practitioner. A consent without an NPI covers any practitioner; a month whose entries ' +
    'carry several NPIs is left to multiple-billing-practitioners, and a month with no consent at all to missing-consent.',
  references: ['R-CONSENT-ONCE', 'D1'],
  fix: 'Obtain and document the patient\'s consent for the practitioner now billing, or correct the NPI on the consent record or the time entries.',
  options: z.strictObject({}),
  quotedCells: ['consentNpi', 'npi'],
  messages: {
    otherPractitioner:
      'The consent covering {month} ({consentRow}) names NPI {consentNpi}, but the month\'s CCM time bills under NPI {npi}; a patient who changes billing practitioner must consent again.',
  },
  check({ model, support, defaultNpi, report }) {
    const acceptancesOf = perPatient((patientId) => {
      const consents = model.consentsByPatient.get(patientId);
      return consents === undefined ? undefined : datedAcceptances(consents);
    });
    const months = monthEntryFacts(model, support);
    for (let i = 0; i < model.patientMonths.length; i++) {
      const pm = model.patientMonths[i]!;
      const acceptances = acceptancesOf(pm.patientId);
      const npi = acceptances === undefined ? undefined : claimNpiOf(months.npi[i], defaultNpi);
      if (acceptances === undefined || !npi) continue;
      // The latest consent covering the month is the one to name; one without an NPI, or with this one, settles it.
      let latest: DatedConsent | undefined;
      let forThisPractitioner = false;
      for (const c of acceptances) {
        if (!coversMonth(c, pm.month)) continue;
        if (coversPractitioner(c, npi)) {
          forThisPractitioner = true;
          break;
        }
        if (latest === undefined || c.date >= latest.date) latest = c;
      }
      if (forThisPractitioner || latest === undefined) continue;
      report({
        messageId: 'otherPractitioner',
        data: { month: pm.month, consentRow: rowFrom(sourceOf(pm.entries[0]!), latest.source), consentNpi: latest.npi!, npi }, // only consents with an NPI get here
        redactedData: { consentNpi: publicNpi(latest.npi!), npi: publicNpi(npi) },
        patientId: pm.patientId,
        month: pm.month,
        entries: pm.entries,
      });
    }
  },
});
