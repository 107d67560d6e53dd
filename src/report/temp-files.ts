import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { lstat, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The temporary files reports and baselines are written to before they are renamed into place:
 * `.<name>.<12 hex digits>.tmp` next to the file they become. Those of this process that are not renamed or
 * removed yet are kept here, so a run stopped by a signal can remove them before it exits
 * (src/cli/signals.ts): they hold patient data, and a half-written one would otherwise stay in --out.
 */
const live = new Set<string>();

/** A fresh tag per run: two runs writing to one folder never open each other's files. */
export function tempTag(): string {
  return randomBytes(6).toString('hex');
}

/** The temporary file for `name` in `dir`, registered as this process's until renamed or removed. */
export function stageTemp(dir: string, name: string, tag: string): string {
  const path = join(dir, `.${name}.${tag}.tmp`);
  live.add(path);
  return path;
}

/** Renamed into place (it no longer exists under its temporary name), or removed. */
export function releaseTemp(path: string): void {
  live.delete(path);
}

/** Removes a temporary file; it stays registered if that fails, for the last try at exit. */
export async function removeTemp(path: string): Promise<void> {
  await rm(path, { force: true });
  live.delete(path);
}

/**
 * Removes every temporary file this process still has, synchronously: called from a signal handler and at
 * exit, where nothing asynchronous runs any more. Returns how many there were.
 */
export function removeLiveTempsSync(): number {
  const count = live.size;
  for (const path of live) {
    try {
      rmSync(path, { force: true });
    } catch {
      // Nothing more can be done on the way out; a later run removes it once it is stale.
    }
  }
  live.clear();
  return count;
}

/**
 * Older than this, a temporary file of ccm's naming is left by a run that could not clean up (killed with
 * SIGKILL, out of memory, a power cut). A younger one may belong to another run still writing to the same
 * folder (a run writes its files within minutes and keeps each one it finished until the end), so it is left.
 */
export const STALE_TEMP_MS = 60 * 60 * 1000;

const TEMP_NAME = /^\.(.+)\.[0-9a-f]{12}\.tmp$/;

/**
 * Removes, from `dir`, the temporary files an earlier run left for one of `names` (exactly ccm's naming,
 * regular files only, last modified over STALE_TEMP_MS ago): anything else there is the user's, left alone.
 * Best effort: a folder that cannot be listed is reported by the write that follows, not here.
 */
export async function removeStaleTemps(dir: string, names: readonly string[], now = Date.now()): Promise<void> {
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) {
    const name = TEMP_NAME.exec(entry)?.[1];
    if (name === undefined || !names.includes(name)) continue;
    const path = join(dir, entry);
    try {
      const info = await lstat(path);
      if (info.isFile() && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    } catch {
      // Gone already (another run removed it), or not ours to remove: left as it is.
    }
  }
}
