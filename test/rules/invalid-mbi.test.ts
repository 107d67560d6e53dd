import { invalidMbi } from '../../src/rules/invalid-mbi.js';
import { entry } from '../helpers/model-builder.js';
import { ruleTester } from '../helpers/rule-tester.js';

ruleTester(invalidMbi, {
  valid: [
    { name: 'a valid MBI', model: { entries: [entry({ mbi: '1EG4TE5MK73' })], hasMbiColumn: true } },
    { name: 'no MBI column: not checked', model: { entries: [entry()] } },
    { name: 'other programs are not judged', model: { entries: [entry({ mbi: '1EG4TE5MK73' }), entry({ program: 'rpm' })], hasMbiColumn: true } },
  ],
  invalid: [
    { name: 'missing MBI', model: { entries: [entry()], hasMbiColumn: true }, findings: [{ messageId: 'missing', entryIds: [0], severity: 'warning' }] },
    { name: 'a forbidden letter', model: { entries: [entry({ mbi: '1SG4TE5MK73' })], hasMbiColumn: true }, findings: [{ messageId: 'malformed', data: { mbi: '1SG4TE5MK73' } }] },
    { name: 'ten characters', model: { entries: [entry({ mbi: '1EG4TE5MK7' })], hasMbiColumn: true }, findings: [{ messageId: 'malformed' }] },
  ],
});
