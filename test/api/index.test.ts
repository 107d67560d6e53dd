import { describe, expect, it } from 'vitest';
import { audit, CcmError, RULES } from '../../src/index.js';
import { fixture } from '../helpers/paths.js';

describe('library API', () => {
  it('audits without the CLI and writes nothing', async () => {
    const { result } = await audit([{ path: fixture('demo/ccm-export-2026-10.xlsx') }], { period: '2026-10', runDate: '2026-11-15' });
    expect(result.summary.patientMonths.billable).toBeGreaterThan(0);
    expect(new Set(result.findings.map((f) => f.rule)).size).toBeGreaterThan(10);
    expect(RULES.every((r) => result.findings.every((f) => f.rule !== r.id || f.code === r.code))).toBe(true);
  });

  it.each(['2025-99-99', '2025-02-31', '20251115'])('refuses the run date %s before reading anything', async (runDate) => {
    await expect(audit([{ path: '/nonexistent.csv' }], { runDate })).rejects.toThrow(new CcmError(`runDate ${runDate}: expected a calendar date, YYYY-MM-DD.`));
  });
});
