import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { CcmError } from '../errors.js';
import { suggestRule } from '../rules/engine.js';
import { describeConfigIssue } from './issue.js';
import { ConfigSchema, type Config } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'ccm.config.json';

export interface LoadedConfig {
  config: Config;
  /** The file it came from, to resolve relative paths in it; null when no file was used. */
  path: string | null;
}

/**
 * Load `--config FILE`, or `ccm.config.json` in the working folder when it exists. Every problem is one line
 * naming the file and the key.
 */
export async function loadConfig(explicit: string | undefined, ruleIds: readonly string[], cwd = process.cwd()): Promise<LoadedConfig> {
  const path = resolve(cwd, explicit ?? DEFAULT_CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if (!explicit && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, path: null };
    throw new CcmError(`${explicit}: cannot read the config file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`);
  }
  const name = explicit ?? DEFAULT_CONFIG_FILE;
  return { config: parseConfig(text, name, ruleIds), path };
}

export function parseConfig(text: string, name: string, ruleIds: readonly string[]): Config {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CcmError(`${name}: not valid JSON (${(error as Error).message}).`);
  }
  // Before the schema: an unknown rule id deserves a "did you mean", not zod's generic unknown-key message.
  const rules = (json as { rules?: unknown } | null)?.rules;
  if (rules !== null && typeof rules === 'object') {
    for (const id of Object.keys(rules)) {
      if (!ruleIds.includes(id)) {
        throw new CcmError(`${name}: rules.${id}: no rule has this id; ${suggestRule(id, ruleIds)}`);
      }
    }
  }
  const parsed = ConfigSchema.safeParse(json);
  if (!parsed.success) throw new CcmError(`${name}: ${describeConfigIssue(parsed.error.issues[0]!, json, ConfigSchema)}`);
  return parsed.data;
}

export function resolveFromConfig(loaded: LoadedConfig, path: string): string {
  return loaded.path ? resolve(dirname(loaded.path), path) : resolve(path);
}
