import { claimOverMue } from './claim-over-mue.js';
import { clonedNote } from './cloned-note.js';
import { conflictingCopies } from './conflicting-copies.js';
import { concurrentStaffTime } from './concurrent-staff-time.js';
import { consentOtherPractitioner } from './consent-other-practitioner.js';
import { dateOutsidePeriod } from './date-outside-period.js';
import { duplicateBeneficiary } from './duplicate-beneficiary.js';
import { duplicateEntry } from './duplicate-entry.js';
import { excessiveDailyMinutes } from './excessive-daily-minutes.js';
import { futureDate } from './future-date.js';
import { idLeadingZeros } from './id-leading-zeros.js';
import { heldByInvalidRow } from './held-by-invalid-row.js';
import { incompatibleService } from './incompatible-service.js';
import { insufficientChronicConditions } from './insufficient-chronic-conditions.js';
import { invalidIcd10 } from './invalid-icd10.js';
import { invalidMbi } from './invalid-mbi.js';
import { invalidMinutes } from './invalid-minutes.js';
import { invalidNpi } from './invalid-npi.js';
import { invalidRow } from './invalid-row.js';
import { minutesMismatch } from './minutes-mismatch.js';
import { missedRevenue } from './missed-revenue.js';
import { missingCarePlan } from './missing-care-plan.js';
import { missingConsent } from './missing-consent.js';
import { missingStaff } from './missing-staff.js';
import { multipleBillingPractitioners } from './multiple-billing-practitioners.js';
import { multipleMbis } from './multiple-mbis.js';
import { multiplePractitionersTime } from './multiple-practitioners-time.js';
import { nonClinicalStaffTime } from './non-clinical-staff-time.js';
import { overlappingTime } from './overlapping-time.js';
import { serviceBeforeConsent } from './service-before-consent.js';
import type { AnyRule } from './types.js';
import { underThreshold } from './under-threshold.js';
import { unknownDiagnosisCode } from './unknown-diagnosis-code.js';
import { unknownEntryStatus } from './unknown-entry-status.js';
import { unknownProgram } from './unknown-program.js';
import { unsupportedCode } from './unsupported-code.js';
import { vagueNote } from './vague-note.js';

/**
 * Every rule, in the order `ccm rules` lists them: input integrity, staff and time, documentation, consent,
 * eligibility, care plan, identifiers, then billing; rules added since come last, with the next code. Codes
 * follow this order and are never reused: a retired rule keeps its code as a comment here. The engine runs
 * entry rules before month rules whatever the order.
 */
export const RULES: readonly AnyRule[] = [
  invalidRow, // CCM001
  duplicateEntry, // CCM002
  invalidMinutes, // CCM003
  minutesMismatch, // CCM004
  futureDate, // CCM005
  dateOutsidePeriod, // CCM006
  missingStaff, // CCM007
  nonClinicalStaffTime, // CCM008
  overlappingTime, // CCM009
  excessiveDailyMinutes, // CCM010
  vagueNote, // CCM011
  clonedNote, // CCM012
  serviceBeforeConsent, // CCM013
  missingConsent, // CCM014
  insufficientChronicConditions, // CCM015
  invalidIcd10, // CCM016
  unknownDiagnosisCode, // CCM017
  missingCarePlan, // CCM018
  invalidNpi, // CCM019
  invalidMbi, // CCM020
  multipleBillingPractitioners, // CCM021
  incompatibleService, // CCM022
  underThreshold, // CCM023
  unsupportedCode, // CCM024
  missedRevenue, // CCM025
  consentOtherPractitioner, // CCM026
  multiplePractitionersTime, // CCM027
  unknownProgram, // CCM028
  duplicateBeneficiary, // CCM029
  multipleMbis, // CCM030
  claimOverMue, // CCM031
  heldByInvalidRow, // CCM032
  unknownEntryStatus, // CCM033
  conflictingCopies, // CCM034
  idLeadingZeros, // CCM035
  concurrentStaffTime, // CCM036
];

