import type { AuditResult } from '../audit-types.js';
import type { PatientMonth } from '../billing/types.js';
import type { SourceRef } from '../model/schema.js';
import { WITHHELD } from '../errors.js';
import { isValidMbi, isValidNpi } from '../normalize/codes.js';
import type { TableReport } from '../normalize/ingest.js';
import type { Finding } from '../rules/types.js';
import { CHUNK } from './chunk.js';
import { flat } from './flat.js';
import { RepeatedAmount, RepeatedCount, RepeatedText } from './repeated-text.js';
import { LastJsonString, jsonNumber, jsonNumbers, jsonString, jsonStrings } from './json-text.js';


/** Shown in report.json next to the money fields, whose names already say "estimated". */
export const ESTIMATE_NOTICE =
  'All payment amounts (estimatedPayment, estimatedRevenue, revenueAtStake) are estimates from national ' +
  'non-facility Physician Fee Schedule amounts, not what Medicare will pay: locality, deductible, ' +
  'coinsurance and sequestration change the actual payment.';

/**
 * report.json (schema/report.schema.json). Every object is rebuilt field by field so the key order is the
 * one written here, whatever order the audit built its objects in: two runs give byte-identical files.
 * `entries` is left out: the findings' sources and entry ids point at the rows, and the notes stay in the
 * time log.
 */
export function renderJson(result: AuditResult): string {
  return [...renderJsonPieces(result)].join('');
}

export interface JsonOptions {
  /**
   * Text as the terminal shows it, quoted cells `[withheld]` (Finding.redactedMessage, TableReport.withheldNote,
   * an MBI or billing NPI that is not one): for report.json printed on stdout (`--json`), which lands in a
   * terminal or CI log. The file on disk quotes them.
   */
  withholdCells?: boolean;
}

/**
 * The text of renderJson in chunks of about CHUNK characters, for printing it (`--json`): a million findings would
 * make a report past V8's longest string (~512 MB), so the two long arrays are stringified element by element.
 */
export function* renderJsonChunks(result: AuditResult, options: JsonOptions = {}): Generator<string> {
  let buffer = '';
  for (const piece of renderJsonPieces(result, options)) {
    buffer += piece;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = '';
    }
  }
  if (buffer !== '') yield buffer;
}

/** The text of renderJson as it is made: the head, then a piece per patient-month and per finding (write.ts encodes each). */
export function* renderJsonPieces(result: AuditResult, options: JsonOptions = {}): Generator<string> {
  const head = {
    schemaVersion: result.schemaVersion,
    tool: { name: result.tool.name, version: result.tool.version },
    notice: ESTIMATE_NOTICE,
    generatedAt: result.generatedAt,
    period: result.period,
    runDate: result.runDate,
    options: {
      dateOfService: result.options.dateOfService,
      placeOfService: result.options.placeOfService,
      feeSchedule: result.options.feeSchedule,
    },
    inputs: result.inputs.map((input) => ({
      file: input.file,
      path: input.path,
      sha256: input.sha256,
      tables: input.tables.map((t) => table(t, options)),
    })),
    summary: summary(result.summary),
  };
  // Drop the closing "\n}" to continue the object after "summary".
  yield `${JSON.stringify(head, null, 2).slice(0, -2)},\n`;
  const json = new ElementJson();
  const withheld = options.withholdCells === true;
  yield* array('patientMonths', result.patientMonths, withheld ? (pm) => json.patientMonth(pm, withheldMbi(pm), withheldNpi(pm)) : (pm) => json.patientMonth(pm), ',');
  yield* array('findings', result.findings, withheld ? (f) => json.finding(f, f.redactedMessage ?? f.message) : (f) => json.finding(f), '');
  yield '}\n';
}

/**
 * `  "name": [...]` at depth 1 of the 2-space-indented report, one compact element per line: a line per
 * patient-month or finding keeps a diff of two runs to the records that changed, and writes a third of the
 * bytes that indenting every field would (286 MB for a million-row audit).
 */
function* array<T>(name: string, items: readonly T[], json: (item: T) => string, after: string): Generator<string> {
  if (items.length === 0) {
    yield `  "${name}": []${after}\n`;
    return;
  }
  yield `  "${name}": [\n`;
  for (let i = 0; i < items.length; i++) yield `${i === 0 ? '' : ',\n'}    ${json(items[i]!)}`;
  yield `\n  ]${after}\n`;
}

function table(t: TableReport, options: JsonOptions) {
  return {
    file: t.file,
    sheet: t.sheet,
    kind: t.kind,
    headerRow: t.headerRow,
    columns: t.columns.map((c) => ({ field: c.field, header: c.header, column: c.column })),
    ignoredColumns: [...t.ignoredColumns],
    rowsRead: t.rowsRead,
    records: t.records,
    rejected: t.rejected,
    skipped: { blank: t.skipped.blank, totals: t.skipped.totals, headings: t.skipped.headings, beforeHeader: t.skipped.beforeHeader, withdrawn: t.skipped.withdrawn },
    // Optional in the model: written as null so every table has the same keys.
    note: (options.withholdCells ? (t.withheldNote ?? t.note) : t.note) ?? null,
    hidden: t.hidden ?? null,
    hiddenRows: t.hiddenRows ? { byHand: t.hiddenRows.byHand, byHandRows: [...t.hiddenRows.byHandRows], filtered: t.hiddenRows.filtered, collapsed: t.hiddenRows.collapsed, leftOut: t.hiddenRows.leftOut } : null,
  };
}

function summary(s: AuditResult['summary']) {
  return {
    patients: s.patients,
    patientMonths: { billable: s.patientMonths.billable, billed: s.patientMonths.billed, blocked: s.patientMonths.blocked, 'not-billable': s.patientMonths['not-billable'] },
    findingsBySeverity: { error: s.findingsBySeverity.error, warning: s.findingsBySeverity.warning, info: s.findingsBySeverity.info },
    findingsByRule: Object.fromEntries(Object.entries(s.findingsByRule).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    estimatedRevenue: { ready: s.estimatedRevenue.ready, billed: s.estimatedRevenue.billed, blocked: s.estimatedRevenue.blocked, notBillable: s.estimatedRevenue.notBillable },
    billedAtRisk: { patientMonths: s.billedAtRisk.patientMonths, billedAmount: s.billedAtRisk.billedAmount },
    topFixes: s.topFixes.map((t) => ({ rule: t.rule, patientMonths: t.patientMonths, revenueAtStake: t.revenueAtStake })),
    suppressed: s.suppressed,
    incompleteClaims: { noBillingNpi: s.incompleteClaims.noBillingNpi, invalidBillingNpi: s.incompleteClaims.invalidBillingNpi, noDiagnoses: s.incompleteClaims.noDiagnoses },
  };
}

/**
 * Patient-months and findings as compact JSON, the fields in the order written here. Written from templates,
 * not by JSON.stringify of an object built per element, and with the values that repeat from element to
 * element escaped once: on a million-row audit that cut `write json` from ~1570 to ~1220 ms cpu. json-text.ts
 * writes each value as JSON.stringify would, and test/report/json.test.ts pins the templates to JSON.stringify of
 * the objects the writer built before.
 *
 * A repeated value is kept together with the key before it (`,"month":"2025-06"`), as one flattened string
 * (flat.ts): a line is then a rope of fewer pieces, and copying the pieces out is most of writing the file.
 */
class ElementJson {
  // Values from small sets: statuses, families, months, dates, codes, rule ids, severities, fix sentences, file and sheet names.
  private readonly rule = field('{"rule":');
  private readonly code = field(',"code":');
  private readonly severity = field(',"severity":');
  private readonly level = field(',"level":');
  private readonly month = field(',"month":');
  // A finding's keys and brackets are kept with the value before them too (`,"month":"2025-06","message":`): 3-4
  // fewer pieces per finding.
  private readonly findingMonth = field(',"month":', ',"message":');
  private readonly fix = field(',"fix":', ',"sources":[');
  private readonly firstFile = field('{"file":');
  private readonly file = field(',{"file":');
  private readonly sheet = field(',"sheet":', ',"row":');
  private readonly status = field(',"status":');
  private readonly family = field(',"family":');
  private readonly dateOfService = field(',"dateOfService":');
  // Counts from a small range: minutes and units.
  private readonly loggedMinutes = count(',"loggedMinutes":');
  private readonly supportedMinutes = count(',"supportedMinutes":');
  private readonly countedMinutes = count(',"countedMinutes":');
  private readonly units = count(',"units":');
  private readonly payment = amount(',"estimatedPayment":');
  // The claim lines' brackets and a line's closing brace are kept with the value next to them (`,"lines":[{"code":`,
  // `"2025-06-30"}`, `],"estimatedPayment":`), and an unblocked month's end is one piece: 4-6 fewer pieces per
  // patient-month.
  private readonly firstLineCode = field(',"lines":[{"code":');
  private readonly lineCode = field(',{"code":');
  private readonly lineDate = field(',"dateOfService":', '}');
  private readonly paymentAfterLines = amount('],"estimatedPayment":');
  private readonly paymentWithoutLines = amount(',"lines":[],"estimatedPayment":');
  private readonly minutesShort = count(',"minutesShort":', '}');
  private readonly unblockedMinutesShort = count(',"blockedBy":[],"minutesShort":', '}');
  // A patient's months are consecutive: its id, MBI, billing NPI and often its diagnoses repeat from the month before.
  private readonly patientId = new LastJsonString('{"patientId":');
  private readonly findingPatientId = new LastJsonString(',"patientId":');
  private readonly mbi = new LastJsonString(',"mbi":');
  private readonly billingNpi = new LastJsonString(',"billingNpi":');
  private diagnoses: readonly string[] | undefined;
  private diagnosesJson = '';

  /** `mbi` and `billingNpi` are parameters for --json's withheld cells. */
  patientMonth(pm: PatientMonth, mbi = pm.mbi, billingNpi = pm.billingNpi): string {
    if (pm.diagnoses !== this.diagnoses) {
      this.diagnoses = pm.diagnoses;
      this.diagnosesJson = flat(`,"diagnoses":${jsonStrings(pm.diagnoses)}`);
    }
    return (
      `${this.patientId.of(pm.patientId)}${this.mbi.ofNullable(mbi)}${this.month.of(pm.month)}` +
      `${this.status.of(pm.status)}${this.loggedMinutes.of(pm.loggedMinutes)}` +
      `${this.supportedMinutes.of(pm.supportedMinutes)}${this.countedMinutes.of(pm.countedMinutes)}` +
      `${this.family.of(pm.family)}${this.linesAndPayment(pm)}${this.dateOfService.of(pm.dateOfService)}` +
      `${this.billingNpi.ofNullable(billingNpi)}${this.diagnosesJson}${this.blockedByToEnd(pm)}`
    );
  }

  /** `message` is a parameter for --json's withheld cells. */
  finding(f: Finding, message = f.message): string {
    return (
      `${this.rule.of(f.rule)}${this.code.of(f.code)}${this.severity.of(f.severity)}` +
      `${this.level.of(f.level)}${this.findingPatientId.ofNullable(f.patientId)}${this.findingMonth.of(f.month)}` +
      `${jsonString(message)}${this.fix.of(f.fix)}${this.sources(f.sources)}` +
      `],"entryIds":${jsonNumbers(f.entryIds)},"fingerprint":${jsonString(f.fingerprint)}}`
    );
  }

  /** `,"lines":[…],"estimatedPayment":…`: the month's claim lines, then its payment. */
  private linesAndPayment(pm: PatientMonth): string {
    const lines = pm.lines;
    if (lines.length === 0) return this.paymentWithoutLines.of(pm.estimatedPayment);
    let out = '';
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      out +=
        `${(i === 0 ? this.firstLineCode : this.lineCode).of(l.code)}${this.units.of(l.units)}` +
        `${this.payment.of(l.estimatedPayment)}${this.lineDate.of(l.dateOfService)}`;
    }
    return `${out}${this.paymentAfterLines.of(pm.estimatedPayment)}`;
  }

  /** `,"blockedBy":[…],"minutesShort":…}`: the patient-month's last fields and its closing brace. */
  private blockedByToEnd(pm: PatientMonth): string {
    if (pm.blockedBy.length === 0) return this.unblockedMinutesShort.of(pm.minutesShort);
    return `,"blockedBy":${jsonStrings(pm.blockedBy)}${this.minutesShort.of(pm.minutesShort)}`;
  }

  /** The sources' elements, between the brackets the keys around them hold. */
  private sources(sources: readonly SourceRef[]): string {
    let out = '';
    for (let i = 0; i < sources.length; i++) {
      const s = sources[i]!;
      out += `${(i === 0 ? this.firstFile : this.file).of(s.file)}${this.sheet.of(s.sheet)}${jsonNumber(s.row)}}`;
    }
    return out;
  }
}

/** The JSON text of a key (`before`, with its punctuation) and a value from a small set, made once per value. */
function field(before: string, after = ''): RepeatedText {
  return new RepeatedText((text) => `${before}${jsonString(text)}${after}`, `${before}null${after}`);
}

/** The JSON text of a key (`before`, with its punctuation) and a count, made once per value from a small range. */
function count(before: string, after = ''): RepeatedCount {
  return new RepeatedCount((value) => `${before}${jsonNumber(value)}${after}`, `${before}null${after}`);
}

/** The JSON text of a key (`before`, with its punctuation) and an amount, made once per amount. */
function amount(before: string): RepeatedAmount {
  return new RepeatedAmount((value) => `${before}${jsonNumber(value)}`);
}

/**
 * --json's cells: an MBI or billing NPI as written that is not one (a note a missing cell pushed into the column,
 * "123456789Alice") is `[withheld]`, as the invalid-mbi and invalid-npi messages withhold it. A valid NPI is a
 * practitioner's public identifier and stays; a valid MBI stays as report.json has it.
 */
function withheldMbi(pm: PatientMonth): string | null {
  return pm.mbi !== null && !isValidMbi(pm.mbi) ? WITHHELD : pm.mbi;
}

function withheldNpi(pm: PatientMonth): string | null {
  return pm.billingNpi !== null && !isValidNpi(pm.billingNpi) ? WITHHELD : pm.billingNpi;
}
