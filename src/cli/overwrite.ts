import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { InputSpec } from '../normalize/ingest.js';

/**
 * The input a file the run is about to write would replace, if any. Compared as files, not as path strings:
 * an --out folder reached through a symlink (`exports -> .`, a CI workspace link), an input named through one,
 * or a hard link is the same file under another name. Two tests: the real paths (symlinks resolved, the
 * output's folder when the file does not exist yet), and device and inode of an output that already exists
 * (as src/distinct-inputs.ts compares inputs with each other).
 */
export async function inputOverwrittenBy(outputs: readonly string[], specs: readonly InputSpec[]): Promise<InputSpec | undefined> {
  const inputs = await Promise.all(specs.map(async (spec) => ({ spec, real: await realPath(spec.path), id: await identity(spec.path) })));
  for (const output of outputs) {
    const real = join(await realPath(dirname(output)), basename(output));
    const id = await identity(output);
    const hit = inputs.find((input) => input.real === real || (id !== undefined && input.id === id));
    if (hit) return hit.spec;
  }
  return undefined;
}

/** Symlinks resolved; a path that does not exist stays as given (absolute): no input can be inside it. */
async function realPath(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

async function identity(path: string): Promise<string | undefined> {
  try {
    const s = await stat(path);
    return `${s.dev}:${s.ino}`;
  } catch {
    return undefined;
  }
}
