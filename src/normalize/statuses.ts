import type { ConsentStanding } from '../model/schema.js';

/**
 * Consent and diagnosis status columns, read by their words. EHR and CCM-vendor exports word these freely
 * ("Patient declined", "Refused CCM", "Awaiting signature", "History of", "Not active"); an exact list of
 * spellings let every unlisted one through as consent or as an active condition. A status that matches no
 * word list is `unrecognized`: the rules then neither count it (the conservative reading) nor pass over it
 * silently, but name it in their message.
 */

/** How a diagnosis record's status reads: only `active` counts toward eligibility. */
export type DiagnosisStanding = 'active' | 'inactive' | 'unrecognized';

/**
 * The words of a status, lower case, separated by single spaces: "Declined - verbal" → "declined verbal",
 * "Opted-out" → "opted out", "r/o" → "r o". Config maps are keyed by it too, so they match the same way.
 */
export function statusKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** Whether one of the phrases occurs as whole words in a status key. */
function has(key: string, phrases: RegExp): boolean {
  return phrases.test(key);
}

const words = (alternatives: string): RegExp => new RegExp(`(?:^| )(?:${alternatives})(?= |$)`);

/** A refusal, revocation or opt-out: the patient said no, or stopped. */
const CONSENT_REFUSAL = words(
  'declines?|declined|refuses?|refused|refusal|revoked?|revokes|revocation|opted out|opts? out|optout|withdrawn|withdrew|withdraws?|' +
    'disenrolled|unenrolled|dis enrolled|un enrolled|not interested|uninterested|denied|denies|rejected|rejects|cancell?ed|terminated|stopped|inactive',
);
/** Asked but not (yet) answered: not consent, and not a refusal either. */
const CONSENT_PENDING = words(
  'pending|awaiting|await|waiting|sent|mailed|emailed|requested|request|unsigned|in progress|not yet|to be|tbd|outstanding|incomplete|draft|scheduled|left message|lm|voicemail|vm|unable to reach|' +
    'needed|needs|need|required|requires|require|missing|due|obtain|ask|asked|discuss|discussed|will|hold|on hold|unknown|unable|expired|lapsed|ended',
);
/** A negation left after the refusal and pending words: "No consent", "Did not consent", "Not consented". */
const NEGATION = words('no|not|never|none|non|without|didn t|doesn t|won t|didnt|doesnt|wont|n|false|0');
/**
 * Agreement: "Accepted", "Yes", "Consented", "Signed", "Active", and consent named with how it was given
 * ("Verbal consent", "Consent given", "Consent on file"). "Consent" alone is not agreement: it is the word of
 * "Consent needed", "Consent missing" and "Consent form" too, so it counts only in those phrases; nor are
 * "verbal", "given" or "documented" alone, which say how, not whether.
 */
const CONSENT_ACCEPTED = words(
  'accepted|accepts?|yes|y|true|x|1|consented|signed|agreed|agrees?|obtained|active|approved|granted|opted in|opt in|' +
    '(?:verbal|written|oral|signed|documented|informed) consent|consent (?:given|obtained|signed|received|documented|on file|complete|completed)',
);

/**
 * A consent status read by its words. The order matters: a refusal wins over the rest ("Declined - verbal"
 * is a refusal given verbally), a pending word over a negation ("Not yet signed" is pending), and any
 * negation left over makes a refusal ("No consent"), before the words of agreement are looked for.
 */
export function classifyConsentStatus(text: string, configured?: ReadonlyMap<string, ConsentStanding>): ConsentStanding {
  const key = statusKey(text);
  const own = configured?.get(key);
  if (own !== undefined) return own;
  if (has(key, CONSENT_REFUSAL)) return 'declined';
  if (has(key, CONSENT_PENDING)) return 'pending';
  if (has(key, NEGATION)) return 'declined';
  if (has(key, CONSENT_ACCEPTED)) return 'accepted';
  return 'unrecognized';
}

/**
 * Over, never confirmed, or not current. "Remission" is here: the reference is silent on it, and a condition
 * in remission is not shown to place the patient at significant risk now (R-ELIG-CCM), so it is not counted on
 * a guess; a code that itself means "in remission" still counts when its status says active.
 */
const DX_INACTIVE = words(
  'inactive|resolved|resolves|closed|discontinued|d c|dc|history|historical|hx|past|prior|previous|former|old|ruled out|rule out|r o|' +
    'entered in error|error|erroneous|refuted|deleted|removed|remission|remitted|cured|healed|ended|expired|cancell?ed|suspected|excluded',
);
const NOT_ENDED = /^(?:not|non|never) (?:resolved|closed|discontinued|inactive)$/;
const DX_NEGATION = words('no|not|never|non|none|n|false|0');
const DX_ACTIVE = words('active|chronic|current|ongoing|on going|stable|confirmed|yes|y|true|x|1|present|controlled|uncontrolled|improving|worsening|unchanged|a');

/**
 * A time entry withdrawn in the source system: deleted, voided, cancelled or entered in error. CCM platforms
 * keep such rows in their exports with a status instead of removing them; their minutes were never spent on
 * the patient. "Not deleted" and "Undeleted" stand; any other status (Active, Billed, Approved, a status ccm
 * does not know) keeps the entry: leaving out minutes on a guess would hide them from the audit.
 */
const ENTRY_WITHDRAWN = words(
  'deleted|delete|voided|void|cancell?ed|cancel|entered in error|in error|erroneous|removed|retracted|rescinded|struck|stricken|invalidated|reversed|duplicate entry|wrong patient',
);
const ENTRY_NEGATION = words('not|non|never|no|un');

/** Whether an entry status says the entry was withdrawn (deleted, voided, cancelled, entered in error). */
export function isWithdrawnEntryStatus(text: string): boolean {
  const key = statusKey(text);
  return has(key, ENTRY_WITHDRAWN) && !has(key, ENTRY_NEGATION);
}

/** A diagnosis status read by its words: anything over or negated first ("Not active", "Inactive"), then active. */
export function classifyDiagnosisStatus(text: string): DiagnosisStanding {
  const key = statusKey(text);
  // "Not resolved" is the one negation that means active: it negates an ending, not the condition.
  if (NOT_ENDED.test(key)) return 'active';
  if (has(key, DX_INACTIVE) || has(key, DX_NEGATION)) return 'inactive';
  if (has(key, DX_ACTIVE)) return 'active';
  return 'unrecognized';
}
