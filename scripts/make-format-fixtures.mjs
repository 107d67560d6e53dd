// Writes the small input-format fixtures under fixtures/formats/ that the reader tests read: one logical
// time log in every encoding, delimiter and line-ending the readers support, a workbook with every cell
// type, and the messy layouts real exports have. Synthetic data only. Run: node scripts/make-format-fixtures.mjs
import ExcelJS from 'exceljs';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = (name) => fileURLToPath(new URL(`../fixtures/formats/${name}`, import.meta.url));

// The same three entries everywhere; the tests expect exactly these after normalization.
const HEADER = ['MRN', 'DOS', 'Staff', 'Credentials', 'Minutes', 'Notes'];
const ROWS = [
  ['20451', '3/7/2025', 'Zoë Müller', 'RN', '25', 'Reviewed “home” BP log 150s; €20 copay discussed'],
  ['20452', '2025-03-08', 'José Peña', 'LPN', '0:35', 'Called pt re: metformin, dose split AM/PM; care plan goal updated'],
  ['007', '03/09/25', 'Ann Lee', 'MA', '1h 5m', 'Line one of a long note\nline two: scheduled nephrology for eGFR 41'],
];

function csv(delimiter, eol = '\r\n') {
  const quote = (v) => (/["\n\r]/.test(v) || v.includes(delimiter) ? `"${v.replace(/"/g, '""')}"` : v);
  return [HEADER, ...ROWS].map((r) => r.map(quote).join(delimiter)).join(eol) + eol;
}

function utf16be(text) {
  const le = Buffer.from(text, 'utf16le');
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1], le[i]];
  return le;
}

const CP1252 = { '€': 0x80, '“': 0x93, '”': 0x94 };
function cp1252(text) {
  return Buffer.from([...text].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
}

writeFileSync(dir('utf8.csv'), csv(','));
writeFileSync(dir('utf8-bom.csv'), Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv(','))]));
writeFileSync(dir('utf16le-bom.csv'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv('\t'), 'utf16le')]));
writeFileSync(dir('utf16be-bom.csv'), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(csv(','))]));
writeFileSync(dir('windows-1252.csv'), cp1252(csv(';')));
writeFileSync(dir('semicolon.csv'), csv(';'));
writeFileSync(dir('tab.csv'), csv('\t', '\n'));
writeFileSync(dir('pipe.csv'), csv('|', '\n'));
// Mixed line ends: some tools append rows with LF to a CRLF file.
writeFileSync(dir('mixed-eol.csv'), csv(',').replace(/\r\n(?=20452)/, '\n'));

// A messy export: title lines, run date, blank row, unusual headers, mixed date formats, a totals row.
writeFileSync(
  dir('messy-export.csv'),
  [
    'Sunrise Family Medicine,,,,,,,',
    'CCM Activity Report,,,,,,,',
    'Run date: 04/01/2025 06:00,,,,,,,',
    ',,,,,,,',
    'Patient #,Activity Date,Performed By,Title,Time In,Time Out,Purpose,Narrative',
    '20451,3/7/2025,Maria Lopez,RN,9:00 AM,9:25 AM,Medication review,Reviewed home glucose log 140-180; metformin timing moved to dinner',
    '20452,2025-03-08,James Chen,LPN,14:00,14:35,Care coordination,Faxed cardiology referral for new murmur; appointment 3/20 confirmed',
    '20453,"Mar 9, 2025",Aisha Patel,CMA,10:00:00,10:20:00,Education,Taught inhaler spacer technique; pt demonstrated correctly',
    ',,,,,,,',
    'Grand Total,,,,,,,80 min',
    '',
  ].join('\r\n'),
);

// A time log with no minutes and no start/stop: ccm must stop and name the missing field.
writeFileSync(dir('no-minutes.csv'), 'MRN,DOS,Staff,Credentials,Notes\r\n20451,3/7/2025,Maria Lopez,RN,Reviewed BP log\r\n');

async function workbook() {
  const wb = new ExcelJS.Workbook();
  wb.created = wb.modified = new Date(Date.UTC(2025, 3, 1));
  const log = wb.addWorksheet('Time Log');
  log.addRow(['CCM time log — merged title']);
  log.mergeCells('A1:H1');
  log.addRow([]);
  log.addRow(['Patient ID', 'Date of Service', 'Staff Name', 'Role', 'Start', 'End', 'Duration', 'Documentation']);
  // Excel-typed MRN, date cell, time cells, time-formatted duration.
  const r1 = log.addRow([20451, new Date(Date.UTC(2025, 2, 7)), 'Maria Lopez', 'RN', new Date(Date.UTC(1899, 11, 30, 9, 0)), new Date(Date.UTC(1899, 11, 30, 9, 25)), new Date(Date.UTC(1899, 11, 30, 0, 25)), 'Reviewed home glucose log; metformin timing moved to dinner']);
  r1.getCell(2).numFmt = 'mm/dd/yyyy';
  r1.getCell(5).numFmt = 'h:mm AM/PM';
  r1.getCell(6).numFmt = 'h:mm AM/PM';
  r1.getCell(7).numFmt = '[h]:mm:ss';
  // Rich text staff and note, a formula for minutes, a hyperlink note.
  log.addRow([
    20452,
    45724, // serial number for 2025-03-08, general format
    { richText: [{ text: 'James ', font: { bold: true } }, { text: 'Chen' }] },
    'LPN',
    '',
    '',
    { formula: '20+15', result: 35 },
    { text: 'Faxed cardiology referral; see portal message', hyperlink: 'https://example.invalid/msg/1' },
  ]);
  log.addRow([]);
  log.addRow([]);
  log.addRow(['00789', '3/9/2025', 'Aisha Patel', 'CMA', '10:00', '10:20', '', { richText: [{ text: 'Taught inhaler spacer technique; ' }, { text: 'pt demonstrated correctly', font: { italic: true } }] }]);
  log.addRow(['Total', '', '', '', '', '', { formula: 'SUM(G4:G9)', result: 80 }, '']);

  const consents = wb.addWorksheet('Consents');
  consents.addRow(['MRN', 'Consent Date', 'Method']);
  const c = consents.addRow([20451, new Date(Date.UTC(2025, 0, 15)), 'Verbal']);
  c.getCell(2).numFmt = 'yyyy-mm-dd';
  consents.addRow([20452, '1/20/2025', 'Written']);
  wb.addWorksheet('Notes').addRow(['free text, not a table']);
  await wb.xlsx.writeFile(dir('cells.xlsx'));
}

await workbook();
console.log('wrote fixtures/formats/*');
