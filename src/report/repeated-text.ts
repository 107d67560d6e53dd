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
