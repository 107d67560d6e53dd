import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigSchema } from '../../src/config/schema.js';
import { inspectInputs, renderInspection, type Inspection } from '../../src/inspect.js';
import { tempDir } from '../helpers/cli.js';
import { rejected } from '../helpers/model-builder.js';

const NOTE = 'Patient disclosed HIV status';

describe('renderInspection', () => {
  const report: Inspection = {
    file: 'timelog.csv',
    report: { file: 'timelog.csv', path: 'timelog.csv', sha256: '0'.repeat(64), tables: [] },
    rejected: [rejected({ column: 'Date', value: NOTE, reason: `"${NOTE}" is not a date` })],
  };

  it('withholds the text of an unreadable cell unless showNotes, as the audit summary does', () => {
    expect(renderInspection([report])).toContain('row 2, column "Date": "[withheld]" is not a date');
    expect(renderInspection([report])).not.toContain('disclosed');
    expect(renderInspection([report], { showNotes: true })).toContain(`row 2, column "Date": "${NOTE}" is not a date`);
  });

  it('shows an error by its withheld message unless showNotes', () => {
    const failed: Inspection = { file: 'nohdr.csv', error: `nohdr.csv: first row: ${NOTE}.`, withheldError: 'nohdr.csv: first row: 1 cell (text; their text withheld).', rejected: [] };
    expect(renderInspection([failed])).toContain('cannot be used: nohdr.csv: first row: 1 cell (text; their text withheld).');
    expect(renderInspection([failed], { showNotes: true })).toContain(NOTE);
  });
});

describe('inspectInputs', () => {
  it('keeps the withheld form of a file it cannot use next to the message', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'nohdr.csv'), `1001,2026-10-05,Rita Nurse,RN,25,${NOTE}\n`);
    const [item] = await inspectInputs([{ path: join(dir, 'nohdr.csv') }], ConfigSchema.parse({}));
    expect(item?.error).toContain(NOTE);
    expect(item?.withheldError).toMatch(/^nohdr\.csv: no header row .*; first row: 6 cells \(number, date, text, text, number, text; their text withheld\)\.$/);
  });
});
