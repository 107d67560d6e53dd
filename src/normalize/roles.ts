import type { StaffRole } from '../model/schema.js';

/**
 * Credentials and job titles mapped to the closed set of roles that decide whose time counts
 * (R-TIME-STAFF, R-ELIG-BILLER). Keys are compared after lower-casing and removing punctuation and spaces.
 * A title that is not here is `unknown`: the config file's `credentials` map can classify it.
 */
const ROLE_TABLE: Record<Exclude<StaffRole, 'unknown'>, readonly string[]> = {
  practitioner: [
    'md', 'do', 'mbbs', 'physician', 'doctor', 'np', 'aprn', 'fnp', 'fnpc', 'fnpbc', 'anp', 'agnp', 'agpcnp', 'acnp', 'crnp', 'dnp',
    'nursepractitioner', 'pa', 'pac', 'physicianassistant', 'physicianassociate', 'cns', 'clinicalnursespecialist', 'cnm',
    'certifiednursemidwife',
  ],
  'clinical-staff': [
    'rn', 'bsn', 'bsnrn', 'rnbsn', 'msn', 'msnrn', 'registerednurse', 'nurse', 'lpn', 'lvn', 'licensedpracticalnurse',
    'licensedvocationalnurse', 'ma', 'cma', 'rma', 'ccma', 'ncma', 'medicalassistant', 'certifiedmedicalassistant',
    'pharmacist', 'pharmd', 'rph', 'clinicalpharmacist', 'lcsw', 'lmsw', 'licensedclinicalsocialworker', 'rd', 'rdn',
    'registereddietitian', 'cde', 'cdces', 'rrt', 'respiratorytherapist', 'ccmrn', 'rncm', 'nursecasemanager',
  ],
  'non-clinical': [
    'receptionist', 'frontdesk', 'frontoffice', 'scheduler', 'scheduling', 'billing', 'biller', 'billingspecialist', 'coder',
    'medicalcoder', 'admin', 'administrator', 'administrative', 'administrativeassistant', 'officemanager', 'practicemanager',
    'secretary', 'unitsecretary', 'clerk', 'medicalrecords', 'hit', 'itsupport', 'it', 'volunteer', 'student', 'intern', 'driver',
    'patientservicerep', 'psr', 'callcenter', 'callcenteragent', 'customerservice',
  ],
};

const LOOKUP = new Map<string, StaffRole>();
for (const [role, keys] of Object.entries(ROLE_TABLE) as [StaffRole, readonly string[]][]) {
  for (const key of keys) LOOKUP.set(key, role);
}

export function roleKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The role for a credential cell. Cells often list several ("RN, BSN", "Jane Doe, MA"): the first part
 * that is a known credential decides, scanning from the most specific (practitioner) down.
 */
export function classifyCredential(text: string | undefined, extra: ReadonlyMap<string, StaffRole> = NO_EXTRA): StaffRole {
  if (!text) return 'unknown';
  // A time log repeats a handful of credentials a million times: remember each answer per config.
  let cache = CACHE.get(extra);
  if (!cache) CACHE.set(extra, (cache = new Map()));
  let role = cache.get(text);
  if (role === undefined) {
    role = classify(text, extra);
    if (cache.size < MEMO_LIMIT) cache.set(text, role);
  }
  return role;
}

/** Free-text credential cells must not grow the memo without bound. */
const MEMO_LIMIT = 1000;
const NO_EXTRA: ReadonlyMap<string, StaffRole> = new Map();
const CACHE = new WeakMap<ReadonlyMap<string, StaffRole>, Map<string, StaffRole>>();

function classify(text: string, extra: ReadonlyMap<string, StaffRole>): StaffRole {
  const whole = roleKey(text);
  const direct = extra.get(whole) ?? LOOKUP.get(whole);
  if (direct) return direct;
  const parts = text.split(/[,/;|()]+|\s+-\s+/).map(roleKey).filter(Boolean);
  const roles = parts.map((p) => extra.get(p) ?? LOOKUP.get(p)).filter((r): r is StaffRole => r !== undefined);
  for (const role of ['practitioner', 'clinical-staff', 'non-clinical'] as const) if (roles.includes(role)) return role;
  return 'unknown';
}

