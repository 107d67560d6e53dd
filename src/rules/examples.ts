/**
 * Examples for each rule's docs page and `ccm explain`: situations the rule reports and ones it accepts. Kept
 * apart from the rule modules so rule code stays about checking; the registry test requires an entry per rule.
 */
export interface RuleExamples {
  flagged: readonly string[];
  passes: readonly string[];
}

export const RULE_EXAMPLES: Readonly<Record<string, RuleExamples>> = {
  'invalid-row': {
    flagged: ['A time-log row whose DOS is "13/45/2026".', 'A diagnosis row with an empty MRN.'],
    passes: ['Every row has a patient id, a readable date and readable clock times.'],
  },
  'duplicate-entry': {
    flagged: ['Two rows for patient 1001 on 10/05/2026 by Nina Reyes RN, 09:00, 20 minutes, with the same note.'],
    passes: ['Two calls the same day with different start times or notes.'],
  },
  'invalid-minutes': {
    flagged: ['Minutes "twenty".', 'Minutes 0 or -5.', 'Minutes 480 in one entry (default limit 240).', 'No minutes and no start/stop times.'],
    passes: ['Minutes 25.', 'Empty minutes with Start Time 09:00 and End Time 09:25 (25 minutes from the clock).'],
  },
  'minutes-mismatch': {
    flagged: ['Minutes 30 with 09:00–09:15.'],
    passes: ['Minutes 15 with 09:00–09:15.', 'Minutes 16 with 09:00–09:15 (within the 1-minute tolerance).'],
  },
  'future-date': {
    flagged: ['An entry dated 12/02/2026 in an audit run on 2026-11-15.'],
    passes: ['An entry dated on or before the audit date.'],
  },
  'date-outside-period': {
    flagged: ['With --month 2026-10, a CCM entry dated 09/30/2026.', 'With --month 2026-10, a patient\'s 14 CCM entries of September 2026 in a year-to-date export (one finding naming the rows).'],
    passes: ['With --month 2026-10, every CCM entry dated in October 2026.', 'Any entry when no --month is given.'],
  },
  'missing-staff': {
    flagged: ['An entry with no staff name.', 'Staff "Nina Reyes" with no credential.', 'Credential "Care Navigator" not in the built-in table or the config `credentials` map.'],
    passes: ['Staff "Nina Reyes", credential "RN".', 'Credential "Care Navigator" mapped to "clinical-staff" in ccm.config.json.'],
  },
  'non-clinical-staff-time': {
    flagged: ['A CCM entry by "Front Desk" staff or a billing specialist.'],
    passes: ['A CCM entry by an RN, LPN, MA or the billing practitioner.'],
  },
  'overlapping-time': {
    flagged: ['Nina Reyes RN: 09:00–09:30 for patient 1001 and 09:15–09:40 for patient 1002 on the same day.', 'A CCM call 10:00–10:30 during a TCM call 10:10–10:40 by the same nurse.'],
    passes: ['09:00–09:20 and 09:20–09:40 (touching, not overlapping).', 'Entries without start and stop times.'],
  },
  'excessive-daily-minutes': {
    flagged: ['One nurse logs 650 minutes on one day across CCM and RPM (default limit 600).'],
    passes: ['One nurse logs 420 minutes in a day.'],
  },
  'vague-note': {
    flagged: ['"CCM call - 20 min"', '"20 minutes"', '"Spoke with pt"', '"Left message"', '"f/u BP"', 'An empty note.'],
    passes: ['"Reviewed home BP log 150s-160s; called pt re amlodipine dose; pt reports dizziness resolved; updated care plan goal"'],
  },
  'cloned-note': {
    flagged: [
      'The note "Reviewed care plan with patient, all goals on track, meds unchanged" on entries of patients 1001 and 1002.',
      'The same 40-character note for patient 1001 in September and in October.',
    ],
    passes: ['Notes that name this month\'s readings, changes and results.', 'The same short note ("BP check") on several rows (vague-note judges short notes).'],
  },
  'service-before-consent': {
    flagged: [
      'Consent dated 10/12/2026 and a CCM entry on 10/05/2026.',
      'Consent revoked on 08/10/2026, given again on 10/20/2026, and a CCM entry on 10/12/2026.',
      'Consent accepted on 01/15/2026, "Patient declined" on 06/01/2026, accepted again on 10/20/2026, and a CCM entry on 10/12/2026.',
    ],
    passes: ['Consent dated 10/12/2026 and a CCM entry on 10/12/2026 (the same day).', 'Consent revoked on 10/05/2026 and a CCM entry on 10/20/2026 (revocation ends the consent at the month\'s end).'],
  },
  'missing-consent': {
    flagged: [
      'No consent record for the patient (or no consents export at all).',
      'Only a declined consent ("Declined", "Refused CCM", "Not interested", "Opted out of CCM").',
      'Only a consent with status "Pending" or "Awaiting signature", or a status ccm cannot read ("Enrolled", unless `consentStatuses` classifies it).',
      'Consent dated 11/03/2026 for October time.',
      'Consent revoked on 08/20/2026 for October time.',
      'Consent accepted 03/01/2026 and declined 06/01/2026 (the patient stopping CCM), for October time.',
    ],
    passes: ['Consent dated 01/15/2026 and never revoked.', 'Consent revoked on 10/20/2026: October is still covered (revocation takes effect at month end).'],
  },
  'insufficient-chronic-conditions': {
    flagged: [
      'Only E11.9 and E11.65 (one condition: diabetes, E11).',
      'I10 plus J06.9 (an acute infection, not chronic).',
      'E11.9 plus I50.9 resolved 08/01/2026, for October.',
      'E11.9 plus I10 with status "History of", "Not active" or "In remission".',
      'E11.9 plus I10 with a status ccm cannot read ("See note"): not counted, and the message quotes it.',
    ],
    passes: ['E11.9 and I10 active in the month.', 'E11.9 plus a payer-listed code in `additionalChronicCodes`.'],
  },
  'invalid-icd10': {
    flagged: ['Diagnosis code "250.00" (an ICD-9 code).', 'Diagnosis code "Diabetes".'],
    passes: ['Diagnosis code "E11.9".'],
  },
  'unknown-diagnosis-code': {
    flagged: ['"E11.99" (not in the code set: a typo).', '"N18.3" (a category header: use N18.30, N18.31 or N18.32).'],
    passes: ['"N18.30", "E11.9", "I10".'],
  },
  'missing-care-plan': {
    flagged: ['A care-plan export without a plan for the patient.', 'The first care plan dated 11/05/2026 for October time.'],
    passes: ['A care plan dated 03/02/2026 for October time.', 'Any month when no care-plan export is given.'],
  },
  'invalid-npi': {
    flagged: ['Billing NPI "123456789" (9 digits).', 'Billing NPI "1234567890" (check digit fails).'],
    passes: ['Billing NPI "1234567893".', 'No NPI on the entry.'],
  },
  'invalid-mbi': {
    flagged: ['MBI "1EG4-TE5-MK7" (10 characters).', 'MBI "1SG4TE5MK73" (S is never used).', 'An empty MBI cell.'],
    passes: ['MBI "1EG4-TE5-MK73".', 'Any entry when the time log has no MBI column.'],
  },
  'multiple-billing-practitioners': {
    flagged: ['October entries for patient 1001 under NPIs 1234567893 and 1245319599.', 'October entries under NPI 1234567893 while the billed services show 99490 for October under NPI 1245319599.'],
    passes: ['Every October entry of the patient under NPI 1234567893.', 'October\'s 99490 billed under the entries\' NPI, or without an NPI.'],
  },
  'incompatible-service': {
    flagged: ['G0181 billed in October by the CCM practitioner\'s NPI (error).', 'G0181 billed in October by another NPI (warning for review).', '99426 (PCM) billed in the same month without an NPI.'],
    passes: ['TCM 99495 and RPM 99457 billed in the same month as CCM.'],
  },
  'under-threshold': {
    flagged: ['19 supported minutes in the month.', '25 minutes logged, of which 10 are on an entry with a vague note.'],
    passes: ['20, 39, 40, 59 or 60 supported minutes.', 'A month whose only entry has unreadable minutes (left to invalid-minutes).'],
  },
  'unsupported-code': {
    flagged: ['99490 billed with 19 supported minutes.', '99490 + 99439 billed with 39 supported minutes.', '99439 ×3 billed.', '99490 and 99491 billed in one month.', '99487 billed with no entry marked complex.'],
    passes: ['99490 + 99439 billed with 40 supported minutes.', '99490 + 99439 ×2 billed with 60 supported minutes.'],
  },
  'missed-revenue': {
    flagged: ['99490 billed alone with 45 supported minutes (99439 ×1 not billed).', '99491 billed for 30 practitioner minutes in a month that also has 40 staff minutes (99490 + 99439 ×2 pays more).'],
    passes: ['99490 + 99439 billed with 40 supported minutes.', 'Months without billed CCM codes in the services export.'],
  },
  'consent-other-practitioner': {
    flagged: ['A consent recorded under NPI 1234567893 and October entries billing under NPI 1245319599.'],
    passes: ['A consent under the NPI the entries bill under.', 'A consent with no NPI recorded.', 'A second consent, under the new NPI, covering October.'],
  },
  'multiple-practitioners-time': {
    flagged: ['October: Dr. Adams (MD) 45 minutes and Dr. Brown (DO) 45 minutes for patient 1001; 99491 counts Dr. Adams\'s 45 only, and the month bills 99490 + 99439 ×2 from all 90.'],
    passes: ['October: Dr. Adams 30 minutes and RN Nina Reyes 25 minutes.', '"Dr. Adams" and "dr.  adams" (one person written two ways).'],
  },
  'unknown-program': {
    flagged: ['Two October entries of 25 minutes each under program "Care Management".', 'An entry under program "CCM/TCM", which names two programs.'],
    passes: ['Entries under "CCM", "Chronic Care Management (CCM)" or "CCM 99490".', 'Entries under "TCM" or "RPM" (other programs\' time, D3).', 'A label classified in the config\'s `programs` map.'],
  },
  'unknown-entry-status': {
    flagged: [
      'Two October entries of 25 minutes each with entry status "Draft" (or "Open", "Unsigned", "Pending review").',
      'An entry with a status of the practice\'s own ("QA hold"), unless `entryStatuses` classifies it.',
    ],
    passes: [
      'Entries with no status, or a finished one: "Completed", "Signed", "Finalized", "Closed", "Approved", "Billed", "Submitted", "Locked", "Ready to bill".',
      'Entries marked "Deleted", "Voided", "Duplicate", "Entered in wrong chart", "Do not bill" or "Not billable": left out of the log, as withdrawn.',
      'Entries of another program (TCM, RPM), whose time never counts toward CCM (D3).',
    ],
  },
  'conflicting-copies': {
    flagged: [
      'Last month\'s export (run 10/02) and this month\'s both hold the 10/01 entry of one nurse with the same note, 20 minutes in one and 25 in the other.',
      'The same entry with 20 minutes in one export and 20 minutes from 09:00 in another (a clock time in one only).',
    ],
    passes: [
      'The same entry in two exports, identical (duplicate-entry drops the copy).',
      'Two entries of one day with one templated note in one export (cloned-note judges them).',
      'Two entries with the same note in two exports at 09:00 and 14:00 (two activities), or at the same time (overlapping-time).',
    ],
  },
  'duplicate-beneficiary': {
    flagged: ['October entries of patients 2006 (MBI "6EG4TE5MK73") and 2007 (MBI "6EG4-TE5-MK73"): both months, each naming the other.'],
    passes: ['The same MBI under patient 2006 in September and under patient 2007 in October.', 'A malformed or empty MBI (left to invalid-mbi).', 'Any month when the time log has no MBI column.'],
  },
  'multiple-mbis': {
    flagged: ['October entries of patient 2008 with MBI "7EG4TE5MK73" on 10/03/2026 and "8EG4TE5MK73" on 10/20/2026.'],
    passes: ['"6EG4TE5MK73" and "6EG4-TE5-MK73" (one MBI written two ways).', 'One MBI in October and another in November.', 'A valid MBI and a malformed one (left to invalid-mbi).'],
  },
  'claim-over-mue': {
    flagged: ['Dr. Park (MD) logged 120 minutes for patient 3001 in October: 99491 + 99437 ×3, above 99437\'s reported MUE of 2.', '390 complex CCM minutes for patient 3003: 99487 + 99489 ×11, above 99489\'s reported MUE of 10.'],
    passes: ['119 practitioner minutes (99437 ×2).', '200 clinical-staff minutes (99439 stops at its cap of 2).', 'A month already billed (unsupported-code checks its units).'],
  },
  'held-by-invalid-row': {
    flagged: [
      'A billed-services row of patient 3002 dated 10/31/2026 with CPT Code "99490/99439": October is held.',
      'A billed-services row dated "2026-10" (a month, not a date) with CPT Code 99490: October is held.',
      'A billed-services row dated "soon" with CPT Code 99490: every audited month of the patient is held.',
      'Consent accepted 01/10/2025 and a "Declined" row dated "09/31/2026": September and every later month are held (a day September lacks still names its month).',
      'A billed-services row of PCM 99426 dated 10/31/2026 with Units "one": October is held (overlapping care management, D8).',
    ],
    passes: [
      'A billed-services row of code 99213 with Units "abc" (not CCM; invalid-row alone).',
      'An "Accepted" consent row dated "sometime in spring" (an acceptance left out can only leave a month without consent: missing-consent).',
      'An unreadable row without a patient id (invalid-row alone: no patient to hold).',
    ],
  },
  'concurrent-staff-time': {
    flagged: [
      'Patient 6001 on 10/05/2026: Rita Nurse RN 09:00–09:30 and Dr Adams MD 09:00–09:30, one care conference logged by both (the second row does not count).',
      'Patient 6003: an RN\'s call 09:00–09:20 and a pharmacist\'s medication review 09:10–09:30 (the overlapping minutes would count twice).',
    ],
    passes: [
      'An RN 09:00–09:20 and the physician 09:20–09:40 for the same patient (touching, not overlapping).',
      'Two staff members at the same clock times for two different patients.',
      'Entries without start and stop times.',
    ],
  },
  'id-leading-zeros': {
    flagged: [
      'Time log MRN "001234", billed-services MRN "1234" (opened in Excel): one patient, October already billed; a warning names both.',
      'Patients "0123" and "123" both in the time log, October CCM billed only under "123": 0123\'s October is held.',
    ],
    passes: ['MRN "001234" in every export.', 'Ids that are not all digits ("A0012", "A012"): never folded.'],
  },
};
