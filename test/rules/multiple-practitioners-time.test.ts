import { multiplePractitionersTime } from '../../src/rules/multiple-practitioners-time.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const md = (staff: string, minutes: number, extra: Parameters<typeof entry>[0] = {}) => entry({ staff, credential: 'MD', minutes, ...extra });

ruleTester(multiplePractitionersTime, {
  valid: [
    { name: 'one practitioner and clinical staff', model: { entries: [md('Dr Adams', 30), entry({ minutes: 25 })] } },
    { name: 'one practitioner written two ways', model: { entries: [md('Dr Adams', 30), md('dr  ADAMS', 15)] } },
    { name: 'two practitioners in different months', model: { entries: [md('Dr Adams', 30), md('Dr Brown', 30, { date: '2026-09-10' })] } },
    { name: 'two practitioners for different patients', model: { entries: [md('Dr Adams', 30), md('Dr Brown', 30, { patientId: 'P2' })] } },
    { name: 'the second practitioner\'s time is non-CCM', model: { entries: [md('Dr Adams', 30), md('Dr Brown', 30, { program: 'tcm' })] } },
  ],
  invalid: [
    {
      name: 'two practitioners in one month: the one with the most minutes is counted',
      model: { entries: [md('Dr Adams', 20), entry({ minutes: 10 }), md('Dr Brown', 45)] },
      findings: [
        {
          messageId: 'several',
          severity: 'warning',
          entryIds: [0, 2],
          month: '2026-10',
          data: { count: 2, practitioners: 'Dr Adams: 20 min, Dr Brown: 45 min', counted: '45', name: 'Dr Brown' },
        },
      ],
    },
    {
      name: 'an equal split names the first',
      model: { entries: [md('Dr Adams', 45), md('Dr Brown', 45, { credential: 'DO' })] },
      findings: [{ messageId: 'several', data: { practitioners: 'Dr Adams: 45 min, Dr Brown: 45 min', counted: '45', name: 'Dr Adams' } }],
    },
  ],
});
