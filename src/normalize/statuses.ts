import type { ConsentStanding } from '../model/schema.js';
import { isPlaceholder } from './cells.js';

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
export function has(key: string, phrases: RegExp): boolean {
  return phrases.test(key);
}

/**
 * A pattern for any of the alternatives as whole words of a status key. Credentials and program labels are
 * read for negations and qualifiers with the same patterns (roles.ts, programs.ts).
 */
export const words = (alternatives: string): RegExp => new RegExp(`(?:^| )(?:${alternatives})(?= |$)`);

/** A refusal, revocation or opt-out: the patient said no, or stopped. */
const CONSENT_REFUSAL = words(
  'declines?|declined|refuses?|refused|refusal|revoked?|revokes|revocation|opted out|opts? out|optout|withdrawn|withdrew|withdraws?|' +
    'disenrolled|unenrolled|dis enrolled|un enrolled|not interested|uninterested|denied|denies|rejected|rejects|cancell?ed|terminated|stopped|inactive',
);
const CONSENT_REFUSAL_EVERY = new RegExp(CONSENT_REFUSAL.source, 'g');
/**
 * The refusal words that withdraw a consent given before ("Revoked", "Withdrawn", "Opted out", "Disenrolled"),
 * rather than decline CCM ("Declined", "Refused", "Not interested", "No consent"): messages say which happened.
 */
const CONSENT_REVOCATION = words(
  'revoked?|revokes|revocation|withdrawn|withdrew|withdraws?|withdrawal|opted out|opts? out|optout|' +
    'disenrolled|unenrolled|dis enrolled|un enrolled|cancell?ed|terminated|stopped|inactive',
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
 * A refusal negated, as entry statuses are ("Not deleted"): "Not declined", "Did not decline", "Never
 * refused", "No refusal", "Has not opted out". A plain "no" negates only the nouns ("No refusal"): before a
 * verb it is an answer of its own ("No - declined", "No, declined" are refusals). Read within one part of the
 * status, so a "no" in another part is never taken for it.
 */
const REFUSAL_NEGATED = new RegExp(
  '(?:^| )(?:(?:did|does|has|have|was|is) not|(?:didn|doesn|hasn|haven|wasn|isn) t|didnt|doesnt|hasnt|havent|wasnt|isnt|not|never) ' +
    '(?:declines?|declined|refuses?|refused|revoked?|opted out|opts? out|withdrawn|withdrew|withdraws?|disenrolled|unenrolled|' +
    'denied|denies|rejected|rejects|cancell?ed|terminated|stopped)(?= |$)' +
    '|(?:^| )(?:no|without) (?:refusal|revocation|withdrawal|opt out|optout)(?= |$)',
  'g',
);
/**
 * How a status is cut into parts: "Accepted (not declined)", "Consented - did not decline", "Accepted; declined:
 * no", "Accepted. Revoked: no". A period ends a part only before a space or the end, so a date ("1.10.25") stays.
 */
const STATUS_PARTS = /[,;|()]+|\s+-\s+|\.(?=\s|$)/;
/**
 * A checkbox answer in parentheses (no, or unknown) is read as question and answer: "Declined (No)" is "Declined:
 * No". Other words in parentheses stay a part of their own, and so does a "no" after a dash ("Declined - No"
 * answers no to CCM: a refusal).
 */
const PARENTHESIZED = /\s*\(([^()]*)\)/g;
/** A checkbox part: a question and its answer ("Declined: No", "Refused? N", "Revoked = unknown"). */
const QUESTION_ANSWERED = /^([^:=?]+)[:=?]+\s*([^:=?]*?)\s*$/;
/** A checkbox answered no: the refusal asked about did not happen. */
const ANSWER_NO = /^(?:no|n|false|0|unchecked)$/;
/**
 * A checkbox left unanswered: the part says neither that the patient refused nor that they did not. It is set
 * aside, so "Declined: Unknown" alone is unrecognized (not consent, not a refusal; missing-consent names it).
 */
const ANSWER_UNKNOWN = /^(?:not known|unsure|not sure|unanswered|not answered|blank|no answer|no response|not documented|)$/;
/** An answer left open: no answer, a placeholder (cells.ts: "Unknown", "N/A", "None", "-", "TBD"), or words saying so. */
function isUnanswered(answer: string): boolean {
  const key = statusKey(answer);
  // As written ("N/A", "-") and as words ("Unknown." is "unknown").
  return isPlaceholder(answer.trim()) || isPlaceholder(key) || ANSWER_UNKNOWN.test(key);
}
const isCheckboxAnswer = (answer: string): boolean => ANSWER_NO.test(statusKey(answer)) || isUnanswered(answer);
/** Words that may stand beside a negated refusal without saying anything else: "Patient has not declined". */
const REFUSAL_FILLER = /^(?:(?:patient|pt|ccm|status|the|by|consent) ?)*$/;

/**
 * The words a status reader sets aside when negated: the refusal words (`refusal`, and `every` the same
 * pattern global), their negated forms (`negated`, global) and the words that may stand beside them
 * (`filler`). Consent statuses negate refusals ("Not declined"); entry statuses negate withdrawals ("Not a
 * duplicate", "Not deleted").
 */
interface NegatedWords {
  refusal: RegExp;
  every: RegExp;
  negated: RegExp;
  filler: RegExp;
}

const CONSENT_NEGATED: NegatedWords = { refusal: CONSENT_REFUSAL, every: CONSENT_REFUSAL_EVERY, negated: REFUSAL_NEGATED, filler: REFUSAL_FILLER };

/**
 * A checkbox part about a refusal: `no` when answered no ("Declined: No"), `unknown` when left unanswered
 * ("Declined: Unknown"), else undefined (not a checkbox, one about something else, or answered otherwise).
 */
function refusalCheckbox(part: string, vocabulary: NegatedWords): 'no' | 'unknown' | undefined {
  const found = QUESTION_ANSWERED.exec(part);
  if (!found) return undefined;
  const asked = statusKey(found[1]!);
  if (!has(asked, vocabulary.refusal) || !vocabulary.filler.test(asked.replace(vocabulary.every, ' ').trim())) return undefined;
  if (ANSWER_NO.test(statusKey(found[2]!))) return 'no';
  return isUnanswered(found[2]!) ? 'unknown' : undefined;
}

/**
 * The words of a status with its negated refusals taken out ("Accepted (not declined)" → "accepted"),
 * and whether there were any. A checkbox part answered no ("Declined: No", "Accepted; declined: no") is a
 * negated refusal as a whole; one left unanswered ("Declined: Unknown") is taken out and says nothing.
 */
function withoutNegatedRefusals(text: string, vocabulary: NegatedWords = CONSENT_NEGATED): { rest: string; negated: boolean } {
  let negated = false;
  const rest = text
    .replace(PARENTHESIZED, (whole, inside: string) => (isCheckboxAnswer(inside) ? `: ${inside};` : whole))
    .split(STATUS_PARTS)
    .map((part) => {
      const checkbox = refusalCheckbox(part, vocabulary);
      if (checkbox !== undefined) {
        negated ||= checkbox === 'no';
        return '';
      }
      return statusKey(part).replace(vocabulary.negated, () => ((negated = true), ' ')).trim();
    })
    .filter(Boolean)
    .join(' ');
  return { rest, negated };
}

/**
 * A consent status read by its words. A negated refusal is set aside first ("Not declined", "Declined: No"):
 * it is no refusal, and with nothing else said, or with agreement ("Accepted (not declined)"), it is
 * acceptance. Then the order matters: a refusal wins over the rest ("Declined - verbal" is a refusal given
 * verbally), a pending word over a negation ("Not yet signed" is pending), and any negation left over makes a
 * refusal ("No consent"), before the words of agreement are looked for.
 */
export function classifyConsentStatus(text: string, configured?: ReadonlyMap<string, ConsentStanding>): ConsentStanding {
  const own = configured?.get(statusKey(text));
  if (own !== undefined) return own;
  const { rest: key, negated } = withoutNegatedRefusals(text);
  if (has(key, CONSENT_REFUSAL)) return 'declined';
  if (has(key, CONSENT_PENDING)) return 'pending';
  if (has(key, NEGATION)) return 'declined';
  if (has(key, CONSENT_ACCEPTED)) return 'accepted';
  return negated && REFUSAL_FILLER.test(key) ? 'accepted' : 'unrecognized';
}

/** Whether a consent status is worded as a revocation of consent, rather than as declining CCM. */
export function isRevocationStatus(text: string): boolean {
  return has(withoutNegatedRefusals(text).rest, CONSENT_REVOCATION);
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
/**
 * A negation of the course or the ending of a condition rather than of the condition itself: "Not controlled",
 * "No change", "Not at goal", "Not improving", "Not stable", "Not resolved" all say the problem is still there. They are taken
 * out before the negation words are looked for, and count as active on their own ("Active (no change)",
 * "Chronic - not resolved"); "Not active", "Not current" and "No longer active" negate the condition and stay
 * inactive.
 */
const COURSE_NEGATED = new RegExp(
  '(?:^| )(?:not|no|never|non|un) (?:(?:yet|well|adequately|fully|completely) )?' +
    '(?:controlled|control|change|changes|changed|at goal|improved|improving|improvement|better|worse|worsening|stable|' +
    'resolved|resolving|closed|discontinued|inactive|in remission)(?= |$)',
  'g',
);
const DX_NEGATION = words('no|not|never|non|none|n|false|0');
const DX_ACTIVE = words(
  'active|chronic|current|ongoing|on going|stable|confirmed|yes|y|true|x|1|present|controlled|uncontrolled|at goal|improving|improved|' +
    'worsening|worsened|unchanged|unresolved|unstable|persistent|a',
);

/**
 * How a time entry's status reads: `active` is a finished entry whose minutes count; `withdrawn` was never
 * time spent on the patient or must not be billed (the row is left out, as if not in the export);
 * `unrecognized` is a status ccm cannot read either way, and its minutes are held (unknown-entry-status).
 */
export type EntryStanding = 'active' | 'withdrawn' | 'unrecognized';

/**
 * Deleted, voided, cancelled, entered in error, a duplicate or written in the wrong chart. CCM platforms keep
 * such rows in their exports with a status instead of removing them; their minutes were never spent on the
 * patient, or are counted on another row.
 */
const ENTRY_WITHDRAWN_WORDS =
  'deleted|delete|voided|void|cancell?ed|cancel|entered in error|in error|erroneous|removed|retracted|rescinded|struck|stricken|invalidated|reversed|' +
  'duplicate|duplicated|duplicates|dup|dupe|dupl|double entry|double entered|double logged|entered twice|logged twice|' +
  'wrong chart|wrong patient|wrong pt|wrong record|wrong encounter|incorrect patient|incorrect chart';
const ENTRY_WITHDRAWN = words(ENTRY_WITHDRAWN_WORDS);
/** A plain refusal of billing: the practice marked the row itself ("DO NOT BILL", "Not billable", "No charge"). */
const BILL_REFUSAL = words(
  'do not bill|don t bill|dont bill|never bill|not to bill|not to be billed|should not be billed|cannot be billed|can t be billed|do not charge|don t charge|' +
    'not billable|non billable|nonbillable|unbillable|not chargeable|non chargeable|nonchargeable|not for billing|no bill|no billing|no charge|do not submit',
);
/** A withdrawal negated: "Not a duplicate", "Not deleted", "Un-voided", "Was not entered in error". */
const ENTRY_WITHDRAWN_NEGATED = new RegExp(
  `(?:^| )(?:(?:was|is|has been) not|(?:wasn|isn) t|wasnt|isnt|not|non|never|no|un) (?:a |an )?(?:${ENTRY_WITHDRAWN_WORDS})(?= |$)`,
  'g',
);
/** Words that may stand beside a negated withdrawal without saying anything else: "Entry not deleted". */
const ENTRY_FILLER = /^(?:(?:entry|time|record|row|status|the|this|is|was|patient|pt) ?)*$/;
const ENTRY_NEGATED_WORDS: NegatedWords = {
  refusal: ENTRY_WITHDRAWN,
  every: new RegExp(ENTRY_WITHDRAWN.source, 'g'),
  negated: ENTRY_WITHDRAWN_NEGATED,
  filler: ENTRY_FILLER,
};
/**
 * Not yet billed, which is what an audit before claims expects ("Unbilled", "Not billed", "Ready to bill"): read
 * as one word, "ready", so the "not" in it is no negation.
 */
const NOT_YET_BILLED = /(?:^| )(?:(?:not yet|not|un) billed|unbilled|to be billed|to bill|ready (?:to|for) (?:bill|billing|claim|submission))(?= |$)/g;
/**
 * Billing waits for the month, not for the entry: "Pending billing", "Completed - awaiting billing", and a
 * platform's note that the month is not billable yet ("Not billable yet - 20 min not met", "Not billable until
 * 20 min"), which is no refusal of the entry's minutes (explore10 A02, A07). Read as "ready" before refusals
 * of billing are looked for.
 */
const BILLING_WAITS = new RegExp(
  '(?:^| )(?:(?:pending|awaiting|waiting for|queued for) (?:bill|billing|claim|submission)|(?:billing|claim) (?:pending|queued)|' +
    'not (?:yet )?billable yet|not yet billable|' +
    'not (?:yet )?billable until (?:the )?(?:\\d+ )?(?:min|mins|minutes|threshold|time|month end|end of (?:the )?month)(?: (?:is )?(?:met|reached))?|' +
    '(?:\\d+ )?(?:min|mins|minutes|threshold|time) not (?:yet )?(?:met|reached))(?= |$)',
  'g',
);
/**
 * Not billable until something else than the month's time ("Not billable until note signed"): the entry
 * waits, and ccm cannot tell for what, so it is held as an unfinished one is, not dropped as a refusal.
 */
const BILLABLE_UNTIL = /(?:^| )not (?:yet )?billable until(?= |$)/g;
/**
 * The month's time is short ("Time not met", "20 min not met", "Insufficient time", "Below threshold"): a
 * platform's "Not billable" beside it is about the month, which ccm adds up itself across every export, not a
 * refusal of the entry (explore11 A03).
 */
const MONTH_SHORT = /(?:^| )(?:(?:\d+ )?(?:min|mins|minutes|threshold|time) not (?:yet )?(?:met|reached)|(?:insufficient|not enough) (?:time|minutes)|(?:under|below) (?:the )?(?:threshold|time threshold|minimum))(?= |$)/;
const MONTH_SHORT_REFUSAL = /(?:^| )(?:not|non|un) ?billable(?= |$)/g;
/**
 * Not finished: a draft, an unsigned or open note, one waiting for review. Minutes of a note nobody signed
 * would not survive a record review (D1), but some platforms call every entry of the open month "Open", so
 * ccm does not guess: such an entry is named, its minutes held until the status is classified.
 */
const ENTRY_UNFINISHED = words(
  'draft|drafts|pending|open|opened|reopened|unsigned|unapproved|unreviewed|unverified|unfinished|incomplete|partial|in progress|on hold|hold|held|' +
    'awaiting|waiting|needs|need|needed|requires|required|to be|tbd|under review|in review|for review|queued|rejected|returned|denied|flagged|disputed',
);
const ENTRY_NEGATION = words('not|non|never|no|un|n|false|0');
/**
 * A finished entry as EHR and CCM-platform exports word it: completed, signed, finalized, closed, approved,
 * billed, submitted, posted, locked, reviewed; "Active", "Valid" and "Ready" (to bill) too. "Reinstated",
 * "Restored", "Undeleted" undo a withdrawal.
 */
const ENTRY_ACTIVE = words(
  'active|complete|completed|done|finished|final|finalized|finalised|signed|cosigned|co signed|countersigned|counter signed|e signed|esigned|electronically signed|attested|' +
    'closed|approved|billed|billable|submitted|posted|reviewed|locked|ready|valid|validated|verified|accepted|processed|paid|claimed|charged|' +
    'documented|recorded|logged|entered|saved|current|confirmed|audited|sent|exported|ok|okay|yes|y|reinstated|restored|reactivated|undeleted|unvoided',
);

/**
 * A claim that no longer stands: voided, reversed or cancelled in the billing system. Anything else a billed
 * service's status says (paid, denied, pending, rejected, appealed, a word ccm does not know) leaves the row
 * billed: a denied or pending claim is corrected or waited for, never sent again as a new one, so only a claim
 * the billing system itself took back frees the month for a claim.
 */
const CLAIM_VOID = words('voided|void|reversed|reversal|cancell?ed|cancel|deleted|entered in error|in error|retracted|rescinded|withdrawn|removed');
/**
 * Words beside a void that leave the claim standing: a void asked for or not done yet ("Void requested",
 * "Pending void", "To be voided", "Void - in process"), refused ("Void rejected by payer"), or a claim that
 * replaced or corrected a voided one ("Corrected claim - replaces voided claim", "Voided/Replaced": the
 * replacement bills the month). Freeing a month on a guess would send a second claim.
 */
const CLAIM_STILL_STANDING = words(
  'request|requested|requesting|pending|to be|in process|processing|in progress|submitted|sent|awaiting|queued|scheduled|' +
    'rejected|denied|refused|failed|declined|replaces|replaced|replacing|replacement|corrected|correction|corrects|resubmitted|resubmit|rebilled|rebill|rebilling|re billed|re bill|new claim|frequency 7',
);

export function isVoidClaimStatus(text: string): boolean {
  const { rest } = withoutNegatedRefusals(text, ENTRY_NEGATED_WORDS);
  return has(rest, CLAIM_VOID) && !has(rest, CLAIM_STILL_STANDING);
}

/**
 * An entry status read by its words. A negated withdrawal is set aside first ("Not a duplicate", "Deleted: No").
 * Then a withdrawal or a refusal of billing wins over the rest ("Signed - duplicate of 10/2", "Completed, do not
 * bill"), an unfinished word over a finished one ("Signed - pending review"), and a negation left over makes the
 * status unread ("Not signed", "Billable: No"). A status that names nothing ccm knows is `unrecognized`: the
 * reference is silent on entry statuses, and counting a row whose own log may say it is not to be billed is the
 * worse mistake, so it is held and named rather than counted on a guess. An empty status, or a placeholder
 * ("N/A", "-"), says nothing: the entry counts, as in a log with no status column. The config's `entryStatuses`
 * map (keyed by statusKey) wins over the words.
 */
export function classifyEntryStatus(text: string, configured?: ReadonlyMap<string, EntryStanding>): EntryStanding {
  const own = configured?.get(statusKey(text));
  if (own !== undefined) return own;
  if (statusKey(text) === '' || isPlaceholder(text.trim())) return 'active';
  const { rest: said, negated } = withoutNegatedRefusals(text, ENTRY_NEGATED_WORDS);
  // "Not billable - time not met": the month is short, which ccm judges itself; no refusal of this entry.
  const waits = MONTH_SHORT.test(said) ? said.replace(MONTH_SHORT_REFUSAL, ' ready ') : said;
  const rest = waits.replace(BILLING_WAITS, ' ready ').replace(BILLABLE_UNTIL, ' pending ').trim();
  if (has(rest, ENTRY_WITHDRAWN) || has(rest, BILL_REFUSAL)) return 'withdrawn';
  const key = rest.replace(NOT_YET_BILLED, ' ready ').trim();
  if (has(key, ENTRY_UNFINISHED) || has(key, ENTRY_NEGATION)) return 'unrecognized';
  if (has(key, ENTRY_ACTIVE)) return 'active';
  return negated && ENTRY_FILLER.test(key) ? 'active' : 'unrecognized';
}

/**
 * A diagnosis status read by its words: a negated course is set aside first ("Not controlled" is active), then
 * anything over or negated wins ("Not active", "Inactive", "Resolved - no change"), then the words of an active
 * problem.
 */
export function classifyDiagnosisStatus(text: string): DiagnosisStanding {
  const key = statusKey(text);
  const rest = key.replace(COURSE_NEGATED, ' ').trim();
  if (has(rest, DX_INACTIVE) || has(rest, DX_NEGATION)) return 'inactive';
  if (rest !== key || has(rest, DX_ACTIVE)) return 'active';
  return 'unrecognized';
}

/**
 * How a care-plan row's status reads: only `active` is a plan in place; `ended` also ends the plans before it;
 * `pending` (a draft, a review due) is not a plan in place but ends nothing.
 */
export type CarePlanStanding = 'active' | 'ended' | 'pending' | 'unrecognized';

/** Over, or never in force: the plan stopped, the patient left, or the row was a mistake. */
const PLAN_ENDED = words(
  'discontinued|discontinue|d c|dc|closed|close|inactive|ended|end|terminated|cancell?ed|stopped|expired|retired|archived|resolved|' +
    'transferred|transfer|disenrolled|unenrolled|revoked|declined|refused|withdrawn|opted out|deceased|died|discharged|' +
    'superseded|replaced|void|voided|deleted|removed|entered in error|error',
);
/** A plain no, or a negated "in place": a negation elsewhere is wording ("Reviewed - no changes"). */
const PLAN_NEGATED = /^(?:no|n|false|0|none|(?:not|non|no longer) (?:active|current|in place|open|established))$/;
const PLAN_PENDING = words(
  'pending|draft|proposed|planned|not started|in progress|incomplete|due|overdue|needed|needs|required|missing|awaiting|to be|tbd|scheduled|on hold|hold',
);
const PLAN_ACTIVE = words(
  'established|establish|created|new|initial|initiated|started|implemented|active|current|in place|ongoing|open|' +
    'reviewed|review|revised|revision|updated|update|monitored|monitoring|signed|approved|shared|yes|y|true|x|1',
);

/**
 * A care-plan status read by its words: ended first ("Closed - patient transferred care", "Not active"), then
 * not yet in place ("Review due", "Draft"), then in place. The reference is silent on ended plans: the
 * conservative reading is that a plan whose status says it ended is not a plan in place.
 */
export function classifyCarePlanStatus(text: string): CarePlanStanding {
  const key = statusKey(text);
  if (has(key, PLAN_ENDED) || PLAN_NEGATED.test(key)) return 'ended';
  if (has(key, PLAN_PENDING)) return 'pending';
  if (has(key, PLAN_ACTIVE)) return 'active';
  return 'unrecognized';
}
