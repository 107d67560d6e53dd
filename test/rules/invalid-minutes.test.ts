import { invalidMinutes } from '../../src/rules/invalid-minutes.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(invalidMinutes, {
  valid: [
    { name: 'positive minutes', model: { entries: [entry({ minutes: 25 })] } },
    { name: 'exactly the maximum', model: { entries: [entry({ minutes: 240 })] } },
    { name: 'fractional minutes', model: { entries: [entry({ minutes: 0.5 })] } },
    { name: 'a higher maximum', model: { entries: [entry({ minutes: 300 })] }, options: { maxMinutesPerEntry: 300 } },
    { name: 'non-CCM programs are not judged', model: { entries: [entry({ minutes: 0, program: 'rpm' })] } },
  ],
  invalid: [
    { name: 'unreadable minutes are quoted', model: { entries: [entry({ minutes: null, minutesText: 'twenty' })] }, findings: [{ messageId: 'unreadable', data: { text: 'twenty' }, entryIds: [0], severity: 'error' }] },
    { name: 'no minutes and no clock times', model: { entries: [entry({ minutes: null, minutesText: '' })] }, findings: [{ messageId: 'missing', entryIds: [0] }] },
    { name: 'zero minutes', model: { entries: [entry({ minutes: 0 })] }, findings: [{ messageId: 'notPositive', data: { minutes: '0' } }] },
    { name: 'negative minutes from a stop before the start', model: { entries: [entry({ minutes: -15, startTime: '09:15', stopTime: '09:00' })] }, findings: [{ messageId: 'notPositive', data: { minutes: '-15' } }] },
    { name: 'above the maximum', model: { entries: [entry({ minutes: 241 })] }, findings: [{ messageId: 'tooMany', data: { minutes: '241', max: 240 } }] },
    { name: 'a lower maximum', model: { entries: [entry({ minutes: 100 })] }, options: { maxMinutesPerEntry: 90 }, findings: [{ messageId: 'tooMany', data: { max: 90 } }] },
  ],
});
