import { invalidNpi } from '../../src/rules/invalid-npi.js';
import { NPI_B, entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(invalidNpi, {
  valid: [
    { name: 'valid NPIs', model: { entries: [entry(), entry({ npi: NPI_B })] } },
    { name: 'no NPI on the entry', model: { entries: [entry({ npi: undefined })] } },
    { name: 'other programs are not judged', model: { entries: [entry({ npi: '123', program: 'rpm' })] } },
  ],
  invalid: [
    { name: 'nine digits', model: { entries: [entry({ npi: '123456789' })] }, findings: [{ messageId: 'format', data: { npi: '123456789' }, entryIds: [0], severity: 'warning' }] },
    { name: 'letters', model: { entries: [entry({ npi: '12345X7893' })] }, findings: [{ messageId: 'format' }] },
    { name: 'a wrong check digit', model: { entries: [entry({ npi: '1234567890' })] }, findings: [{ messageId: 'checkDigit', data: { npi: '1234567890' } }] },
  ],
});
