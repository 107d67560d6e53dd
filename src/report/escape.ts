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

/**
 * A separator inside the cell, then (past any `"`) a formula trigger: where a spreadsheet that splits the line
 * differently from the writer starts a cell of its own. Excel opens a .csv with the system list separator (`;`
 * in most European locales, and whatever a user set), ignoring the writer's `,` and its quotes, so `pt;=2+5`
 * there is the cell `=2+5`; a tab-separated reading does the same at a tab, and a line break inside a quoted
 * cell ends the line for a reader that does not see the quote. A `"` there would open a quoted cell of its
 * own. A space in between breaks it (` =2+5` is text), so "BP 120/80; -2 lbs" is left as it is. `|` is not a
 * list separator of any locale: not included.
 */
const INNER_TRIGGER = /([;,\t\r\n])("*)(?=[=+\-@\t\r])/g;

/**
 * A text cell of a CSV file: escaped at its start as every text cell is, and with a `'` after each separator
 * that a formula trigger follows (`Called pt;'=2+5;ok`), the same `'` a spreadsheet reads as "text" at the start
 * of the cell it makes there. XLSX cells are typed as strings and never split, so only the CSV writer needs it.
 */
export function escapeCsvText(text: string): string {
  const escaped = escapeText(text);
  INNER_TRIGGER.lastIndex = 0;
  return INNER_TRIGGER.test(escaped) ? escaped.replace(INNER_TRIGGER, "$1'$2") : escaped;
}

export type CellValue = string | number | null;
