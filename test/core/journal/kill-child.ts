/**
 * The core in a child process, for the kill tests: started by `fork` on a data folder, it
 * runs one operation through the real router and reports the items written (core's
 * `inventory.changed` events, raised as each write lands) so the parent can SIGKILL it at a
 * chosen write. It never exits by itself: the parent kills it, finished or not.
 *
 * Env: FLIPSYNC_KILL_DIR (data folder), FLIPSYNC_KILL_JOB (a JSON file: { route, input, step? },
 * step: items per journal step, smaller for the small kill points).
 */
import { readFile } from 'node:fs/promises';
import { createBrowserPlatform } from '../../../src/main/browser/platform';
import { createCore } from '../../../src/main/core/core';
import { writeChunk } from '../../../src/main/core/inventory/bulk';

async function main(): Promise<void> {
  const dir = process.env.FLIPSYNC_KILL_DIR!;
  const job = JSON.parse(await readFile(process.env.FLIPSYNC_KILL_JOB!, 'utf8')) as {
    route: string;
    input: unknown;
    step?: number;
  };
  if (job.step) writeChunk.size = job.step;
  const core = await createCore(createBrowserPlatform(dir, '0.0.0-test'));
  await core.journal.whenRecovered();
  // Documents written, as core applies them (synchronously after each bulkDocs call).
  let writes = 0;
  core.events.on('inventory.changed', ({ ids }) => {
    writes += ids.length;
    process.send!({ writes });
  });
  process.send!({ ready: true });
  const result = await core.dispatch(job.route, job.input, { transport: 'in-process' });
  process.send!({ done: true, writes, result });
}

main().catch((error) => {
  process.send!({ failed: String(error?.stack ?? error) });
});
