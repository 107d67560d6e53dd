import { existsSync } from 'node:fs';
import type { InputKind } from '../normalize/columns.js';
import type { InputSpec } from '../normalize/ingest.js';

/** `file.xlsx#Sheet name` names one sheet; a path that exists as written is taken whole, even with a `#`. */
export function parseInputArg(arg: string, kind?: InputKind): InputSpec {
  const hash = arg.lastIndexOf('#');
  if (hash > 0 && !existsSync(arg)) {
    return { path: arg.slice(0, hash), sheet: arg.slice(hash + 1), ...(kind ? { kind } : {}) };
  }
  return { path: arg, ...(kind ? { kind } : {}) };
}

export interface KindFlags {
  timeLog?: string[];
  consents?: string[];
  diagnoses?: string[];
  services?: string[];
  carePlans?: string[];
}

/** Positional inputs are detected; --time-log and friends force a kind. */
export function collectInputs(positional: readonly string[], flags: KindFlags): InputSpec[] {
  const specs = positional.map((arg) => parseInputArg(arg));
  for (const kind of ['timeLog', 'consents', 'diagnoses', 'services', 'carePlans'] as const) {
    for (const arg of flags[kind] ?? []) specs.push(parseInputArg(arg, kind));
  }
  return specs;
}
