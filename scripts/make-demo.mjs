// Writes fixtures/demo/ccm-export-2026-10.xlsx: a synthetic one-month CCM export of a small practice, with
// the everyday problems an audit should find (see fixtures/demo/README.md for the list and where each sits).
// Every name, MRN and note is invented. Run: node scripts/make-demo.mjs
import ExcelJS from 'exceljs';
import { fileURLToPath } from 'node:url';

const OUT = fileURLToPath(new URL('../fixtures/demo/ccm-export-2026-10.xlsx', import.meta.url));
const NPI = '1234567893';
const OTHER_NPI = '1245319599';
const BAD_NPI = '1234567890';

const STAFF = {
  maria: ['Maria Lopez', 'RN'],
  james: ['James Chen', 'LPN'],
  aisha: ['Aisha Patel', 'CMA'],
  hale: ['Robert Hale', 'MD'],
  tom: ['Tom Becker', 'Front Desk'],
  linda: ['Linda Park', ''],
};

const d = (day) => new Date(Date.UTC(2026, 9, day));

// [mrn, patient, date (Date or text), staff, start, end, minutes, program, activity, note, npi]
const LOG = [
  [20451, 'Alice Morgan', d(3), 'maria', '9:00 AM', '9:20 AM', 20, '', 'Medication review', 'Reviewed metformin and lisinopril adherence; pt reports missing evening dose twice; set phone reminder and updated care plan goal'],
  [20451, 'Alice Morgan', '10/14/2026', 'maria', '9:45 AM', '10:05 AM', 20, 'CCM', 'Care coordination', 'Faxed A1c 7.9 result to endocrinology; scheduled diabetic eye exam at Valley Optometry for 11/4'],
  [20451, 'Alice Morgan', d(22), 'james', '', '', 5, 'CCM', 'Patient education', 'Mailed low-sodium meal plan handout and glucose log sheets requested by pt daughter'],
  [20452, 'Bernard Ortiz', d(6), 'james', '10:00', '10:25', 25, 'CCM', 'Symptom check', 'Daily weights up 3 lb in 4 days with ankle swelling; notified Dr. Hale, furosemide increased to 40 mg x3 days'],
  [20453, 'Carmen Diaz', d(2), 'maria', '13:00', '13:22', 22, 'CCM', 'Medication review', 'Inhaler technique reviewed by video; pt using Spiriva daily, albuterol 3x/week; refill sent to CVS'],
  [20453, 'Carmen Diaz', '2026-10-09', 'aisha', '14:00', '14:20', 20, 'CCM', 'Care coordination', 'Arranged pulmonary rehab intake at St. Mary outpatient for 10/20; confirmed transportation via county van'],
  [20453, 'Carmen Diaz', d(23), 'maria', '11:00', '11:20', '20 min', 'CCM', 'Care plan review', 'Updated COPD action plan after rehab visit; added statin start date and LDL recheck in 6 weeks'],
  [20454, 'David Kim', d(7), 'aisha', '', '', 30, 'CCM', 'Care coordination', 'Obtained home BP log from spouse, average 148/92; forwarded to Dr. Hale who added amlodipine 5 mg'],
  [20454, 'David Kim', d(21), 'aisha', '', '', 10, 'CCM', 'Phone call', 'CCM call - 10 min'],
  [20455, 'Evelyn Brooks', d(8), 'james', '', '', 35, 'CCM', 'Symptom check', 'Pt reports new tremor in right hand and two near falls; PT home safety evaluation ordered by Dr. Hale'],
  [20456, 'Frank Nguyen', d(6), 'maria', '', '', 20, 'CCM', 'Outreach', 'Explained CCM program, reviewed current insulin glargine dose and sliding scale with pt and wife'],
  [20456, 'Frank Nguyen', d(20), 'maria', '', '', 25, 'CCM', 'Medication review', 'Fasting sugars 180-210 this week; Dr. Hale raised glargine to 24 units; taught hypoglycemia signs'],
  [20457, 'Grace Hall', d(12), 'james', '', '', 30, 'CCM', 'Care plan review', 'Reviewed BP goal under 130/80, pt walking 20 minutes daily; reconciled new OTC decongestant use'],
  [20458, 'Henry Walsh', d(15), 'aisha', '', '', 15, 'CCM', 'Medication review', 'Confirmed warfarin dose change after INR 3.4; next INR draw booked at Main St lab on 10/22'],
  [20459, 'Irene Foster', d(9), 'maria', '', '', 20, 'CCM', 'Medication review', 'Called patient to review medication list, confirmed adherence to all prescribed medications, discussed upcoming lab work and care plan goals'],
  [20459, 'Irene Foster', d(19), 'maria', '', '', 15, 'CCM', 'Care coordination', 'Sent referral packet to nephrology for eGFR 38 decline; pt aware of appointment on 11/12'],
  [20460, 'Jack Reyes', d(9), 'james', '', '', 20, 'CCM', 'Medication review', 'Called patient to review medication list, confirmed adherence to all prescribed medications, discussed upcoming lab work and care plan goals'],
  [20460, 'Jack Reyes', d(26), 'james', '', '', 12, 'CCM', 'Symptom check', 'Pt reports gout flare in left toe resolved with colchicine; reinforced allopurinol daily'],
  [20461, 'Karen Liu', d(13), 'tom', '', '', 10, 'CCM', 'Scheduling', 'Scheduled cardiology follow-up with Dr. Amin for 10/28 and mailed reminder letter'],
  [20461, 'Karen Liu', d(16), 'maria', '', '', 25, 'CCM', 'Symptom check', 'Palpitations twice this week, no syncope; reviewed metoprolol timing and caffeine intake; told to log episodes'],
  [20462, 'Luis Romero', d(5), 'linda', '', '', 20, 'CCM', 'Care coordination', 'Coordinated home oxygen recertification with Apria; faxed signed CMN to supplier'],
  [20462, 'Luis Romero', d(27), 'maria', '', '', 22, 'CCM', 'Care plan review', 'Reviewed oxygen use 2 L at night, SpO2 92-94%; updated care plan goal for pulmonary rehab attendance'],
  [20463, 'Maya Singh', d(14), 'maria', '9:00 AM', '9:30 AM', 30, 'CCM', 'Medication review', 'Reconciled discharge meds after ED visit for hypoglycemia; glipizide stopped per Dr. Hale'],
  [20463, 'Maya Singh', d(24), 'aisha', '', '', 25, 'CCM', 'Symptom check', 'No further low sugars since glipizide stopped; fasting 110-135; pt checking twice daily'],
  [20464, 'Noah Fischer', d(14), 'maria', '9:20 AM', '9:45 AM', 25, 'CCM', 'Care coordination', 'Arranged echocardiogram at Mercy Heart for 10/30 and sent prior authorization to Medicare Advantage plan'],
  [20464, 'Noah Fischer', d(28), 'james', '', '', 20, 'CCM', 'Care plan review', 'Echo shows EF 40%; reviewed new sacubitril-valsartan start and BP log instructions with pt'],
  [20465, 'Olivia Grant', d(10), 'aisha', '', '', 20, 'CCM', 'Medication review', 'Pt stopped sertraline 5 days ago due to nausea; Dr. Hale switched to escitalopram 10 mg'],
  [20465, 'Olivia Grant', d(10), 'aisha', '', '', 20, 'CCM', 'Medication review', 'Pt stopped sertraline 5 days ago due to nausea; Dr. Hale switched to escitalopram 10 mg'],
  [20465, 'Olivia Grant', d(24), 'aisha', '', '', 15, 'CCM', 'Symptom check', 'PHQ-9 down from 16 to 11 on escitalopram; no side effects; sleeping 6 hours'],
  [20466, 'Peter Adams', d(4), 'james', '', '', 20, 'CCM', 'Care coordination', 'Home health nurse reports wound on left heel improving; updated dressing orders signed by Dr. Hale'],
  [20466, 'Peter Adams', d(18), 'james', '', '', 20, 'CCM', 'Symptom check', 'Blood sugars 140-170 on home health log; reviewed foot checks and heel offloading boot use'],
  [20467, 'Quinn Baker', d(2), 'maria', '', '', 30, 'TCM', 'Post-discharge call', 'Post-discharge call day 2 after CHF admission: weights stable, meds reconciled, follow-up visit 10/8'],
  [20467, 'Quinn Baker', d(20), 'maria', '', '', 25, 'CCM', 'Care plan review', 'Updated heart failure care plan: 2 g sodium limit, daily weights, call if gain over 2 lb/day'],
  [20468, 'Rosa Martinez', d(7), 'aisha', '', '', 20, 'CCM', 'Medication review', 'Reviewed levothyroxine timing with breakfast; TSH 6.2; dose raised to 100 mcg by Dr. Hale', NPI],
  [20468, 'Rosa Martinez', d(21), 'james', '', '', 20, 'CCM', 'Care coordination', 'Endocrinology consult note received and uploaded; pt to repeat TSH in 6 weeks', OTHER_NPI],
  [20469, 'Samuel Turner', d(8), 'maria', '', '', 0, 'CCM', 'Outreach', 'Left voicemail for pt daughter regarding walker delivery from Lincare; awaiting callback'],
  [20469, 'Samuel Turner', d(17), 'maria', '', '', 25, 'CCM', 'Symptom check', 'Knee pain 6/10 limiting walks; reviewed acetaminophen schedule and PT exercises; walker delivered'],
  [20470, 'Tara Young', d(11), 'james', '9:00', '9:20', 35, 'CCM', 'Care plan review', 'Reviewed asthma action plan and peak flow zones (green above 320); pt using controller daily'],
  [20471, 'Uma Fields', d(13), 'aisha', '', '', 30, 'CCM', 'Medication review', 'Reconciled 11 medications after cardiology visit; removed duplicate aspirin; pill organizer set up by daughter'],
  [20471, 'Uma Fields', '11/30/2026', 'aisha', '', '', 15, 'CCM', 'Symptom check', 'Dizziness on standing improved after amlodipine reduced to 2.5 mg; orthostatic precautions reviewed'],
  [20472, 'Victor Stone', d(15), 'maria', '', '', 25, 'CCM', 'Care coordination', 'Requested records from VA clinic for 2025 colonoscopy; scheduled diabetic foot exam for 11/3', BAD_NPI],
  [20473, 'Wendy Cole', d(6), 'james', '', '', 30, 'CCM', 'Medication review', 'A1c 8.4 from 7.6; Dr. Hale added empagliflozin 10 mg; reviewed genital hygiene and hydration'],
  [20474, 'Xavier Bell', d(12), 'aisha', '', '', 25, 'CCM', 'Symptom check', 'Home BP 128-136 systolic after losartan increase; no cough or swelling; continue current plan'],
  [20475, 'Yara Hassan', d(5), 'maria', '', '', 25, 'CCM', 'Medication review', 'New rheumatology plan: methotrexate 15 mg weekly with folic acid; lab monitoring schedule explained'],
  [20475, 'Yara Hassan', d(25), 'maria', '', '', 20, 'CCM', 'Care coordination', 'CBC and LFTs normal at 4 weeks; results faxed to rheumatology; next labs booked for 12/1'],
  [20476, 'Zoe Park', d(16), 'james', '', '', 30, 'CCM', 'Care coordination', 'Arranged memory clinic evaluation for MoCA 21; daughter to attend visit on 11/9'],
  [20477, 'Aaron Price', '10/32/2026', 'aisha', '', '', 10, 'CCM', 'Outreach', 'Confirmed pharmacy switched to 90-day mail order for atorvastatin and metformin'],
  [20477, 'Aaron Price', d(22), 'aisha', '', '', 25, 'CCM', 'Symptom check', 'Reports leg cramps at night since atorvastatin increase; CK ordered by Dr. Hale'],
  [20478, 'Bella Reed', d(9), 'hale', '', '', 35, 'CCM', 'Care plan review', 'Personally reviewed CKD 3b progression, adjusted lisinopril, set eGFR and potassium recheck, revised care plan goals'],
  [20479, 'Caleb Ross', d(3), 'maria', '', '', 30, 'Complex CCM', 'Care coordination', 'Coordinated hospice information visit request with family after oncology update; advance directive reviewed'],
  [20479, 'Caleb Ross', d(17), 'maria', '', '', 25, 'Complex CCM', 'Symptom check', 'Pain 7/10 on current morphine ER; Dr. Hale increased breakthrough dose; bowel regimen reinforced'],
  [20479, 'Caleb Ross', d(29), 'james', '', '', 20, 'Complex CCM', 'Care plan review', 'Family meeting notes filed; goals of care updated to comfort focus; DME hospital bed ordered'],
];

const CONSENTS = [
  [20451, 'Alice Morgan', d(1).getTime() - 86400000 * 200, 'Verbal'],
  [20452, 'Bernard Ortiz', '03/14/2026', 'Written'],
  [20453, 'Carmen Diaz', '2025-11-02', 'Verbal'],
  [20454, 'David Kim', '01/09/2026', 'Verbal'],
  [20456, 'Frank Nguyen', '10/15/2026', 'Verbal'],
  [20457, 'Grace Hall', '05/20/2026', 'Written'],
  [20458, 'Henry Walsh', '06/01/2026', 'Verbal'],
  [20459, 'Irene Foster', '02/11/2026', 'Verbal'],
  [20460, 'Jack Reyes', '02/12/2026', 'Verbal'],
  [20461, 'Karen Liu', '04/03/2026', 'Written'],
  [20462, 'Luis Romero', '07/07/2026', 'Verbal'],
  [20463, 'Maya Singh', '08/19/2026', 'Verbal'],
  [20464, 'Noah Fischer', '08/21/2026', 'Verbal'],
  [20465, 'Olivia Grant', '09/02/2026', 'Verbal'],
  [20466, 'Peter Adams', '01/30/2026', 'Written'],
  [20467, 'Quinn Baker', '09/29/2026', 'Verbal'],
  [20468, 'Rosa Martinez', '03/03/2026', 'Verbal'],
  [20469, 'Samuel Turner', '06/16/2026', 'Verbal'],
  [20470, 'Tara Young', '07/22/2026', 'Verbal'],
  [20471, 'Uma Fields', '05/05/2026', 'Verbal'],
  [20472, 'Victor Stone', '04/18/2026', 'Written'],
  [20473, 'Wendy Cole', '02/27/2026', 'Verbal'],
  [20474, 'Xavier Bell', '03/30/2026', 'Verbal'],
  [20475, 'Yara Hassan', '06/24/2026', 'Verbal'],
  [20476, 'Zoe Park', '09/09/2026', 'Verbal'],
  [20477, 'Aaron Price', '01/14/2026', 'Verbal'],
  [20478, 'Bella Reed', '08/08/2026', 'Verbal'],
  [20479, 'Caleb Ross', '09/12/2026', 'Written'],
];

const STANDARD_DX = [['E11.9', 'Type 2 diabetes mellitus without complications'], ['I10', 'Essential (primary) hypertension']];
const DX = {
  20452: [['I50.9', 'Heart failure, unspecified'], ['N18.30', 'Chronic kidney disease, stage 3 unspecified']],
  20453: [['J44.9', 'Chronic obstructive pulmonary disease, unspecified'], ['I10', 'Essential (primary) hypertension'], ['E78.5', 'Hyperlipidemia, unspecified']],
  20457: [['I10', 'Essential (primary) hypertension'], ['J06.9', 'Acute upper respiratory infection, unspecified']],
  20473: [['E11.9', 'Type 2 diabetes mellitus without complications'], ['I10', 'Essential (primary) hypertension'], ['2E11.9', 'Diabetes (typo)'], ['E11.99', 'Diabetes with complication (invalid code)']],
  20478: [['N18.32', 'Chronic kidney disease, stage 3b'], ['I10', 'Essential (primary) hypertension']],
  20479: [['C34.90', 'Malignant neoplasm of unspecified part of bronchus or lung'], ['I50.9', 'Heart failure, unspecified'], ['F32.9', 'Major depressive disorder, single episode, unspecified']],
};

const SERVICES = [
  [20466, d(31), 'G0181', 1, NPI, 'Home health care plan oversight'],
  [20467, d(8), '99495', 1, NPI, 'Transitional care management, moderate complexity'],
  [20474, d(31), '99490', 1, NPI, 'CCM first 20 minutes'],
  [20474, d(31), '99439', 1, NPI, 'CCM each additional 20 minutes'],
  [20475, d(31), '99490', 1, NPI, 'CCM first 20 minutes'],
];

async function main() {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'ccm demo generator';
  wb.created = wb.modified = new Date(Date.UTC(2026, 10, 2));

  const log = wb.addWorksheet('CCM Time Log');
  log.addRow(['Sunrise Family Medicine — Chronic Care Management Time Log']);
  log.mergeCells('A1:F1');
  log.addRow(['Report run: 11/02/2026 08:15', '', '', 'Period: October 2026']);
  log.addRow([]);
  log.addRow(['MRN', 'Patient', 'DOS', 'Staff', 'Credentials', 'Start Time', 'End Time', 'Time Spent (min)', 'Program', 'Activity', 'Notes', 'Billing NPI']);
  const first = log.rowCount + 1;
  for (const [mrn, patient, date, staff, start, end, minutes, program, activity, note, npi] of LOG) {
    const [name, credential] = STAFF[staff];
    const row = log.addRow([mrn, patient, date, name, credential, start, end, minutes, program, activity, note, Number(npi ?? NPI)]);
    if (date instanceof Date) row.getCell(3).numFmt = 'mm/dd/yyyy';
  }
  const last = log.rowCount;
  const total = LOG.reduce((sum, r) => sum + (typeof r[6] === 'number' ? r[6] : 20), 0);
  log.addRow(['Total', '', '', '', '', '', '', { formula: `SUM(H${first}:H${last})`, result: total }]);
  log.getColumn(11).width = 80;

  const consents = wb.addWorksheet('Consents');
  consents.addRow(['CCM consent register']);
  consents.addRow(['MRN', 'Patient Name', 'Consent Date', 'Consent Method']);
  for (const [mrn, patient, date, method] of CONSENTS) {
    const row = consents.addRow([mrn, patient, typeof date === 'number' ? new Date(date) : date, method]);
    if (typeof date === 'number') row.getCell(3).numFmt = 'yyyy-mm-dd';
  }

  const problems = wb.addWorksheet('Problem List');
  problems.addRow(['MRN', 'ICD-10 Code', 'Description', 'Onset Date', 'Resolved Date']);
  for (const [mrn] of CONSENTS) for (const [code, description] of DX[mrn] ?? STANDARD_DX) problems.addRow([mrn, code, description, '01/15/2024', '']);
  problems.addRow([20455, 'E11.9', 'Type 2 diabetes mellitus without complications', '03/02/2022', '']);
  problems.addRow([20455, 'G20.A1', "Parkinson's disease without dyskinesia, without mention of fluctuations", '06/10/2025', '']);

  const services = wb.addWorksheet('Billed Services');
  services.addRow(['MRN', 'DOS', 'CPT Code', 'Units', 'Billing NPI', 'Description']);
  for (const [mrn, date, code, units, npi, description] of SERVICES) {
    const row = services.addRow([mrn, date, code, units, npi, description]);
    row.getCell(2).numFmt = 'mm/dd/yyyy';
  }

  const plans = wb.addWorksheet('Care Plans');
  plans.addRow(['MRN', 'Care Plan Date', 'Action']);
  // Every patient has a care plan but 20476 (missing-care-plan); 20455 has no consent row (missing-consent).
  for (const mrn of [...CONSENTS.map(([m]) => m), 20455].sort()) if (mrn !== 20476) plans.addRow([mrn, '09/30/2026', 'Reviewed']);

  const readme = wb.addWorksheet('Read Me');
  readme.addRow(['This workbook is synthetic demo data for ccm. No real patients.']);

  await wb.xlsx.writeFile(OUT);
  console.log(`wrote ${OUT}`);
}

await main();
