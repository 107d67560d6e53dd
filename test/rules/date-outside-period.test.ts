import { dateOutsidePeriod } from '../../src/rules/date-outside-period.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(dateOutsidePeriod, {
  valid: [
    { name: 'no period given', model: { entries: [entry({ date: '2026-09-30' }), entry({ date: '2026-10-01' })] } },
    { name: 'every entry in the period', model: { entries: [entry({ date: '2026-10-01' }), entry({ date: '2026-10-31' })], period: '2026-10' } },
    { name: 'other programs outside the period', model: { entries: [entry({ date: '2026-10-01' }), entry({ date: '2026-09-30', program: 'tcm' })], period: '2026-10' } },
  ],
  invalid: [
    {
      name: 'entries of the previous and next month',
      model: { entries: [entry({ date: '2026-09-30' }), entry({ date: '2026-10-15' }), entry({ date: '2026-11-01', program: 'complex-ccm' })], period: '2026-10' },
      findings: [
        { messageId: 'outside', data: { date: '2026-09-30', period: '2026-10' }, entryIds: [0], severity: 'warning' },
        { messageId: 'outside', data: { date: '2026-11-01' }, entryIds: [2] },
      ],
    },
    {
      // A year-to-date export: one finding per patient and other month, not one per row.
      name: 'several entries of one patient in another month',
      model: {
        entries: [
          entry({ date: '2026-09-03' }),
          entry({ date: '2026-09-17' }),
          entry({ date: '2026-10-02' }),
          entry({ date: '2026-09-24', program: 'complex-ccm' }),
          entry({ date: '2026-09-05', patientId: 'P2' }),
          entry({ date: '2026-08-30' }),
        ],
        period: '2026-10',
      },
      findings: [
        { messageId: 'outside', data: { date: '2026-08-30' }, entryIds: [5] },
        { messageId: 'outsideSeveral', data: { count: 3, month: '2026-09', period: '2026-10' }, entryIds: [0, 1, 3] },
        { messageId: 'outside', data: { date: '2026-09-05' }, entryIds: [4] },
      ],
    },
  ],
});
