import { describe, expect, it } from 'vitest';
import { ingestOptions } from '../../src/audit.js';
import type { AuditResult } from '../../src/audit-types.js';
import { parseConfig } from '../../src/config/load.js';
import { checkDistinctInputs } from '../../src/distinct-inputs.js';
import { CcmError } from '../../src/errors.js';
import { ingest } from '../../src/normalize/ingest.js';
import { renderJson, renderJsonChunks } from '../../src/report/json.js';
import { redactErrorLine, redactResult } from '../../src/report/redact.js';
import { renderTerminal } from '../../src/report/table.js';
import { resolveRules, runRules, WITHHELD } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';
import { consent, diagnosis, entry, ingested, model, NPI_A, NPI_B, rejected, service, type ModelSpec } from '../helpers/model-builder.js';
import { fixture } from '../helpers/paths.js';
import { sampleResult } from './sample-result.js';

const SALT = 'test-salt-0123456789';
/** A real workbook, without a sheet named "Jones, Alice". */
const BOOK = fixture('formats/cells.xlsx');
/** Note text in the wrong column: what a ragged row or a shifted export puts into a cell a rule quotes. */
const SECRET = 'Pt disclosed HIV status and depression';

/** Every rule whose message quotes an export cell, fed that secret in the cell it quotes. */
const CASES: { name: string; rule: string; spec: ModelSpec }[] = [
  { name: 'an unreadable minutes cell', rule: 'invalid-minutes', spec: { entries: [entry({ minutes: null, minutesText: SECRET })] } },
  {
    name: 'a rejected row, whose reason quotes the value too',
    rule: 'invalid-row',
    spec: { entries: [entry()], rejected: [rejected({ column: 'DOS', value: SECRET, reason: `"${SECRET}" is not a date` })] },
  },
  { name: 'a malformed MBI', rule: 'invalid-mbi', spec: { entries: [entry({ mbi: SECRET })], hasMbiColumn: true } },
  { name: 'a billing NPI that is not 10 digits', rule: 'invalid-npi', spec: { entries: [entry({ npi: SECRET })] } },
  { name: 'an unknown credential', rule: 'missing-staff', spec: { entries: [entry({ credential: SECRET })] } },
  { name: 'two billing NPIs in a month', rule: 'multiple-billing-practitioners', spec: { entries: [entry(), entry({ npi: SECRET })], consents: [consent()] } },
  { name: 'a consent under another NPI', rule: 'consent-other-practitioner', spec: { entries: [entry({ npi: SECRET })], consents: [consent({ npi: '1245319599' })] } },
  { name: 'an incompatible service under an NPI', rule: 'incompatible-service', spec: { entries: [entry({ npi: SECRET })], consents: [consent()], services: [service('G0181', { npi: SECRET })] } },
  { name: 'CCM billed under another NPI', rule: 'multiple-billing-practitioners', spec: { entries: [entry()], consents: [consent()], services: [service('99490', { npi: SECRET })] } },
  { name: 'a program label ccm cannot read', rule: 'unknown-program', spec: { entries: [entry(), entry({ program: 'unknown', programText: SECRET })], consents: [consent()] } },
  { name: 'a diagnosis status read as over', rule: 'insufficient-chronic-conditions', spec: { entries: [entry()], consents: [consent()], diagnoses: [diagnosis('E11.9'), diagnosis('I10', { resolved: true, inactiveStatus: SECRET })] } },
  { name: 'a malformed diagnosis code', rule: 'invalid-icd10', spec: { entries: [entry()], consents: [consent()], diagnoses: [diagnosis(SECRET)] } },
];

function audited(spec: ModelSpec): AuditResult {
  const m = model(spec);
  const { findings } = runRules(m, resolveRules(RULES, {}));
  return { ...sampleResult(), inputs: ingested(spec).inputs, entries: m.entries, findings, patientMonths: [] };
}

describe('cell text quoted in messages', () => {
  it.each(CASES)('$name ($rule): quoted in the report, withheld by --redact and in the terminal', ({ rule, spec }) => {
    const result = audited(spec);
    const finding = result.findings.find((f) => f.rule === rule);
    expect(finding?.message).toContain(SECRET);
    // Every finding quoting the cell, of this rule or another (a malformed code is also "not counted").
    for (const f of result.findings.filter((f) => f.message.includes(SECRET))) {
      expect(f.redactedMessage, f.rule).toContain(WITHHELD);
      expect(f.redactedMessage, f.rule).not.toContain(SECRET);
    }

    // --json on stdout withholds as the terminal does; report.json on disk quotes.
    expect([...renderJsonChunks(result, { withholdCells: true })].join('')).not.toContain(SECRET);
    expect(renderJson(result)).toContain(SECRET);

    const redacted = redactResult(result, SALT);
    expect(renderJson(redacted)).not.toContain(SECRET);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted.findings.some((f) => 'redactedMessage' in f)).toBe(false);

    const terminal = (showNotes: boolean) => renderTerminal({ ...result, findings: result.findings.map((f) => ({ ...f, severity: 'error' as const })) }, { color: false, showNotes, paths: [] });
    expect(terminal(false)).not.toContain(SECRET);
    expect(terminal(true)).toContain(SECRET);
  });

  it('drops a program label read by its words (it may carry free text) and keeps one that is a program\'s name', () => {
    const label = `CCM call with daughter re ${SECRET}`;
    const result = audited({
      entries: [
        entry({ programText: label, startTime: '09:00', stopTime: '09:30' }),
        entry({ programText: 'CCM', patientId: 'P2', startTime: '09:10', stopTime: '09:40' }),
      ],
      consents: [consent()],
    });
    // The overlap message names programs as classified, never the label as written.
    expect(result.findings.some((f) => f.rule === 'overlapping-time')).toBe(true);
    expect(result.findings.map((f) => f.message).join('\n')).not.toContain(SECRET);
    const redacted = redactResult(result, SALT);
    expect(JSON.stringify(redacted)).not.toContain(SECRET);
    expect(redacted.entries.map((e) => e.programText)).toEqual([undefined, 'CCM']);
  });

  /** 10 digits that fail the NPI check digit: cell text like any other, not a practitioner's identifier. */
  const BAD_CHECK_DIGIT = '1234567890';
  // A valid NPI is public (NPPES) and what the reader acts on: it shows wherever an NPI list is quoted.
  it.each<{ name: string; rule: string; spec: ModelSpec; redacted: string }>([
    {
      name: 'the same practitioner\'s incompatible service',
      rule: 'incompatible-service',
      spec: { entries: [entry()], consents: [consent()], services: [service('G0181')] },
      redacted: `(NPI ${NPI_A})`,
    },
    {
      // Text in the NPI column identifies no practitioner: that service is the same practitioner's (its own
      // finding, which quotes no NPI), and the other practitioner's finding names the valid NPI alone.
      name: 'another practitioner\'s incompatible service beside one whose NPI column holds text',
      rule: 'incompatible-service',
      spec: { entries: [entry()], consents: [consent()], services: [service('G0181', { npi: NPI_B }), service('G0182', { npi: SECRET })] },
      redacted: `(NPI ${NPI_B})`,
    },
    {
      name: 'two billing NPIs, one failing the check digit',
      rule: 'multiple-billing-practitioners',
      spec: { entries: [entry(), entry({ npi: BAD_CHECK_DIGIT })], consents: [consent()] },
      redacted: `(${NPI_A}: 1 entry, ${WITHHELD}: 1 entry)`,
    },
    {
      name: 'CCM billed under another valid NPI',
      rule: 'multiple-billing-practitioners',
      spec: { entries: [entry()], consents: [consent()], services: [service('99490', { npi: NPI_B })] },
      redacted: `already billed under NPI ${NPI_B} (99490; services.csv, row 2), but the month's CCM entries bill under NPI ${NPI_A};`,
    },
    {
      name: 'CCM billed under another NPI and text in the NPI column',
      rule: 'multiple-billing-practitioners',
      spec: { entries: [entry()], consents: [consent()], services: [service('99490', { npi: NPI_B }), service('99439', { npi: SECRET })] },
      redacted: `under NPI ${NPI_B}, ${WITHHELD} (`,
    },
    {
      name: 'a consent under another valid NPI',
      rule: 'consent-other-practitioner',
      spec: { entries: [entry()], consents: [consent({ npi: NPI_B })] },
      redacted: `names NPI ${NPI_B}, but the month's CCM time bills under NPI ${NPI_A};`,
    },
  ])('$name ($rule): valid NPIs show in the terminal and with --redact, anything else is withheld', ({ rule, spec, redacted }) => {
    const result = audited(spec);
    const finding = result.findings.find((f) => f.rule === rule)!;
    const shown = finding.redactedMessage ?? finding.message;
    expect(shown).toContain(redacted);
    expect(shown).not.toContain(SECRET);
    expect(shown).not.toContain(BAD_CHECK_DIGIT);
    const terminal = renderTerminal({ ...result, findings: [{ ...finding, severity: 'error' }] }, { color: false, showNotes: false, paths: [] });
    expect(terminal.replace(/\s+/g, ' ')).toContain(redacted);
    // --redact also gives the files pseudonyms (file-…), which the location inside the message shows.
    const pseudonymous = redactResult(result, SALT).findings.find((f) => f.rule === rule)!.message.replace(/file-[0-9a-f]+\.csv/g, 'services.csv');
    expect(pseudonymous).toContain(redacted);
  });

  it('keeps no redacted message that reads as the message itself (every NPI it quotes valid)', () => {
    const result = audited({ entries: [entry()], consents: [consent({ npi: NPI_B })] });
    expect(result.findings.find((f) => f.rule === 'consent-other-practitioner')).not.toHaveProperty('redactedMessage');
  });

  it('withholds only the quoted form elsewhere, so a one-letter cell cuts no letters out of other words', () => {
    const result = audited({ entries: [entry()], rejected: [rejected({ kind: 'carePlans', column: 'Date', value: 'a', reason: '"a" is not a date' })] });
    const finding = result.findings.find((f) => f.rule === 'invalid-row')!;
    expect(finding.redactedMessage).toBe(`The care plans row was left out of the audit: column "Date" holds "${WITHHELD}": "${WITHHELD}" is not a date.`);
  });

  it('leaves messages that quote no cell as they are', () => {
    const result = audited({ entries: [entry({ minutes: 0 })] });
    const finding = result.findings.find((f) => f.rule === 'invalid-minutes')!;
    expect(finding.redactedMessage).toBeUndefined();
    expect(redactResult(result, SALT).findings.find((f) => f.rule === 'invalid-minutes')!.message).toBe(finding.message);
  });

  it('--redact drops an unreadable minutes cell, an unknown credential and a non-NPI from the evidence, and keeps known ones', () => {
    const result = audited({ entries: [entry({ minutes: null, minutesText: SECRET }), entry({ credential: SECRET }), entry({ credential: 'RN', npi: SECRET }), entry()] });
    const entries = redactResult(result, SALT).entries;
    expect(entries[0]).not.toHaveProperty('minutesText');
    expect(entries[1]).not.toHaveProperty('credential');
    expect(entries[2]?.credential).toBe('RN');
    expect(entries[2]).not.toHaveProperty('npi');
    expect(entries[3]?.npi).toBe(NPI_A);
    const months = redactResult({ ...result, patientMonths: sampleResult().patientMonths.map((pm, i) => ({ ...pm, billingNpi: i === 0 ? SECRET : NPI_A })) }, SALT).patientMonths;
    expect(months.map((pm) => pm.billingNpi)).toEqual(months.map((_, i) => (i === 0 ? null : NPI_A)));
  });
});

describe('fingerprints under --redact', () => {
  const startAndStop = (start: string, stop: string): ModelSpec => ({
    entries: [entry()],
    rejected: [rejected({ row: 3, patientId: 'P1', column: 'Start', value: start, reason: `"${start}" is not a clock time` }), rejected({ row: 3, patientId: 'P1', column: 'Stop', value: stop, reason: `"${stop}" is not a clock time` })],
  });
  const prints = (spec: ModelSpec) => redactResult(audited(spec), SALT).findings.filter((f) => f.rule === 'invalid-row').map((f) => f.fingerprint);

  it('keep apart two findings about one row (a bad Start and a bad Stop), as without it', () => {
    const [start, stop] = prints(startAndStop('0930', '0955'));
    expect(start).toMatch(/^[0-9a-f]{16}$/);
    expect(start).not.toBe(stop);
  });

  it('are the same run after run and do not depend on the withheld cell text', () => {
    expect(prints(startAndStop('0930', '0955'))).toEqual(prints(startAndStop('0930', '0955')));
    expect(prints(startAndStop('9:30a', '9:55a'))).toEqual(prints(startAndStop('0930', '0955')));
  });
});

describe('redactErrorLine (exit-2 lines under --redact)', () => {
  const pseudonyms = (names: { file: string; sheet: string | null }[]) => {
    const result = redactResult({ ...sampleResult(), findings: [], inputs: [{ file: names[0]!.file, path: names[0]!.file, sha256: '', tables: names.map((n) => ({ ...sampleResult().inputs[0]!.tables[0]!, ...n })) }] }, SALT);
    return result.inputs[0]!.tables.map((t): [string, string | null] => [t.file, t.sheet]);
  };

  it('names the inputs, however the error spelled them, by the pseudonyms the reports give them', () => {
    const [file] = pseudonyms([{ file: 'jones_alice_ccm.csv', sheet: null }])[0]!;
    expect(file).toMatch(/^file-[0-9a-f]{8}\.csv$/);
    const inputs = [{ path: '/home/me/jones_alice/jones_alice_ccm.csv', label: 'jones_alice/jones_alice_ccm.csv' }];
    for (const name of ['jones_alice_ccm.csv', 'jones_alice/jones_alice_ccm.csv', '/home/me/jones_alice/jones_alice_ccm.csv']) {
      expect(redactErrorLine(`${name}: the file is empty; export it again.`, SALT, inputs)).toBe(`${file}: the file is empty; export it again.`);
    }
    // Not a longer name that ends the same way.
    expect(redactErrorLine('old_jones_alice_ccm.csv.bak', SALT, inputs)).toBe('old_jones_alice_ccm.csv.bak');
  });

  it('names sheets by their pseudonyms, and a sheet the user asked for that does not exist', () => {
    const [file, sheet] = pseudonyms([{ file: 'book.xlsx', sheet: 'Jones, Alice' }])[0]!;
    const inputs = [{ path: '/x/book.xlsx', label: 'book.xlsx' }];
    expect(redactErrorLine('book.xlsx, sheet "Jones, Alice", row 3: two columns are the date.', SALT, inputs)).toBe(`${file}, sheet "${sheet}", row 3: two columns are the date.`);
  });

  // Each builds its line from the input as given (`cells.xlsx#Jones, Alice`): the sheet must reach redactErrorLine
  // in the `sheet "…"` form, and the advice must not name a command to run on a pseudonym.
  it.each<[string, () => Promise<unknown>]>([
    ['the same sheet given twice', () => checkDistinctInputs([{ path: BOOK, label: 'cells.xlsx', sheet: 'Jones, Alice' }, { path: BOOK, label: 'cells.xlsx', sheet: 'Jones, Alice' }])],
    ['a workbook given with one of its sheets', () => checkDistinctInputs([{ path: BOOK, label: 'cells.xlsx' }, { path: BOOK, label: 'cells.xlsx', sheet: 'Jones, Alice' }])],
    ['a sheet the workbook does not have', () => ingest([{ path: BOOK, label: 'cells.xlsx', sheet: 'Jones, Alice' }], ingestOptions(parseConfig('{}', 'ccm.config.json', [])))],
  ])('pseudonymize the sheet of an input given as file#sheet: %s', async (_, run) => {
    const [file, sheet] = pseudonyms([{ file: 'cells.xlsx', sheet: 'Jones, Alice' }])[0]!;
    const error = await run().then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(CcmError);
    const line = redactErrorLine((error as CcmError).message, SALT, [{ path: BOOK, label: 'cells.xlsx' }]);
    expect(line).not.toMatch(/Jones|Alice|cells\.xlsx/);
    expect(line).toContain(file);
    expect(line).toContain(`sheet "${sheet}"`);
    expect(line).not.toMatch(/ccm inspect file-/);
  });
});
