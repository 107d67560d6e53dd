import { unknownProgram } from '../../src/rules/unknown-program.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(unknownProgram, {
  valid: [
    { name: 'CCM entries', model: { entries: [entry(), entry({ program: 'complex-ccm' })] } },
    { name: 'recognized other programs are D3 time, not an exception', model: { entries: [entry({ program: 'tcm', programText: 'TCM' }), entry({ program: 'rpm' }), entry({ program: 'other', programText: 'Other' })] } },
    { name: 'an unknown label outside the audited month', model: { period: '2026-11', entries: [entry({ program: 'unknown', programText: 'Care Management' })] } },
  ],
  invalid: [
    {
      name: 'one finding per patient-month and label, with the minutes not counted',
      model: {
        entries: [
          entry({ program: 'unknown', programText: 'Care Management', minutes: 25 }),
          entry({ program: 'unknown', programText: 'Care Management', minutes: 20, date: '2026-10-19' }),
          entry({ program: 'unknown', programText: 'CCM/TCM' }),
          entry(),
        ],
      },
      findings: [
        { messageId: 'unknown', entryIds: [0, 1], data: { label: 'Care Management', entries: '2 entries', rows: 'rows 2, 3', minutes: '45', month: '2026-10' }, severity: 'warning', month: '2026-10' },
        { messageId: 'unknown', entryIds: [2], data: { label: 'CCM/TCM', entries: '1 entry', minutes: '20' } },
      ],
    },
    {
      name: 'another month is another finding',
      model: { entries: [entry({ program: 'unknown', programText: 'Care Mgmt' }), entry({ program: 'unknown', programText: 'Care Mgmt', date: '2026-11-02' })] },
      findings: [
        { messageId: 'unknown', entryIds: [0], month: '2026-10' },
        { messageId: 'unknown', entryIds: [1], month: '2026-11' },
      ],
    },
    {
      name: 'a CCM label qualified away names its qualifier',
      model: { entries: [entry({ program: 'unknown', programText: 'CCM - declined', minutes: 25 }), entry({ program: 'unknown', programText: 'Pre-CCM', minutes: 25 })] },
      findings: [
        { messageId: 'qualified', entryIds: [0], data: { label: 'CCM - declined', qualifier: 'declined', minutes: '25' }, severity: 'warning' },
        { messageId: 'qualified', entryIds: [1], data: { label: 'Pre-CCM', qualifier: 'pre', minutes: '25' } },
      ],
    },
  ],
});
