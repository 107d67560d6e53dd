/**
 * End-to-end checks of cell values whose words or characters take away what they seem to say: a clinical
 * credential negated, a CCM label voided, a patient id with a zero-width space.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ccm, tempDir } from '../helpers/cli.js';

const NOTE = 'Reviewed insulin titration and podiatry referral arrangements with patient';

function write(dir: string, name: string, lines: readonly string[]): string {
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** claims.csv and exceptions.csv as rows of their columns, by header. */
function readCsv(path: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split(/\r?\n/);
  const names = header!.split(',');
  // The columns read here hold no commas or quotes; the message column is read by a regex instead.
  return lines.map((line) => Object.fromEntries(names.map((n, i) => [n, line.split(',')[i] ?? ''])));
}

/** Consent rows carry a status when one is given for the patient. */
function audit(timeLog: readonly string[], patients: readonly string[], consentStatuses: Readonly<Record<string, string>> = {}) {
  const dir = tempDir();
  const files = [
    write(dir, 'timelog.csv', timeLog),
    write(dir, 'consents.csv', ['MRN,Consent Date,Consent Status', ...patients.map((p) => `${p},2025-01-10,"${consentStatuses[p] ?? ''}"`)]),
    write(dir, 'dx.csv', ['MRN,ICD-10 Code', ...patients.flatMap((p) => [`${p},E11.9`, `${p},I10`])]),
    write(dir, 'careplans.csv', ['MRN,Care Plan Date', ...patients.map((p) => `${p},2025-01-15`)]),
  ];
  const out = join(dir, 'out');
  const r = ccm(['audit', ...files, '--month', '2026-10', '--run-date', '2026-11-05', '--out', out, '--format', 'csv', '--quiet']);
  expect(r.stderr).toBe('');
  return { code: r.code, claims: readCsv(join(out, 'claims.csv')), exceptions: readCsv(join(out, 'exceptions.csv')), text: readFileSync(join(out, 'exceptions.csv'), 'utf8') };
}

describe('a negated clinical credential', () => {
  it('"Non-RN Care Coordinator" time is not billed, and missing-staff says why', () => {
    const { code, claims, exceptions, text } = audit(
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI',
        `1001,2026-10-05,Cara Coord,Non-RN Care Coordinator,25,${NOTE} a,1234567893`,
        `1002,2026-10-05,Rita Nurse,"RN, BSN",25,${NOTE} b,1234567893`,
      ],
      ['1001', '1002'],
    );
    expect(code).toBe(1);
    expect(claims.map((c) => `${c.patient_id}:${c.code}`)).toEqual(['1002:99490']);
    expect(exceptions.filter((f) => f.patient_id === '1001').map((f) => f.rule)).toEqual(['missing-staff', 'under-threshold']);
    expect(text).toContain('"Non-RN Care Coordinator"" of Cara Coord names a clinical role but says ""non""');
  });
});

describe('a CCM label voided, and a patient id with an invisible character', () => {
  it('"CCM - voided" is not billed; "1002\\u200B" is patient 1002, whose consent is on file', () => {
    const { claims, exceptions } = audit(
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI,Program',
        `1001,2026-10-06,Rita Nurse,RN,25,${NOTE} a,1234567893,CCM - voided`,
        `1002\u200B,2026-10-06,Rita Nurse,RN,25,${NOTE} b,1234567893,CCM - phone`,
      ],
      ['1001', '1002'],
    );
    expect(claims.map((c) => `${c.patient_id}:${c.code}`)).toEqual(['1002:99490']);
    expect(exceptions.map((f) => `${f.rule}:${f.patient_id}`)).toEqual(['unknown-program:1001']);
  });
});

describe('a qualifier word about something else than the credential or the program', () => {
  it('"RN, Care Manager (non-billing)" and "CCM (not complex)" time is billed', () => {
    const { code, claims, exceptions } = audit(
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI,Program',
        `1001,2026-10-07,Rita Nurse,"RN, Care Manager (non-billing)",25,${NOTE} a,1234567893,CCM`,
        `1002,2026-10-07,Rita Nurse,RN,25,${NOTE} b,1234567893,CCM (not complex)`,
      ],
      ['1001', '1002'],
    );
    expect(code).toBe(0);
    expect(claims.map((c) => `${c.patient_id}:${c.code}`)).toEqual(['1001:99490', '1002:99490']);
    expect(exceptions).toEqual([]);
  });
});

describe('a qualifier about a past credential, and a negated refusal beside agreement', () => {
  it('"RN (Former LPN)" time and a patient whose consent says "Accepted; declined: no" are billed', () => {
    const { code, claims, exceptions } = audit(
      [
        'MRN,Date,Staff,Credential,Minutes,Note,Billing NPI',
        `1001,2026-10-08,Ann Nurse,RN (Former LPN),25,${NOTE} a,1234567893`,
        `1002,2026-10-08,Rita Nurse,RN,25,${NOTE} b,1234567893`,
      ],
      ['1001', '1002'],
      { '1002': 'Accepted; declined: no' },
    );
    expect(exceptions).toEqual([]);
    expect(code).toBe(0);
    expect(claims.map((c) => `${c.patient_id}:${c.code}`)).toEqual(['1001:99490', '1002:99490']);
  });
});
