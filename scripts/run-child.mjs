// Runs the real program (browser mode's server, Electron) as a child that lives and dies with
// this script. `npm run serve` puts a shell between npm and this script, and that shell does
// not pass signals on: stopping npm by its process id used to leave the server running and
// holding the data-folder lock. So: every stop signal is forwarded to the child, losing our
// own parent (the shell died) counts as a stop, and we exit with the child's code or signal.
import { spawn } from 'node:child_process';

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'];
/** How often to look for a lost parent; a stop is not urgent to the millisecond. */
const PARENT_CHECK_MS = 500;

export function runChild(command, args, options = {}) {
  const child = spawn(command, args, { stdio: 'inherit', ...options });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, forward);

  const parent = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid !== parent) forward('SIGTERM');
  }, PARENT_CHECK_MS);
  watch.unref();

  child.on('error', (error) => {
    console.error(`Could not start ${command}: ${error.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => {
    clearInterval(watch);
    for (const s of STOP_SIGNALS) process.off(s, forward);
    // Exit the way the child did, so whoever started us sees the same outcome.
    if (signal) process.kill(process.pid, signal);
    else process.exit(code ?? 0);
  });
  return child;
}
