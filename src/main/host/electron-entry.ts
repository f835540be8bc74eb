/**
 * The core process in the desktop app: Electron's utility process (`utilityProcess.fork`
 * from the main process). Its port is `process.parentPort`; its fetch is Electron's
 * `net.fetch`, Chromium's network stack, which trusts what the operating system trusts.
 */
import { net } from 'electron';
import { runCoreHost } from './core-host';

const parent = process.parentPort;
runCoreHost({
  port: {
    post: (message) => parent.postMessage(message),
    onMessage: (listener) => void parent.on('message', (event) => listener(event.data)),
  },
  fetch: net.fetch as unknown as typeof fetch,
  exit: (code) => process.exit(code),
  testHooks: process.env.FLIPSYNC_E2E === '1',
});
