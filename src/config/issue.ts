import type { z } from 'zod';
import { closest } from '../rules/engine.js';

type Issue = z.core.$ZodIssue;

/**
 * One config problem as one line: where (the key path), what was found, and what is allowed — the allowed
 * values of an enum, or the keys of an object, with a "did you mean" for a near miss. zod's own messages
 * ("Invalid input.", `Unrecognized key: "fialOn"`) say neither.
 */
export function describeConfigIssue(issue: Issue, json: unknown, schema: z.ZodType): string {
  const picked = pickUnionBranch(issue);
  const path = picked.path;
  const where = path.length > 0 ? path.join('.') : '(top level)';
  const value = valueAt(json, path);
  const found = value === undefined ? '' : ` ${JSON.stringify(value)}`;
  if (picked.issue.code === 'unrecognized_keys') {
    const known = keysAt(schema, path);
    return picked.issue.keys
      .map((key) => {
        const guess = closest(key, known);
        if (known.length === 0) return `${where}: unknown key "${key}"; ${path[path.length - 1] === 'options' ? 'this rule has no options' : 'no key is allowed here'}.`;
        return `${where}: unknown key "${key}"; ${guess ? `did you mean "${guess}"?` : `allowed: ${known.map((k) => `"${k}"`).join(', ')}.`}`;
      })
      .join(' ');
  }
  if (picked.issue.code === 'invalid_value') {
    const allowed = picked.issue.values.map((v) => JSON.stringify(v));
    const guess = typeof value === 'string' ? closest(value, picked.issue.values.map(String)) : undefined;
    return `${where}:${found} is not allowed; expected ${allowed.join(', ')}${picked.alternatives}${guess ? `; did you mean "${guess}"?` : '.'}`;
  }
  const message = picked.issue.message.replace(/\.$/, '');
  return `${where}:${found}${found ? ':' : ''} ${message.charAt(0).toLowerCase()}${message.slice(1)}${picked.alternatives}.`;
}

/**
 * For a value matching no branch of a union (a rule setting: a severity or {severity, options}), the issue of
 * the branch the value was meant for: the deepest one that is not "wrong type", so `"eror"` is judged as a
 * severity and `{"severity": "eror"}` by its severity key. The other branches' types are listed as alternatives.
 */
function pickUnionBranch(issue: Issue, prefix: readonly PropertyKey[] = []): { issue: Issue; path: PropertyKey[]; alternatives: string } {
  const path = [...prefix, ...issue.path];
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path, alternatives: '' };
  const firsts = issue.errors.map((branch) => branch[0]).filter((i): i is Issue => i !== undefined);
  const meant = firsts.filter((i) => i.code !== 'invalid_type').sort((a, b) => b.path.length - a.path.length)[0];
  if (!meant) return { issue, path, alternatives: '' };
  const picked = pickUnionBranch(meant, path);
  const others = firsts.filter((i) => i.code === 'invalid_type' && i.path.length === 0).map((i) => (i.code === 'invalid_type' ? `an ${i.expected}` : ''));
  return meant.path.length === 0 && others.length > 0 ? { ...picked, alternatives: `, or ${others.join(' or ')}` } : picked;
}

function valueAt(json: unknown, path: readonly PropertyKey[]): unknown {
  let v = json;
  for (const key of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[key] : undefined;
  return v;
}

/** The keys an object in the schema allows at `path` (through optionals, unions and records). */
function keysAt(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let nodes: unknown[] = [schema];
  for (const key of [...path, null]) {
    const next: unknown[] = [];
    for (const node of nodes.flatMap(objects)) {
      const def = (node as { _zod: { def: { shape?: Record<string, unknown> } } })._zod.def;
      if (key === null) return Object.keys(def.shape ?? {});
      const child = def.shape?.[String(key)];
      if (child) next.push(child);
    }
    nodes = next;
  }
  return [];
}

/** The object schemas a schema stands for, through optional and union wrappers. */
function objects(node: unknown): unknown[] {
  const def = (node as { _zod: { def: { type: string; innerType?: unknown; options?: unknown[] } } })._zod.def;
  if (def.type === 'object') return [node];
  if (def.type === 'optional' || def.type === 'default' || def.type === 'nullable') return objects(def.innerType);
  if (def.type === 'union') return (def.options ?? []).flatMap(objects);
  return [];
}
