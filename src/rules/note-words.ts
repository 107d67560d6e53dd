/**
 * Word lists for vague-note. A note earns its minutes by saying what was done for this patient (R-CLONE-MAC:
 * condition, what was done, progress); these lists name the words that say nothing of the kind.
 */

/** Phrases that fill a note without saying what was done; matched as whole words, case and punctuation ignored. */
export const DEFAULT_BOILERPLATE_PHRASES: readonly string[] = [
  'f/u', 'fu', 'follow up', 'followup', 'checked in', 'check in', 'checking in',
  'spoke with pt', 'spoke with patient', 'spoke to pt', 'spoke to patient', 'talked to pt', 'talked with pt',
  'left message', 'left msg', 'left vm', 'left voicemail', 'lvm', 'lmtcb', 'lmom', 'vm', 'voicemail', 'no answer',
  'reviewed chart', 'chart review', 'chart reviewed', 'reviewed records',
  'ccm', 'ccm call', 'ccm time', 'ccm services', 'monthly call', 'monthly check', 'monthly follow up', 'monthly outreach',
  'care coordination', 'coordination of care', 'care management', 'chronic care management', 'coordinated care',
  'called pt', 'called patient', 'phone call', 'telephone call',
  'doing well', 'no concerns', 'no new concerns', 'no changes', 'no issues', 'as above', 'see above', 'see note', 'same as last month',
];

/** Words that carry no content of their own. */
export const STOP_WORDS: ReadonlySet<string> = new Set([
  'a', 'an', 'the', 'and', 'or', 'but', 'of', 'to', 'for', 'with', 'w', 'wo', 'without', 'on', 'in', 'at', 'by', 'from', 'as', 'into',
  'about', 're', 'regarding', 'per', 'via', 'is', 'was', 'were', 'be', 'been', 'being', 'are', 'has', 'have', 'had', 'do', 'did', 'does',
  'it', 'its', 'this', 'that', 'these', 'those', 'he', 'she', 'they', 'him', 'her', 'them', 'his', 'their', 'we', 'our', 'i', 'me', 'my',
  'you', 'your', 'pt', 'pts', 'patient', 'patients', 's', 'today', 'yesterday', 'also', 'then', 'x',
]);

/** Words about how long or when, never about what. */
export const TIME_WORDS: ReadonlySet<string> = new Set([
  'min', 'mins', 'minute', 'minutes', 'm', 'hr', 'hrs', 'hour', 'hours', 'h', 'sec', 'secs', 'second', 'seconds',
  'time', 'spent', 'total', 'duration', 'am', 'pm',
]);

/** The kind of contact, which says nothing about its content. */
export const CONTACT_WORDS: ReadonlySet<string> = new Set(['call', 'calls', 'phone', 'telephone', 'telephonic', 'tc', 'tel']);

/** Program names: a note that is only "CCM call - 20 min" records time, not care. */
export const PROGRAM_WORDS: ReadonlySet<string> = new Set(['ccm', 'rpm', 'tcm', 'pcm', 'bhi', 'apcm']);

/** Units a number may carry in one token (20min, 1h). */
export const NUMBER_UNITS: readonly string[] = ['min', 'mins', 'm', 'h', 'hr', 'hrs'];

/** Numbers and number-with-unit tokens (20, 20min, 1h): quantities without content. */
export const NUMBER_TOKEN = new RegExp(`^\\d+(?:${NUMBER_UNITS.join('|')})?$`);

/** Lower-case word tokens: punctuation separates words, so "f/u" and "F/U." are the same two tokens. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().split(/[^a-z0-9]+/).filter(Boolean);
}
