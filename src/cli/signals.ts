import { constants } from 'node:os';
import { removeLiveTempsSync } from '../report/temp-files.js';

/** Ctrl-C, a CI job's time limit or `timeout` (SIGTERM), a closed terminal. */
const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * While a command runs: on SIGINT, SIGTERM or SIGHUP, remove the temporary report and baseline files it has
 * started (complete or half-written, they hold patient data and would stay in --out unseen), say so in one
 * line, then die of the same signal, so the shell sees 130, 143 or 129 as for any program stopped that way.
 * At exit, the same removal covers a crash that skipped the writers' own clean-up. Returns the undo.
 */
export function removeTempsOnInterrupt(stderr: (text: string) => void): () => void {
  const onSignal = (signal: NodeJS.Signals): void => {
    const removed = removeLiveTempsSync();
    stderr(`ccm: stopped by ${signal}${removed > 0 ? '; the unfinished files it was writing were removed' : ''}\n`);
    undo();
    // With no listener left the default action applies: the process ends by the signal. Should it not (a
    // listener added by someone else), it ends here all the same, with the conventional 128 + number.
    process.kill(process.pid, signal);
    process.exit(128 + constants.signals[signal]);
  };
  const onExit = (): void => void removeLiveTempsSync();
  const undo = (): void => {
    for (const signal of SIGNALS) process.removeListener(signal, onSignal);
    process.removeListener('exit', onExit);
  };
  for (const signal of SIGNALS) process.on(signal, onSignal);
  process.on('exit', onExit);
  return undo;
}
