import { missingStaff } from '../../src/rules/missing-staff.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(missingStaff, {
  valid: [
    { name: 'name and known credential', model: { entries: [entry({ staff: 'Nina Reyes', credential: 'RN' })] } },
    { name: 'credential with extra parts', model: { entries: [entry({ credential: 'RN, BSN' })] } },
    { name: 'a credential mapped by config arrives classified', model: { entries: [entry({ credential: 'Care Navigator', role: 'clinical-staff' })] } },
    // A qualifier about the job, not the licence, leaves the credential standing.
    ...['RN, Care Manager (non-billing)', 'RN Care Manager - not billing provider', 'LPN, non-supervisory', 'LPN (no longer supervising)', 'RN, not on call', 'RN (no restrictions)', 'LPN - Prior Auth', 'NP (not supervising)'].map(
      (credential) => ({ name: `the job qualified, not the licence: ${credential}`, model: { entries: [entry({ credential })] } }),
    ),
    // A qualifier about a past credential leaves the current one standing; a negated qualifier is none.
    ...['RN (Former LPN)', 'CMA, formerly LPN', 'LPN, former MA', 'RN, license active, not expired', 'RN (licensed, not pending)'].map((credential) => ({
      name: `a clinical credential held now: ${credential}`,
      model: { entries: [entry({ credential })] },
    })),
    { name: 'non-CCM programs are not judged', model: { entries: [entry({ staff: undefined, program: 'rpm' })] } },
  ],
  invalid: [
    { name: 'no staff name', model: { entries: [entry({ staff: undefined })] }, findings: [{ messageId: 'noStaff', entryIds: [0], severity: 'error' }] },
    { name: 'no staff name and no credential', model: { entries: [entry({ staff: undefined, credential: undefined })] }, findings: [{ messageId: 'noStaff', entryIds: [0] }] },
    { name: 'no credential', model: { entries: [entry({ credential: undefined })] }, findings: [{ messageId: 'noCredential', data: { staff: 'Nina Reyes' } }] },
    {
      name: 'unrecognised credential',
      model: { entries: [entry({ credential: 'Care Navigator' })] },
      findings: [{ messageId: 'unknownCredential', data: { staff: 'Nina Reyes', credential: 'Care Navigator' } }],
    },
    {
      name: 'a negated clinical credential',
      model: { entries: [entry({ credential: 'Non-RN Care Coordinator' })] },
      findings: [{ messageId: 'qualifiedCredential', data: { staff: 'Nina Reyes', credential: 'Non-RN Care Coordinator', qualifier: 'non' }, severity: 'error' }],
    },
    {
      name: 'a clinical credential no longer held',
      model: { entries: [entry({ credential: 'Former RN' })] },
      findings: [{ messageId: 'qualifiedCredential', data: { staff: 'Nina Reyes', credential: 'Former RN', qualifier: 'former' } }],
    },
    {
      name: 'a clinical credential no longer held, and a job title that names none',
      model: { entries: [entry({ credential: 'Former RN, Care Coordinator' })] },
      findings: [{ messageId: 'qualifiedCredential', data: { staff: 'Nina Reyes', credential: 'Former RN, Care Coordinator', qualifier: 'former' } }],
    },
    {
      name: 'a clinical credential not yet held',
      model: { entries: [entry({ credential: 'RN (license pending)' })] },
      findings: [{ messageId: 'qualifiedCredential', data: { staff: 'Nina Reyes', credential: 'RN (license pending)', qualifier: 'pending' } }],
    },
  ],
});
