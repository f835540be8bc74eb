import { execFileSync, spawn } from 'node:child_process';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { tempDir } from '../support/temp-dir';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * `npm run serve` exactly as a seller runs it (npm → shell → scripts/serve.mjs → server), in
 * its own process group so the test can see when every process of it has gone.
 */
function npmServe(dataDir: string) {
  const npm = spawn('npm', ['run', 'serve'], {
    cwd: ROOT,
    env: { ...process.env, FLIPSYNC_DATA_DIR: dataDir, FLIPSYNC_PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  npm.stdout.on('data', (c: Buffer) => (output += c.toString()));
  npm.stderr.on('data', (c: Buffer) => (output += c.toString()));
  const groupAlive = () => {
    try {
      process.kill(-npm.pid!, 0);
      return true;
    } catch {
      return false;
    }
  };
  return { npm, output: () => output, groupAlive };
}

const address = (output: string) => /FlipSync browser mode: (\S+)/.exec(output)?.[1] ?? null;

/** How each stop reaches it: npm's process id (`kill <pid>`), Ctrl+C in a terminal (the whole
 * process group), or scripts/serve.mjs alone (which must pass it on to the server). */
const stops: [string, (pgid: number) => void][] = [
  ['SIGTERM to the npm process id', (pgid) => process.kill(pgid, 'SIGTERM')],
  ['Ctrl+C (SIGINT to the process group)', (pgid) => process.kill(-pgid, 'SIGINT')],
  [
    'SIGTERM to scripts/serve.mjs alone',
    (pgid) => {
      const pid = execFileSync('pgrep', ['-g', String(pgid), '-f', '^node scripts/serve[.]mjs'], { encoding: 'utf8' });
      process.kill(Number(pid.trim()), 'SIGTERM');
    },
  ],
];

for (const [how, stop] of stops) {
  test(`${how} stops the server and frees the data folder`, async () => {
    test.setTimeout(120_000);
    const dir = await tempDir('flipsync-serve-stop-');
    const first = npmServe(dir.path);
    try {
      await expect.poll(() => address(first.output()), { timeout: 60_000 }).not.toBeNull();
      // `npm run build` writes the build stamp, so serve did not build again.
      expect(first.output()).not.toContain('Building FlipSync');

      stop(first.npm.pid!);
      // Every process npm started is gone (the server too), not just npm.
      await expect.poll(first.groupAlive, { timeout: 30_000 }).toBe(false);

      // The data-folder lock is free: the next start on the same folder comes up.
      const second = npmServe(dir.path);
      try {
        await expect.poll(() => address(second.output()), { timeout: 60_000 }).not.toBeNull();
      } finally {
        if (second.groupAlive()) process.kill(-second.npm.pid!, 'SIGTERM');
        await expect.poll(second.groupAlive, { timeout: 30_000 }).toBe(false);
      }
    } finally {
      if (first.groupAlive()) process.kill(-first.npm.pid!, 'SIGKILL');
      await dir.remove();
    }
  });
}
