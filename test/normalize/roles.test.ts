import { describe, expect, it } from 'vitest';
import { classifyCredential, credentialQualifier } from '../../src/normalize/roles.js';

describe('credentials negated or qualified away', () => {
  it.each<[string, string]>([
    // Said outright to be non-clinical: non-clinical, whatever else the cell names.
    ['MA (non-clinical)', 'non-clinical'],
    ['Non-clinical staff', 'non-clinical'],
    ['RN - not clinical', 'non-clinical'],
    ['Nonclinical', 'non-clinical'],
    // A clinical credential negated: no evidence of clinical staff, so unknown (missing-staff reports it).
    ['Non-RN Care Coordinator', 'unknown'],
    ['Not RN', 'unknown'],
    ['Non RN', 'unknown'],
    ['No RN license', 'unknown'],
    // No longer or not yet held: incident-to time needs licensure (R-TIME-STAFF).
    ['Former RN', 'unknown'],
    ['Ex-RN', 'unknown'],
    ['RN (retired)', 'unknown'],
    ['RN - inactive license', 'unknown'],
    ['RN (license expired)', 'unknown'],
    ['LPN - lapsed', 'unknown'],
    ['RN (license pending)', 'unknown'],
    ['RN, awaiting licensure', 'unknown'],
    ['Pre-licensure RN', 'unknown'],
    ['Unlicensed RN', 'unknown'],
    ['RN student', 'unknown'],
    ['CMA trainee', 'unknown'],
    ['LPN in training', 'unknown'],
    ['NP candidate', 'unknown'],
    ['Former MD', 'unknown'],
    ['Not an RN', 'unknown'],
    ['Retired LPN', 'unknown'],
    ['RN inactive', 'unknown'],
    ['RN trainee', 'unknown'],
    ['CMA student', 'unknown'],
    ['RN - license expired', 'unknown'],
    ['NP (credential pending)', 'unknown'],
    ['RN, not licensed', 'unknown'],
    // A qualifier about the job, not the licence: the credential stands ("non-billing" is no billing role either).
    ['RN, Care Manager (non-billing)', 'clinical-staff'],
    ['RN Care Manager - not billing provider', 'clinical-staff'],
    ['LPN, non-supervisory', 'clinical-staff'],
    ['LPN (no longer supervising)', 'clinical-staff'],
    ['RN, not on call', 'clinical-staff'],
    ['RN (no restrictions)', 'clinical-staff'],
    ['LPN - Prior Auth', 'clinical-staff'],
    ['NP (not supervising)', 'practitioner'],
    ['Non-billing RN', 'clinical-staff'],
    // A qualifier takes away only the credential beside it: another one, unqualified, names the role now held.
    ['RN (Former LPN)', 'clinical-staff'],
    ['CMA, formerly LPN', 'clinical-staff'],
    ['LPN, former MA', 'clinical-staff'],
    ['Former LPN, RN', 'clinical-staff'],
    ['Former RN, Care Coordinator', 'unknown'],
    ['Front Desk, former LPN', 'unknown'],
    // "student" qualifies the credential beside it, and is then no role of its own.
    ['LPN (RN student)', 'clinical-staff'],
    ['CMA (LPN student)', 'clinical-staff'],
    ['RN student', 'unknown'],
    ['Nursing student', 'non-clinical'],
    // Alternatives joined by a slash are one group, and a qualifier standing alone is about the person.
    ['Former RN/LPN', 'unknown'],
    ['RN, BSN (license pending)', 'unknown'],
    ['LPN, former MA (retired)', 'unknown'],
    // A qualifier negated is none: the licence is in force.
    ['RN, license active, not expired', 'clinical-staff'],
    ['RN (licensed, not pending)', 'clinical-staff'],
    ['RN - no longer inactive', 'clinical-staff'],
    ['RN, not yet licensed', 'unknown'],
    ['RN (non-student)', 'clinical-staff'],
    ['RN (not a student)', 'clinical-staff'],
    // A non-clinical role named, not negated, still makes the cell unknown.
    ['RN - billing', 'unknown'],
    ['Billing RN', 'unknown'],
    // Legitimate credentials read as before.
    ['RN', 'clinical-staff'],
    ['RN, BSN', 'clinical-staff'],
    ['LPN', 'clinical-staff'],
    ['CMA', 'clinical-staff'],
    ['MA', 'clinical-staff'],
    ['RN Care Manager', 'clinical-staff'],
    ['Care Manager (RN)', 'clinical-staff'],
    ['Jane Doe, MA', 'clinical-staff'],
    ['RN-BC', 'clinical-staff'],
    ['NP', 'practitioner'],
    ['FNP-C', 'practitioner'],
    ['MD, RN', 'practitioner'],
    // Non-clinical titles stay non-clinical; a student of no named credential is non-clinical as before.
    ['Front Desk', 'non-clinical'],
    ['Student', 'non-clinical'],
    ['Nursing student', 'non-clinical'],
    ['Front Desk/MA', 'unknown'],
  ])('%j → %s', (credential, role) => {
    expect(classifyCredential(credential)).toBe(role);
  });

  it('the config still classifies a whole cell over the qualifier words', () => {
    expect(classifyCredential('Former RN', new Map([['formerrn', 'clinical-staff']]))).toBe('clinical-staff');
  });

  it.each<[string, string | undefined]>([
    ['Former RN', 'former'],
    ['Non-RN Care Coordinator', 'non'],
    ['RN - inactive license', 'inactive'],
    ['RN (license pending)', 'pending'],
    ['Former MA', 'former'],
    ['Former RN, Care Coordinator', 'former'],
    ['RN, not yet licensed', 'not yet'],
    ['RN (licensed, not pending)', undefined],
    ['RN, Care Manager (non-billing)', undefined],
    ['RN, not on call', undefined],
    ['LPN - Prior Auth', undefined],
    ['RN, BSN', undefined],
    ['Care Navigator', undefined],
  ])('the qualifier of %j is %j', (credential, qualifier) => {
    expect(credentialQualifier(credential)).toBe(qualifier);
  });
});
