/**
 * Starts the core process as a Node child (`child_process.fork`): tests and benchmarks use
 * it where the desktop app uses Electron's utility process. The entry is TypeScript, run
 * through tsx with the project's path aliases.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { CoreChild } from './core-connection';
import { logger } from '../core/log';

const log = logger('shell');

const root = path.resolve(import.meta.dirname, '../../..');

export function launchNodeCore(env: NodeJS.ProcessEnv = {}): CoreChild & { process: ChildProcess } {
  const child = fork(path.join(root, 'src/main/host/node-entry.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: path.join(root, 'tsconfig.node.json'), ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  // Writing to a child that just died fails asynchronously; its exit is handled by onExit.
  child.on('error', (error) => log.warn('could not reach the core process', error));
  return {
    process: child,
    post: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => void child.on('message', listener),
    onExit: (listener) => {
      if (child.exitCode !== null || child.signalCode !== null) listener(child.exitCode);
      else child.once('exit', (code) => listener(code));
    },
    kill: () => void child.kill('SIGKILL'),
  };
}
