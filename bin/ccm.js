#!/usr/bin/env node
// Thin shim: the CLI lives in dist/cli (built by `npm install` / `npm run build`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { YOUNG_GENERATION, largeRunEnv, needsYoungGeneration } from './young-generation.js';

const args = process.argv.slice(2);

if (needsYoungGeneration(args, process.execArgv)) {
  const child = spawn(process.execPath, [...process.execArgv, ...YOUNG_GENERATION, fileURLToPath(import.meta.url), ...args], { stdio: 'inherit', env: largeRunEnv(process.env) });
  // A signal sent to this process only (`kill PID`, a CI runner stopping its job) goes on to the run doing the
  // work, which removes the reports it was writing before it ends (src/cli/signals.ts); waiting in a blocking
  // spawnSync instead, this process would die and leave that run going.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  await new Promise(() => {
    // Node could not start again (out of processes, memory): one line and exit 2, never a stack trace.
    child.on('error', (error) => {
      process.stderr.write(`ccm: could not start the audit process: ${error.message}\n`);
      process.exit(2);
    });
    child.on('exit', (code, signal) => {
      if (signal) {
        process.removeAllListeners(signal);
        process.kill(process.pid, signal);
      }
      process.exit(code ?? 2);
    });
  });
}

// `ccm … | head` closes the pipe early: the reader's choice, not a failure worth a stack trace. The rest of
// the output is dropped and the run finishes, so the reports and the exit code are what they would be.
process.stdout.on('error', (error) => {
  if (error.code !== 'EPIPE') throw error;
});

const { run } = await import('../dist/cli/program.js');
process.exitCode = await run(args, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
  env: process.env,
  cwd: process.cwd(),
  // The progress line of long audits goes to stderr only when it is a terminal (issue #6).
  progress: process.stderr.isTTY ? process.stderr : undefined,
});
