/**
 * The core process as a Node child (`child_process.fork` with an IPC channel): what tests
 * and benchmarks start in place of Electron's utility process. Same host, other port.
 */
import { runCoreHost } from './core-host';

if (!process.send) throw new Error('Start the core process with an IPC channel (child_process.fork).');
const send = process.send.bind(process);

runCoreHost({
  port: {
    post: (message) => void send(message),
    onMessage: (listener) => void process.on('message', listener),
  },
  fetch: globalThis.fetch,
  exit: (code) => {
    process.disconnect?.();
    process.exitCode = code;
  },
  testHooks: process.env.FLIPSYNC_E2E === '1',
});
