/**
 * The performance work (issue #6) replaced straightforward code with faster code that must give the same
 * answers: these properties compare each optimized piece with the straightforward version it replaced, on
 * random inputs that lean towards the hard cases (ties, duplicates, case and spacing, non-ASCII text).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildModel, groupBy, staffKey, type AuditModel } from '../../src/model/build.js';
import type { TimeEntry } from '../../src/model/schema.js';
import type { Ingested } from '../../src/normalize/ingest.js';
import { normalizeNote, noteKey, sampleHash } from '../../src/rules/cloned-note.js';
import { CONTACT_WORDS, DEFAULT_BOILERPLATE_PHRASES, NUMBER_TOKEN, STOP_WORDS, TIME_WORDS, tokenize } from '../../src/rules/note-words.js';
import { compareFindings, renderMessage, sortFindings } from '../../src/rules/engine.js';
import type { Finding } from '../../src/rules/types.js';
import { PhraseMatcher, hasEnoughSpecificWords, judgeNote } from '../../src/rules/vague-note.js';
import { timeLogIngested } from '../helpers/model-builder.js';

const RUNS = { numRuns: 300 };

// Words that exercise every branch: phrase starts, fillers, numbers, upper case, punctuation, non-ASCII.
const WORDS = ['f/u', 'Follow', 'up', 'CCM', 'call', 'pt', 'the', '20', '20min', '1H', '2hrs', '3Mins', '5m', '10hr', '7mx', '20mi', '4hs', 'min', 'Reviewed', 'metformin', 'A1c', '7.2', 'BP', 'İnsulin', 'KELVIN', 'café', 'left', 'voicemail', 'chart', 'review', 'doing', 'well', '—', ';', '  ', '\t', '\n'];
const note = fc.array(fc.constantFrom(...WORDS), { maxLength: 14 }).map((words) => words.join(' '));

describe('vague-note fast path', () => {
  const matcher = new PhraseMatcher([...DEFAULT_BOILERPLATE_PHRASES]);
  it('says "enough specific words" only when the full judgement is ok', () => {
    fc.assert(
      fc.property(note, fc.integer({ min: 1, max: 6 }), (text, min) => {
        const fast = hasEnoughSpecificWords(text, matcher, min);
        const full = judgeNote(text, matcher, min).kind === 'ok';
        // The fast path may defer (false) to judgeNote, never contradict it.
        if (fast) expect(full).toBe(true);
        // For ASCII notes it decides exactly.
        if (!/[^\x00-\x7f]/.test(text)) expect(fast).toBe(full);
      }),
      RUNS,
    );
  });

  it('cuts and counts words as tokenize and the filler lists do', () => {
    const none = new PhraseMatcher([]);
    fc.assert(
      fc.property(note, (text) => {
        if (/[^\x00-\x7f]/.test(text)) return;
        const specific = tokenize(text).filter((t) => !STOP_WORDS.has(t) && !TIME_WORDS.has(t) && !CONTACT_WORDS.has(t) && !NUMBER_TOKEN.test(t)).length;
        if (specific > 0) expect(hasEnoughSpecificWords(text, none, specific)).toBe(true);
        expect(hasEnoughSpecificWords(text, none, specific + 1)).toBe(false);
      }),
      RUNS,
    );
  });
});

describe('cloned-note hashing', () => {
  const spaced = fc.array(fc.constantFrom('a', 'B', ' ', '  ', '\t', '\r\n', 'é', 'İ', 'x1', '\u00a0', '\u2003', 'Note'), { maxLength: 12 }).map((p) => p.join(''));
  it('measures the normalized note and hashes equal normalized notes equally', () => {
    fc.assert(
      fc.property(spaced, spaced, (a, b) => {
        expect(noteKey(a).length).toBe(normalizeNote(a).length);
        if (normalizeNote(a) === normalizeNote(b)) expect(noteKey(a).hash).toBe(noteKey(b).hash);
        // The first grouping reads only the ends of a note: it must never part two notes that normalize alike.
        if (normalizeNote(a) === normalizeNote(b)) expect(sampleHash(a)).toBe(sampleHash(b));
        expect(sampleHash(a)).toBe(sampleHash(normalizeNote(a)));
        expect(Number.isSafeInteger(noteKey(a).hash) && noteKey(a).hash >= 0 && noteKey(a).hash < 2 ** 30).toBe(true);
      }),
      RUNS,
    );
  });

  it('samples the ends of long notes as their normalized text would give them', () => {
    // Long enough that the middle, where the odd characters are, is not read when the ends are ASCII.
    const long = fc.tuple(spaced, spaced, spaced).map(([head, mid, tail]) => `${head} Reviewed Care Plan ${mid} A1c 7.2 stable ${tail}`);
    const variant = fc.constantFrom((t: string) => t.toUpperCase(), (t: string) => t.replace(/ /g, ' \t '), (t: string) => `\n ${t}  `, (t: string) => t);
    fc.assert(
      fc.property(long, long, variant, (a, other, vary) => {
        for (const b of [other, vary(a)]) if (normalizeNote(a) === normalizeNote(b)) expect(sampleHash(a)).toBe(sampleHash(b));
        expect(sampleHash(a)).toBe(sampleHash(normalizeNote(a)));
      }),
      RUNS,
    );
  });
});

// The model as it was built before the performance work: composite string keys and Map grouping.
function referenceModel(data: Ingested, period: string | undefined) {
  const dupKey = (e: TimeEntry) =>
    [e.patientId, e.date, e.program, (e.staff ?? '').toLowerCase(), e.start ?? '', e.minutes ?? e.minutesText ?? '', e.note.replace(/\s+/g, ' ').trim().toLowerCase()].join('\u0000');
  const seen = new Map<string, TimeEntry>();
  const entries: TimeEntry[] = [];
  const duplicates: { entry: TimeEntry; duplicateOf: TimeEntry }[] = [];
  for (const e of data.entries) {
    const first = seen.get(dupKey(e));
    if (first) duplicates.push({ entry: e, duplicateOf: first });
    else {
      seen.set(dupKey(e), e);
      entries.push(e);
    }
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  const ccm = groupBy(
    entries.filter((e) => (e.program === 'ccm' || e.program === 'complex-ccm') && (period === undefined || e.month === period)),
    (e) => `${e.patientId}\u0000${e.month}`,
  );
  const patientMonths = [...ccm.values()]
    .map((list) => ({ patientId: list[0]!.patientId, month: list[0]!.month, entries: list }))
    .sort((a, b) => cmp(a.patientId, b.patientId) || cmp(a.month, b.month));
  const byStaffDay = groupBy(entries, (e) => {
    const staff = staffKey(e);
    return staff === undefined ? undefined : `${staff}\u0000${e.date}`;
  });
  return { entries, duplicates, patientMonths, entriesByPatient: groupBy(entries, (e) => e.patientId), entriesByStaffDay: byStaffDay };
}

const LOG = { file: 'log.csv', sheet: null };
const timeEntry = fc
  .record({
    patientId: fc.constantFrom('P1', 'P2', 'p1', '10', '9', 'P10'),
    date: fc.constantFrom('2026-09-30', '2026-10-01', '2026-10-02', '2026-11-01'),
    staff: fc.option(fc.constantFrom('Ann Lee', 'ann  lee', 'ANN LEE ', 'Bo Chen', ' '), { nil: undefined }),
    start: fc.option(fc.constantFrom(0, 540, 560), { nil: undefined }),
    minutes: fc.constantFrom(20, 25, null),
    minutesText: fc.option(fc.constantFrom('20', 'abc'), { nil: undefined }),
    note: fc.constantFrom('Reviewed meds', 'reviewed  MEDS', ' Reviewed meds ', 'Called re BP'),
    program: fc.constantFrom('ccm', 'complex-ccm', 'rpm'),
  })
  .map((r) => ({ ...r, month: r.date.slice(0, 7) }));

function ingestedOf(rows: readonly Omit<TimeEntry, 'id' | 'table' | 'row' | 'role' | 'complex'>[]): Ingested {
  const entries = rows.map((r, i) => {
    const e: TimeEntry = { id: i, table: LOG, row: i + 2, role: 'clinical-staff', complex: false, ...r } as TimeEntry;
    for (const key of Object.keys(e) as (keyof TimeEntry)[]) if (e[key] === undefined) delete e[key];
    return e;
  });
  return timeLogIngested(entries);
}

const ids = (list: readonly TimeEntry[]) => list.map((e) => e.id);

describe('buildModel', () => {
  it('finds the same duplicates and groups as the keyed-map version, in the same order', () => {
    fc.assert(
      fc.property(fc.array(timeEntry, { maxLength: 60 }), fc.constantFrom(undefined, '2026-10'), (rows, period) => {
        const data = ingestedOf(rows);
        const expected = referenceModel(data, period);
        const model: AuditModel = buildModel(data, { runDate: '2026-12-01', period });
        expect(ids(model.entries)).toEqual(ids(expected.entries));
        expect(model.duplicates.map((d) => [d.entry.id, d.duplicateOf.row])).toEqual(expected.duplicates.map((d) => [d.entry.id, d.duplicateOf.row]));
        expect(model.patientMonths.map((pm) => [pm.patientId, pm.month, ids(pm.entries)])).toEqual(expected.patientMonths.map((pm) => [pm.patientId, pm.month, ids(pm.entries)]));
        expect([...model.entriesByPatient].map(([k, v]) => [k, ids(v)])).toEqual([...expected.entriesByPatient].map(([k, v]) => [k, ids(v)]));
        expect([...model.entriesByStaffDay].map(([k, v]) => [k, ids(v)])).toEqual([...expected.entriesByStaffDay].map(([k, v]) => [k, ids(v)]));
      }),
      RUNS,
    );
  });

  it('stays linear when one patient has many rows on one day', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => ({
      patientId: 'P1',
      date: '2026-10-01',
      month: '2026-10',
      staff: 'Ann Lee',
      start: i % 1000,
      minutes: 20,
      note: 'Reviewed meds',
      program: 'ccm' as const,
    }));
    const model = buildModel(ingestedOf(rows), { runDate: '2026-12-01' });
    expect(model.entries).toHaveLength(1000);
    expect(model.duplicates).toHaveLength(1000);
    expect(model.duplicates[0]!.duplicateOf.row).toBe(2); // the first row, id 0
  });
});

describe('sortFindings', () => {
  const finding = fc.record({
    patientId: fc.constantFrom(null, 'P1', 'P2', 'p1', '10'),
    month: fc.constantFrom(null, '2026-09', '2026-10'),
    rule: fc.constantFrom('vague-note', 'missing-consent', 'cloned-note'),
    message: fc.constantFrom('a', 'b', 'B'),
    sources: fc.array(
      fc.record({ file: fc.constantFrom('a.csv', 'b.xlsx', 'B.csv'), sheet: fc.constantFrom(null, 'Log', 'log', ''), row: fc.integer({ min: 1, max: 5 }) }),
      { maxLength: 2 },
    ),
    fingerprint: fc.string({ maxLength: 3 }),
  });
  it('orders findings exactly as compareFindings does, ties in their original order', () => {
    fc.assert(
      fc.property(fc.array(finding, { maxLength: 80 }), (list) => {
        const findings = list as unknown as Finding[];
        expect(sortFindings([...findings])).toEqual([...findings].sort(compareFindings));
        const sorted = sortFindings([...findings]);
        for (let i = 1; i < sorted.length; i++) {
          if (compareFindings(sorted[i - 1]!, sorted[i]!) === 0) expect(findings.indexOf(sorted[i - 1]!)).toBeLessThan(findings.indexOf(sorted[i]!));
        }
      }),
      RUNS,
    );
  });
});

describe('renderMessage', () => {
  /** The regular-expression replace it was before templates were cut once. */
  const reference = (template: string, data: Record<string, string | number>): string =>
    template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = data[name];
      if (value === undefined) throw new Error(`message placeholder {${name}} has no value`);
      return String(value);
    });
  const piece = fc.constantFrom('{a}', '{b}', '{n}', '{}', '{a-b}', '{ a}', '{{a}}', '$&', '$1', 'text ', '{', '}', '', 'é ');
  it('fills a template as the regular-expression replace does, and fails on the same missing values', () => {
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 8 }), fc.option(fc.constantFrom('x', '$&', '{b}', ''), { nil: undefined }), (pieces, a) => {
        const template = pieces.join('');
        const data: Record<string, string | number> = { b: 'B', n: 1.5, ...(a !== undefined ? { a } : {}) };
        let expected: string | Error;
        try {
          expected = reference(template, data);
        } catch (error) {
          expected = error as Error;
        }
        if (expected instanceof Error) expect(() => renderMessage(template, data, 'r')).toThrow(/placeholder \{a\} has no value/);
        else expect(renderMessage(template, data, 'r')).toBe(expected);
        // Asked again: the template's cut is remembered.
        if (!(expected instanceof Error)) expect(renderMessage(template, data, 'r')).toBe(expected);
      }),
      RUNS,
    );
  });
});
