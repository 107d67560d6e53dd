import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CLAIMS_COLUMNS, EXCEPTIONS_COLUMNS, csvField, renderClaimsCsv, renderExceptionsCsv } from '../../src/report/csv.js';
import { escapeCsvText } from '../../src/report/escape.js';
import { HYPERLINK_NOTE, QUOTED_NOTE, TAB_NOTE, sampleResult, sampleResultThresholdMet } from './sample-result.js';

function records(text: string): Record<string, string>[] {
  return parse(text, { bom: true, columns: true, record_delimiter: '\r\n' }) as Record<string, string>[];
}

describe('CSV framing', () => {
  for (const [name, render] of [
    ['claims.csv', renderClaimsCsv],
    ['exceptions.csv', renderExceptionsCsv],
  ] as const) {
    it(`${name}: UTF-8 BOM, CRLF after every record, no bare LF outside quotes`, () => {
      const text = render(sampleResult());
      expect(text.startsWith('\uFEFF')).toBe(true);
      expect(text.endsWith('\r\n')).toBe(true);
      expect(text.endsWith('\r\n\r\n')).toBe(false);
      // Strip quoted fields: what is left must use CRLF only.
      const unquoted = text.replace(/"(?:[^"]|"")*"/g, '""');
      expect(unquoted.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    });
  }
});

describe('renderClaimsCsv', () => {
  const text = renderClaimsCsv(sampleResult());
  const rows = records(text);

  it('has the documented header, with one column per diagnosis (icd1…icd12)', () => {
    expect(text.slice(1, text.indexOf('\r\n')).split(',')).toEqual([...CLAIMS_COLUMNS]);
    expect(CLAIMS_COLUMNS.filter((c) => /^icd\d+$/.test(c))).toHaveLength(12);
  });

  it('has one row per claim line of billable patient-months only', () => {
    expect(rows.map((r) => [r.patient_id, r.code, r.units])).toEqual([
      ['00123', '99490', '1'],
      ['00123', '99439', '1'],
    ]);
  });

  it('carries the claim fields as they are, leading zeros included', () => {
    expect(rows[0]).toMatchObject({
      patient_id: '00123',
      mbi: '1EG4TE5MK73',
      month: '2026-10',
      date_of_service: '2026-10-31',
      supported_minutes: '42',
      billing_npi: '1234567893',
      icd1: 'E11.9',
      icd2: 'I10',
      icd3: 'N18.30',
      icd4: '',
      icd12: '',
      place_of_service: '11',
      estimated_payment: '66.13',
    });
    expect(rows[1]!.estimated_payment).toBe('48.00');
  });

  it('supported_minutes is the time the claim\'s family counts, not every supported minute (R-CODE-99491)', () => {
    const result = sampleResult();
    // 90 practitioner minutes and 5 RN minutes: 99491 + 99437 ×2 count the practitioner's 90 only.
    Object.assign(result.patientMonths[0]!, { supportedMinutes: 95, countedMinutes: 90, family: 'practitioner' });
    expect(records(renderClaimsCsv(result)).map((r) => r.supported_minutes)).toEqual(['90', '90']);
  });

  it('date_of_service is each line\'s own: under threshold-met the add-on the day its units were earned (D6)', () => {
    expect(records(renderClaimsCsv(sampleResultThresholdMet())).map((r) => [r.code, r.date_of_service])).toEqual([
      ['99490', '2026-10-08'],
      ['99439', '2026-10-22'],
    ]);
  });

  it('is empty but for the header when nothing is billable', () => {
    const result = sampleResult();
    result.patientMonths = result.patientMonths.filter((pm) => pm.status !== 'billable');
    expect(renderClaimsCsv(result)).toBe(`\uFEFF${CLAIMS_COLUMNS.join(',')}\r\n`);
  });
});

describe('renderExceptionsCsv', () => {
  const result = sampleResult();
  const text = renderExceptionsCsv(result);
  const rows = records(text);
  const byRule = (rule: string) => rows.find((r) => r.rule === rule)!;

  it('has the documented header and one row per finding, in the audit order', () => {
    expect(text.slice(1, text.indexOf('\r\n')).split(',')).toEqual([...EXCEPTIONS_COLUMNS]);
    expect(rows.map((r) => r.fingerprint)).toEqual(result.findings.map((f) => f.fingerprint));
  });

  it('puts the first source row in file/sheet/row and the others in other_rows', () => {
    expect(byRule('duplicate-entry')).toMatchObject({ file: 'export.xlsx', sheet: 'Log', row: '20', other_rows: 'Log!21; extra.csv row 4' });
    expect(byRule('invalid-row')).toMatchObject({ file: 'extra.csv', sheet: '', row: '9', other_rows: '', patient_id: '', month: '' });
  });

  it("shows the first entry's evidence for entry-level findings, none for month-level ones", () => {
    expect(byRule('vague-note')).toMatchObject({ entry_date: '2026-10-09', staff: 'Dana Ruiz', credential: 'RN', minutes: '22' });
    expect(byRule('missing-consent')).toMatchObject({ entry_date: '', staff: '', credential: '', minutes: '', note: '' });
    expect(byRule('complex-candidate').note).toBe('');
  });

  it('neutralizes formulas in every text cell but leaves numbers alone', () => {
    expect(byRule('vague-note').note).toBe(`'${HYPERLINK_NOTE}`);
    expect(byRule('non-clinical-staff')).toMatchObject({ staff: "'@SUM(A1)", credential: "'+1", note: `'${TAB_NOTE}`, minutes: '10' });
    expect(byRule('invalid-minutes')).toMatchObject({ minutes: "'-2+3", staff: "'\rNurse Kim" });
    expect(byRule('invalid-row').message).toMatch(/^'@SUM\(A1\)/);
  });

  it("puts a ' after a separator a formula follows, so a ';'-locale spreadsheet keeps that part text (OWASP)", () => {
    const semicolons = sampleResult();
    for (const entry of semicolons.entries) entry.note = 'Called pt;=2+5;ok';
    const note = records(renderExceptionsCsv(semicolons)).find((r) => r.rule === 'vague-note')!.note;
    expect(note).toBe("Called pt;'=2+5;ok");
  });

  it('quotes fields with quotes, commas and line breaks (RFC 4180)', () => {
    expect(byRule('invalid-minutes').note).toBe(QUOTED_NOTE);
    expect(text).toContain('"Reviewed meds, ""adjusted"" dose,\nfollow-up in 2 weeks"');
    expect(text).toContain(`"'\rNurse Kim"`);
    expect(text).toContain(',Dana Ruiz,');
  });
});

describe('cells made once and reused from line to line', () => {
  const result = sampleResult();

  it("claims.csv: each line's patient id, MBI and payment, however they vary from month to month", () => {
    const months = result.patientMonths.filter((pm) => pm.status === 'billable' && pm.lines.length > 0);
    const pick = fc.record({
      i: fc.nat(months.length - 1),
      patientId: fc.constantFrom('P-1', 'P-2', '0042', 'x,y'),
      mbi: fc.option(fc.constantFrom('1EG4TE5MK73', '=2+5', '1EG4TE5MK73')),
      amount: fc.constantFrom(0, -0, 48, 60.49, 1234.5),
    });
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 8 }), (picks) => {
        const varied = picks.map(({ i, amount, ...cells }) => ({ ...months[i]!, ...cells, lines: months[i]!.lines.map((l) => ({ ...l, estimatedPayment: amount })) }));
        const rows = records(renderClaimsCsv({ ...result, patientMonths: varied }));
        const expected = varied.flatMap((pm) => pm.lines.map((l) => [pm.patientId, pm.mbi === null ? '' : escapeCsvText(pm.mbi), l.estimatedPayment.toFixed(2)]));
        expect(rows.map((r) => [r.patient_id, r.mbi, r.estimated_payment])).toEqual(expected);
      }),
    );
  });

  it("exceptions.csv: each finding's severity, rule, code and patient id, however they vary from finding to finding", () => {
    const findings = result.findings;
    const pick = fc.record({
      i: fc.nat(findings.length - 1),
      severity: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
      code: fc.constantFrom('CCM001', 'CCM002', 'A,B'),
      patientId: fc.option(fc.constantFrom('P-1', 'P-2', '0042', 'x,y')),
    });
    fc.assert(
      fc.property(fc.array(pick, { maxLength: 8 }), (picks) => {
        const varied = picks.map(({ i, ...cells }) => ({ ...findings[i]!, ...cells }));
        const rows = records(renderExceptionsCsv({ ...result, findings: varied }));
        expect(rows.map((r) => [r.severity, r.rule, r.code, r.patient_id])).toEqual(varied.map((f) => [f.severity, f.rule, f.code, f.patientId ?? '']));
      }),
    );
  });
});

describe('csvField', () => {
  /** Every text cell as the writer escaped it before its fast path: formula escape, then RFC 4180 quoting. */
  const reference = (text: string) => {
    const escaped = escapeCsvText(text);
    return /[",\r\n]/.test(escaped) ? `"${escaped.replace(/"/g, '""')}"` : escaped;
  };

  it('escapes and quotes text as escapeCsvText and RFC 4180 quoting do, with or without separators', () => {
    const unit = fc.constantFrom(';', ',', '\t', '\r', '\n', '"', '=', '+', '-', '@', "'", ' ', 'a', '1', 'é');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 12 }), fc.string()), (text) => {
        expect(csvField(text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('writes numbers as numbers and null as an empty cell', () => {
    expect([csvField(-2), csvField(48), csvField(null)]).toEqual(['-2', '48', '']);
  });
});
