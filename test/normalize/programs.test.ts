import { describe, expect, it } from 'vitest';
import { classifyProgram, programQualifier } from '../../src/normalize/programs.js';

describe('CCM labels qualified away', () => {
  it.each<[string, string]>([
    // Before enrolment, refused, withdrawn or struck out: not CCM time, unknown for review.
    ['Pre-CCM', 'unknown'],
    ['Pre CCM outreach', 'unknown'],
    ['CCM - declined', 'unknown'],
    ['CCM (refused)', 'unknown'],
    ['CCM - voided', 'unknown'],
    ['CCM - void', 'unknown'],
    ['CCM - entered in error', 'unknown'],
    ['CCM - cancelled', 'unknown'],
    ['CCM - disenrolled', 'unknown'],
    ['CCM - pending consent', 'unknown'],
    ['Prospective CCM', 'unknown'],
    ['Complex CCM - voided', 'unknown'],
    ['CCM declined', 'unknown'],
    ['CCM (entered in error)', 'unknown'],
    ['Pending CCM', 'unknown'],
    ['CCM pending', 'unknown'],
    ['CCM (inactive)', 'unknown'],
    ['CCM - cancelled by patient', 'unknown'],
    ['CCM - pending enrollment', 'unknown'],
    ['CCM - not enrolled', 'unknown'],
    ['CCM - no consent', 'unknown'],
    ['CCM - not billable', 'unknown'],
    ['CCM - do not bill', 'unknown'],
    ['CCM: No', 'unknown'],
    ['Not CCM time', 'unknown'],
    ['Non-CCM care', 'unknown'],
    // A qualifier about something else than the program: CCM ("not complex" is non-complex CCM).
    ['CCM (not complex)', 'ccm'],
    ['CCM Prior Auth', 'ccm'],
    ['CCM - Pending labs', 'ccm'],
    ['CCM - no show follow-up', 'ccm'],
    ['CCM - Past Due Labs', 'ccm'],
    ['CCM Non-Complex', 'ccm'],
    ['Complex CCM - pending labs', 'complex-ccm'],
    // CCM labels read as before.
    ['CCM', 'ccm'],
    ['Complex CCM', 'complex-ccm'],
    ['non-complex CCM', 'ccm'],
    ['Non-complex CCM', 'ccm'],
    ['CCM - phone', 'ccm'],
    ['CCM - Chronic Care', 'ccm'],
    ['Chronic Care Management (CCM)', 'ccm'],
    ['CCM 99490', 'ccm'],
    ['CCM - Complex', 'complex-ccm'],
    // Another program's time never counts toward CCM: its qualifiers are not read.
    ['TCM - declined', 'tcm'],
    ['Non-CCM', 'other'],
  ])('%j → %s', (text, program) => {
    expect(classifyProgram(text)).toBe(program);
  });

  it('the config still classifies a whole label over the qualifier words', () => {
    expect(classifyProgram('CCM - declined', new Map([['ccmdeclined', 'other' as const]]))).toBe('other');
  });

  it.each<[string, string | undefined]>([
    ['Pre-CCM', 'pre'],
    ['CCM - declined', 'declined'],
    ['CCM - voided', 'voided'],
    ['CCM - phone', undefined],
    ['CCM - pending consent', 'pending'],
    ['CCM - not enrolled', 'not'],
    ['CCM - Pending labs', undefined],
    ['CCM Prior Auth', undefined],
    ['TCM - declined', undefined],
    ['Care Management', undefined],
  ])('the qualifier of %j is %j', (text, qualifier) => {
    expect(programQualifier(text)).toBe(qualifier);
  });
});
