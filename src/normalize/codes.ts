import type { RawCell } from '../read/types.js';
import { cellText, isPlaceholder } from './cells.js';

/**
 * Characters no viewer shows: Unicode's format characters (zero-width space and joiners, left-to-right and
 * right-to-left marks, bidirectional embeddings and isolates, word joiner, byte-order mark, soft hyphen…), the
 * other default-ignorable ones (combining grapheme joiner, variation selectors, Hangul fillers) and the blank
 * braille pattern, which displays as a space.
 */
const INVISIBLE = /[\p{Cf}\p{Default_Ignorable_Code_Point}\u2800]/gu;
/**
 * Hyphens and dashes that look like "-": hyphen, non-breaking hyphen, figure dash, en and em dashes, minus sign,
 * hyphen bullet, modifier minus, Armenian hyphen, small and two-em dashes.
 */
const DASHES = /[\u2010-\u2015\u2212\u2043\u02D7\u058A\uFE58\uFE63\u2E3A\u2E3B]/g;

/**
 * An id cell's text as a reader sees it. Web forms and copy-paste leave zero-width characters and direction
 * marks in ids, word processors turn hyphens into look-alikes, and Asian-locale input writes full-width digits
 * (１００１): an id that looks identical then made a second patient, whose consent was missing or whose billed
 * claim went unseen. NFKC folds the full-width forms to ASCII, the invisible characters go and dashes become
 * "-", as cellText trims non-breaking spaces.
 */
function idText(cell: RawCell | undefined): string {
  const text = cellText(cell);
  // Nearly every id is printable ASCII, which neither step changes.
  if (!/[^\x20-\x7e]/.test(text)) return text;
  return text.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-').trim();
}

/**
 * A patient id as text. Excel turns MRNs into numbers and some tools then write `20451.0` or `2.0451E+4`;
 * those become `20451`. Text ids keep their leading zeros; full-width and invisible characters are folded
 * away (idText).
 */
export function normalizeId(cell: RawCell | undefined): string {
  const text = idText(cell);
  // Most ids have neither a decimal point nor an exponent: skip the patterns for them.
  if (!text.includes('.') && !text.includes('e') && !text.includes('E')) return text;
  if (/^\d+\.0+$/.test(text)) return text.replace(/\.0+$/, '');
  if (/^\d+(\.\d+)?e\+\d+$/i.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n.toFixed(0);
  }
  return text;
}

/**
 * An NPI as its digits (spaces and dashes removed, full-width and invisible characters folded as in patient
 * ids); the invalid-npi rule checks length and check digit. A placeholder ("N/A", "None", "Unknown") names no
 * practitioner: no NPI, never a second one that multiple-billing-practitioners would set against the first.
 */
export function normalizeNpi(cell: RawCell | undefined): string | undefined {
  const id = normalizeId(cell);
  if (isPlaceholder(id)) return undefined;
  const text = id.replace(/[\s-]/g, '');
  return text === '' ? undefined : text;
}

/**
 * NPI check digit of nine digits: Luhn over them prefixed with 80840 (the health-industry prefix), as CMS
 * specifies in "Requirements for NPI Check Digit".
 */
export function npiCheckDigit(nine: string): number {
  const digits = `80840${nine}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** Ten digits whose last is the check digit of the first nine. */
export function isValidNpi(npi: string): boolean {
  return /^\d{10}$/.test(npi) && npiCheckDigit(npi.slice(0, 9)) === Number(npi[9]);
}

/** An ICD-10-CM code upper case without dot or spaces: `e11.9` → `E119`. */
export function normalizeIcd10(cell: RawCell | undefined): string {
  return cellText(cell).toUpperCase().replace(/[.\s]/g, '');
}

/** ICD-10-CM shape: a letter, a digit, a letter or digit, then up to four more characters. */
export function isWellFormedIcd10(code: string): boolean {
  return /^[A-Z][0-9][0-9A-Z][0-9A-Z]{0,4}$/.test(code);
}

/** The code as people write it: E119 → E11.9. */
export function displayIcd10(code: string): string {
  return code.length > 3 ? `${code.slice(0, 3)}.${code.slice(3)}` : code;
}

/** A CPT/HCPCS code without modifiers: `99490-25` → `99490`, `g0181` → `G0181`. */
export function normalizeProcedureCode(cell: RawCell | undefined): string {
  const text = normalizeId(cell).toUpperCase();
  const m = /^([0-9A-Z]{5})(?:\s*[-\s:]\s*[0-9A-Z]{2})*$/.exec(text);
  if (m) return m[1]!;
  // One code written with words around it ("CPT 99490", "99490 - Chronic care mgmt", "99490 (CCM)"): that
  // code. None, or two ("99490 99439"), leave the text, which isProcedureCode then refuses.
  const embedded = text.match(EMBEDDED_CODE);
  return embedded?.length === 1 ? embedded[0] : text;
}

/**
 * A count of units written after the code in its own cell, as billing exports do when they leave Units empty:
 * `99439 x2`, `99439x2`, `99439 X 2`, `99439 *2`, `99439 (2 units)`, `99439 2 units`. The ×N touches the code
 * or follows a space: `99439-X2` or `99439:X2` keeps its separator of a modifier (X2 is also CMS's patient
 * relationship modifier), which normalizeProcedureCode drops.
 */
const UNITS_AFTER_CODE = /^(.*?[0-9A-Z])\s*\(?\s*(?:[X×*]\s*(\d{1,3})(?:\s*UNITS?)?|(\d{1,3})\s*UNITS?)\s*\)?$/;

/** A code cell's code and, when the cell also gives a count (`99439 x2`), its units. */
export function procedureCodeAndUnits(cell: RawCell | undefined): { code: string; units?: number } {
  const m = UNITS_AFTER_CODE.exec(normalizeId(cell).toUpperCase());
  if (!m) return { code: normalizeProcedureCode(cell) };
  return { code: normalizeProcedureCode(m[1]!), units: Number(m[2] ?? m[3]) };
}

/**
 * CPT (5 digits; Category II/III: 4 digits and F, T or U) or HCPCS Level II (a letter A–V and 4 digits: W–Z
 * start no HCPCS code, but do start ICD-10-CM codes written without the dot, such as Z7901). One shape for
 * reading codes, checking them and telling a billed-services table from a problem list (detect.ts).
 */
export const PROCEDURE_CODE_SHAPE = String.raw`\d{5}|\d{4}[FTU]|[A-V]\d{4}`;

/** One code with words around it, not inside a longer number. */
const EMBEDDED_CODE = new RegExp(`(?<![0-9A-Z])(?:${PROCEDURE_CODE_SHAPE})(?!\\d)`, 'g');
const PROCEDURE_CODE = new RegExp(`^(?:${PROCEDURE_CODE_SHAPE})$`);

/** Whether a normalized code has the shape of a CPT or HCPCS code. */
export function isProcedureCode(code: string): boolean {
  return PROCEDURE_CODE.test(code);
}

/**
 * Medicare Beneficiary Identifier format (CMS "MBI format specifications"): 11 characters,
 * C A AN N A AN N A A N N, where C is 1–9, A a letter other than S, L, O, I, B, Z, N a digit.
 */
export function isValidMbi(mbi: string): boolean {
  return /^[1-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y][AC-HJKMNP-RT-Y0-9][0-9][AC-HJKMNP-RT-Y]{2}[0-9]{2}$/.test(mbi);
}

/** An MBI upper case without spaces and dashes, folded as patient ids are (idText). */
export function normalizeMbi(cell: RawCell | undefined): string | undefined {
  const text = idText(cell).toUpperCase().replace(/[\s-]/g, '');
  return text === '' ? undefined : text;
}
