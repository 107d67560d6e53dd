/** A spreadsheet column's letters from its 0-based index: 0 → A, 27 → AB, 16383 → XFD. For messages and for writing cell references. */
export function columnLetter(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
