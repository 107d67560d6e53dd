/**
 * Summaries of the reference rules (ccm-billing-rules.md) and project decisions the rules cite, for
 * `ccm explain` and the docs pages. Confidence as the reference grades it: CONFIRMED-P (official source),
 * CONFIRMED-S (reputable secondary source), UNCONFIRMED; decisions are the project's own.
 */
export interface ReferenceSummary {
  title: string;
  summary: string;
  confidence: 'CONFIRMED-P' | 'CONFIRMED-S' | 'UNCONFIRMED' | 'mixed' | 'decision';
}

export const REFERENCES: Readonly<Record<string, ReferenceSummary>> = {
  'R-CODE-99490': {
    title: '99490, clinical staff CCM',
    summary: 'At least 20 minutes of clinical staff time directed by a physician/QHP per calendar month, for a patient with two or more chronic conditions and a care plan.',
    confidence: 'CONFIRMED-P',
  },
  'R-CODE-99439': {
    title: '99439, each additional 20 minutes',
    summary: 'Each further full 20 minutes of clinical staff time, only with 99490, at most twice per calendar month (60 minutes in all).',
    confidence: 'CONFIRMED-S',
  },
  'R-CODE-99491': {
    title: '99491, CCM by the practitioner',
    summary: 'At least 30 minutes provided personally by the billing physician/QHP; clinical staff time does not count.',
    confidence: 'CONFIRMED-P',
  },
  'R-CODE-99437': {
    title: '99437, each additional 30 practitioner minutes',
    summary: 'Each further full 30 minutes by the physician/QHP, only with 99491; shorter periods are not reported. No frequency cap found.',
    confidence: 'CONFIRMED-S',
  },
  'R-CODE-99487': {
    title: '99487, complex CCM',
    summary: 'First 60 minutes of clinical staff time in a month plus moderate or high complexity decision making; under 60 minutes it is not reported.',
    confidence: 'CONFIRMED-S',
  },
  'R-CODE-99489': {
    title: '99489, each additional 30 complex minutes',
    summary: 'Each further full 30 minutes, only with 99487; no monthly cap found.',
    confidence: 'CONFIRMED-S',
  },
  'R-CODE-MUE': {
    title: 'Medically unlikely edits',
    summary: 'Reported practitioner MUEs, per date of service: 99490 = 1, 99437 = 2, 99489 = 10; 99439 believed 2. Not confirmed against the CMS table.',
    confidence: 'UNCONFIRMED',
  },
  'R-EXCL-ONE-PRACTITIONER': {
    title: 'One practitioner per month',
    summary: 'Only one practitioner can furnish and be paid for CCM for a beneficiary in a calendar month; OIG found patient-months billed by several.',
    confidence: 'CONFIRMED-P',
  },
  'R-EXCL-ONE-CCM-TYPE': {
    title: 'One type of CCM per month',
    summary: '99491 may not be reported in the same month as 99490, 99487 or 99489; complex CCM may not be reported with any other CCM code.',
    confidence: 'CONFIRMED-S',
  },
  'R-EXCL-TCM': {
    title: 'TCM and CCM in the same month',
    summary: 'Allowed since CY2020 (barred 2015–2019), as long as time is not counted toward both.',
    confidence: 'CONFIRMED-S',
  },
  'R-EXCL-HH-HOSPICE-ESRD': {
    title: 'Home health, hospice, ESRD',
    summary: 'The same practitioner may not bill CCM in the same month as G0181, G0182 or ESRD monthly services 90951–90970; published 2015–2019, survival after CY2020 unconfirmed.',
    confidence: 'mixed',
  },
  'R-EXCL-PCM': {
    title: 'PCM and CCM',
    summary: 'PCM and CCM may not be billed by the same practitioner for the same patient and month; a different practitioner may bill PCM.',
    confidence: 'CONFIRMED-S',
  },
  'R-EXCL-APCM': {
    title: 'APCM bundles CCM',
    summary: 'A practitioner billing APCM (G0556–G0558) for a patient-month may not also bill CCM, PCM, TCM and the other bundled codes; whether a different practitioner may is unconfirmed.',
    confidence: 'CONFIRMED-S',
  },
  'R-EXCL-BHI': {
    title: 'BHI and CoCM with CCM',
    summary: 'General BHI (99484) and CoCM (99492–99494) may be billed in the same month as CCM when each one\'s requirements are met and time is not counted twice.',
    confidence: 'CONFIRMED-S',
  },
  'R-EXCL-RPM': {
    title: 'RPM with CCM',
    summary: 'RPM may be billed in the same month as CCM if time is not counted twice (restated in the CY2024 PFS).',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-MONTH': {
    title: 'Calendar-month service period',
    summary: 'The service period is one calendar month; time cannot be pooled across months.',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-STAFF': {
    title: 'Only clinical staff time counts',
    summary: 'Only clinical staff time (CPT definition and incident-to rules) counts; other staff may help, but their time does not count.',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-PRACTITIONER': {
    title: 'Practitioner time counts once',
    summary: 'The billing practitioner\'s own time may count as clinical staff time toward 99490/99439/99487/99489, or toward 99491/99437, not both.',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-SUPERVISION': {
    title: 'General supervision',
    summary: 'Clinical staff CCM is furnished incident-to under general supervision; contracted staff are allowed if incident-to rules are met.',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-NO-DOUBLE': {
    title: 'No double counting',
    summary: 'Minutes counted for CCM may not also be counted for another billed service (TCM, BHI/CoCM, RPM, PCM, an E/M visit).',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-ADDON-FULL': {
    title: 'Full increments for add-ons',
    summary: 'Add-on units need their full increment; the midpoint rule does not apply (99439 needs 40/60 total minutes, 99489 90/120, 99437 60/90).',
    confidence: 'CONFIRMED-S',
  },
  'R-TIME-CONSENT-FIRST': {
    title: 'No time before consent',
    summary: 'Time before consent is obtained should not be counted (a MAC answer; not confirmed as a CMS-wide rule).',
    confidence: 'mixed',
  },
  'R-CONSENT-FORM': {
    title: 'Consent documented before CCM starts',
    summary: 'Consent may be verbal or written and must be documented in the medical record before CCM starts.',
    confidence: 'CONFIRMED-P',
  },
  'R-CONSENT-CONTENT': {
    title: 'What consent covers',
    summary: 'The patient is told about cost sharing, the one-practitioner limit and the right to stop at any time (effective at the end of the calendar month); acceptance or refusal is documented.',
    confidence: 'CONFIRMED-P',
  },
  'R-CONSENT-ONCE': {
    title: 'Consent once',
    summary: 'Consent is obtained once, not annually; a new consent is needed only when the patient changes billing practitioner.',
    confidence: 'CONFIRMED-S',
  },
  'R-CONSENT-ADR': {
    title: 'Consent in every ADR',
    summary: 'Noridian JF requires the patient\'s consent in every Additional Documentation Request response.',
    confidence: 'CONFIRMED-P',
  },
  'R-PLAN-REQUIRED': {
    title: 'Care plan every billed month',
    summary: 'A comprehensive care plan must be established, implemented, revised or monitored in each billed month, given to the patient and shared with the care team.',
    confidence: 'CONFIRMED-P',
  },
  'R-ELIG-CCM': {
    title: 'Two or more chronic conditions',
    summary: 'Two or more chronic conditions expected to last at least 12 months or until death that place the patient at significant risk; CMS publishes no list of qualifying diagnoses.',
    confidence: 'CONFIRMED-P',
  },
  'R-ELIG-COMPLEX': {
    title: 'Complex CCM needs complex decision making',
    summary: '99487/99489 additionally require moderate or high complexity medical decision making by the billing practitioner.',
    confidence: 'CONFIRMED-S',
  },
  'R-ELIG-BILLER': {
    title: 'Who may bill',
    summary: 'Physicians, NPs, PAs, CNSs and CNMs may bill CCM.',
    confidence: 'CONFIRMED-P',
  },
  'R-OIG-2019': {
    title: 'OIG audit A-07-17-05101',
    summary: 'CY2015–16: $640,452 overpaid, mostly CCM billed more than once for a beneficiary-month and CCM billed with overlapping care management by the same physician.',
    confidence: 'CONFIRMED-P',
  },
  'R-OIG-2021': {
    title: 'OIG audit A-07-19-05122',
    summary: 'CY2017–18: $1.9M overpaid on duplicate CCM for the same beneficiary-month and CCM billed with overlapping care management by the same provider.',
    confidence: 'CONFIRMED-P',
  },
  'R-OIG-2026': {
    title: 'OIG work plan OAS-26-09-007',
    summary: 'OIG audit of CCM payments for CY2019–2024 focused on whether billed patients meet the multiple-chronic-conditions requirement.',
    confidence: 'CONFIRMED-P',
  },
  'R-DOC-CHECKLIST': {
    title: 'What medical review expects',
    summary: 'Correct beneficiary, signature, care plan, two or more chronic conditions, total time per month, initiating visit when required, consent; Noridian adds a narrative of need and measurable goals.',
    confidence: 'CONFIRMED-P',
  },
  'R-DOC-ENTRY': {
    title: 'A defensible time entry',
    summary: 'No CMS format exists; a defensible entry has the date, staff name and credential, an activity tied to the care plan, and minutes. Clock times are not required.',
    confidence: 'UNCONFIRMED',
  },
  'R-CLONE-MAC': {
    title: 'Cloned documentation (MACs)',
    summary: 'Entries worded like previous ones or identical between patients lack patient-specific information, misrepresent medical necessity and lead to denial and recoupment.',
    confidence: 'CONFIRMED-P',
  },
  'R-CLONE-OIG': {
    title: 'Copy-paste (OIG)',
    summary: 'OIG found few hospitals with copy-paste policies and contractors unable to detect copied language; it urged guidance and audit logs.',
    confidence: 'CONFIRMED-P',
  },
  'R-CLONE-CCM': {
    title: 'Cloned and generic CCM notes',
    summary: 'Treating identical month-to-month CCM notes or generic "CCM call - 20 min" entries as a denial risk is an inference from the general MAC policy.',
    confidence: 'UNCONFIRMED',
  },
  D1: {
    title: 'Supported time',
    summary: 'Only minutes that would survive review count: an entry-level error makes the entry\'s minutes unsupported; a month-level error blocks the month\'s claim.',
    confidence: 'decision',
  },
  D2: {
    title: 'Duplicates first',
    summary: 'Exact duplicate rows (same patient, date, program, staff, start, minutes and note) are reported once and the copy is dropped before any other rule runs.',
    confidence: 'decision',
  },
  D3: {
    title: 'Other programs\' time',
    summary: 'Minutes logged for TCM, RPM, BHI/CoCM, PCM or other programs never count toward CCM, and their presence in the month is not by itself an exception.',
    confidence: 'decision',
  },
  D4: {
    title: 'One code family per month',
    summary: 'Each month bills one family (non-complex, complex when marked, or practitioner-personal), the compliant one with the highest estimated payment; practitioner minutes count toward one family only.',
    confidence: 'decision',
  },
  D5: {
    title: 'Full increments',
    summary: 'Add-on units need their full increment; 99439 at most twice a month.',
    confidence: 'decision',
  },
  D7: {
    title: 'Unconfirmed rules are warnings',
    summary: 'Rules the reference leaves unconfirmed are warnings, never claim-blocking errors, until confirmed.',
    confidence: 'decision',
  },
  D8: {
    title: 'Overlapping care management',
    summary: 'CCM by the same practitioner in a month with G0181, G0182, 90951–90970, PCM or APCM blocks the claim; the same services by a different practitioner are a warning for review.',
    confidence: 'decision',
  },
};
