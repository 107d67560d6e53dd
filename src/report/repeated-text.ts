import { flat } from './flat.js';

/**
 * Report text of values a report repeats on many lines (statuses, rule ids, fix sentences, months, dates,
 * codes, file and sheet names), each escaped once per report and looked up after: report.json and the CSVs
 * render them for every patient-month or finding of a million-row audit. Only for values from a small set; a
 * Map of every patient id would hold the whole column. `missing` is the text of a missing value (JSON's null,
 * CSV's empty cell).
 */
export class RepeatedText {
  private readonly texts = new Map<string, string>();

  constructor(
    private readonly escape: (text: string) => string,
    private readonly missing: string,
  ) {}

  of(text: string | null): string {
    if (text === null) return this.missing;
    let escaped = this.texts.get(text);
    if (escaped === undefined) {
      escaped = flat(this.escape(text));
      this.texts.set(text, escaped);
    }
    return escaped;
  }
}

/** Integers below this have their text kept by a RepeatedCount: minutes and units, not row numbers or ids. */
const SMALL = 1 << 12;

/**
 * Report text of a count from a small range (a month's minutes, a line's units) with the key or comma before it
 * (`,"loggedMinutes":23`), made once per value and looked up by the number: one flattened piece of a line instead
 * of two, and no number-to-string conversion per line (~60 ms of a million-row audit's report.json, ~30 ms of its
 * CSVs). Other numbers (fractions, negatives, large counts) are written by `text` each time.
 */
export class RepeatedCount {
  // Filled with undefined rather than left with holes: an array written at scattered indexes would fall back to a dictionary.
  private readonly texts: (string | undefined)[] = new Array<string | undefined>(SMALL).fill(undefined);

  constructor(
    private readonly text: (value: number) => string,
    private readonly missing: string,
  ) {}

  of(value: number | null): string {
    if (value === null) return this.missing;
    // -0 passes too, and is written as 0 would be: "0" by String and JSON.stringify alike.
    if (!((value >>> 0) === value && value < SMALL)) return this.text(value);
    let text = this.texts[value];
    if (text === undefined) {
      text = flat(this.text(value));
      this.texts[value] = text;
    }
    return text;
  }
}

/**
 * Report text of an amount from a small set (a fee schedule's payments) with the key or comma before it, made once
 * per amount and looked up by the number: a fraction's shortest text is slow to find, and a line writes two.
 */
export class RepeatedAmount {
  private readonly texts = new Map<number, string>();

  constructor(private readonly text: (amount: number) => string) {}

  /** 0 and -0 are one key: both are written "0" (JSON) and "0.00" (toFixed). */
  of(amount: number): string {
    let text = this.texts.get(amount);
    if (text === undefined) {
      text = flat(this.text(amount));
      this.texts.set(amount, text);
    }
    return text;
  }
}
