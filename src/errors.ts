/**
 * An input or usage problem the user can fix: the CLI prints its one-line message and exits with 2,
 * without a stack trace. Anything else that escapes is a bug and is printed with its stack.
 */
export class CcmError extends Error {
  override readonly name = 'CcmError';
}

/** Where a problem sits, for messages: "time_log.csv", "export.xlsx, sheet \"Log\", row 7, column \"DOS\"". */
export function describeLocation(loc: { file: string; sheet?: string | null; row?: number; column?: string }): string {
  const parts = [loc.file];
  if (loc.sheet) parts.push(`sheet "${loc.sheet}"`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  return parts.join(', ');
}
