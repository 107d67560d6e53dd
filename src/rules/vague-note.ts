import { z } from 'zod';
import type { TimeEntry } from '../model/schema.js';
import { defineRule } from './define-rule.js';
import { CONTACT_WORDS, DEFAULT_BOILERPLATE_PHRASES, NUMBER_TOKEN, PROGRAM_WORDS, STOP_WORDS, TIME_WORDS, tokenize } from './note-words.js';
import { isAuditedEntry } from './util.js';
import { NOT_ASCII, WordCursor, WordTable } from './word-table.js';

/** Four content words is about the least that can say what was done and for which problem. */
const DEFAULT_MIN_SPECIFIC_WORDS = 4;

type Verdict =
  | { kind: 'ok' }
  | { kind: 'empty' }
  | { kind: 'timeOnly' }
  | { kind: 'boilerplate'; phrases: string[]; specific: number }
  | { kind: 'tooFewWords'; specific: number };

interface Phrase {
  text: string;
  tokens: string[];
}

/** What the fast path needs to know of a word: whether it is a filler word, and the phrases it starts. */
interface KnownWord {
  filler: boolean;
  phrases: readonly Phrase[];
}

/** Phrases indexed by their first token, longest first, so a note is matched in one pass. */
export class PhraseMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();
  /** Phrase starts and filler words (stop, time and contact words; numbers are told by NUMBER_TOKEN), for the fast path. */
  readonly known: WordTable<KnownWord>;
  /** The fast path's words of the note being judged, reused from note to note. */
  readonly cursor = new WordCursor();

  constructor(phrases: readonly string[]) {
    for (const text of phrases) {
      const tokens = tokenize(text);
      const first = tokens[0];
      if (first === undefined) continue;
      const list = this.byFirst.get(first) ?? [];
      list.push({ text: text.toLowerCase(), tokens });
      this.byFirst.set(first, list);
    }
    for (const list of this.byFirst.values()) list.sort((a, b) => b.tokens.length - a.tokens.length);
    const known = new Map<string, KnownWord>();
    for (const [word, list] of this.byFirst) known.set(word, { filler: false, phrases: list });
    for (const words of [STOP_WORDS, TIME_WORDS, CONTACT_WORDS]) for (const word of words) known.set(word, { filler: true, phrases: known.get(word)?.phrases ?? [] });
    this.known = new WordTable(known);
  }

  /** The longest phrase starting at the cursor's word i, if any (as `strip` would find it there). */
  phraseAt(words: WordCursor, i: number, candidates: readonly Phrase[]): Phrase | undefined {
    // Loops rather than find/every: half the notes start with a phrase's first word ("reviewed", "called"), and
    // two closures per such word were ~30 ms of the rule on a million notes.
    for (const phrase of candidates) if (this.continuesAt(words, i, phrase.tokens)) return phrase;
    return undefined;
  }

  /** Whether the cursor's words after word i are the phrase's tokens after its first. */
  private continuesAt(words: WordCursor, i: number, tokens: readonly string[]): boolean {
    for (let k = 1; k < tokens.length; k++) if (!words.has(i + k) || !words.is(i + k, tokens[k]!)) return false;
    return true;
  }

  /** The tokens not covered by a phrase, and the phrases found (as written in the list). */
  strip(tokens: readonly string[]): { rest: string[]; found: string[] } {
    const rest: string[] = [];
    const found: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const match = this.byFirst.get(tokens[i]!)?.find((p) => p.tokens.every((t, k) => tokens[i + k] === t));
      if (match) {
        found.push(match.text);
        i += match.tokens.length;
      } else rest.push(tokens[i++]!);
    }
    return { rest, found };
  }
}

const isFiller = (t: string): boolean => STOP_WORDS.has(t) || TIME_WORDS.has(t) || CONTACT_WORDS.has(t) || NUMBER_TOKEN.test(t);
const isTimeOrContact = (t: string): boolean => TIME_WORDS.has(t) || CONTACT_WORDS.has(t) || NUMBER_TOKEN.test(t);

/**
 * The common case, decided cheaply: a note with enough specific words. Words are cut from the note only as
 * far as needed, as `tokenize` would cut them, and phrases are stripped left to right as `strip` does, so
 * counting can stop at the minimum with the same answer judgeNote would give. Nearly every note passes
 * within its first few words; the rest go through judgeNote for the full verdict.
 */
export function hasEnoughSpecificWords(note: string, matcher: PhraseMatcher, minSpecificWords: number): boolean {
  try {
    return countSpecificWords(note, matcher, minSpecificWords);
  } catch (error) {
    // Lower-casing a non-ASCII character can yield ASCII letters (K → k for the Kelvin sign): let judgeNote decide.
    if (error === NOT_ASCII) return false;
    throw error;
  }
}

/** Counts specific words up to the minimum on the note's words in place (word-table.ts); throws NOT_ASCII on any other character. */
function countSpecificWords(note: string, matcher: PhraseMatcher, minSpecificWords: number): boolean {
  const words = matcher.cursor;
  words.reset(note);
  let specific = 0;
  for (let i = 0; words.has(i); ) {
    const known = matcher.known.get(words, i);
    const phrase = known && known.phrases.length > 0 ? matcher.phraseAt(words, i, known.phrases) : undefined;
    if (phrase) {
      i += phrase.tokens.length;
      continue;
    }
    if (!known?.filler && !words.isNumber(i) && ++specific >= minSpecificWords) return true;
    i++;
  }
  return false;
}

export function judgeNote(note: string, matcher: PhraseMatcher, minSpecificWords: number): Verdict {
  const tokens = tokenize(note);
  if (tokens.length === 0) return { kind: 'empty' };
  const { rest, found } = matcher.strip(tokens);
  const specific = rest.filter((t) => !isFiller(t)).length;
  if (specific >= minSpecificWords) return { kind: 'ok' };
  // "CCM call - 20 min", "20 minutes", "phone call": nothing but how long and how.
  if (tokens.some(isTimeOrContact) && tokens.every((t) => isFiller(t) || PROGRAM_WORDS.has(t))) return { kind: 'timeOnly' };
  if (found.length > 0) return { kind: 'boilerplate', phrases: [...new Set(found)], specific };
  return { kind: 'tooFewWords', specific };
}

export const vagueNote = defineRule({
  id: 'vague-note',
  code: 'CCM011',
  severity: 'error',
  level: 'entry',
  description: 'A CCM entry\'s note is empty, records only time, is boilerplate, or has too few specific words to show what was done.',
  rationale:
    'Medicare contractors deny time whose documentation lacks patient-specific content: each note must say what was done, for which ' +
    'condition, and what came of it (R-CLONE-MAC, R-DOC-CHECKLIST: "narrative of need"). Generic entries such as "CCM call - 20 min" are ' +
    'a denial risk by inference from that policy (R-CLONE-CCM). A vague note leaves its minutes unsupported (D1). The note is judged by ' +
    'its specific words: what remains after removing stop words, boilerplate phrases, numbers and words about time or the kind of contact. ' +
    'The phrase list and the minimum are options, because vocabulary differs between practices. Messages name the boilerplate phrases ' +
    'found but never quote the note: it is health information, which the reports show only when asked.',
  references: ['R-CLONE-MAC', 'R-CLONE-CCM', 'R-DOC-CHECKLIST', 'R-DOC-ENTRY', 'D1'],
  fix: 'Rewrite the note in the source system to say what was done, for which condition and with what result (e.g. "Reviewed home BP log 150s-160s; called pt re amlodipine dose; updated care plan goal").',
  options: z.strictObject({
    boilerplatePhrases: z
      .array(z.string().min(1))
      .default([...DEFAULT_BOILERPLATE_PHRASES])
      .describe('Phrases that carry no patient-specific content; setting this replaces the built-in list.'),
    extraPhrases: z.array(z.string().min(1)).default([]).describe('More boilerplate phrases, added to `boilerplatePhrases` (e.g. your EHR\'s templates).'),
    minSpecificWords: z
      .number()
      .int()
      .min(1)
      .default(DEFAULT_MIN_SPECIFIC_WORDS)
      .describe('Fewest specific words (after removing stop words, boilerplate, numbers and time words) a note needs.'),
  }),
  messages: {
    empty: 'The note is empty: nothing shows what was done for the patient.',
    timeOnly: 'The note records only time or the kind of contact, not what was done.',
    boilerplate: 'The note is boilerplate ({phrases}) with {specific} specific word(s); at least {minimum} are needed to show what was done.',
    tooFewWords: 'The note has {specific} specific word(s); at least {minimum} are needed to show what was done.',
  },
  check({ model, options, report }) {
    const matcher = new PhraseMatcher([...options.boilerplatePhrases, ...options.extraPhrases]);
    const judge = (entry: TimeEntry): void => {
      if (hasEnoughSpecificWords(entry.note, matcher, options.minSpecificWords)) return;
      const verdict = judgeNote(entry.note, matcher, options.minSpecificWords);
      switch (verdict.kind) {
        case 'ok':
          return;
        case 'empty':
          return report({ messageId: 'empty', entries: [entry] });
        case 'timeOnly':
          return report({ messageId: 'timeOnly', entries: [entry] });
        case 'boilerplate':
          return report({
            messageId: 'boilerplate',
            data: { phrases: verdict.phrases.map((p) => `"${p}"`).join(', '), specific: verdict.specific, minimum: options.minSpecificWords },
            entries: [entry],
          });
        case 'tooFewWords':
          return report({
            messageId: 'tooFewWords',
            data: { specific: verdict.specific, minimum: options.minSpecificWords },
            entries: [entry],
          });
      }
    };
    for (const entry of model.entries) if (isAuditedEntry(model, entry)) judge(entry);
  },
});
