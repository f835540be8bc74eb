/**
 * Starts the core in Electron's utility process, so a 100k-row import, an index build or
 * sharp thumbnails never freeze the tray, menus or windows. The connection logic (routing,
 * keychain requests, restarts) is plain code in ../host/core-connection.ts, tested in Node.
 */
import { utilityProcess } from 'electron';
import path from 'node:path';
import type { CoreChild } from '../host/core-connection';

/** The built core entry (electron.vite.config.ts: main input `core`). */
export const coreEntry = () => path.join(import.meta.dirname, 'core.js');

export function launchUtilityCore(): CoreChild {
  const child = utilityProcess.fork(coreEntry(), [], { serviceName: 'FlipSync core', stdio: 'inherit' });
  let exitCode: number | null | undefined;
  const exitListeners: ((code: number | null) => void)[] = [];
  child.once('exit', (code) => {
    exitCode = code;
    for (const listener of exitListeners) listener(code);
  });
  return {
    post: (message) => {
      if (exitCode === undefined) child.postMessage(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => {
      if (exitCode !== undefined) listener(exitCode);
      else exitListeners.push(listener);
    },
    kill: () => void child.kill(),
  };
}
