// Whether bin/ccm.js should re-run itself with a bigger V8 young generation (issue #6). A large audit makes
// millions of short-lived strings and arrays; with V8's default young generation (up to 16 MB, starting at
// 1 MB) it spends seconds of a million-row run copying them between collections and promotes many to the old
// generation, where they linger until a full collection. A fixed 64 MB one is 1–2 s faster and about 85 MB
// lighter at peak on a million rows (README, Performance); small runs start no second process.
import { statSync } from 'node:fs';

export const YOUNG_GENERATION = ['--max-semi-space-size=64', '--min-semi-space-size=64'];
export const LARGE_INPUT_BYTES = 64 * 1024 * 1024;

/** Total size of the arguments that name files (an XLSX input may end in #Sheet); options count for nothing. */
export function inputBytes(args) {
  let total = 0;
  for (const arg of args) {
    try {
      const info = statSync(arg.replace(/#[^/\\]*$/, ''), { throwIfNoEntry: false });
      if (info?.isFile()) total += info.size;
    } catch {
      // not a file: an option or its value
    }
  }
  return total;
}

/**
 * The re-run's environment. glibc's malloc raises its mmap threshold to the size of each large block freed
 * (up to 32 MB), after which blocks up to that size come from its heaps and, freed, stay there as resident
 * memory: a million-row run kept ~60 MB of freed read and scan buffers at its peak. The default threshold,
 * fixed, gives them back to the system (mallopt(3)); other C libraries ignore the variable; a value the user
 * set stands.
 */
export function largeRunEnv(env) {
  return { ...env, MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? String(128 * 1024) };
}

/** True unless the flags were given already (by the user, or by this re-run) or the inputs are small. */
export function needsYoungGeneration(args, execArgv) {
  return !execArgv.some((a) => a.startsWith('--max-semi-space-size')) && inputBytes(args) > LARGE_INPUT_BYTES;
}
