import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

export interface Served {
  url: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * Starts browser mode exactly as `npm run serve` runs it once built: the built server on a
 * port the OS picks, on the given data folder. Resolves with the URL it prints. The bench
 * passes another build's server as `entry`.
 */
export function startServe(dataDir: string, entry = path.join(ROOT, 'out/main/serve.js')): Promise<Served> {
  const child: ChildProcess = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, FLIPSYNC_DATA_DIR: dataDir, FLIPSYNC_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /FlipSync browser mode: (\S+)/.exec(output);
      if (match?.[1]) {
        resolve({
          url: match[1],
          stop: async () => {
            child.kill('SIGTERM');
            await exited;
          },
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}) before it was ready:\n${output}`)));
  });
}
