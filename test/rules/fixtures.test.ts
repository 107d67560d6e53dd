/**
 * markdownlint-style fixtures: fixtures/rules/<rule-id>/ holds small CSV exports whose rows say, in an
 * `Expect` column, which rules must report them (space-separated ids; the ingest ignores the column). This
 * harness runs every folder through the real pipeline (ingest → buildModel → every rule at its defaults) and
 * checks that the folder's rule reports exactly the marked rows, and that every other rule marked on a row
 * reports that row too. A new regression case is a new row, with no test code.
 *
 * An optional fixture.json may set `period` (the --month of the run).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../src/model/build.js';
import { cellText } from '../../src/normalize/cells.js';
import { ingest } from '../../src/normalize/ingest.js';
import { readInput } from '../../src/read/open.js';
import { resolveRules, runRules } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';

const ROOT = fileURLToPath(new URL('../../fixtures/rules/', import.meta.url));
const RUN_DATE = '2026-11-15';
const EXPECT_HEADER = 'expect';
const RULE_IDS = new Set(RULES.map((r) => r.id));

const folders = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

/** "file:row" → rule ids expected there, from every CSV of a folder that has an Expect column. */
async function expectations(dir: string, files: readonly string[]): Promise<Map<string, string[]>> {
  const marks = new Map<string, string[]>();
  for (const file of files) {
    for await (const sheet of readInput(join(dir, file))) {
      let column = -1;
      for await (const batch of sheet.rows) {
        for (const row of batch) {
          if (column < 0) {
            column = row.cells.findIndex((c) => cellText(c).toLowerCase() === EXPECT_HEADER);
            continue;
          }
          const ids = cellText(row.cells[column]).split(/\s+/).filter(Boolean);
          if (ids.length > 0) marks.set(`${file}:${row.row}`, ids);
        }
      }
    }
  }
  return marks;
}

describe('rule fixtures', () => {
  it('every rule has a fixture folder and every folder is a rule', () => {
    expect(folders).toEqual([...RULE_IDS].sort());
  });

  for (const folder of folders) {
    it(folder, async () => {
      const dir = join(ROOT, folder);
      const files = readdirSync(dir).filter((f) => f.endsWith('.csv')).sort();
      const settingsFile = join(dir, 'fixture.json');
      const settings = existsSync(settingsFile) ? (JSON.parse(readFileSync(settingsFile, 'utf8')) as { period?: string }) : {};
      const data = await ingest(
        files.map((f) => ({ path: join(dir, f) })),
        { dateOrder: 'mdy', columns: {}, credentials: new Map() },
      );
      const model = buildModel(data, { runDate: RUN_DATE, period: settings.period });
      const { findings } = runRules(model, resolveRules(RULES, {}));

      // Each finding a baseline can accept on its own: two findings never share a fingerprint.
      const fingerprints = findings.map((f) => f.fingerprint);
      expect(fingerprints.filter((f, i) => fingerprints.indexOf(f) !== i), `${folder}: findings sharing a fingerprint`).toEqual([]);

      const reported = (rule: string): string[] => [...new Set(findings.filter((f) => f.rule === rule).flatMap((f) => f.sources.map((s) => `${s.file}:${s.row}`)))].sort();
      const marks = await expectations(dir, files);
      for (const [row, ids] of marks) for (const id of ids) expect(RULE_IDS.has(id), `${row}: unknown rule id "${id}" in Expect`).toBe(true);

      const marked = [...marks].filter(([, ids]) => ids.includes(folder)).map(([row]) => row).sort();
      expect(marked.length, `${folder}: the fixture marks no row`).toBeGreaterThan(0);
      expect(reported(folder), `${folder}: rows reported vs rows marked`).toEqual(marked);

      for (const [row, ids] of marks) {
        for (const id of ids.filter((i) => i !== folder)) expect(reported(id), `${row} is marked ${id}`).toContain(row);
      }
    });
  }
});
