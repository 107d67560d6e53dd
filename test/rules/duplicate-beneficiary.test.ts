import { duplicateBeneficiary } from '../../src/rules/duplicate-beneficiary.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

const MBI = '6EG4TE5MK73';
const OTHER_MBI = '7EG4TE5MK73';
const withMbi = { hasMbiColumn: true };

ruleTester(duplicateBeneficiary, {
  valid: [
    { name: 'each patient its own MBI', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: OTHER_MBI })] } },
    { name: 'one patient, one MBI, several entries', model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ mbi: MBI, date: '2026-10-19' })] } },
    {
      name: 'the same MBI under two patients in different months',
      model: { ...withMbi, entries: [entry({ mbi: MBI, date: '2026-09-08' }), entry({ patientId: 'P2', mbi: MBI })] },
    },
    {
      name: 'the other patient\'s entry is not CCM',
      model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: MBI, program: 'tcm' })] },
    },
    {
      name: 'outside the audited month',
      model: { ...withMbi, period: '2026-10', entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: MBI, date: '2026-09-08' }), entry({ patientId: 'P3', mbi: MBI, date: '2026-09-09' })] },
    },
    { name: 'a malformed MBI is left to invalid-mbi', model: { ...withMbi, entries: [entry({ mbi: '1SG4TE5MK73' }), entry({ patientId: 'P2', mbi: '1SG4TE5MK73' })] } },
    { name: 'entries without an MBI', model: { ...withMbi, entries: [entry(), entry({ patientId: 'P2' })] } },
    { name: 'no MBI column', model: { entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: MBI })] } },
  ],
  invalid: [
    {
      name: 'one beneficiary under two patient ids: both months, each naming the other',
      model: { ...withMbi, entries: [entry({ mbi: MBI }), entry({ patientId: 'P2', mbi: MBI, date: '2026-10-09' })] },
      findings: [
        { messageId: 'shared', patientId: 'P1', month: '2026-10', entryIds: [0], rows: [2], severity: 'error', data: { month: '2026-10', patients: 'patient P2', rows: 'row 3' } },
        { messageId: 'shared', patientId: 'P2', month: '2026-10', entryIds: [1], rows: [3], severity: 'error', data: { month: '2026-10', patients: 'patient P1', rows: 'row 2' } },
      ],
    },
    {
      name: 'three patient ids; only the entries carrying the MBI are cited',
      model: {
        ...withMbi,
        entries: [
          entry({ mbi: MBI }),
          entry({ patientId: 'P2', mbi: MBI }),
          entry({ patientId: 'P2', mbi: MBI, date: '2026-10-20' }),
          entry({ patientId: 'P3', mbi: MBI }),
          entry({ patientId: 'P3', date: '2026-10-21' }),
        ],
      },
      findings: [
        { messageId: 'shared', patientId: 'P1', entryIds: [0], data: { patients: 'patients P2, P3', rows: 'rows 3, 4, 5' } },
        { messageId: 'shared', patientId: 'P2', entryIds: [1, 2], data: { patients: 'patients P1, P3', rows: 'rows 2, 5' } },
        { messageId: 'shared', patientId: 'P3', entryIds: [3], data: { patients: 'patients P1, P2', rows: 'rows 2, 3, 4' } },
      ],
    },
    {
      name: 'every month shared is flagged, each once',
      model: {
        ...withMbi,
        entries: [
          entry({ mbi: MBI, date: '2026-09-08' }),
          entry({ patientId: 'P2', mbi: MBI, date: '2026-09-09' }),
          entry({ mbi: MBI }),
          entry({ patientId: 'P2', mbi: MBI }),
        ],
      },
      findings: [
        { messageId: 'shared', patientId: 'P1', month: '2026-09', entryIds: [0], data: { month: '2026-09', rows: 'row 3' } },
        { messageId: 'shared', patientId: 'P2', month: '2026-09', entryIds: [1], data: { month: '2026-09', rows: 'row 2' } },
        { messageId: 'shared', patientId: 'P1', month: '2026-10', entryIds: [2], data: { month: '2026-10', rows: 'row 5' } },
        { messageId: 'shared', patientId: 'P2', month: '2026-10', entryIds: [3], data: { month: '2026-10', rows: 'row 4' } },
      ],
    },
    {
      name: 'a patient-month sharing two MBIs with two others gets one finding',
      model: {
        ...withMbi,
        entries: [entry({ mbi: MBI }), entry({ mbi: OTHER_MBI }), entry({ patientId: 'P2', mbi: MBI }), entry({ patientId: 'P3', mbi: OTHER_MBI })],
      },
      findings: [
        { messageId: 'shared', patientId: 'P1', entryIds: [0, 1], data: { patients: 'patients P2, P3', rows: 'rows 4, 5' } },
        { messageId: 'shared', patientId: 'P2', entryIds: [2], data: { patients: 'patient P1', rows: 'row 2' } },
        { messageId: 'shared', patientId: 'P3', entryIds: [3], data: { patients: 'patient P1', rows: 'row 3' } },
      ],
    },
  ],
});
