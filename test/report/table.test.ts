import { describe, expect, it } from 'vitest';
import { renderTerminal } from '../../src/report/table.js';
import { FIXES, HYPERLINK_NOTE, QUOTED_NOTE, sampleResult, sampleResultThresholdMet, sampleResultWithClaimAtRisk } from './sample-result.js';

const ANSI = /\u001b\[/;

describe('renderTerminal', () => {
  const plain = renderTerminal(sampleResult(), { color: false, showNotes: false, paths: ['ccm-report/report.json', 'ccm-report/report.xlsx'] });

  it('shows patient-months by status with estimated revenue', () => {
    expect(plain).toMatch(/Ready to bill\s+1\s+\$114\.13/);
    expect(plain).toMatch(/Already billed \(in the services export\)\s+1\s+\$66\.13/);
    expect(plain).toMatch(/Blocked by errors.*\s+1\s+\$66\.13/);
    expect(plain).toMatch(/Not billable.*\s+1\s+\$66\.13/);
    expect(plain).toMatch(/Estimated revenue/);
    expect(plain).toMatch(/estimates/);
  });

  it('says which already-billed months are at risk, apart from the blocked ones', () => {
    expect(plain).not.toContain('at risk');
    const atRisk = renderTerminal(sampleResultWithClaimAtRisk(), { color: false, showNotes: false, paths: [] });
    expect(atRisk).toMatch(/Already billed \(in the services export\)\s+1\s+\$66\.13/);
    expect(atRisk).toMatch(/Blocked by errors.*\s+1\s+\$66\.13/);
    expect(atRisk).toContain('  Billed, at risk: 1 patient-month already billed with an error that disputes the claim sent (about $132.26 billed)');
  });

  it('shows findings by severity and by rule', () => {
    expect(plain).toContain('Findings: 4 errors, 2 warnings, 1 info');
    expect(plain).toMatch(/missing-consent\s+CCM201\s+error\s+1/);
  });

  it('gives a rule whose findings differ in severity a row per severity', () => {
    const result = sampleResult();
    const base = result.findings.find((f) => f.rule === 'missing-consent')!;
    result.findings.push({ ...base, severity: 'warning' }, { ...base, severity: 'warning' });
    result.summary.findingsByRule['missing-consent']! += 2;
    const out = renderTerminal(result, { color: false, showNotes: false, paths: [] });
    expect(out).toMatch(/missing-consent\s+CCM201\s+error\s+1\n\s+missing-consent\s+CCM201\s+warning\s+2\n/);
  });

  it('shows the top fixes with revenue at stake and the fix sentence', () => {
    expect(plain).toMatch(/invalid-minutes\s+1\s+\$66\.13\s+Correct the minutes cell/);
    expect(plain.replace(/\s+/g, ' ')).toContain(FIXES['missing-consent']);
  });

  it('names the sheets it could not read, but not empty ones', () => {
    expect(plain).toContain('Sheets not read');
    expect(plain).toContain('  export.xlsx, sheet "Late entries": no known header row in the first 30 rows\n');
    expect(plain).not.toContain('sheet "Notes"');
  });

  it('lists the paths written', () => {
    expect(plain).toContain('Reports written:\n  ccm-report/report.json\n  ccm-report/report.xlsx\n');
  });

  it('has no colour codes, no trailing blanks and one final newline without colour', () => {
    expect(plain).not.toMatch(ANSI);
    expect(plain).not.toMatch(/ +\n/);
    expect(plain.endsWith('\n')).toBe(true);
    expect(plain.endsWith('\n\n')).toBe(false);
  });

  it('never shows note text unless asked', () => {
    for (const entry of sampleResult().entries.values()) expect(plain).not.toContain(entry.note.trim());
    const withNotes = renderTerminal(sampleResult(), { color: false, showNotes: true, paths: [] });
    expect(withNotes).toContain('note: Reviewed meds, "adjusted" dose, follow-up in 2 weeks');
    expect(withNotes).not.toContain(QUOTED_NOTE);
    expect(withNotes).not.toContain(HYPERLINK_NOTE); // a warning's note: only errors are listed
  });

  it('colours only when asked', () => {
    expect(renderTerminal(sampleResult(), { color: true, showNotes: false, paths: [] })).toMatch(ANSI);
  });

  it('shows input text inert: no escape sequences from the time log reach the terminal', () => {
    const result = sampleResult();
    result.findings.find((f) => f.rule === 'invalid-minutes')!.message = 'Minutes "\u001b[2J" is not a duration.';
    const out = renderTerminal(result, { color: false, showNotes: true, paths: [] });
    expect(out).not.toMatch(ANSI);
    expect(out).toContain('Minutes " [2J" is not a duration.');
  });

  it.each<[string, { noBillingNpi: number; invalidBillingNpi: number; noDiagnoses: number }, (string | RegExp)[]]>([
    ['complete claims: no note', { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 0 }, []],
    [
      'a month without billing NPI: says so, names it and how to supply one',
      { noBillingNpi: 1, invalidBillingNpi: 0, noDiagnoses: 0 },
      ['Claims not ready to send', '1 claim-ready patient-month has no billing NPI (00123 2026-10): add a billing NPI column to the time log, or set billing.defaultNpi in the config'],
    ],
    [
      'a month with an invalid billing NPI: says so, names the month, never the NPI',
      { noBillingNpi: 0, invalidBillingNpi: 1, noDiagnoses: 0 },
      ['Claims not ready to send', '1 claim-ready patient-month has a billing NPI that is not a valid NPI (00123 2026-10): correct it in the time log', 'claims.csv keeps it as written'],
    ],
    [
      'months without diagnoses: the count, the first months, then …',
      { noBillingNpi: 0, invalidBillingNpi: 0, noDiagnoses: 5 },
      ['Claims not ready to send', '5 claim-ready patient-months have no diagnosis code (00123 2026-10, …): give a diagnoses (problem list) export'],
    ],
  ])('claims not ready to send: %s', (_, incomplete, expected) => {
    const result = sampleResult();
    result.summary.incompleteClaims = incomplete;
    if (incomplete.noBillingNpi > 0) result.patientMonths[0]!.billingNpi = null;
    if (incomplete.invalidBillingNpi > 0) result.patientMonths[0]!.billingNpi = '1234567890';
    if (incomplete.noDiagnoses > 0) result.patientMonths[0]!.diagnoses = [];
    const out = renderTerminal(result, { color: false, showNotes: false, paths: [] });
    if (expected.length === 0) expect(out).not.toContain('Claims not ready to send');
    for (const text of expected) expect(out).toContain(text);
    if (incomplete.invalidBillingNpi > 0) expect(out).not.toContain('1234567890');
  });

  it.each([
    ['the day after the month ends: no note', '2026-11-01', false],
    ['the month\'s last day: no note', '2026-10-31', false],
    ['before the month ends: claims dated its last day cannot be sent yet', '2026-10-20', true],
  ])('claims dated after the run date: %s', (_, runDate, noted) => {
    const result = sampleResult();
    result.runDate = runDate;
    const out = renderTerminal(result, { color: false, showNotes: false, paths: [] });
    const note = '1 claim-ready patient-month is dated after the run date 2026-10-20 (00123 2026-10): a claim cannot be sent before its date of service';
    if (noted) expect(out).toContain(note);
    else expect(out).not.toContain('dated after the run date');
  });

  it.each([
    ['the add-on\'s day: no note', '2026-10-22', false],
    ['after the base line\'s day, before the add-on\'s: the claim is not yet due', '2026-10-20', true],
  ])('threshold-met, the latest line date decides: %s', (_, runDate, noted) => {
    const result = sampleResultThresholdMet();
    result.runDate = runDate;
    const out = renderTerminal(result, { color: false, showNotes: false, paths: [] });
    const note = '1 claim-ready patient-month is dated after the run date 2026-10-20 (00123 2026-10): a claim cannot be sent before its date of service; send each claim once its latest line is due';
    if (noted) expect(out).toContain(note);
    else expect(out).not.toContain('dated after the run date');
  });
});
