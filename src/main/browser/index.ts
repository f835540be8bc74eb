/**
 * `npm run serve`: the real core in Node, the real renderer in any browser, the same
 * contract over a WebSocket on 127.0.0.1 with a per-run token.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createCore } from '../core/core';
import { AppError } from '../core/errors';
import { defaultDataDir } from '../core/platform/data-dir';
import { createBrowserPlatform } from './platform';
import { startBrowserServer } from './server';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: process.env.FLIPSYNC_PORT ?? '0' },
      /** A backup file to restore into the (empty) data folder before serving. */
      restore: { type: 'string' },
    },
  });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('INVALID_INPUT', `--port must be a whole number from 0 to 65535, not ${values.port}.`);
  }
  const dataDir = defaultDataDir();
  const core = await createCore(createBrowserPlatform(dataDir, __APP_VERSION__));
  if (values.restore) {
    try {
      const counts = await core.backup.restore(path.resolve(values.restore));
      console.log(`FlipSync restored ${values.restore}: ${JSON.stringify(counts)}`);
    } catch (error) {
      await core.close();
      throw error;
    }
  }
  const server = await startBrowserServer({
    core,
    rendererDir: path.join(import.meta.dirname, '../renderer'),
    token: randomBytes(24).toString('base64url'),
    port,
  });
  console.log(`FlipSync data folder: ${dataDir}`);
  // Tests read this exact line to find the address.
  console.log(`FlipSync browser mode: ${server.url}`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    // A stop never hangs: a step that has not finished in time is named in the log, and the
    // process ends anyway (what the core had saved is already on disk).
    await withDeadline('the browser server', server.close());
    await withDeadline('the core', core.close());
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

const STOP_STEP_MS = 15_000;

async function withDeadline(what: string, step: Promise<void>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), STOP_STEP_MS)));
  const outcome = await Promise.race([step.then(() => 'done' as const), late]).catch((error: unknown) => {
    console.error(`FlipSync: stopping ${what} failed:`, error);
    return 'failed' as const;
  });
  clearTimeout(timer);
  if (outcome === 'late')
    console.error(`FlipSync: stopping ${what} took over ${STOP_STEP_MS / 1000} s; stopping anyway.`);
}

main().catch((error: unknown) => {
  const message = error instanceof AppError ? `${error.message}${error.hint ? ` ${error.hint}` : ''}` : error;
  console.error('FlipSync could not start:', message);
  process.exit(1);
});
