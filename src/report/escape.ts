/**
 * Formula-injection neutralization (OWASP "CSV Injection"): a spreadsheet treats a cell that begins with
 * `=`, `+`, `-` or `@` as a formula, and tab or carriage return can smuggle one past a naive check. Text from
 * the time log (notes, staff names, raw cells quoted in messages) is attacker-controllable, so every text
 * cell the CSV and XLSX writers emit goes through here. A leading `'` makes Excel and LibreOffice show the
 * text as text. Numbers are never escaped: `-2` written as a number is a value, not a formula.
 */
export function escapeText(text: string): string {
  if (text.length === 0) return text;
  // The first character decides; checked by code, as every text cell of a million-row report passes here.
  const c = text.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40 || c === 0x09 || c === 0x0d ? `'${text}` : text;
}

export type CellValue = string | number | null;
