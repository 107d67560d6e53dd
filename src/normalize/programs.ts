import type { Program } from '../model/schema.js';
import { statusKey, words } from './statuses.js';

/** Programs a label can be classified as: `unknown` is the answer when it cannot be. */
type KnownProgram = Exclude<Program, 'unknown'>;

/** Program names as exports write them, by key (lower case, letters and digits only). */
const PROGRAM_TABLE: Record<KnownProgram, readonly string[]> = {
  ccm: ['ccm', 'chroniccaremanagement', 'chroniccare', 'chroniccaremgmt', 'noncomplexccm', 'ccmnoncomplex', 'standardccm', '99490', '99439', '99491', '99437'],
  'complex-ccm': ['complexccm', 'ccmcomplex', 'cccm', 'complexchroniccaremanagement', 'complexchroniccare', '99487', '99489'],
  pcm: ['pcm', 'principalcaremanagement', 'principalcare'],
  tcm: ['tcm', 'transitionalcaremanagement', 'transitionalcare', 'transitionofcare', 'toc', '99495', '99496'],
  rpm: ['rpm', 'remotepatientmonitoring', 'remotemonitoring', 'rtm', 'remotetherapeuticmonitoring'],
  bhi: ['bhi', 'cocm', 'behavioralhealth', 'behavioralhealthintegration', 'collaborativecare', 'collaborativecaremanagement', '99484'],
  apcm: ['apcm', 'advancedprimarycaremanagement', 'advancedprimarycare'],
  // Labels that say "not a care-management program" outright: D3 time, not an unrecognized label.
  other: ['other', 'nonccm', 'notccm', 'none'],
};

const LOOKUP = new Map<string, KnownProgram>();
for (const [program, keys] of Object.entries(PROGRAM_TABLE) as [KnownProgram, readonly string[]][]) {
  for (const key of keys) LOOKUP.set(key, program);
}

/**
 * Words and word pairs that name one program inside a longer label ("Chronic Care Management (CCM)",
 * "CCM 99490", "TCM follow-up"). Only names and CPT/HCPCS codes specific to one program: "care management"
 * alone is every program's name, so it names none.
 */
const PROGRAM_WORDS: Record<Exclude<KnownProgram, 'other' | 'complex-ccm'>, readonly string[]> = {
  ccm: ['ccm', 'chronic care', '99490', '99439', '99491', '99437', '99487', '99489', 'cccm'],
  pcm: ['pcm', 'principal care', '99424', '99425', '99426', '99427'],
  tcm: ['tcm', 'toc', 'transitional care', 'transition of', '99495', '99496'],
  rpm: ['rpm', 'rtm', 'remote patient', 'remote monitoring', 'remote therapeutic', '99457', '99458'],
  bhi: ['bhi', 'cocm', 'behavioral health', 'collaborative care', '99484', '99492', '99493', '99494'],
  apcm: ['apcm', 'advanced primary', 'g0556', 'g0557', 'g0558'],
};
/** Words that make a CCM label complex CCM. */
const COMPLEX_WORDS = new Set(['complex', 'cccm', '99487', '99489']);
/**
 * A negation right before a program's name ("non-CCM care", "not CCM", "no TCM") makes a label too risky to
 * read by its words. Elsewhere it negates something else ("CCM - no show follow-up") and is read past.
 */
const NEGATIONS = new Set(['non', 'not', 'no', 'never', 'without', 'excluding', 'except']);

const WORD_LOOKUP = new Map<string, KnownProgram>();
for (const [program, words] of Object.entries(PROGRAM_WORDS) as [KnownProgram, readonly string[]][]) {
  for (const word of words) WORD_LOOKUP.set(word, program);
}

/** Whether a label is exactly one of the built-in program names ("CCM", "Complex CCM", "TCM"…), not free text. */
export function isProgramName(text: string): boolean {
  return LOOKUP.has(programKey(text));
}

/** The key labels are compared by, in the table and in the config's `programs` map. */
export function programKey(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/**
 * The program a label names by its words: exactly one program named (CCM, made complex by "complex" or a
 * complex code), else `unknown` — a label naming two programs ("CCM/TCM") or none ("Care Management") is
 * not guessed, because a wrong guess either counts another program's minutes or loses CCM minutes.
 */
function programFromWords(text: string): Program {
  const words = text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
  const named = new Set<KnownProgram>();
  let complex = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if ((word === 'non' || word === 'not') && words[i + 1] === 'complex') {
      i++; // "non-complex CCM" and "CCM (not complex)" are plain CCM
      continue;
    }
    if (word === 'noncomplex') continue;
    const next = words[i + 1];
    if (NEGATIONS.has(word) && next !== undefined && (WORD_LOOKUP.has(next) || WORD_LOOKUP.has(`${next} ${words[i + 2] ?? ''}`))) return 'unknown';
    if (COMPLEX_WORDS.has(word)) complex = true;
    const program = WORD_LOOKUP.get(word) ?? (i + 1 < words.length ? WORD_LOOKUP.get(`${word} ${words[i + 1]}`) : undefined);
    if (program !== undefined) named.add(program);
  }
  if (named.size !== 1) return 'unknown';
  const [program] = named as unknown as [KnownProgram];
  return program === 'ccm' && complex ? 'complex-ccm' : program;
}

/**
 * Words that say a CCM label's time is not (or not yet, or no longer) CCM: before enrolment ("Pre-CCM"),
 * refused or withdrawn ("CCM - declined", "CCM - disenrolled"), or struck out ("CCM - voided"). The reference
 * is silent on program labels; counting such time toward CCM on the program's name is the worse mistake, so
 * the label is unknown and unknown-program shows it for review. Read by whole words, as status cells are
 * (statuses.ts).
 *
 * Refusal and strike-out words take the label away wherever they are: in a program label they can hardly be
 * about anything else. Words that also describe other things ("CCM - Pending labs", "CCM Prior Auth", "CCM -
 * no show follow-up") take it away only where they are about the program or the enrolment: right before the
 * program's name ("Pre-CCM", "Prospective CCM"), right after it at the end of its part ("CCM pending"), next
 * to a word of enrolment or billing ("CCM - pending consent", "CCM - not enrolled", "CCM - not billable"), or
 * as a part of their own ("CCM - cancelled", "CCM (inactive)", "CCM: No"). Elsewhere losing the minutes on
 * them would lose billable CCM time.
 */
const PROGRAM_REFUSAL = words(
  'declined|declines|refused|refusal|denied|rejected|opted out|withdrawn|revoked|disenrolled|unenrolled|ineligible|' +
    'void|voided|deleted|entered in error|in error|erroneous',
);
const NOT_YET = 'pre|prior|former|prospective|potential|candidate|pending|awaiting|inactive|discontinued|terminated|ended|cancell?ed|removed';
const NEGATED = 'non|not|no|never|without|not yet|no longer|prior to|before';
const CCM_NAME = 'ccm|cccm|chronic care(?: management| mgmt)?|99490|99439|99491|99437|99487|99489';
const ENROLMENT =
  'consent|consented|enrollment|enrolment|enrolled|enroll|enrol|enrolling|eligible|eligibility|agreement|signature|active|' +
  'bill|billed|billable|billing|charge|charged|chargeable|claim|claimed|count|counted|countable';
/** Words a part of its own may hold beside the qualifier: "CCM - cancelled by patient", "CCM (status: inactive)". */
const FILLER = 'patient|pt|by|per|status|entry|time|program|is|was|has been';
const PROGRAM_QUALIFIED = [
  new RegExp(`(?:^| )(${NOT_YET}) (?:${CCM_NAME})(?= |$)`),
  new RegExp(`(?:^| )(?:${CCM_NAME})(?: complex)? (${NOT_YET}|${NEGATED})$`),
  new RegExp(`(?:^| )(${NOT_YET}|${NEGATED}) (?:${ENROLMENT})(?= |$)`),
  new RegExp(`(?:^| )(?:${ENROLMENT}) (${NOT_YET}|not obtained|not signed|not yet|none)(?= |$)`),
  new RegExp(`^(?:(?:${FILLER}) )*(${NOT_YET}|${NEGATED})(?: (?:${NOT_YET}|${NEGATED}|${FILLER}))*$`),
];
/** How a label is cut into parts: "CCM - pending", "CCM (inactive)", "CCM: No". */
const PARTS = /[,/;|():]+|\s+-\s+/;

/**
 * The word that takes a CCM label away ("declined" in "CCM - declined"), if it has one. Only CCM labels are
 * read for it: another program's time never counts toward CCM, qualified or not.
 */
export function programQualifier(text: string): string | undefined {
  const program = programFromWords(text);
  if (program !== 'ccm' && program !== 'complex-ccm') return undefined;
  const refusal = PROGRAM_REFUSAL.exec(statusKey(text))?.[0].trim();
  if (refusal !== undefined) return refusal;
  for (const part of text.split(PARTS)) {
    const key = statusKey(part);
    for (const pattern of PROGRAM_QUALIFIED) {
      const found = pattern.exec(key)?.[1];
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

function classify(text: string, extra: ReadonlyMap<string, Program>): Program {
  const key = programKey(text);
  const named = extra.get(key) ?? LOOKUP.get(key);
  if (named !== undefined) return named;
  return programQualifier(text) === undefined ? programFromWords(text) : 'unknown';
}

/** Free-text program cells must not grow the memo without bound. */
const MEMO_LIMIT = 1000;
const NO_EXTRA: ReadonlyMap<string, Program> = new Map();
const CACHE = new WeakMap<ReadonlyMap<string, Program>, Map<string, Program>>();

/**
 * The program of a time entry's program cell. An empty cell, or a time log with no program column, is CCM:
 * that is what the tool audits. `extra` is the config's `programs` map (keys by `programKey`), which wins
 * over the built-in names. A label that names no single program is `unknown`, reported by unknown-program.
 */
export function classifyProgram(text: string | undefined, extra: ReadonlyMap<string, Program> = NO_EXTRA): Program {
  if (!text) return 'ccm';
  // Remembered per spelling and config: an export repeats a few program names on every row.
  let cache = CACHE.get(extra);
  if (!cache) CACHE.set(extra, (cache = new Map()));
  let program = cache.get(text);
  if (program === undefined) {
    program = classify(text, extra);
    if (cache.size < MEMO_LIMIT) cache.set(text, program);
  }
  return program;
}

/** Values of a complexity / CCM-type column that mark complex CCM; the complex CCM codes 99487/99489 do too. */
export function isComplexMarker(text: string | undefined): boolean {
  if (!text) return false;
  const key = text.toLowerCase().replace(/[^a-z0-9]/g, '');
  return ['complex', 'complexccm', 'yes', 'y', 'true', '1', 'high', 'moderate', 'moderatehigh', 'highcomplexity', 'moderatecomplexity', '99487', '99489'].includes(key);
}
