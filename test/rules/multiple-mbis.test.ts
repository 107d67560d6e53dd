import { describe, expect, it } from 'vitest';
import { redactResult } from '../../src/report/redact.js';
import { resolveRules, runRules, WITHHELD } from '../../src/rules/engine.js';
import { RULES } from '../../src/rules/index.js';
import { multipleMbis } from '../../src/rules/multiple-mbis.js';
import { entry, ingested, model } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';
import { sampleResult } from '../report/sample-result.js';

const MBI = '7EG4TE5MK73';
const NEW_MBI = '8EG4TE5MK73';
const withMbi = { hasMbiColumn: true };

ruleTester(multipleMbis, {
  valid: [
    { name: 'one MBI on every entry', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: MBI, date: '2026-10-20' })] } },
    { name: 'an entry without an MBI', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ date: '2026-10-20' })] } },
    { name: 'a new MBI from the next month on', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: NEW_MBI, date: '2026-11-03' })] } },
    { name: 'a malformed second MBI is left to invalid-mbi', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: '8EG4TE5MK7' })] } },
    { name: 'the other MBI is on a non-CCM entry', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: NEW_MBI, program: 'rpm' })] } },
    { name: 'two patients, one MBI each', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: NEW_MBI })] } },
    { name: 'no MBI column', model: { entries: [entry({ mbi: MBI }), entry({ mbi: NEW_MBI })] } },
  ],
  invalid: [
    {
      name: 'two MBIs in one month',
      model: { ...withMbi, entries: [entry({ mbi: MBI, date: '2026-10-03' }), entry({ mbi: NEW_MBI, date: '2026-10-20' })] },
      findings: [
        { messageId: 'several', entryIds: [0, 1], rows: [2, 3], severity: 'warning', month: '2026-10', data: { month: '2026-10', count: 2, mbis: `"${MBI}" (row 2), "${NEW_MBI}" (row 3)` } },
      ],
    },
    {
      name: 'each MBI with its rows, in order of first appearance; entries without one are not cited',
      model: { ...withMbi, entries: [entry({ mbi: NEW_MBI }), entry({ mbi: MBI }), entry(), entry({ mbi: NEW_MBI }), entry({ mbi: '9EG4TE5MK73' })] },
      findings: [{ messageId: 'several', entryIds: [0, 1, 3, 4], data: { count: 3, mbis: `"${NEW_MBI}" (rows 2, 5), "${MBI}" (row 3), "9EG4TE5MK73" (row 6)` } }],
    },
  ],
});

describe('multiple-mbis under --redact', () => {
  it('withholds the MBIs it quotes, as invalid-mbi does', () => {
    const spec = { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: NEW_MBI })] };
    const m = model(spec);
    const { findings } = runRules(m, resolveRules(RULES, {}));
    const finding = findings.find((f) => f.rule === 'multiple-mbis');
    expect(finding?.message).toContain(NEW_MBI);
    expect(finding?.redactedMessage).toContain(`"${WITHHELD}" (row 2), "${WITHHELD}" (row 3)`);
    const redacted = redactResult({ ...sampleResult(), inputs: ingested(spec).inputs, entries: m.entries, findings, patientMonths: [] }, 'test-salt-0123456789');
    expect(JSON.stringify(redacted)).not.toContain(MBI);
    expect(JSON.stringify(redacted)).not.toContain(NEW_MBI);
  });
});
