/**
 * An input or usage problem the user can fix: the CLI prints its one-line message and exits with 2,
 * without a stack trace. Anything else that escapes is a bug and is printed with its stack.
 */
/** What a withheld cell quote reads as: in messages on the terminal, and everywhere under --redact. */
export const WITHHELD = '[withheld]';

export class CcmError extends Error {
  override readonly name = 'CcmError';
  /**
   * The message without the cell text it quotes, for the terminal and CI logs (README, Security and privacy:
   * a cell may hold a note); undefined when the message quotes no cell. The CLI shows it unless --show-notes.
   */
  readonly withheldMessage: string | undefined;

  constructor(message: string, withheldMessage?: string) {
    super(message);
    this.withheldMessage = withheldMessage;
  }
}

/** Where a problem sits, for messages: "time_log.csv", "export.xlsx, sheet \"Log\", row 7, column \"DOS\"". */
export function describeLocation(loc: { file: string; sheet?: string | null; row?: number; column?: string }): string {
  const parts = [loc.file];
  if (loc.sheet) parts.push(`sheet "${loc.sheet}"`);
  if (loc.row !== undefined) parts.push(`row ${loc.row}`);
  if (loc.column !== undefined) parts.push(`column "${loc.column}"`);
  return parts.join(', ');
}
