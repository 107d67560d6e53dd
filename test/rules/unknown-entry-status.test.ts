import { unknownEntryStatus } from '../../src/rules/unknown-entry-status.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unknownEntryStatus, {
  valid: [
    { name: 'entries with no status, or one ccm reads', model: { entries: [entry(), entry()] } },
    { name: 'another program\'s entries never count toward CCM (D3)', model: { entries: [entry({ program: 'rpm', unrecognizedStatus: 'Draft' })] } },
    { name: 'an unread status outside the audited month', model: { period: '2026-11', entries: [entry({ unrecognizedStatus: 'Draft' })] } },
  ],
  invalid: [
    {
      name: 'one error per patient-month and status, naming the rows and the minutes held',
      model: {
        entries: [
          entry({ unrecognizedStatus: 'Draft', minutes: 25 }),
          entry({ unrecognizedStatus: 'Draft', minutes: 20, date: '2026-10-19' }),
          entry({ unrecognizedStatus: 'QA hold' }),
          entry(),
        ],
      },
      findings: [
        { messageId: 'unknown', entryIds: [0, 1], rows: [2, 3], data: { status: 'Draft', entries: '2 entries', rows: 'rows 2, 3', minutes: '45', month: '2026-10' }, severity: 'error', month: '2026-10' },
        { messageId: 'unknown', entryIds: [2], data: { status: 'QA hold', entries: '1 entry', minutes: '20' } },
      ],
    },
    {
      name: 'another month is another finding',
      model: { entries: [entry({ unrecognizedStatus: 'Open' }), entry({ unrecognizedStatus: 'Open', date: '2026-11-02' })] },
      findings: [
        { messageId: 'unknown', entryIds: [0], month: '2026-10' },
        { messageId: 'unknown', entryIds: [1], month: '2026-11' },
      ],
    },
  ],
});
