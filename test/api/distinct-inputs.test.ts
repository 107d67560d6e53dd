import { linkSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDistinctInputs } from '../../src/distinct-inputs.js';
import { CcmError } from '../../src/errors.js';
import type { InputSpec } from '../../src/normalize/ingest.js';
import { tempDir } from '../helpers/cli.js';

describe('an input given twice', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'time.csv'), 'x');
  writeFileSync(join(dir, 'book.xlsx'), 'x');
  writeFileSync(join(dir, 'other.csv'), 'x');
  symlinkSync(join(dir, 'time.csv'), join(dir, 'link.csv'));
  linkSync(join(dir, 'time.csv'), join(dir, 'hard.csv'));
  const at = (label: string, more: Partial<InputSpec> = {}): InputSpec => ({ path: join(dir, label.replace(/^\.\//, '')), label, ...more });

  const refused: [string, InputSpec[], string][] = [
    ['the same path', [at('time.csv'), at('time.csv')], '"time.csv": the same file is given twice; name each input once.'],
    ['two spellings of one path', [at('time.csv'), at('./time.csv')], '"time.csv" and "./time.csv": the same file is given twice; name each input once.'],
    ['a symlink to it', [at('time.csv'), at('link.csv')], '"time.csv" and "link.csv": the same file is given twice; name each input once.'],
    ['a hard link to it', [at('hard.csv'), at('time.csv', { kind: 'timeLog' })], '"hard.csv" and "time.csv": the same file is given twice; name each input once.'],
    ['the same sheet', [at('book.xlsx', { sheet: 'Log' }), at('book.xlsx', { sheet: 'Log', kind: 'timeLog' })], 'book.xlsx, sheet "Log": the same sheet is given twice; name each sheet once.'],
    [
      'the same sheet, two spellings',
      [at('book.xlsx', { sheet: 'Log' }), at('./book.xlsx', { sheet: 'Log' })],
      'book.xlsx, sheet "Log" and ./book.xlsx, sheet "Log": the same sheet is given twice; name each sheet once.',
    ],
    [
      'a workbook and one of its sheets',
      [at('book.xlsx'), at('book.xlsx', { sheet: 'Time Log', kind: 'timeLog' })],
      'book.xlsx, sheet "Time Log": the whole workbook book.xlsx is given too and already includes that sheet; give the workbook once, or name its sheets one by one (file.xlsx#Sheet) to set their kinds.',
    ],
    ['a missing file twice', [at('gone.csv'), at('./gone.csv')], '"gone.csv" and "./gone.csv": the same file is given twice; name each input once.'],
  ];
  it.each(refused)('refuses %s', async (_, specs, message) => {
    await expect(checkDistinctInputs(specs)).rejects.toThrow(new CcmError(message));
  });

  const accepted: [string, InputSpec[]][] = [
    ['different files', [at('time.csv'), at('other.csv')]],
    ['different sheets of one workbook', [at('book.xlsx', { sheet: 'Log' }), at('book.xlsx', { sheet: 'Consents' })]],
  ];
  it.each(accepted)('accepts %s', async (_, specs) => {
    await expect(checkDistinctInputs(specs)).resolves.toBeUndefined();
  });
});
