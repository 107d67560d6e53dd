import { describe, expect, it } from 'vitest';
import type { ConsentStanding } from '../../src/model/schema.js';
import { classifyCarePlanStatus, classifyConsentStatus, classifyDiagnosisStatus, classifyEntryStatus, isRevocationStatus, isVoidClaimStatus, statusKey, type CarePlanStanding, type DiagnosisStanding, type EntryStanding } from '../../src/normalize/statuses.js';

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
    // A checkbox answered no is a negated refusal wherever it stands in the status, beside agreement or alone.
    ['Accepted; declined: no', 'accepted'],
    ['Declined: no, accepted', 'accepted'],
    ['Accepted. Revoked: no', 'accepted'],
    ['Revoked: No', 'accepted'],
    ['Declined: No.', 'accepted'],
    ['Declined (No)', 'accepted'],
    ['Declined: No, pending signature', 'pending'],
    // A checkbox left unanswered says nothing: alone it is unrecognized (missing-consent names it), not a refusal.
    ['Declined: Unknown', 'unrecognized'],
    // A checkbox answered with a placeholder, or not at all, is unanswered too.
    ['Accepted: Yes; Declined: -', 'accepted'],
    ['Accepted: Yes; Declined: None', 'accepted'],
    ['Accepted; Declined:', 'accepted'],
    ['Declined: no response', 'unrecognized'],
    ['Declined: Unknown.', 'unrecognized'],
    ['Declined (unknown)', 'unrecognized'],
    ['Declined: N/A', 'unrecognized'],
    ['Accepted; declined: unknown', 'accepted'],
    // Real refusals stay refusals: "no" before a verb, or in a part of its own, is the answer, not a negation.
    ['No - declined', 'declined'],
    ['No, declined', 'declined'],
    ['Declined: Yes', 'declined'],
    ['Declined - No', 'declined'],
    ['Declined: No; Revoked: Yes', 'declined'],
    ['Accepted. Declined.', 'declined'],
    ['Declined (verbal)', 'declined'],
    ['Declined: 2025-01-10', 'declined'],
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
    ['Accepted. Revoked: no', false],
    ['Declined: No; Revoked: Yes', true],
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

describe('classifyEntryStatus', () => {
  it.each<[string, EntryStanding]>([
    ['Deleted', 'withdrawn'],
    ['DELETED', 'withdrawn'],
    ['Voided', 'withdrawn'],
    ['Void', 'withdrawn'],
    ['Cancelled', 'withdrawn'],
    ['Canceled', 'withdrawn'],
    ['Entered in error', 'withdrawn'],
    ['Entered-in-error', 'withdrawn'],
    ['Erroneous', 'withdrawn'],
    ['Removed', 'withdrawn'],
    ['Retracted', 'withdrawn'],
    ['Voided - wrong patient', 'withdrawn'],
    // Refusals of billing and duplicate markers (explore9 A02): the practice marked the row itself.
    ['DO NOT BILL - duplicate of 10/2', 'withdrawn'],
    // Billing waits for the month, not a refusal of the entry (explore10 A02, A07).
    ['Not billable yet - 20 min not met', 'active'],
    ['Not billable until 20 min', 'active'],
    ['Not yet billable', 'active'],
    ['Pending billing', 'active'],
    ['Awaiting billing', 'active'],
    ['Completed - Pending Billing', 'active'],
    ['Billing pending', 'active'],
    ['Countersigned', 'active'],
    ['Pending (not billable yet)', 'unrecognized'],
    ['Not billable until month end', 'active'],
    // Waiting for something else than the month's time: held, not dropped as a refusal.
    ['Not billable until note signed', 'unrecognized'],
    ['Not billable until signed', 'unrecognized'],
    // The month's time is short: ccm adds it up across exports itself (explore11 A03).
    ['Not Billable - Time Not Met', 'active'],
    ['Not billable - 20 min not met', 'active'],
    ['Not billable - insufficient time', 'active'],
    ['Non-billable - threshold not met', 'active'],
    ['Not billable - wrong patient - time not met', 'withdrawn'],
    ['Not billable - wrong patient', 'withdrawn'],
    ['Do not bill', 'withdrawn'],
    ["Don't bill", 'withdrawn'],
    ['Not billable', 'withdrawn'],
    ['Non-billable', 'withdrawn'],
    ['Nonbillable', 'withdrawn'],
    ['No bill', 'withdrawn'],
    ['No charge', 'withdrawn'],
    ['Not to be billed', 'withdrawn'],
    ['Duplicate', 'withdrawn'],
    ['Dup', 'withdrawn'],
    ['Dupe', 'withdrawn'],
    ['Duplicate entry', 'withdrawn'],
    ['Entered in wrong chart', 'withdrawn'],
    ['Wrong patient', 'withdrawn'],
    ['Signed - duplicate of 10/2', 'withdrawn'],
    ['Completed, do not bill', 'withdrawn'],
    ['Not a duplicate - do not bill', 'withdrawn'],
    // A negated withdrawal keeps the entry, alone or beside a finished status.
    ['Not deleted', 'active'],
    ['Non-void', 'active'],
    ['Un-voided', 'active'],
    ['Undeleted', 'active'],
    ['Not a duplicate', 'active'],
    ['Not duplicate', 'active'],
    ['Duplicate: No', 'active'],
    ['Signed (not a duplicate)', 'active'],
    ['Entry was not entered in error', 'active'],
    // The common statuses of a finished entry count.
    ['Active', 'active'],
    ['Billed', 'active'],
    ['Billable', 'active'],
    ['Approved', 'active'],
    ['Complete', 'active'],
    ['Completed', 'active'],
    ['Signed', 'active'],
    ['Final', 'active'],
    ['Finalized', 'active'],
    ['Closed', 'active'],
    ['Submitted', 'active'],
    ['Done', 'active'],
    ['Reviewed', 'active'],
    ['Locked', 'active'],
    ['Posted', 'active'],
    ['Ready to bill', 'active'],
    ['Unbilled', 'active'],
    ['Not yet billed', 'active'],
    ['Electronically signed', 'active'],
    // Nothing said: no status.
    ['', 'active'],
    ['N/A', 'active'],
    ['-', 'active'],
    // Unfinished, negated or unknown: not read on a guess (unknown-entry-status holds and names them).
    ['Draft', 'unrecognized'],
    ['Pending', 'unrecognized'],
    ['Open', 'unrecognized'],
    ['Unsigned', 'unrecognized'],
    ['Not signed', 'unrecognized'],
    ['Signed - pending review', 'unrecognized'],
    ['In progress', 'unrecognized'],
    ['Billable: No', 'unrecognized'],
    ['Sync error', 'unrecognized'],
    ['Flagged', 'unrecognized'],
    ['QA hold', 'unrecognized'],
    ['See comment', 'unrecognized'],
  ])('%j → %s', (status, expected) => {
    expect(classifyEntryStatus(status)).toBe(expected);
  });

  it('reads a status the config classifies as the config says, whatever its words', () => {
    const configured = new Map<string, EntryStanding>([[statusKey('QA hold'), 'withdrawn'], [statusKey('Open'), 'active']]);
    expect(classifyEntryStatus('QA Hold', configured)).toBe('withdrawn');
    expect(classifyEntryStatus('open', configured)).toBe('active');
    expect(classifyEntryStatus('Draft', configured)).toBe('unrecognized');
  });
});

describe('isVoidClaimStatus', () => {
  // Only a claim the billing system took back frees its month; a denied, pending or unknown one still stands,
  // or the month would be claimed a second time.
  it.each(['Voided', 'VOID', 'Reversed', 'Reversal', 'Cancelled', 'Canceled', 'Deleted', 'Entered in error', 'Paid - reversed', 'Claim voided 11/04'])(
    '%j: void',
    (status) => expect(isVoidClaimStatus(status)).toBe(true),
  );
  it.each([
    'Paid', 'Denied', 'Pending', 'Submitted', 'Rejected', 'Appealed', 'Adjusted', 'Not voided', 'Void: No', 'Open', 'Hold', '',
    // A void asked for, refused or replaced: the month is still billed (explore10 B01).
    'Corrected claim - replaces voided claim', 'Paid - void rejected by payer', 'Void requested', 'Pending void', 'To be voided',
    'Void - In Process', 'Voided/Replaced', 'Void/Rebill', 'Reversed and rebilled', 'Voided - replaced by corrected claim', 'Cancelled - rebilled',
  ])(
    '%j: still billed',
    (status) => expect(isVoidClaimStatus(status)).toBe(false),
  );
});
