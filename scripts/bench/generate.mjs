// Seeded generator of realistic CCM exports for the benchmark (scripts/bench/run.mjs). Every name, MRN, MBI,
// NPI and note is invented. Writes into the folder it is given (the bench uses a temporary folder; never commit
// its output):
//   CSV:  time-log.csv, consents.csv, diagnoses.csv
//   XLSX: export.xlsx with the sheets "Time Log", "Consents" and "Diagnoses"
//
// The time log follows staff schedules: about 20 entries per staff member per working day, back to back with
// small gaps (so start/stop times mostly do not overlap), a year of working days, patients in panels so each
// patient-month gets about three entries. Notes are unique. A few percent of rows carry the problems an audit
// should find: vague and cloned notes, exact duplicates, overlaps, minutes that disagree with the clock,
// unreadable cells, non-clinical or uncredentialed staff, bad NPIs, patients without (or with late) consent,
// with a consent revoked and renewed during the year or given to another practitioner, with too few chronic
// conditions or a malformed code.
//
// Usage: node scripts/bench/generate.mjs --rows 100000 --format csv|xlsx --out DIR [--seed 1]
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { npiCheckDigit } from '../../dist/normalize/codes.js';

/** Entries per staff member per working day. */
export const ENTRIES_PER_STAFF_DAY = 20;
/** Working days in the generated year. */
const WORKING_DAYS = 250;
/** About three entries per patient-month over twelve months. */
const ROWS_PER_PATIENT = 36;
/** The year the entries fall in; pin --run-date after it (the bench uses RUN_DATE). */
const YEAR = 2025;
export const RUN_DATE = '2026-01-15';

export const TIME_LOG_HEADER = ['MRN', 'Patient Name', 'MBI', 'Date of Service', 'Staff', 'Credentials', 'Start Time', 'End Time', 'Minutes', 'Program', 'Activity', 'Notes', 'Billing NPI'];
export const CONSENT_HEADER = ['MRN', 'Patient Name', 'Consent Date', 'Consent Method', 'Consent Status', 'Revoked Date', 'Billing NPI'];
export const DIAGNOSIS_HEADER = ['MRN', 'ICD-10 Code', 'Description', 'Onset Date'];

/** mulberry32: small, fast, good enough for test data, and the same sequence on every platform. */
export function random(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  next.pick = (list) => list[Math.floor(next() * list.length)];
  next.chance = (p) => next() < p;
  return next;
}

const FIRST = ['Maria', 'James', 'Aisha', 'Robert', 'Linda', 'Carlos', 'Mei', 'David', 'Grace', 'Samuel', 'Priya', 'Omar', 'Helen', 'Victor', 'Nadia', 'Peter', 'Rosa', 'Kevin', 'Fatima', 'George', 'Irene', 'Luis', 'Hannah', 'Tomas', 'Yara', 'Ethan', 'Chloe', 'Andre', 'Julia', 'Marcus', 'Noor', 'Simon', 'Elena', 'Brian', 'Keiko', 'Daniel', 'Sofia', 'Ahmed', 'Laura', 'Felix'];
const LAST = ['Lopez', 'Chen', 'Patel', 'Hale', 'Park', 'Nguyen', 'Brooks', 'Kim', 'Hall', 'Walsh', 'Foster', 'Reyes', 'Liu', 'Romero', 'Singh', 'Fischer', 'Grant', 'Adams', 'Baker', 'Martinez', 'Turner', 'Young', 'Fields', 'Stone', 'Cole', 'Bell', 'Hassan', 'Price', 'Reed', 'Ross', 'Morgan', 'Ortiz', 'Diaz', 'Okafor', 'Novak', 'Schmidt', 'Rossi', 'Tanaka', 'Dubois', 'Larsen'];
const CLINICAL = ['RN', 'RN', 'RN', 'LPN', 'LPN', 'CMA', 'MA', 'RN, BSN', 'LVN', 'PharmD'];
const ACTIVITIES = ['Medication review', 'Care coordination', 'Symptom check', 'Care plan review', 'Patient education', 'Outreach', 'Lab follow-up', 'Referral management'];
const MEDS = ['metformin', 'lisinopril', 'amlodipine', 'atorvastatin', 'furosemide', 'insulin glargine', 'levothyroxine', 'warfarin', 'apixaban', 'carvedilol', 'losartan', 'empagliflozin', 'sertraline', 'albuterol', 'tiotropium', 'gabapentin', 'allopurinol', 'metoprolol', 'spironolactone', 'semaglutide'];
const MEASURES = [
  (r) => `home BP ${r.int(118, 168)}/${r.int(68, 98)}`,
  (r) => `A1c ${r.int(6, 10)}.${r.int(0, 9)}`,
  (r) => `fasting glucose ${r.int(90, 240)}`,
  (r) => `weight up ${r.int(1, 6)} lb in ${r.int(2, 7)} days`,
  (r) => `SpO2 ${r.int(88, 98)}% on ${r.int(1, 3)} L`,
  (r) => `INR ${r.int(1, 4)}.${r.int(0, 9)}`,
  (r) => `eGFR ${r.int(22, 70)}`,
  (r) => `PHQ-9 ${r.int(3, 19)}`,
  (r) => `pain ${r.int(2, 9)}/10`,
  (r) => `LDL ${r.int(60, 190)}`,
];
const ACTIONS = [
  'notified Dr. {doc}, dose adjusted',
  'refill sent to pharmacy',
  'scheduled follow-up visit',
  'updated care plan goals',
  'faxed results to specialist',
  'reviewed side effects and warning signs',
  'arranged home health visit',
  'reinforced daily log and diet',
  'coordinated DME delivery',
  'confirmed transportation for appointment',
];
const OPENERS = ['Reviewed', 'Discussed', 'Reconciled', 'Checked adherence to', 'Called pt re', 'Followed up on'];
const VAGUE = ['CCM call - 20 min', 'f/u', 'Spoke with pt, doing well', 'left voicemail', 'chart review', 'monthly check in', 'care coordination', 'phone call'];
const DIAGNOSES = [
  ['E11.9', 'Type 2 diabetes mellitus without complications'],
  ['I10', 'Essential hypertension'],
  ['E78.5', 'Hyperlipidemia, unspecified'],
  ['J44.9', 'COPD, unspecified'],
  ['I50.9', 'Heart failure, unspecified'],
  ['N18.31', 'CKD stage 3a'],
  ['M17.11', 'Primary osteoarthritis, right knee'],
  ['F33.1', 'Major depressive disorder, recurrent, moderate'],
  ['E03.9', 'Hypothyroidism, unspecified'],
  ['I48.91', 'Atrial fibrillation, unspecified'],
  ['I25.10', 'Atherosclerotic heart disease'],
  ['G47.33', 'Obstructive sleep apnea'],
  ['M81.0', 'Age-related osteoporosis'],
  ['E66.01', 'Morbid obesity due to excess calories'],
];
const ACUTE = [['J06.9', 'Acute upper respiratory infection'], ['R73.9', 'Hyperglycemia, unspecified']];
const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';

/** A valid NPI: nine digits and their check digit (the product's own rule, from the build). */
export function npiFrom(nine) {
  const body = String(nine).padStart(9, '0').slice(0, 9);
  return `${body}${npiCheckDigit(body)}`;
}

function mbiFor(r) {
  const L = () => r.pick(MBI_LETTERS);
  const N = () => String(r.int(0, 9));
  const AN = () => (r.chance(0.5) ? L() : N());
  return `${r.int(1, 9)}${L()}${AN()}${N()}${L()}${AN()}${N()}${L()}${L()}${N()}${N()}`;
}

/** Working days (Mon–Fri) of YEAR, as [y, m, d]. */
function workingDays(count) {
  const days = [];
  for (let t = Date.UTC(YEAR, 0, 1); days.length < count; t += 86_400_000) {
    const date = new Date(t);
    const wd = date.getUTCDay();
    if (wd !== 0 && wd !== 6) days.push([date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()]);
  }
  return days;
}

function clock12(minutes) {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${((h + 11) % 12) + 1}:${String(m).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/** The practice: staff, patients and their panels, sized for `rows` time-log entries. */
export function practice(rows, seed) {
  const r = random(seed * 7919 + 17);
  const staffCount = Math.max(2, Math.round(rows / (ENTRIES_PER_STAFF_DAY * WORKING_DAYS)));
  const patientCount = Math.max(50, Math.round(rows / ROWS_PER_PATIENT));
  const doctors = Array.from({ length: Math.max(2, Math.ceil(staffCount / 10)) }, (_, i) => ({ name: `${LAST[(i * 11) % LAST.length]}`, npi: npiFrom(100_000_000 + i * 7_919) }));
  const staff = Array.from({ length: staffCount }, (_, i) => {
    const name = `${FIRST[i % FIRST.length]} ${LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length]}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    // Clinical staff and a few practitioners; front-desk time and missing credentials are per entry (below).
    const credential = r.chance(0.05) ? r.pick(['NP', 'MD', 'PA-C']) : r.pick(CLINICAL);
    return { name, credential };
  });
  const patients = Array.from({ length: patientCount }, (_, i) => {
    const mrn = 100_000 + i;
    const doctor = doctors[i % doctors.length];
    const u = r();
    return {
      mrn,
      name: `${FIRST[(i * 13 + 5) % FIRST.length]} ${LAST[(i * 17 + Math.floor(i / FIRST.length) * 3 + 3) % LAST.length]}`,
      mbi: mbiFor(r),
      npi: doctor.npi,
      doctor: doctor.name,
      complex: r.chance(0.04),
      // 94% consented before the year; 1% to another practitioner (the patient changed doctor); 1% revoked in
      // spring and consented again in summer; 1% consented during the year (earlier time is before consent);
      // 1% declined; 2% no record.
      consent: u < 0.94 ? 'before' : u < 0.95 ? 'other-practitioner' : u < 0.96 ? 'renewed' : u < 0.97 ? 'during' : u < 0.98 ? 'declined' : 'none',
      diagnoses: r.chance(0.03) ? 'one-chronic' : r.chance(0.005) ? 'malformed' : 'ok',
    };
  });
  const frontDesk = Array.from({ length: Math.max(1, Math.ceil(staffCount / 20)) }, (_, i) => ({
    name: `${FIRST[(i * 3 + 20) % FIRST.length]} ${LAST[(i * 5 + 30) % LAST.length]}`,
    credential: r.pick(['Front Desk', 'Scheduler', 'Receptionist']),
  }));
  return { staff, frontDesk, patients, doctors, days: workingDays(Math.max(1, Math.ceil(rows / (staffCount * ENTRIES_PER_STAFF_DAY)))) };
}

/**
 * The time-log rows, as typed cells: [mrn:number, name, mbi, date:[y,m,d]|string, staff, credential, start, stop,
 * minutes:number|string, program, activity, note, npi:string]. Rows come in date order, then staff.
 */
export function* timeLogRows(rows, seed, plan = practice(rows, seed)) {
  const r = random(seed);
  const { staff, patients, days } = plan;
  const panel = (s) => {
    const list = [];
    for (let p = s; p < patients.length; p += staff.length) list.push(patients[p]);
    return list;
  };
  const panels = staff.map((_, s) => panel(s));
  const cursor = staff.map(() => 0);
  const recentNotes = [];
  let written = 0;
  let serial = 0;
  for (const [y, m, d] of days) {
    for (let s = 0; s < staff.length; s++) {
      const member = staff[s];
      const list = panels[s];
      if (list.length === 0) continue;
      let t = 8 * 60 + r.int(0, 30);
      let prevStop = t;
      for (let k = 0; k < ENTRIES_PER_STAFF_DAY; k++) {
        if (written >= rows) return;
        cursor[s] = (cursor[s] + 1 + (r.chance(0.3) ? 1 : 0)) % list.length;
        const patient = list[cursor[s]];
        const span = Math.min(45, Math.max(5, Math.round(8 + r() * 18 + r() * 10)));
        let start = t;
        if (k > 0 && r.chance(0.004)) start = Math.max(8 * 60, prevStop - r.int(5, 15)); // overlap
        const stop = start + span;
        t = stop + r.int(0, 6);
        prevStop = stop;
        if (stop >= 24 * 60) break;

        let minutes = span;
        if (r.chance(0.003)) minutes = span + r.int(5, 15); // minutes disagree with the clock
        let date = [y, m, d];
        if (r.chance(0.0002)) date = [y + 27, m, d]; // a typo'd future year
        const u = r();
        let program = patient.complex ? 'Complex CCM' : u < 0.5 ? 'CCM' : u < 0.93 ? '' : u < 0.97 ? 'RPM' : 'TCM';

        let note;
        const v = r();
        if (v < 0.01) note = r.pick(VAGUE);
        else if (v < 0.013 && recentNotes.length > 0) note = r.pick(recentNotes); // cloned from another entry
        else {
          serial++;
          note =
            `${r.pick(OPENERS)} ${r.pick(MEDS)} ${r.int(1, 40) * 5} mg; ${r.pick(MEASURES)(r)}; ` +
            `${r.pick(ACTIONS).replace('{doc}', patient.doctor)} (ref ${serial.toString(36).toUpperCase()})`;
          if (r.chance(0.001)) note += '\nPt daughter present, agrees with plan.';
          if (recentNotes.length < 64) recentNotes.push(note);
          else if (r.chance(0.01)) recentNotes[r.int(0, 63)] = note;
        }

        let minutesCell = minutes;
        if (r.chance(0.001)) minutesCell = r.pick(['see note', '?', 'twenty']); // unreadable minutes
        let dateCell = date;
        if (r.chance(0.0005)) dateCell = `${r.int(13, 19)}/${r.int(32, 40)}/${y}`; // unreadable date
        // ~1% of entries logged by front-desk staff (scheduling), ~0.3% without a credential.
        let who = member;
        if (r.chance(0.01)) who = r.pick(plan.frontDesk);
        const credential = r.chance(0.003) ? '' : who.credential;
        const npi = r.chance(0.001) ? `${patient.npi.slice(0, 9)}${(Number(patient.npi[9]) + 1) % 10}` : patient.npi;
        const row = [
          patient.mrn,
          patient.name,
          patient.mbi,
          dateCell,
          who.name,
          credential,
          clock12(start),
          clock12(stop),
          minutesCell,
          program,
          r.pick(ACTIVITIES),
          note,
          npi,
        ];
        yield row;
        written++;
        if (written < rows && r.chance(0.004)) {
          yield row; // an exact duplicate, as exports repeat rows
          written++;
        }
      }
    }
  }
}

export function* consentRows(plan, seed) {
  const r = random(seed * 31 + 3);
  const { doctors } = plan;
  for (const p of plan.patients) {
    if (p.consent === 'none') continue;
    const date = p.consent === 'during' ? [YEAR, r.int(3, 9), r.int(1, 28)] : [YEAR - r.int(1, 3), r.int(1, 12), r.int(1, 28)];
    const method = r.pick(['Verbal', 'Written', 'Verbal']);
    // The consent names the patient's doctor, or for a patient who changed doctor the previous one.
    const npi = p.consent === 'other-practitioner' ? doctors[(doctors.findIndex((d) => d.npi === p.npi) + 1) % doctors.length].npi : p.npi;
    const revoked = p.consent === 'renewed' ? [YEAR, r.int(3, 5), r.int(1, 28)] : null;
    yield [p.mrn, p.name, date, method, p.consent === 'declined' ? 'Declined' : 'Accepted', revoked, npi];
    if (revoked) yield [p.mrn, p.name, [YEAR, r.int(7, 9), r.int(1, 28)], method, 'Accepted', null, p.npi];
  }
}

export function* diagnosisRows(plan, seed) {
  const r = random(seed * 53 + 11);
  for (const p of plan.patients) {
    const onset = () => [YEAR - r.int(1, 12), r.int(1, 12), r.int(1, 28)];
    if (p.diagnoses === 'one-chronic') {
      yield [p.mrn, ...r.pick(DIAGNOSES), onset()];
      yield [p.mrn, ...r.pick(ACUTE), onset()];
      continue;
    }
    const n = r.int(2, 5);
    const first = r.int(0, DIAGNOSES.length - 1);
    for (let i = 0; i < n; i++) yield [p.mrn, ...DIAGNOSES[(first + i * 3) % DIAGNOSES.length], onset()];
    if (p.diagnoses === 'malformed') yield [p.mrn, '250.00', 'Diabetes (ICD-9)', onset()];
  }
}

// CSV

function csvField(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return `${value[1]}/${value[2]}/${value[0]}`; // US M/D/YYYY, as EHR exports write dates
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

async function writeCsv(path, header, rows) {
  const out = createWriteStream(path);
  let buffer = `${header.join(',')}\r\n`;
  let count = 0;
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) line += (i === 0 ? '' : ',') + csvField(row[i]);
    buffer += `${line}\r\n`;
    count++;
    if (buffer.length > 1 << 20) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
  return count;
}

// XLSX

function xlsxValue(value) {
  if (Array.isArray(value)) return new Date(Date.UTC(value[0], value[1] - 1, value[2]));
  return value;
}

async function writeSheet(workbook, name, header, rows, dateColumns, numberColumns = []) {
  const sheet = workbook.addWorksheet(name);
  sheet.columns = header.map((h, i) => ({ header: h, width: 14, style: dateColumns.includes(i) ? { numFmt: 'm/d/yyyy' } : {} }));
  let count = 0;
  for (const row of rows) {
    // Excel stores NPIs and MRNs typed as numbers; unreadable cells stay text.
    sheet.addRow(row.map((v, i) => (numberColumns.includes(i) && /^\d+$/.test(String(v)) ? Number(v) : xlsxValue(v)))).commit();
    if (++count % 100 === 0) await new Promise(setImmediate);
  }
  sheet.commit();
  return count;
}

/**
 * Writes the export for `rows` time-log entries into `dir`. Returns the files (time log first) and row counts.
 */
export async function generate({ rows, dir, format = 'csv', seed = 1 }) {
  await mkdir(dir, { recursive: true });
  const plan = practice(rows, seed);
  if (format === 'csv') {
    const files = { timeLog: join(dir, 'time-log.csv'), consents: join(dir, 'consents.csv'), diagnoses: join(dir, 'diagnoses.csv') };
    const counts = {
      timeLog: await writeCsv(files.timeLog, TIME_LOG_HEADER, timeLogRows(rows, seed, plan)),
      consents: await writeCsv(files.consents, CONSENT_HEADER, consentRows(plan, seed)),
      diagnoses: await writeCsv(files.diagnoses, DIAGNOSIS_HEADER, diagnosisRows(plan, seed)),
    };
    return { files: [files.timeLog, files.consents, files.diagnoses], counts, staff: plan.staff.length, patients: plan.patients.length };
  }
  const { default: ExcelJS } = await import('exceljs');
  const file = join(dir, 'export.xlsx');
  // Shared strings, as Excel writes them: the reader must resolve every text cell through them.
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  const counts = {
    timeLog: await writeSheet(workbook, 'Time Log', TIME_LOG_HEADER, timeLogRows(rows, seed, plan), [3], [0, 12]),
    consents: await writeSheet(workbook, 'Consents', CONSENT_HEADER, consentRows(plan, seed), [2, 5], [0, 6]),
    diagnoses: await writeSheet(workbook, 'Diagnoses', DIAGNOSIS_HEADER, diagnosisRows(plan, seed), [3], [0]),
  };
  await workbook.commit();
  return { files: [file], counts, staff: plan.staff.length, patients: plan.patients.length };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  // Anything but the four options (--help included) is a mistake: say how to call it rather than write
  // 10,000 rows into ./bench-data.
  const known = new Set(['--rows', '--out', '--format', '--seed']);
  if (args.length % 2 !== 0 || args.some((a, i) => i % 2 === 0 && !known.has(a))) {
    console.error('usage: node scripts/bench/generate.mjs --rows N --format csv|xlsx --out DIR [--seed S]');
    process.exit(2);
  }
  const arg = (name, fallback) => {
    const i = args.indexOf(`--${name}`);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const result = await generate({ rows: Number(arg('rows', '10000')), dir: arg('out', 'bench-data'), format: arg('format', 'csv'), seed: Number(arg('seed', '1')) });
  console.log(JSON.stringify(result, null, 2));
}
