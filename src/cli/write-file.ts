import { rename, writeFile } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { CcmError } from '../errors.js';
import { releaseTemp, removeStaleTemps, removeTemp, stageTemp, tempTag } from '../report/temp-files.js';

/**
 * Writes one small text file the CLI makes (the baseline) as the reports are written: to a temporary file
 * next to it, renamed at the end, so a failure leaves the previous file as it was (and a signal no temporary
 * file: src/report/temp-files.ts). A file-system error (a
 * folder given as the file, a missing folder, no permission) is the user's to fix: one line naming the path
 * as it was given, exit 2, no stack.
 */
export async function writeTextFile(path: string, shown: string, text: string, option: string): Promise<void> {
  await removeStaleTemps(dirname(path), [basename(path)]);
  const temp = stageTemp(dirname(path), basename(path), tempTag());
  try {
    await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
    await rename(temp, path);
    releaseTemp(temp);
  } catch (error) {
    await removeTemp(temp);
    const code = (error as NodeJS.ErrnoException).code;
    if (typeof code !== 'string') throw error;
    throw new CcmError(`${shown}: cannot write the file there (${code}${code === 'EISDIR' ? ': it is a folder' : ''}); choose another ${option}.`);
  }
}
