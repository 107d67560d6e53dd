/**
 * The same string, flattened in place. A string built by `+` or a template is a rope: a tree of the pieces it
 * was made of, which V8 walks (~25 ns a piece) each time the text is copied out, as when a report chunk is
 * encoded into the write buffer. Text a report repeats on many lines (an escaped fix sentence, a patient's
 * diagnoses cells) is flattened once here, so every line that reuses it walks one piece instead of its dozen.
 * Reading a character is what flattens it: V8 turns the rope into one sequential string the first time a
 * character is read from it.
 */
export function flat(text: string): string {
  text.charCodeAt(0);
  return text;
}
