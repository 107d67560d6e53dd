// Regenerates schema/ccm.config.schema.json from the zod config schema (run after `npm run build`).
// test/config/config.test.ts fails when the committed file and the code disagree.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { configJsonSchema } from '../dist/config/schema.js';

const out = fileURLToPath(new URL('../schema/ccm.config.schema.json', import.meta.url));
writeFileSync(out, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
console.log(`wrote ${out}`);
