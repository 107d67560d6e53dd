/**
 * The input kinds and their columns. Adding an alias is a one-line change to the list of its field; headers
 * are compared by `headerKey` (case, spaces and punctuation ignored; `#` reads as "number").
 */
export const INPUT_KINDS = ['timeLog', 'consents', 'diagnoses', 'services', 'carePlans'] as const;
export type InputKind = (typeof INPUT_KINDS)[number];

export const KIND_LABELS: Record<InputKind, string> = {
  timeLog: 'time log',
  consents: 'consents',
  diagnoses: 'diagnoses',
  services: 'billed services',
  carePlans: 'care plans',
};

interface FieldSpec {
  readonly aliases: readonly string[];
  readonly required?: true;
}

const PATIENT_ID: FieldSpec = {
  required: true,
  aliases: ['MRN', 'Patient ID', 'Patient #', 'Patient Number', 'Patient No', 'Chart Number', 'Chart #', 'Chart No', 'EHR ID', 'patient_id', 'PatientID', 'Medical Record Number', 'Account Number', 'Acct #', 'Member ID', 'Person ID'],
};
const PATIENT_NAME: FieldSpec = { aliases: ['Patient', 'Patient Name', 'Name', 'Patient Full Name', 'Beneficiary Name'] };
const MBI: FieldSpec = { aliases: ['MBI', 'Medicare ID', 'Medicare Beneficiary Identifier', 'Medicare Number', 'Medicare #', 'Beneficiary ID'] };
const BILLING_NPI: FieldSpec = { aliases: ['Billing NPI', 'Billing Provider NPI', 'Provider NPI', 'NPI', 'Practitioner NPI', 'Supervising NPI', 'Physician NPI'] };
const RENDERING_NPI: FieldSpec = { aliases: ['Rendering NPI', 'Rendering Provider NPI'] };

export const FIELDS = {
  timeLog: {
    patientId: PATIENT_ID,
    patientName: PATIENT_NAME,
    mbi: MBI,
    date: { required: true, aliases: ['DOS', 'Date of Service', 'Service Date', 'service_date', 'Activity Date', 'Date', 'Encounter Date', 'Entry Date', 'Log Date', 'Contact Date'] },
    staff: { aliases: ['Staff', 'Staff Member', 'Staff Name', 'Care Manager', 'Performed By', 'User', 'Clinician', 'Logged By', 'Entered By', 'Care Coordinator', 'Nurse'] },
    credential: { aliases: ['Credentials', 'Credential', 'Role', 'Title', 'License', 'Staff Role', 'Staff Credential', 'Staff Type', 'Licensure'] },
    minutes: { aliases: ['Minutes', 'Time Spent (min)', 'Time Spent', 'Duration', 'Total Time', 'Time (mins)', 'Time (min)', 'Mins', 'Total Minutes', 'Time Spent Minutes', 'Duration (min)', 'Duration (minutes)', 'Time Logged'] },
    start: { aliases: ['Start', 'Start Time', 'Time In', 'Begin', 'Begin Time', 'From'] },
    stop: { aliases: ['Stop', 'End', 'End Time', 'Time Out', 'Stop Time', 'Finish', 'To'] },
    activity: { aliases: ['Activity', 'Activity Type', 'Task', 'Purpose', 'Category', 'Service Activity', 'Intervention', 'Contact Type'] },
    note: { aliases: ['Notes', 'Note', 'Documentation', 'Comments', 'Comment', 'Narrative', 'Details', 'Summary', 'Progress Note', 'Activity Note', 'Note Text'] },
    program: { aliases: ['Program', 'Service', 'Service Type', 'Care Program', 'Program Type', 'Billing Program'] },
    billingNpi: BILLING_NPI,
    renderingNpi: RENDERING_NPI,
    complexity: { aliases: ['Complexity', 'CCM Type', 'Complex', 'Complex CCM', 'CCM Level', 'MDM Complexity'] },
    /** Whether the entry still stands: a row marked deleted or voided is left out (src/normalize/statuses.ts). */
    entryStatus: { aliases: ['Status', 'Entry Status', 'Record Status', 'Time Entry Status', 'Log Status', 'Entry State'] },
  },
  consents: {
    patientId: PATIENT_ID,
    patientName: PATIENT_NAME,
    mbi: MBI,
    consentDate: { required: true, aliases: ['Consent Date', 'Date Consented', 'Consent Obtained', 'Consent Obtained Date', 'Consented On', 'CCM Consent Date', 'Consent Signed', 'Date of Consent', 'Enrollment Date', 'Enrolled Date'] },
    method: { aliases: ['Consent Method', 'Method', 'Consent Type', 'Verbal/Written', 'How Obtained'] },
    status: { aliases: ['Consent Status', 'Status', 'Consent', 'Accepted', 'Consent Given'] },
    revoked: { aliases: ['Revoked', 'Revoked Date', 'Date Revoked', 'Consent Revoked', 'Revocation Date', 'Opt Out Date', 'Disenrolled', 'Disenrollment Date', 'Withdrawn Date'] },
    npi: BILLING_NPI,
  },
  diagnoses: {
    patientId: PATIENT_ID,
    patientName: PATIENT_NAME,
    code: { required: true, aliases: ['ICD-10', 'ICD10', 'ICD-10 Code', 'ICD-10-CM', 'ICD Code', 'ICD', 'Diagnosis Code', 'Dx Code', 'Dx', 'Problem Code', 'Code'] },
    description: { aliases: ['Description', 'Diagnosis', 'Diagnosis Description', 'Problem', 'Problem Description', 'Condition', 'Dx Description'] },
    onset: { aliases: ['Onset', 'Onset Date', 'Date of Onset', 'Diagnosed', 'Date Diagnosed', 'Added', 'Date Added', 'Noted Date'] },
    resolved: { aliases: ['Resolved', 'Resolved Date', 'Resolution Date', 'Date Resolved', 'End Date', 'Inactive Date'] },
    status: { aliases: ['Status', 'Problem Status', 'Diagnosis Status', 'Active', 'Clinical Status'] },
  },
  services: {
    patientId: PATIENT_ID,
    patientName: PATIENT_NAME,
    date: { required: true, aliases: ['DOS', 'Date of Service', 'Service Date', 'service_date', 'Date', 'From Date'] },
    code: { required: true, aliases: ['CPT', 'CPT Code', 'HCPCS', 'HCPCS Code', 'CPT/HCPCS', 'Procedure Code', 'Procedure', 'Billing Code', 'Service Code', 'Code'] },
    units: { aliases: ['Units', 'Unit', 'Qty', 'Quantity', 'Days or Units'] },
    npi: BILLING_NPI,
    renderingNpi: RENDERING_NPI,
    description: { aliases: ['Description', 'Service Description', 'Procedure Description', 'Code Description'] },
    /** A voided or reversed claim is no claim: its month is not billed (src/normalize/statuses.ts). */
    status: { aliases: ['Claim Status', 'Charge Status', 'Status', 'Billing Status', 'Transaction Status', 'Line Status'] },
  },
  carePlans: {
    patientId: PATIENT_ID,
    patientName: PATIENT_NAME,
    date: { required: true, aliases: ['Care Plan Date', 'Plan Date', 'Care Plan Established', 'Care Plan Reviewed', 'Care Plan Updated', 'Plan Reviewed', 'Plan Established', 'Review Date', 'Care Plan Review Date', 'Last Reviewed'] },
    action: { aliases: ['Action', 'Care Plan Action', 'Plan Action', 'Type', 'Activity'] },
    status: { aliases: ['Care Plan Status', 'Plan Status', 'Status'] },
    endDate: { aliases: ['End Date', 'Care Plan End Date', 'Plan End Date', 'Date Ended', 'Discontinued Date', 'Date Discontinued', 'Closed Date', 'Date Closed', 'Inactive Date'] },
  },
} as const satisfies Record<InputKind, Record<string, FieldSpec>>;


/**
 * The fields whose merged cells are filled down a table's record rows (src/read/merges.ts), as Excel shows them
 * on every row a merge covers. Two kinds. Those that say whose row it is, when, by whom, under which program
 * and provider: true of every row the merge covers. And those that can only end or withhold something: a
 * diagnosis's status and resolved (date), a consent's status and revoked (date), a care plan's status and end
 * date, a time entry's status. Left in the top row, the rows below read with none, which is the most billable
 * reading (no status is an active problem, an accepted consent, a plan in force): a "Resolved" merged over three
 * problems would count two of them toward the chronic conditions, a "Declined" merged over two consents would
 * consent on the second. Filled, they can only withhold a claim, never add one.
 * Never filled: a quantity (minutes, units, start and stop times: Excel shows and sums a merged 15 once, so
 * copied down it would count once per row), a code (billed once per row), a date that starts something (a
 * consent, onset or care-plan date copied to a row the file left empty would give it a consent, a condition or
 * a plan it does not have), or free text (notes, descriptions, activities, care-plan actions: a note copied to
 * rows is documentation the rows do not have).
 */
export const FILL_DOWN_FIELDS: Record<InputKind, ReadonlySet<string>> = {
  timeLog: new Set(['patientId', 'patientName', 'mbi', 'date', 'staff', 'credential', 'program', 'billingNpi', 'renderingNpi', 'complexity', 'entryStatus']),
  consents: new Set(['patientId', 'patientName', 'mbi', 'npi', 'status', 'revoked']),
  diagnoses: new Set(['patientId', 'patientName', 'status', 'resolved']),
  services: new Set(['patientId', 'patientName', 'date', 'npi', 'renderingNpi']),
  carePlans: new Set(['patientId', 'patientName', 'status', 'endDate']),
};

/**
 * Fields beyond `required` that a kind needs one of: a time log needs minutes or both clock times.
 * Each alternative is a list of fields that must all be present.
 */
export const REQUIRED_ONE_OF: Partial<Record<InputKind, readonly (readonly string[])[]>> = {
  timeLog: [['minutes'], ['start', 'stop']],
};

export function headerKey(header: string): string {
  return header.toLowerCase().replace(/#/g, 'number').replace(/\bno\b\.?/g, 'number').replace(/[^a-z0-9]/g, '');
}

const ALIAS_INDEX = new Map<InputKind, Map<string, string>>();
for (const kind of INPUT_KINDS) {
  const index = new Map<string, string>();
  for (const [field, spec] of Object.entries(FIELDS[kind]) as [string, FieldSpec][]) {
    for (const alias of spec.aliases) index.set(headerKey(alias), field);
  }
  ALIAS_INDEX.set(kind, index);
}

/** The field a header stands for in a kind, by alias. */
export function fieldForHeader(kind: InputKind, header: string): string | undefined {
  return ALIAS_INDEX.get(kind)?.get(headerKey(header));
}

/**
 * Headers of the day a claim was sent, paid or posted: not its date of service. CCM billed at month end goes out
 * in the next month, so read as the service date it would put every claim in the month after the one it billed,
 * and that month would be claimed again (A01). Never an alias of the services date; named when it is missing.
 */
const CLAIM_DATE_HEADER = /^(?:(?:claim|billed|billing|bill|submitted|submission|sent|paid|payment|posted|posting|remit|remittance|transaction|entry|created)date|date(?:billed|submitted|sent|paid|posted|entered|created))$/;

export function isClaimDateHeader(header: string): boolean {
  return CLAIM_DATE_HEADER.test(headerKey(header));
}

export function requiredFields(kind: InputKind): string[] {
  return (Object.entries(FIELDS[kind]) as [string, FieldSpec][]).filter(([, s]) => s.required).map(([f]) => f);
}

export function fieldAliases(kind: InputKind, field: string): readonly string[] {
  return (FIELDS[kind] as Record<string, FieldSpec>)[field]?.aliases ?? [];
}
