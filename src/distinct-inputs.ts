import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { CcmError, describeLocation } from './errors.js';
import type { InputSpec } from './normalize/ingest.js';

/**
 * Refuses an input given twice: the same file (compared by device and inode, so `time.csv`, `./time.csv`, a
 * symlink and a hard link are one file), the same sheet of a workbook, or a whole workbook together with
 * one of its sheets (the whole workbook reads every sheet already). Read twice, every row would be reported
 * as a duplicate of itself and its minutes counted once by luck of the duplicate rule.
 */
export async function checkDistinctInputs(specs: readonly InputSpec[]): Promise<void> {
  const seen = new Map<string, InputSpec[]>();
  for (const spec of specs) {
    const key = await fileKey(spec.path);
    const earlier = seen.get(key) ?? [];
    const clash = earlier.find((e) => e.sheet === undefined || spec.sheet === undefined || e.sheet === spec.sheet);
    if (clash) throw new CcmError(duplicateMessage(clash, spec));
    seen.set(key, [...earlier, spec]);
  }
}

/** Device and inode when the file exists; otherwise the absolute path (ingest then says the file is missing). */
async function fileKey(path: string): Promise<string> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return resolve(path);
  }
}

/**
 * A sheet in the `file, sheet "…"` form of every other location (src/errors.ts describeLocation), not as typed
 * (`file#sheet`): the form an exit-2 line under --redact pseudonymizes (src/report/redact.ts redactErrorLine),
 * and a sheet may be named after its patient.
 */
function shown(spec: InputSpec): string {
  return describeLocation({ file: spec.label ?? spec.path, sheet: spec.sheet ?? null });
}

function duplicateMessage(first: InputSpec, second: InputSpec): string {
  const [a, b] = [shown(first), shown(second)];
  if (first.sheet === undefined && second.sheet === undefined) return `${a === b ? `"${a}"` : `"${a}" and "${b}"`}: the same file is given twice; name each input once.`;
  if (first.sheet !== undefined && second.sheet !== undefined) return `${a === b ? a : `${a} and ${b}`}: the same sheet is given twice; name each sheet once.`;
  const [whole, sheet] = first.sheet === undefined ? [first, second] : [second, first];
  return `${shown(sheet)}: the whole workbook ${whole.label ?? whole.path} is given too and already includes that sheet; give the workbook once, or name its sheets one by one (file.xlsx#Sheet) to set their kinds.`;
}
