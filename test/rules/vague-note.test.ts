import { vagueNote } from '../../src/rules/vague-note.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const GOOD = 'Reviewed home BP log 150s-160s; called pt re amlodipine dose; pt reports dizziness resolved; updated care plan goal';

ruleTester(vagueNote, {
  valid: [
    { name: 'a specific note passes', model: { entries: [entry({ note: GOOD })] } },
    { name: 'boilerplate phrase inside a specific note', model: { entries: [entry({ note: 'Follow up: A1c 9.2, increased metformin, reviewed diabetic diet, glucometer teaching' })] } },
    { name: 'exactly the minimum of specific words', model: { entries: [entry({ note: 'Refilled lisinopril, scheduled echocardiogram' })] } },
    { name: 'a lower minimum accepts a short note', model: { entries: [entry({ note: 'Lisinopril refilled' })] }, options: { minSpecificWords: 2 } },
    { name: 'non-CCM programs are not judged', model: { entries: [entry({ note: 'phone call', program: 'tcm' })] } },
    { name: 'entries outside --month are not judged', model: { entries: [entry({ note: 'lvm', date: '2026-09-30' }), entry({ date: '2026-10-02' })], period: '2026-10' } },
  ],
  invalid: [
    { name: 'empty note', model: { entries: [entry({ note: '' })] }, findings: [{ messageId: 'empty', entryIds: [0], rows: [2], severity: 'error' }] },
    { name: 'punctuation only', model: { entries: [entry({ note: ' -- ' })] }, findings: [{ messageId: 'empty', entryIds: [0] }] },
    { name: 'CCM call - 20 min', model: { entries: [entry({ note: 'CCM call - 20 min' })] }, findings: [{ messageId: 'timeOnly', entryIds: [0] }] },
    { name: '20 minutes', model: { entries: [entry({ note: '20 minutes' })] }, findings: [{ messageId: 'timeOnly', entryIds: [0] }] },
    { name: 'phone call', model: { entries: [entry({ note: 'Phone call' })] }, findings: [{ messageId: 'timeOnly', entryIds: [0] }] },
    {
      name: 'boilerplate phrases are named',
      model: { entries: [entry({ note: 'Spoke with pt. Checked in, f/u next month.' })] },
      findings: [{ messageId: 'boilerplate', data: { phrases: '"spoke with pt", "checked in", "f/u"', specific: 2, minimum: 4 } }],
    },
    ...['Left message', 'LVM', 'reviewed chart', 'CCM', 'monthly call', 'Care coordination', 'follow up'].map((note, i) => ({
      name: `boilerplate: ${note} (${i})`,
      model: { entries: [entry({ note })] },
      findings: [{ messageId: 'boilerplate', entryIds: [0] }],
    })),
    {
      name: 'too few specific words',
      model: { entries: [entry({ note: 'BP ok, meds' })] },
      findings: [{ messageId: 'tooFewWords', data: { specific: 3, minimum: 4 } }],
    },
    {
      name: 'extraPhrases add to the built-in list',
      model: { entries: [entry({ note: 'Monthly wellness template completed' })] },
      options: { extraPhrases: ['wellness template completed'] },
      findings: [{ messageId: 'boilerplate', data: { phrases: '"wellness template completed"' } }],
    },
    {
      name: 'a higher minimum rejects a note the default accepts',
      model: { entries: [entry({ note: 'Refilled lisinopril, scheduled echocardiogram' })] },
      options: { minSpecificWords: 5 },
      findings: [{ messageId: 'tooFewWords', data: { specific: 4, minimum: 5 } }],
    },
    {
      name: 'one finding per vague entry, good entries untouched',
      model: { entries: [entry({ note: GOOD }), entry({ note: 'lvm' }), entry({ note: '' })] },
      findings: [
        { messageId: 'boilerplate', entryIds: [1], rows: [3] },
        { messageId: 'empty', entryIds: [2], rows: [4] },
      ],
    },
  ],
});
