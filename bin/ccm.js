#!/usr/bin/env node
// Thin shim: the CLI lives in dist/cli (built by `npm install` / `npm run build`).
import { run } from '../dist/cli/program.js';

process.exitCode = await run(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  // The progress line of long audits goes to stderr only when it is a terminal (issue #6).
  progress: process.stderr.isTTY ? process.stderr : undefined,
});
