#!/usr/bin/env node
// Writes docs/rules/<id>.md for every rule and docs/rules/README.md, from the built registry.
// Run `npm run build` first. test/rules/registry.test.ts fails when the pages drift from the rules.
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRuleDoc, renderRuleIndex } from '../dist/rules/docs.js';
import { RULES } from '../dist/rules/index.js';

const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
await mkdir(dir, { recursive: true });

// A page of a rule that no longer exists would keep documenting it.
const pages = new Set(['README.md', ...RULES.map((rule) => `${rule.id}.md`)]);
for (const name of await readdir(dir)) if (name.endsWith('.md') && !pages.has(name)) await rm(join(dir, name));

for (const rule of RULES) await writeFile(join(dir, `${rule.id}.md`), renderRuleDoc(rule));
await writeFile(join(dir, 'README.md'), renderRuleIndex(RULES));
console.log(`wrote ${RULES.length} rule pages and README.md to docs/rules/`);
