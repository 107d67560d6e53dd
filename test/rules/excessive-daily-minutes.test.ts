import { excessiveDailyMinutes } from '../../src/rules/excessive-daily-minutes.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const day = (minutes: number[], init: Parameters<typeof entry>[0] = {}) => minutes.map((m, i) => entry({ minutes: m, patientId: `P${i + 1}`, ...init }));

ruleTester(excessiveDailyMinutes, {
  valid: [
    { name: 'exactly the maximum', model: { entries: day([200, 200, 200]) } },
    { name: 'split between two staff members', model: { entries: [...day([200, 200]), ...day([200, 200], { staff: 'Omar Diaz' })] } },
    { name: 'a higher maximum', model: { entries: day([400, 400]) }, options: { maxDailyMinutes: 800 } },
    { name: 'a day with no CCM entries', model: { entries: [...day([400, 400], { program: 'rpm' }), entry({ date: '2026-10-06' })] } },
  ],
  invalid: [
    {
      name: 'one staff-day above the maximum lists its entries',
      model: { entries: day([240, 240, 121]) },
      findings: [{ messageId: 'excessive', entryIds: [0, 1, 2], data: { staff: 'Nina Reyes', total: '601', date: '2026-10-05', entries: '3 entries', max: 600 }, severity: 'warning' }],
    },
    {
      name: 'every program counts toward the day',
      model: { entries: [entry({ minutes: 300 }), entry({ minutes: 301, program: 'rpm', patientId: 'P2' })] },
      findings: [{ messageId: 'excessive', entryIds: [0, 1], data: { total: '601' } }],
    },
    { name: 'a lower maximum', model: { entries: day([100, 100]) }, options: { maxDailyMinutes: 180 }, findings: [{ messageId: 'excessive', data: { max: 180 } }] },
  ],
});
