/**
 * A child-process core for kill tests, as one bundled file: a process starts in a second
 * instead of compiling the core. Written inside the project (node_modules/.cache), so the
 * bundle finds the project's node_modules; `folder` names it for one test run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../..');

export function testCacheDir(folder: string): string {
  return path.join(root, 'node_modules', '.cache', 'flipsync-tests', folder);
}

/** Bundles `entry` into `folder` and answers the bundle's path. */
export async function bundleChild(entry: string, folder: string): Promise<string> {
  const outfile = path.join(testCacheDir(folder), `${path.basename(entry, '.ts')}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    tsconfig: path.join(root, 'tsconfig.node.json'),
    outfile,
    logLevel: 'warning',
  });
  return outfile;
}

/**
 * Runs a bundled child: answers what it printed, or `killed` when it died by SIGKILL (its own
 * or the test's, through `started`); any other ending fails with the end of its stderr.
 */
export function runBundled(
  bundle: string,
  args: string[],
  env: Record<string, string>,
  started: (proc: ChildProcess) => void = () => undefined,
): Promise<{ killed: true } | { killed: false; out: string }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(process.execPath, [bundle, ...args], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    started(proc);
    let out = '';
    let err = '';
    proc.stdout!.on('data', (d: Buffer) => (out += d));
    proc.stderr!.on('data', (d: Buffer) => (err += d));
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return resolve({ killed: true });
      if (code !== 0) return reject(new Error(`The child core failed (${code}): ${err.slice(-2000)}`));
      resolve({ killed: false, out });
    });
  });
}
