// Preloaded (node --import) by tests that check what a run loads: at exit, prints on stderr whether exceljs was loaded.
import { createRequire } from 'node:module';

const cache = createRequire(import.meta.url).cache;
process.on('exit', () => {
  const exceljs = Object.keys(cache).some((path) => /[\\/]node_modules[\\/]exceljs[\\/]/.test(path));
  process.stderr.write(`EXCELJS-LOADED ${exceljs}\n`);
});
