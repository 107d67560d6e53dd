import { nonClinicalStaffTime } from '../../src/rules/non-clinical-staff-time.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(nonClinicalStaffTime, {
  valid: [
    { name: 'clinical staff', model: { entries: [entry({ credential: 'LPN' }), entry({ credential: 'CMA' })] } },
    { name: 'the practitioner', model: { entries: [entry({ credential: 'MD' })] } },
    { name: 'an unknown credential is missing-staff\'s concern', model: { entries: [entry({ credential: 'Navigator' })] } },
    { name: 'non-clinical time on another program', model: { entries: [entry({ credential: 'Front Desk', program: 'rpm' })] } },
  ],
  invalid: [
    {
      name: 'front desk time',
      model: { entries: [entry({ staff: 'Pat Lee', credential: 'Front Desk', minutes: 15 })] },
      findings: [{ messageId: 'nonClinical', data: { staff: 'Pat Lee', credential: 'Front Desk', minutes: '15' }, entryIds: [0], severity: 'error' }],
    },
    {
      name: 'billing specialist among clinical entries',
      model: { entries: [entry(), entry({ credential: 'Billing Specialist' }), entry()] },
      findings: [{ messageId: 'nonClinical', entryIds: [1] }],
    },
  ],
});
