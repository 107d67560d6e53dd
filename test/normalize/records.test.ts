/**
 * Values real exports write, read through ingest: placeholders in optional cells, units in a code cell and
 * care-plan statuses and end dates.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalizeId, normalizeMbi } from '../../src/normalize/codes.js';
import type { InputKind } from '../../src/normalize/columns.js';
import { ingest, type Ingested } from '../../src/normalize/ingest.js';
import { tempDir } from '../helpers/cli.js';

const OPTIONS = { dateOrder: 'mdy' as const, columns: {}, credentials: new Map(), requireTimeLog: false };
const dir = tempDir();
let n = 0;

async function read(kind: InputKind, lines: readonly string[]): Promise<Ingested> {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return ingest([{ path, kind }], OPTIONS);
}

const reasons = (data: Ingested) => data.rejected.map((r) => `${r.source.row} ${r.column}: ${r.reason}`);

describe('placeholders in optional cells', () => {
  it.each(['N/A', 'NA', 'None', '-', '--', 'Unknown', 'n/a'])('a revoked date of %j is no revocation', async (placeholder) => {
    const data = await read('consents', ['MRN,Consent Date,Revoked Date,Status', `1,2025-01-10,${placeholder},Accepted`]);
    expect(reasons(data)).toEqual([]);
    expect(data.consents).toMatchObject([{ patientId: '1', date: '2025-01-10', standing: 'accepted' }]);
    expect(data.consents[0]!.revokedDate).toBeUndefined();
  });

  it('diagnosis onset and resolved dates of N/A or Unknown are empty: the condition counts', async () => {
    const data = await read('diagnoses', ['MRN,ICD-10 Code,Onset Date,Resolved Date', '1,E11.9,Unknown,', '1,I10,,N/A', '1,J44.9,-,--']);
    expect(reasons(data)).toEqual([]);
    expect(data.diagnoses.map((d) => [d.code, d.resolved, d.onsetDate, d.resolvedDate])).toEqual([
      ['E119', false, undefined, undefined],
      ['I10', false, undefined, undefined],
      ['J449', false, undefined, undefined],
    ]);
  });

  it('start and stop times and units of N/A are empty', async () => {
    const log = await read('timeLog', ['MRN,Date,Staff,Credential,Minutes,Start,Stop,Note', '1,2026-10-05,Rita,RN,25,N/A,N/A,Reviewed medications']);
    expect(reasons(log)).toEqual([]);
    expect(log.entries).toMatchObject([{ minutes: 25, start: undefined, stop: undefined }]);
    const services = await read('services', ['MRN,DOS,CPT,Units', '1,10/31/2026,99490,N/A']);
    expect(reasons(services)).toEqual([]);
    expect(services.services).toMatchObject([{ code: '99490', units: 1 }]);
  });

  it('a required date of N/A is still an invalid row', async () => {
    const consents = await read('consents', ['MRN,Consent Date', '1,N/A']);
    expect(reasons(consents)).toEqual(['2 Consent Date: "N/A" is not a date']);
    const services = await read('services', ['MRN,DOS,CPT', '1,N/A,99490']);
    expect(reasons(services)).toEqual(['2 DOS: "N/A" is not a date']);
  });

  it('a word that is not a placeholder is still reported', async () => {
    const data = await read('consents', ['MRN,Consent Date,Revoked Date', '1,2025-01-10,soon']);
    expect(reasons(data)).toEqual(['2 Revoked Date: "soon" is neither a date nor yes/no']);
  });
});

describe('units written in the code cell', () => {
  it('count when the Units cell is empty', async () => {
    const data = await read('services', ['MRN,DOS,CPT,Units', '1,10/31/2026,99439 x2,', '1,10/31/2026,99439x3,', '1,10/31/2026,99439 (2 units),', '1,10/31/2026,99490x1,']);
    expect(reasons(data)).toEqual([]);
    expect(data.services.map((s) => [s.code, s.units])).toEqual([['99439', 2], ['99439', 3], ['99439', 2], ['99490', 1]]);
  });

  it('agreeing with the Units cell are read; disagreeing, the row is reported', async () => {
    const data = await read('services', ['MRN,DOS,CPT,Units', '1,10/31/2026,99439 x2,2', '1,10/31/2026,99439 x2,1']);
    expect(data.services.map((s) => [s.code, s.units])).toEqual([['99439', 2]]);
    expect(reasons(data)).toEqual(['3 Units: 1 unit(s) here, but the code cell says "99439 x2"']);
  });

  it('a modifier after a separator is not a count', async () => {
    const data = await read('services', ['MRN,DOS,CPT,Units', '1,10/31/2026,99490-X2,']);
    expect(data.services.map((s) => [s.code, s.units])).toEqual([['99490', 1]]);
  });
});

describe('care-plan statuses and end dates', () => {
  it('reads a status column: ended rows end the plan on their date; unread statuses are named', async () => {
    const data = await read('carePlans', [
      'MRN,Care Plan Date,Care Plan Status',
      '1,2025-01-15,Established',
      '1,2026-05-01,Discontinued',
      '2,2026-05-01,Closed - patient transferred care',
      '3,2026-05-01,Reviewed - no changes',
      '4,2026-05-01,See note',
      '5,2026-05-01,Review due',
    ]);
    expect(reasons(data)).toEqual([]);
    expect(data.carePlans.map((p) => [p.patientId, p.endDate, p.endedStatus, p.uncountedStatus])).toEqual([
      ['1', undefined, undefined, undefined],
      ['1', '2026-05-01', 'Discontinued', undefined],
      ['2', '2026-05-01', 'Closed - patient transferred care', undefined],
      ['3', undefined, undefined, undefined],
      ['4', undefined, undefined, 'See note'],
      ['5', undefined, undefined, 'Review due'],
    ]);
  });

  it('reads an end date column, and an action that says the plan ended', async () => {
    const data = await read('carePlans', ['MRN,Care Plan Date,Action,End Date', '1,2025-01-15,Established,2026-06-30', '2,2025-01-15,Phone review,N/A', '3,2026-02-01,Plan discontinued,']);
    expect(reasons(data)).toEqual([]);
    expect(data.carePlans.map((p) => [p.patientId, p.endDate, p.endedStatus])).toEqual([
      ['1', '2026-06-30', undefined],
      ['2', undefined, undefined],
      ['3', '2026-02-01', 'Plan discontinued'],
    ]);
  });
});

describe('what a rejected row keeps for held-by-invalid-row', () => {
  const kept = (data: Ingested) => data.rejected.map((r) => ({ row: r.source.row, month: r.month, code: r.code, mayEndConsent: r.mayEndConsent }));

  it('a billed-services row keeps its month (from a date, or a month alone) and a code that reads', async () => {
    const data = await read('services', ['MRN,DOS,CPT,Units', '1,10/31/2026,99490/99439,', '1,2026-10,99490,1', '1,Oct 2026,99439,1', '1,soon,99490,1', '1,10/31/2026,99213,abc', ',10/31/2026,99490,1']);
    expect(kept(data)).toEqual([
      { row: 2, month: '2026-10', code: undefined, mayEndConsent: undefined },
      { row: 3, month: '2026-10', code: '99490', mayEndConsent: undefined },
      { row: 4, month: '2026-10', code: '99439', mayEndConsent: undefined },
      { row: 5, month: undefined, code: '99490', mayEndConsent: undefined },
      { row: 6, month: '2026-10', code: '99213', mayEndConsent: undefined },
      // No patient id: nothing to hold, nothing kept.
      { row: 7, month: undefined, code: undefined, mayEndConsent: undefined },
    ]);
  });

  it('a consents row that would end consent says so; an acceptance does not', async () => {
    const data = await read('consents', ['MRN,Consent Date,Consent Status,Revoked Date', '1,09/31/2026,Declined,', '1,sometime,Accepted,', '1,2026-09-05,Accepted,soon', '1,2026-09,Revoked,', '1,never,Accepted,no']);
    expect(kept(data)).toEqual([
      { row: 2, month: '2026-09', code: undefined, mayEndConsent: true }, // a day September does not have: still its month
      { row: 3, month: undefined, code: undefined, mayEndConsent: undefined },
      { row: 4, month: '2026-09', code: undefined, mayEndConsent: true },
      { row: 5, month: '2026-09', code: undefined, mayEndConsent: true },
      { row: 6, month: undefined, code: undefined, mayEndConsent: undefined },
    ]);
  });
});

describe('a time log\'s patient cells, remembered by the id cell (PatientMemo)', () => {
  // The memo hands a row the name and MBI last read with its id only when the row's cells are the same: each
  // entry must read as its own cells do, whatever the rows before it said with that id.
  const id = fc.constantFrom('20451', '020451', '7', ' 7 ', '');
  const name = fc.constantFrom('Ann Lee', 'ann lee', ' Ann Lee', 'Bo Chan', '');
  const mbi = fc.constantFrom('1EG4-TE5-MK73', '1eg4te5mk73', '2AB3CD4EF56', '');
  it('gives every row the id, name and MBI its own cells say', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(id, name, mbi), { minLength: 1, maxLength: 12 }), async (rows) => {
        const data = await read('timeLog', ['MRN,Patient Name,MBI,Date,Minutes,Note', ...rows.map(([i, n, m]) => `"${i}","${n}","${m}",2026-10-05,20,Call`)]);
        const byRow = new Map(data.entries.map((e) => [e.row, e]));
        rows.forEach(([i, n, m], k) => {
          const entry = byRow.get(k + 2);
          if (normalizeId(i) === '') return expect(entry).toBeUndefined();
          expect(entry).toMatchObject({ patientId: normalizeId(i), patientName: n.trim() || undefined, mbi: normalizeMbi(m) });
        });
      }),
      { numRuns: 40 },
    );
  });
});
