// Applies two fixes to exceljs 4.4.0's streaming reader that upstream has not released (see
// ../shared/reference/library-notes.md). Runs on every `npm install`/`npm ci` (postinstall); idempotent,
// and loud when the code it patches is not the code it expects, so a version bump cannot silently undo it.
//  1. iterate-stream race (exceljs #683/#3064, PR #2915): zip entries after the worksheets could be dropped,
//     losing shared strings, date styles or whole sheets. Iterate the unzip stream directly instead.
//  2. parse-sax decodes each chunk on its own (exceljs #2063, PR #1665): a character split across chunks
//     became U+FFFD. Use one StringDecoder per stream.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
let root;
try {
  root = dirname(require.resolve('exceljs/package.json'));
} catch {
  process.exit(0); // exceljs not installed (e.g. a production install without it): nothing to patch
}

const patches = [
  {
    file: 'lib/stream/xlsx/workbook-reader.js',
    from: 'for await (const entry of iterateStream(zip)) {',
    to: 'for await (const entry of zip) { // ccm patch: PR #2915',
  },
  {
    file: 'lib/utils/parse-sax.js',
    from: '  for await (const chunk of iterable) {\n    saxesParser.write(bufferToString(chunk));',
    to:
      "  const decoder = new (require('string_decoder').StringDecoder)('utf8'); // ccm patch: PR #1665\n" +
      '  for await (const chunk of iterable) {\n' +
      "    saxesParser.write(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? decoder.write(chunk) : bufferToString(chunk));",
  },
];

for (const { file, from, to } of patches) {
  const path = join(root, file);
  if (!existsSync(path)) throw new Error(`patch-exceljs: ${file} not found; update scripts/patch-exceljs.mjs for this exceljs version`);
  const text = readFileSync(path, 'utf8');
  if (text.includes(to)) continue;
  if (!text.includes(from)) throw new Error(`patch-exceljs: unexpected code in ${file}; update scripts/patch-exceljs.mjs`);
  writeFileSync(path, text.replace(from, to));
}
