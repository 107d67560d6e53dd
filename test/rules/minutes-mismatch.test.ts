import { minutesMismatch } from '../../src/rules/minutes-mismatch.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(minutesMismatch, {
  valid: [
    { name: 'minutes equal the clock span', model: { entries: [entry({ minutes: 15, startTime: '09:00', stopTime: '09:15' })] } },
    { name: 'one minute apart is within the default tolerance', model: { entries: [entry({ minutes: 16, startTime: '09:00', stopTime: '09:15' })] } },
    { name: 'no clock times', model: { entries: [entry({ minutes: 30 })] } },
    { name: 'only a start time', model: { entries: [entry({ minutes: 30, startTime: '09:00' })] } },
    { name: 'an entry crossing midnight: 23:50–00:15 is 25 minutes', model: { entries: [entry({ minutes: 25, startTime: '23:50', stopTime: '00:15' })] } },
    { name: 'a wider tolerance', model: { entries: [entry({ minutes: 20, startTime: '09:00', stopTime: '09:15' })] }, options: { toleranceMinutes: 5 } },
  ],
  invalid: [
    {
      name: 'minutes far from the clock span',
      model: { entries: [entry({ minutes: 30, startTime: '09:00', stopTime: '09:15' })] },
      findings: [{ messageId: 'mismatch', data: { minutes: '30', start: '09:00', stop: '09:15', clockMinutes: 15, difference: '15' }, entryIds: [0], severity: 'warning' }],
    },
    {
      name: 'crossing midnight, compared with the 25-minute span, not −1415',
      model: { entries: [entry({ minutes: 40, startTime: '23:50', stopTime: '00:15' })] },
      findings: [{ messageId: 'mismatch', data: { start: '23:50', stop: '00:15', clockMinutes: 25, difference: '15' } }],
    },
    {
      name: 'a stop under 12 hours before the start is not midnight: the span stays negative',
      model: { entries: [entry({ minutes: 30, startTime: '10:00', stopTime: '09:30' })] },
      findings: [{ messageId: 'mismatch', data: { clockMinutes: -30, difference: '60' } }],
    },
    { name: 'two minutes apart', model: { entries: [entry({ minutes: 17, startTime: '09:00', stopTime: '09:15' })] }, findings: [{ messageId: 'mismatch', data: { difference: '2' } }] },
    { name: 'zero tolerance', model: { entries: [entry({ minutes: 16, startTime: '09:00', stopTime: '09:15' })] }, options: { toleranceMinutes: 0 }, findings: [{ messageId: 'mismatch' }] },
  ],
});
