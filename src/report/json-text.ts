/**
 * JSON text of single values, byte for byte what JSON.stringify writes for them, for report.json's per-element
 * templates (json.ts). test/report/json-text.test.ts pins each to JSON.stringify.
 */
import { flat } from './flat.js';

/**
 * A string as JSON.stringify writes it. Most report strings (ids, codes, dates, messages) need no escaping, so
 * they are quoted as they are; any character JSON.stringify might escape (`"`, `\`, a control character, or a
 * UTF-16 surrogate, escaped when unpaired) hands the string to JSON.stringify itself. A regex, not a charCodeAt
 * loop: the rules build messages by concatenation, and the loop ran at half speed over those string ropes.
 */
export function jsonString(text: string): string {
  return NEEDS_ESCAPE.test(text) ? JSON.stringify(text) : `"${text}"`;
}

const NEEDS_ESCAPE = /[\u0000-\u001f"\\\ud800-\udfff]/;

/** A string or null. */
export function jsonNullableString(text: string | null): string {
  return text === null ? 'null' : jsonString(text);
}

/** A number as JSON.stringify writes it: the shortest round-trip form, and null for NaN and ±Infinity. */
export function jsonNumber(value: number): string {
  return Number.isFinite(value) ? `${value}` : 'null';
}

/** A number or null. */
export function jsonNullableNumber(value: number | null): string {
  return value === null ? 'null' : jsonNumber(value);
}

/** An array of strings, compact. */
export function jsonStrings(texts: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < texts.length; i++) out += (i === 0 ? '' : ',') + jsonString(texts[i]!);
  return `${out}]`;
}

/** An array of numbers, compact. */
export function jsonNumbers(values: readonly number[]): string {
  let out = '[';
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + jsonNumber(values[i]!);
  return `${out}]`;
}

/**
 * JSON text of a value that often repeats the one before it (a patient's id on its consecutive months): escaped
 * once per run, after `before` (the key before it, kept with the value so a line is built of fewer pieces).
 */
export class LastJsonString {
  private text: string | null = null;
  private json = '';
  private readonly missing: string;

  constructor(private readonly before = '') {
    this.missing = `${before}null`;
  }

  of(text: string): string {
    if (text !== this.text) {
      this.text = text;
      this.json = flat(`${this.before}${jsonString(text)}`);
    }
    return this.json;
  }

  ofNullable(text: string | null): string {
    return text === null ? this.missing : this.of(text);
  }
}
