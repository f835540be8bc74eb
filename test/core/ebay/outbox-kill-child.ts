/**
 * A FlipSync core in its own process, connected to eBay (settings and tokens are in the data
 * folder), for the outbox's kill test. It takes one more unit into stock for each item given,
 * then either waits until the outbox has sent everything (the parent kills it meanwhile, at a
 * moment the eBay double chooses) or kills itself at once, before the changes reach the outbox.
 *
 * Runs when FLIPSYNC_OUTBOX_CHILD=1; argv[2] is a JSON ChildTask. Prints "sent" when it got to
 * the end.
 */
import { createBrowserPlatform } from '../../../src/main/browser/platform';
import { createCore } from '../../../src/main/core/core';

export interface ChildTask {
  dataDir: string;
  ids: string[];
  /** Kill itself right after the last stock change is saved. */
  dieAfterWrites: boolean;
}

const inProcess = { transport: 'in-process' } as const;

async function main(task: ChildTask) {
  const core = await createCore(createBrowserPlatform(task.dataDir, '0.0.0-test'));
  for (const id of task.ids) {
    const res = await core.dispatch(
      'inventory.adjustStock',
      { id, kind: 'received', delta: 1, note: 'found one more' },
      inProcess,
    );
    if (!res.ok) throw new Error(res.error.message);
  }
  if (task.dieAfterWrites) process.kill(process.pid, 'SIGKILL');
  await core.ebay.outbox.idle();
  await core.close();
  process.stdout.write('sent');
}

if (process.env.FLIPSYNC_OUTBOX_CHILD === '1') {
  await main(JSON.parse(process.argv[2]!) as ChildTask);
}
