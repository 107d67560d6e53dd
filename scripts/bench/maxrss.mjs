// Runs a Node script in this process and reports its peak RSS, for machines without /usr/bin/time:
//   node maxrss.mjs RESULT_FILE SCRIPT ARGS...
// On exit it writes {"maxRssKB", "exceljsLoaded"} to RESULT_FILE. exceljsLoaded tells whether any exceljs module
// was loaded (CommonJS modules imported from ESM land in the require cache), to check that it stays lazy.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [resultFile, script, ...args] = process.argv.slice(2);
const require = createRequire(import.meta.url);
process.argv = [process.argv[0], resolve(script), ...args];
process.on('exit', () => {
  const exceljsLoaded = Object.keys(require.cache).some((path) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(path));
  // resourceUsage().maxRSS is in kilobytes.
  writeFileSync(resultFile, JSON.stringify({ maxRssKB: process.resourceUsage().maxRSS, exceljsLoaded }));
});
await import(pathToFileURL(resolve(script)).href);
