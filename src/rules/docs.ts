import { z } from 'zod';
import { RULE_EXAMPLES } from './examples.js';
import { REFERENCES } from './references.js';
import type { AnyRule, RuleLevel } from './types.js';

/**
 * Rule documentation rendered from the rule's own metadata, so the docs pages (docs/rules/<id>.md, written by
 * scripts/build-rule-docs.mjs and checked by a test), `ccm rules` and `ccm explain` never drift from the code.
 */

export interface OptionDoc {
  name: string;
  type: string;
  default: unknown;
  description: string;
}

interface JsonSchemaProperty {
  type?: string;
  items?: { type?: string };
  default?: unknown;
  description?: string;
}

/** The options of a rule with their types, defaults and descriptions, from its zod schema. */
export function optionDocs(rule: AnyRule): OptionDoc[] {
  const schema = z.toJSONSchema(rule.options, { io: 'input' }) as { properties?: Record<string, JsonSchemaProperty> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: p.type === 'array' ? `${p.items?.type ?? 'value'}[]` : (p.type ?? 'value'),
    default: p.default,
    description: p.description ?? '',
  }));
}

const LEVELS: Record<RuleLevel, string> = {
  entry: 'entry (findings about single rows; an error makes those entries\' minutes unsupported, D1)',
  month: 'patient-month (findings about a patient\'s month; an error blocks the month\'s claim, D1)',
};

function docsPath(rule: AnyRule): string {
  return `docs/rules/${rule.id}.md`;
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function json(value: unknown): string {
  return JSON.stringify(value);
}

/** Defaults longer than this (built-in phrase lists) get their own block and stay out of the config example. */
const LONG_DEFAULT = 40;

function configExample(rule: AnyRule, options: readonly OptionDoc[]): string {
  const shown = options.filter((o) => json(o.default).length <= LONG_DEFAULT);
  const setting = shown.length === 0 ? { severity: rule.severity } : { severity: rule.severity, options: Object.fromEntries(shown.map((o) => [o.name, o.default])) };
  return JSON.stringify({ rules: { [rule.id]: setting } }, null, 2);
}

/** The docs page of a rule, as markdown. */
export function renderRuleDoc(rule: AnyRule): string {
  const options = optionDocs(rule);
  const examples = RULE_EXAMPLES[rule.id];
  const out: string[] = [
    `# ${rule.id}`,
    '',
    `- Code: \`${rule.code}\``,
    `- Default severity: \`${rule.severity}\``,
    `- Level: ${LEVELS[rule.level]}`,
    '',
    rule.description,
    '',
    '## Why',
    '',
    rule.rationale,
    '',
    '## References',
    '',
    'From `ccm-billing-rules.md` (R-…) and the project\'s decisions (D…):',
    '',
  ];
  for (const id of rule.references) {
    const ref = REFERENCES[id];
    out.push(ref ? `- **${id}** ${ref.title} (${ref.confidence}): ${ref.summary}` : `- **${id}**`);
  }
  out.push('', '## Options', '');
  if (options.length === 0) out.push('This rule has no options.');
  else {
    out.push('| Option | Type | Default | Description |', '| --- | --- | --- | --- |');
    for (const o of options) {
      const shown = json(o.default).length > LONG_DEFAULT ? 'see below' : `\`${cell(json(o.default))}\``;
      out.push(`| \`${o.name}\` | ${o.type} | ${shown} | ${cell(o.description)} |`);
    }
    for (const o of options.filter((o) => json(o.default).length > LONG_DEFAULT)) {
      out.push('', `Default \`${o.name}\`:`, '', '```json', JSON.stringify(o.default, null, 2), '```');
    }
  }
  out.push(
    '',
    'Set the severity (`error`, `warning`, `info` or `off`) and options in `ccm.config.json`:',
    '',
    '```json',
    configExample(rule, options),
    '```',
    '',
    '## Messages',
    '',
    '| Message id | Text |',
    '| --- | --- |',
    ...Object.entries(rule.messages).map(([id, text]) => `| \`${id}\` | ${cell(text)} |`),
    '',
    '## How to fix',
    '',
    rule.fix,
  );
  if (examples) {
    out.push('', '## Examples', '', 'Reported:', '', ...examples.flagged.map((e) => `- ${e}`), '', 'Not reported:', '', ...examples.passes.map((e) => `- ${e}`));
  }
  out.push('');
  return out.join('\n');
}

/** docs/rules/README.md: every rule with its code, severity and level. */
export function renderRuleIndex(rules: readonly AnyRule[]): string {
  return [
    '# Rules',
    '',
    'Every rule `ccm` runs, in the order `ccm rules` lists them. Generated from the rule registry by',
    '`scripts/build-rule-docs.mjs`; do not edit by hand.',
    '',
    '| Code | Rule | Severity | Level | Description |',
    '| --- | --- | --- | --- | --- |',
    ...rules.map((r) => `| ${r.code} | [${r.id}](${r.id}.md) | ${r.severity} | ${r.level} | ${cell(r.description)} |`),
    '',
    'Severities are defaults: `ccm.config.json` can change them or turn a rule `off`. An `error` on an entry-level',
    'rule makes the entry\'s minutes unsupported; an `error` on a month-level rule blocks the month\'s claim (D1).',
    '',
  ].join('\n');
}

/** `ccm rules`: one line per rule. */
export function renderRuleList(rules: readonly AnyRule[]): string {
  const idWidth = Math.max(4, ...rules.map((r) => r.id.length));
  const codeWidth = Math.max(4, ...rules.map((r) => r.code.length));
  const row = (code: string, id: string, severity: string, level: string, description: string): string =>
    `${code.padEnd(codeWidth)}  ${id.padEnd(idWidth)}  ${severity.padEnd(8)}  ${level.padEnd(5)}  ${description}`;
  return [
    row('CODE', 'RULE', 'SEVERITY', 'LEVEL', 'DESCRIPTION'),
    ...rules.map((r) => row(r.code, r.id, r.severity, r.level, r.description)),
    '',
    'Run `ccm explain <rule>` for a rule\'s rationale, references, options and how to fix.',
    '',
  ].join('\n');
}

const WIDTH = 100;

/** Words wrapped to WIDTH columns: the first line indented by `indent`, the others by `hanging`. */
function wrap(text: string, indent: string, hanging = indent): string {
  const lines: string[] = [];
  let line = '';
  const prefix = (): string => (lines.length === 0 ? indent : hanging);
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && prefix().length + line.length + 1 + word.length > WIDTH) {
      lines.push(prefix() + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(prefix() + line);
  return lines.join('\n');
}

/** `ccm explain <rule>`: everything about one rule, as plain text. */
export function renderExplain(rule: AnyRule): string {
  const options = optionDocs(rule);
  const examples = RULE_EXAMPLES[rule.id];
  const out: string[] = [`${rule.id} (${rule.code})`, `Default severity: ${rule.severity}`, `Level: ${LEVELS[rule.level]}`, '', wrap(rule.description, ''), '', 'Why:', wrap(rule.rationale, '  '), '', 'References:'];
  for (const id of rule.references) {
    const ref = REFERENCES[id];
    out.push(ref ? `  ${id}: ${ref.title} (${ref.confidence})` : `  ${id}`);
    if (ref) out.push(wrap(ref.summary, '    '));
  }
  out.push('', 'Options:');
  if (options.length === 0) out.push('  none');
  for (const o of options) {
    const long = json(o.default).length > LONG_DEFAULT;
    out.push(`  ${o.name} (${o.type}, default ${long ? 'below' : json(o.default)})`);
    if (o.description) out.push(wrap(o.description, '    '));
    if (long) out.push(wrap(`Default: ${Array.isArray(o.default) ? o.default.map((v) => json(v)).join(', ') : json(o.default)}`, '    '));
  }
  out.push('', 'How to fix:', wrap(rule.fix, '  '));
  if (examples) {
    const bullet = (e: string): string => wrap(`- ${e}`, '  ', '    ');
    out.push('', 'Reported:', ...examples.flagged.map(bullet), '', 'Not reported:', ...examples.passes.map(bullet));
  }
  out.push('', `Docs: ${docsPath(rule)}`, '');
  return out.join('\n');
}
