import { describe, expect, it } from 'vitest';
import type { ConsentStanding } from '../../src/model/schema.js';
import { classifyCarePlanStatus, classifyConsentStatus, classifyDiagnosisStatus, isRevocationStatus, isWithdrawnEntryStatus, statusKey, type CarePlanStanding, type DiagnosisStanding } from '../../src/normalize/statuses.js';

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
    // A negated refusal is no refusal: with agreement or nothing else said, it is acceptance.
    ['Not declined', 'accepted'],
    ['Accepted (not declined)', 'accepted'],
    ['Declined: No', 'accepted'],
    ['Refused? N', 'accepted'],
    ['Consented - did not decline', 'accepted'],
    ['Patient has not declined', 'accepted'],
    ['Never refused', 'accepted'],
    ['No refusal', 'accepted'],
    ['Not declined - pending signature', 'pending'],
    ['Not declined - see note', 'unrecognized'],
    // Real refusals stay refusals: "no" before a verb, or in a part of its own, is the answer, not a negation.
    ['No - declined', 'declined'],
    ['No, declined', 'declined'],
    ['Declined: Yes', 'declined'],
    ['Declined - No', 'declined'],
    ['Refused - not interested', 'declined'],
    ['Not declined - later revoked', 'declined'],
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

describe('isRevocationStatus', () => {
  // A refusal after an acceptance ends consent either way; messages say whether the patient revoked or declined.
  it.each<[string, boolean]>([
    ['Revoked', true],
    ['Consent revoked', true],
    ['Revocation', true],
    ['Withdrawn', true],
    ['Patient withdrew consent', true],
    ['Opted out of CCM', true],
    ['Opted-out', true],
    ['Disenrolled', true],
    ['Inactive', true],
    ['Declined', false],
    ['Patient declined', false],
    ['Refused CCM', false],
    ['Not interested', false],
    ['Did not consent', false],
    ['No consent', false],
    ['Accepted', false],
    ['Not revoked - declined', false],
  ])('%j → %s', (status, expected) => {
    expect(isRevocationStatus(status)).toBe(expected);
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

  // Problem-list statuses as EHRs word them (Epic, athena, eCW, NextGen and assessment-style statuses): an
  // active problem described by its course, control or change is active, even when the course is negated.
  it.each<[string, DiagnosisStanding]>([
    ['Active (no change)', 'active'],
    ['Active - No Change', 'active'],
    ['Active; no change', 'active'],
    ['No change', 'active'],
    ['Chronic - no change', 'active'],
    ['Ongoing - no change', 'active'],
    ['Active (no change since last visit)', 'active'],
    ['Unchanged', 'active'],
    ['Active - unchanged', 'active'],
    ['Controlled', 'active'],
    ['Well controlled', 'active'],
    ['Controlled on medication', 'active'],
    ['Not controlled', 'active'],
    ['Not well controlled', 'active'],
    ['Not well-controlled', 'active'],
    ['Never controlled', 'active'],
    ['Not controlled on current regimen', 'active'],
    ['Active, not controlled', 'active'],
    ['Active - not controlled', 'active'],
    ['Uncontrolled', 'active'],
    ['Un-controlled', 'active'],
    ['Active (uncontrolled)', 'active'],
    ['Poorly controlled', 'active'],
    ['Active, poorly controlled', 'active'],
    ['Inadequately controlled', 'active'],
    ['At goal', 'active'],
    ['Not at goal', 'active'],
    ['Active - not at goal', 'active'],
    ['Improving', 'active'],
    ['Improved', 'active'],
    ['Not improved', 'active'],
    ['Not improving', 'active'],
    ['No improvement', 'active'],
    ['Worsening', 'active'],
    ['Worsened', 'active'],
    ['Active - worsening', 'active'],
    ['Chronic, worsening', 'active'],
    ['Uncontrolled - worsening', 'active'],
    ['Chronic, stable', 'active'],
    ['Chronic - stable', 'active'],
    ['Stable on meds', 'active'],
    ['Not stable', 'active'],
    ['Unstable', 'active'],
    ['Active - unstable', 'active'],
    ['Persistent', 'active'],
    ['Active-Chronic', 'active'],
    ['Chronic (active)', 'active'],
    ['Still active', 'active'],
    ['Unresolved', 'active'],
    ['Not yet resolved', 'active'],
    ['Active (not resolved)', 'active'],
    ['Chronic - not resolved', 'active'],
    ['Not in remission', 'active'],
    // Over, negated or never confirmed, whatever course words come with it.
    ['Resolved - no change', 'inactive'],
    ['Not active - no change', 'inactive'],
    ['Inactive (not controlled)', 'inactive'],
    ['History of, not controlled', 'inactive'],
    ['Not current', 'inactive'],
    ['Not chronic', 'inactive'],
    ['Not confirmed', 'inactive'],
    ['Resolved - no longer active', 'inactive'],
    ['In partial remission', 'inactive'],
    ['Problem resolved', 'inactive'],
    ['Suspected', 'inactive'],
    ['Rule out', 'inactive'],
    // Words that do not say whether the problem is there now stay unread, and are named in the finding.
    ['Provisional', 'unrecognized'],
    ['Working diagnosis', 'unrecognized'],
    ['Episodic', 'unrecognized'],
    ['Unknown', 'unrecognized'],
    ['Under treatment', 'unrecognized'],
  ])('problem list %j → %s', (status, expected) => {
    expect(classifyDiagnosisStatus(status)).toBe(expected);
  });
});

describe('care-plan statuses', () => {
  it.each<[string, CarePlanStanding]>([
    ['Established', 'active'],
    ['Active', 'active'],
    ['Reviewed', 'active'],
    ['Reviewed - no changes', 'active'],
    ['Revised', 'active'],
    ['Updated', 'active'],
    ['Monitored', 'active'],
    ['Initial', 'active'],
    ['Discontinued', 'ended'],
    ['D/C', 'ended'],
    ['Closed - patient transferred care', 'ended'],
    ['Inactive', 'ended'],
    ['Not active', 'ended'],
    ['No longer active', 'ended'],
    ['No', 'ended'],
    ['Cancelled', 'ended'],
    ['Patient deceased', 'ended'],
    ['Entered in error', 'ended'],
    ['Draft', 'pending'],
    ['Review due', 'pending'],
    ['Pending signature', 'pending'],
    ['See note', 'unrecognized'],
    ['Completed', 'unrecognized'],
  ])('%j → %s', (status, expected) => {
    expect(classifyCarePlanStatus(status)).toBe(expected);
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
