import { futureDate } from '../../src/rules/future-date.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(futureDate, {
  valid: [
    { name: 'dated before the run date', model: { entries: [entry({ date: '2026-10-05' })] } },
    { name: 'dated on the run date', model: { entries: [entry({ date: '2026-11-15' })] } },
  ],
  invalid: [
    { name: 'dated the day after the run date', model: { entries: [entry({ date: '2026-11-16' })] }, findings: [{ messageId: 'future', data: { date: '2026-11-16', runDate: '2026-11-15' }, entryIds: [0], severity: 'error' }] },
    { name: 'a wrong year', model: { entries: [entry({ date: '2027-10-05' }), entry()] }, findings: [{ messageId: 'future', entryIds: [0] }] },
  ],
});
