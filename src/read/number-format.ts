/**
 * Zero-padded number formats. An EHR export often stores an MRN such as 00123 as the number 123 with the
 * format `00000`: Excel shows 00123, the consents CSV has 00123, and the number alone would not match it.
 * Both XLSX readers turn such a cell into the text Excel displays. Only formats made of `0` placeholders and
 * simple literal separators (`00000`, `000-00-0000`) are applied, and only to whole non-negative numbers:
 * anything else (decimals, `#`, text sections) stays a number, as the cell holds it.
 */

const PADDED = /^[0 ()\-/]*0[0 ()\-/]*$/;

/** The format when it pads with zeros (at least two placeholders: `0` alone pads nothing), else undefined. */
export function zeroPadFormat(format: string | undefined): string | undefined {
  return format !== undefined && PADDED.test(format) && placeholders(format) >= 2 ? format : undefined;
}

/** The `0` digit placeholders of a format. */
function placeholders(format: string): number {
  let zeros = 0;
  for (const ch of format) if (ch === '0') zeros++;
  return zeros;
}

/**
 * A number as a zero-padded format displays it: digits fill the placeholders from the right, and any digits
 * beyond them go before the first, as Excel shows them (123 in `00000` → "00123"; 12345 in `000-00-0000` →
 * "000-01-2345"). A number that is not a whole non-negative number is returned as it is.
 */
export function applyZeroPad(value: number, format: string): string | number {
  if (!Number.isSafeInteger(value) || value < 0) return value;
  const zeros = placeholders(format);
  const digits = String(value).padStart(zeros, '0');
  const overflow = digits.length - zeros;
  let next = 0;
  let out = '';
  for (const ch of format) {
    if (ch !== '0') {
      out += ch;
      continue;
    }
    // The first placeholder takes the digits that do not fit.
    const take = next === 0 ? overflow + 1 : 1;
    out += digits.slice(next, next + take);
    next += take;
  }
  return out;
}

/**
 * An elapsed-time format with no other part but literal text (`[m]`, `[h]`, `[ss]`, `[m]" min"`): Excel shows
 * 0.01736… as "25", but neither exceljs's date test (which ignores bracketed text) nor a plain number says it
 * is a duration. Both readers turn such a cell into a time on day 0, as they do a `[h]:mm` one, so it reads as
 * the minutes Excel displays.
 */
export function isElapsedFormat(format: string | undefined): boolean {
  // Literal text around it ("[m] "min"", [m]\ min) changes what Excel shows, not what the number means.
  return format !== undefined && /^\[(?:h+|m+|s+)\]$/i.test(format.replace(/"[^"]*"|\\.|_./g, '').trim());
}
