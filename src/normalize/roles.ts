import type { StaffRole } from '../model/schema.js';
import { has, statusKey, words } from './statuses.js';

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
 * The role for a credential cell. Cells often list several ("RN, BSN", "Jane Doe, MA"): the most specific
 * role named decides (practitioner, then clinical staff), a clear credential inside a job title counts ("RN
 * Care Manager"), and a cell naming both a non-clinical and a clinical role ("Front Desk/MA") is unknown. A
 * cell that says "non-clinical" is non-clinical; a clinical credential negated or qualified away ("Not RN",
 * "Former RN", "RN (license pending)") is unknown.
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

/**
 * Credentials that name a role as a word inside a job title ("RN Care Manager", "LPN Care Coordinator").
 * Only unmistakable abbreviations: 'MA', 'DO', 'PA' and 'RD' are also ordinary words and names, so they count
 * only as a whole part ("Jane Doe, MA"), not as a word of a title.
 */
const TITLE_CREDENTIALS: ReadonlySet<string> = new Set([
  'md', 'np', 'aprn', 'fnp', 'dnp', 'crnp', 'pac', 'cns', 'cnm',
  'rn', 'bsn', 'msn', 'lpn', 'lvn', 'cma', 'rma', 'ccma', 'ncma', 'pharmd', 'rph', 'lcsw', 'lmsw', 'rdn', 'cde', 'cdces', 'rrt',
]);

/** How a credential cell is cut into parts: "RN, BSN", "Front Desk/MA", "RN (license pending)", "RN - inactive". */
const PARTS = /[,/;|()]+|\s+-\s+/;
/**
 * How a credential cell is cut into the groups a qualifier can be about: "RN (Former LPN)", "CMA, formerly LPN".
 * A slash joins alternatives into one group: in "Former RN/LPN" the qualifier may be about both.
 */
const GROUPS = /[,;|()]+|\s+-\s+/;

/** Words that negate the word after them: "non-billing" and "not billing provider" name no billing role. */
const NEGATING = new Set(['non', 'not', 'no', 'never']);

/** The roles one part of a credential cell names: the whole part, else its credential and non-clinical words. */
function partRoles(part: string, extra: ReadonlyMap<string, StaffRole>): StaffRole[] {
  const key = roleKey(part);
  const whole = extra.get(key) ?? LOOKUP.get(key);
  if (whole) return [whole];
  const words = part.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const roles: StaffRole[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (TITLE_CREDENTIALS.has(word)) roles.push(LOOKUP.get(word)!);
    // "Billing RN", "Front Desk RN": a non-clinical word or word pair in the title. Negated ("RN Care Manager
    // (non-billing)", "not billing provider", "not a student") it says what the person is not, so it names no role.
    const before = words[i - 1] === 'a' || words[i - 1] === 'an' ? words[i - 2] : words[i - 1];
    if (NEGATING.has(before ?? '')) continue;
    for (const candidate of [word, `${word}${words[i + 1] ?? ''}`]) if (LOOKUP.get(candidate) === 'non-clinical') roles.push('non-clinical');
  }
  return roles;
}

/**
 * Qualifiers take a credential away only where they are about it: the person is not, no longer or not yet
 * what it names. Words elsewhere in the cell describe the job ("RN, Care Manager (non-billing)", "LPN (no
 * longer supervising)", "RN, not on call", "LPN - Prior Auth"): that RN or LPN is clinical staff, and reading
 * their time as unsupported loses billable minutes. Parts are read by whole words (statuses.ts). These are the
 * credential words a qualifier can stand next to: those of job titles, and one-word clinical credentials ("MA").
 */
const CREDENTIAL_WORD = [...new Set([...TITLE_CREDENTIALS, ...[...LOOKUP].filter(([k, r]) => r !== 'non-clinical' && /^[a-z]+$/.test(k)).map(([k]) => k)])].join('|');
/** Right before the credential: "Non-RN", "Not an RN", "Former RN", "Ex-RN", "Unlicensed RN", "Pre-licensure RN". */
const BEFORE_CREDENTIAL =
  'non|not|no|no longer|not yet|never|without|former|formerly|ex|previous|previously|prior|past|retired|inactive|lapsed|expired|' +
  'suspended|revoked|pending|awaiting|applicant|candidate|pre licensure|prelicensure|unlicensed|uncertified|student|trainee|apprentice|extern';
/** Right after the credential, ending its part: "RN student", "CMA trainee", "LPN in training", "RN inactive". */
const AFTER_CREDENTIAL =
  'retired|inactive|lapsed|expired|suspended|revoked|pending|applicant|candidate|student|trainee|in training|apprentice|extern|unlicensed|uncertified';
/** Words about the licence itself, qualified anywhere in the cell: "RN (license pending)", "RN - inactive license". */
const LICENCE =
  'license|licence|licensed|licenced|licenses|licences|licensure|credential|credentials|credentialed|credentialing|certification|certified|certificate|registration';
const BEFORE_LICENCE = 'non|not|no|no longer|not yet|never|without|former|previous|prior|past|inactive|lapsed|expired|suspended|revoked|pending|awaiting|pre';
const AFTER_LICENCE = 'pending|inactive|lapsed|expired|suspended|revoked|in progress|not active|not current|not valid|invalid|none|not yet';

const QUALIFIED_CREDENTIAL = [
  new RegExp(`(?:^| )(${BEFORE_CREDENTIAL}) (?:an? )?(?:${CREDENTIAL_WORD})(?= |$)`),
  new RegExp(`(?:^| )(?:${CREDENTIAL_WORD}) (${AFTER_CREDENTIAL})$`),
  new RegExp(`(?:^| )(${BEFORE_LICENCE}) (?:${LICENCE})(?= |$)`),
  new RegExp(`(?:^| )(?:${LICENCE}) (${AFTER_LICENCE})(?= |$)`),
  // A part of qualifier words alone qualifies the credential beside it: "RN (retired)", "LPN - lapsed".
  new RegExp(`^(${BEFORE_CREDENTIAL}|${AFTER_CREDENTIAL})(?: (?:${BEFORE_CREDENTIAL}|${AFTER_CREDENTIAL}))*$`),
];
/**
 * A qualifier negated is none: "RN, license active, not expired", "RN (licensed, not pending)" say the licence
 * is in force, "RN (non-student)" that the RN is no student. Taken out before the qualifiers are looked for; "not yet" stays one ("Not yet licensed").
 */
const NEGATED_QUALIFIER = new RegExp(
  '(?:^| )(?:not|non|never|no longer) (?:currently )?(?:an? )?(?:retired|inactive|lapsed|expired|suspended|revoked|pending|awaiting|unlicensed|uncertified|in training|student|trainee|apprentice|extern)(?= |$)',
  'g',
);

/**
 * The qualifier of one group of a credential cell, if it has one, and whether it names the credential it is about
 * ("Former MA", "RN trainee") rather than the licence or nothing ("license pending", "retired").
 */
function groupQualifier(group: string): { word: string; ofCredential: boolean } | undefined {
  const key = statusKey(group).replace(NEGATED_QUALIFIER, ' ').replace(/ +/g, ' ').trim();
  for (const [i, pattern] of QUALIFIED_CREDENTIAL.entries()) {
    const word = pattern.exec(key)?.[1];
    if (word !== undefined) return { word, ofCredential: i < 2 };
  }
  return undefined;
}

/** A cell that says outright that the person is not clinical staff ("MA (non-clinical)", "Non-clinical staff"). */
const SAYS_NON_CLINICAL = words('non clinical|nonclinical|not clinical|non clinician|not a clinician|non medical|nonmedical');

/**
 * A credential cell read group by group: the roles it names that no qualifier takes away, and the first qualifier
 * that takes a clinical credential away. A qualifier takes away the credentials of its own group ("Former LPN" in
 * "RN (Former LPN)": that RN is clinical staff, the LPN is history); a group of qualifier or licence words alone
 * ("RN (retired)", "RN, BSN (license pending)") is about the person: it takes away every credential in the cell,
 * as the cell does not say which one is meant.
 */
function readCredential(text: string, extra: ReadonlyMap<string, StaffRole>): { roles: Set<StaffRole>; qualifier?: string } {
  const groups = text.split(GROUPS).map((group) => {
    const roles = group.split('/').flatMap((part) => partRoles(part, extra));
    return { roles, qualifier: groupQualifier(group), credential: roles.some((r) => r === 'clinical-staff' || r === 'practitioner') };
  });
  const aboutPerson = groups.find((g) => !g.credential && g.qualifier?.ofCredential === false)?.qualifier?.word;
  const roles = new Set<StaffRole>();
  let qualifier: string | undefined;
  for (const group of groups) {
    // "Former MA" names its credential even where the word alone is no role of a title ("MA", "DO").
    const takenAwayBy = group.credential ? (group.qualifier?.word ?? aboutPerson) : group.qualifier?.ofCredential ? group.qualifier.word : undefined;
    qualifier ??= takenAwayBy;
    // A qualifier that is also a role word ("student" in "LPN (RN student)") qualifies here; it names no role.
    const qualifierIsRole = takenAwayBy !== undefined && LOOKUP.get(takenAwayBy) === 'non-clinical';
    for (const role of group.roles) if (takenAwayBy === undefined || (role === 'non-clinical' && !qualifierIsRole)) roles.add(role);
  }
  return qualifier === undefined ? { roles } : { roles, qualifier };
}

/**
 * The qualifier that takes a credential away ("former" in "Former RN"), if the cell has one. With another
 * credential left standing ("RN (Former LPN)") the cell still names that role: missing-staff asks only when
 * the role is unknown.
 */
export function credentialQualifier(text: string): string | undefined {
  return readCredential(text, NO_EXTRA).qualifier;
}

function classify(text: string, extra: ReadonlyMap<string, StaffRole>): StaffRole {
  const whole = roleKey(text);
  const direct = extra.get(whole) ?? LOOKUP.get(whole);
  if (direct) return direct;
  if (has(statusKey(text), SAYS_NON_CLINICAL)) return 'non-clinical';
  // A clinical credential negated or qualified away ("Not RN", "Former RN", "RN (license pending)") is no
  // evidence of clinical staff (R-TIME-STAFF); another one left standing in the cell still is ("RN (Former LPN)").
  const { roles, qualifier } = readCredential(text, extra);
  const clinical = roles.has('clinical-staff') || roles.has('practitioner');
  // With every clinical credential taken away, unknown: for missing-staff to report and the config to settle.
  if (!clinical && qualifier !== undefined) return 'unknown';
  // A cell naming a non-clinical role and a clinical one ("Front Desk/MA") says the person may not be clinical
  // staff: unknown, for the config to settle, rather than time counted on a guess (R-TIME-STAFF).
  if (roles.has('non-clinical') && clinical) return 'unknown';
  for (const role of ['practitioner', 'clinical-staff', 'non-clinical'] as const) if (roles.has(role)) return role;
  return 'unknown';
}
