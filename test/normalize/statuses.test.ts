import { describe, expect, it } from 'vitest';
import type { ConsentStanding } from '../../src/model/schema.js';
import { classifyConsentStatus, classifyDiagnosisStatus, isWithdrawnEntryStatus, statusKey, type DiagnosisStanding } from '../../src/normalize/statuses.js';

describe('classifyConsentStatus', () => {
  it.each<[string, ConsentStanding]>([
    ['Accepted', 'accepted'],
    ['accepted', 'accepted'],
    ['Yes', 'accepted'],
    ['Y', 'accepted'],
    ['Consented', 'accepted'],
    ['Consent signed', 'accepted'],
    ['Signed', 'accepted'],
    ['Agreed', 'accepted'],
    ['Obtained', 'accepted'],
    ['Consent given', 'accepted'],
    ['Verbal consent', 'accepted'],
    ['Written consent', 'accepted'],
    ['Consent on file', 'accepted'],
    // "Consent" alone, and how it was given without saying it was, are not agreement.
    ['Verbal', 'unrecognized'],
    ['Consent', 'unrecognized'],
    ['Consent form', 'unrecognized'],
    ['Consent discussed', 'pending'],
    ['Consent needed', 'pending'],
    ['Needs consent', 'pending'],
    ['Consent required', 'pending'],
    ['Consent missing', 'pending'],
    ['Consent expired', 'pending'],
    ['Consent unknown', 'pending'],
    ['Obtain consent', 'pending'],
    ['Unable to consent', 'pending'],
    ['Consent due', 'pending'],
    ['Consent on hold', 'pending'],
    ['Will consent next visit', 'pending'],
    ['Consent lapsed', 'pending'],
    ['Active', 'accepted'],
    ['Opted in', 'accepted'],
    ['Declined', 'declined'],
    ['Decline', 'declined'],
    ['Patient declined', 'declined'],
    ['Declined - verbal', 'declined'],
    ['Refused CCM', 'declined'],
    ['Refused', 'declined'],
    ['Not interested', 'declined'],
    ['Did not consent', 'declined'],
    ['No consent', 'declined'],
    ['Not consented', 'declined'],
    ['Opted out of CCM', 'declined'],
    ['Opted-out', 'declined'],
    ['Revoked', 'declined'],
    ['Withdrawn', 'declined'],
    ['Disenrolled', 'declined'],
    ['Inactive', 'declined'],
    ['No', 'declined'],
    ['N', 'declined'],
    ['false', 'declined'],
    ['Pending', 'pending'],
    ['Awaiting signature', 'pending'],
    ['Sent', 'pending'],
    ['Consent form sent', 'pending'],
    ['Requested', 'pending'],
    ['Unsigned', 'pending'],
    ['In progress', 'pending'],
    ['Not yet signed', 'pending'],
    ['Enrolled', 'unrecognized'],
    ['See chart', 'unrecognized'],
    ['Maybe', 'unrecognized'],
  ])('%j → %s', (status, expected) => {
    expect(classifyConsentStatus(status)).toBe(expected);
  });

  it('lets the config classify statuses, ignoring case and punctuation, over the built-in words', () => {
    const configured = new Map<string, ConsentStanding>([
      [statusKey('Enrolled'), 'accepted'],
      [statusKey('Active - see note'), 'pending'],
    ]);
    expect(classifyConsentStatus('ENROLLED', configured)).toBe('accepted');
    expect(classifyConsentStatus('Active (see note)', configured)).toBe('pending');
    expect(classifyConsentStatus('Refused', configured)).toBe('declined');
  });
});

describe('classifyDiagnosisStatus', () => {
  it.each<[string, DiagnosisStanding]>([
    ['Active', 'active'],
    ['A', 'active'],
    ['Chronic', 'active'],
    ['Current', 'active'],
    ['Ongoing', 'active'],
    ['Stable', 'active'],
    ['Confirmed', 'active'],
    ['Yes', 'active'],
    ['Inactive', 'inactive'],
    ['Not active', 'inactive'],
    ['Not resolved', 'active'],
    ['Never resolved', 'active'],
    ['No longer active', 'inactive'],
    ['Resolved', 'inactive'],
    ['Closed', 'inactive'],
    ['Discontinued', 'inactive'],
    ['D/C', 'inactive'],
    ['History of', 'inactive'],
    ['Historical', 'inactive'],
    ['Hx', 'inactive'],
    ['Ruled out', 'inactive'],
    ['R/O', 'inactive'],
    ['Entered in error', 'inactive'],
    ['Refuted', 'inactive'],
    ['Deleted', 'inactive'],
    ['Remission', 'inactive'],
    ['In remission', 'inactive'],
    ['No', 'inactive'],
    ['Acute', 'unrecognized'],
    ['See note', 'unrecognized'],
    ['Pending', 'unrecognized'],
  ])('%j → %s', (status, expected) => {
    expect(classifyDiagnosisStatus(status)).toBe(expected);
  });
});

describe('isWithdrawnEntryStatus', () => {
  it.each<[string, boolean]>([
    ['Deleted', true],
    ['DELETED', true],
    ['Voided', true],
    ['Void', true],
    ['Cancelled', true],
    ['Canceled', true],
    ['Entered in error', true],
    ['Entered-in-error', true],
    ['Erroneous', true],
    ['Removed', true],
    ['Retracted', true],
    ['Voided - wrong patient', true],
    // A negation, or a status that says nothing of withdrawal, keeps the entry.
    ['Not deleted', false],
    ['Non-void', false],
    ['Un-voided', false],
    ['Undeleted', false],
    ['Active', false],
    ['Billed', false],
    ['Approved', false],
    ['Completed', false],
    ['Sync error', false],
    ['', false],
  ])('%j → %s', (status, expected) => {
    expect(isWithdrawnEntryStatus(status)).toBe(expected);
  });
});
