import { underThreshold } from '../../src/rules/under-threshold.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

/** A month whose minutes are split over entries. */
const month = (...minutes: number[]) => ({ entries: minutes.map((m) => entry({ minutes: m })) });

ruleTester(underThreshold, {
  valid: [
    ...[20, 39, 40, 59, 60].map((m) => ({ name: `${m} supported minutes`, model: month(m) })),
    { name: 'minutes added over entries reach 20', model: month(12, 8) },
    // Added as binary fractions these are 19.999999999999996 (B01).
    { name: 'decimal minutes that add up to exactly 20', model: month(1.2, 16.4, 2.4) },
    { name: 'no logged minutes at all is left to invalid-minutes', model: { entries: [entry({ minutes: null, minutesText: 'abc' })] } },
    { name: 'other programs\' minutes do not make a CCM month', model: { entries: [entry({ program: 'rpm', minutes: 5 }), entry({ patientId: 'P2' })] } },
    { name: 'months outside --month get no findings', model: { entries: [entry({ date: '2026-09-03', minutes: 5 }), entry()], period: '2026-10' } },
    {
      name: 'a warning-level entry rule does not exclude minutes',
      model: { entries: [entry({ minutes: 20, startTime: '09:00', stopTime: '09:10' })] },
      enable: ['minutes-mismatch'],
    },
  ],
  invalid: [
    {
      name: '19 minutes: one short',
      model: month(19),
      findings: [{ messageId: 'short', entryIds: [0], month: '2026-10', severity: 'warning', data: { supported: '19', missing: '1', minimum: 20, month: '2026-10' } }],
    },
    { name: '19.5 minutes', model: month(19.5), findings: [{ messageId: 'short', data: { supported: '19.5', missing: '0.5' } }] },
    {
      name: 'entries excluded by entry-level errors are named with their rules',
      model: { entries: [entry({ minutes: 15 }), entry({ minutes: 10, note: 'Left message' }), entry({ minutes: 10, credential: 'Front Desk' })] },
      enable: ['vague-note', 'non-clinical-staff-time'],
      findings: [
        {
          messageId: 'shortWithExclusions',
          entryIds: [0, 1, 2],
          data: { supported: '15', logged: '35', missing: '5', excluded: 'row 3 (vague-note), row 4 (non-clinical-staff-time)' },
        },
      ],
    },
    {
      name: 'one entry excluded by two rules',
      model: { entries: [entry({ minutes: 25, note: 'lvm', credential: 'Front Desk' })] },
      enable: ['vague-note', 'non-clinical-staff-time'],
      findings: [{ messageId: 'shortWithExclusions', data: { supported: '0', missing: '20', excluded: 'row 2 (non-clinical-staff-time, vague-note)' } }],
    },
    {
      name: 'an excluded entry\'s own findings can be checked alongside',
      model: { entries: [entry({ minutes: 30, note: 'phone call' })] },
      enable: ['vague-note'],
      findings: [
        { messageId: 'shortWithExclusions', data: { supported: '0' } },
        { rule: 'vague-note', messageId: 'timeOnly', entryIds: [0] },
      ],
    },
    {
      name: 'each month on its own (R-TIME-MONTH)',
      model: { entries: [entry({ date: '2026-09-29', minutes: 15 }), entry({ date: '2026-10-02', minutes: 15 })] },
      findings: [
        { messageId: 'short', month: '2026-09' },
        { messageId: 'short', month: '2026-10' },
      ],
    },
  ],
});
