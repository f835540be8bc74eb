/**
 * The outbox under `kill -9`: a core process is killed while it sends quantities to eBay — at
 * the worst moments, right after eBay applied an update and before FlipSync heard back — and
 * once right after stock changes were saved, before they reached the outbox. After a restart
 * every listing on eBay holds exactly the quantity FlipSync has: no update lost, and none
 * counted twice (quantities are absolute, so a repeat sets the same number again).
 */
import path from 'node:path';
import { rm } from 'node:fs/promises';
import { describe, expect, it, onTestFinished, vi } from 'vitest';
import type { EbayImportStatus, EbayOutboxStatus } from '../../../src/shared/api';
import { bundleChild, runBundled } from '../../support/bundle-child';
import { startCore } from '../../support/core';
import { ebayForEachTest } from '../../support/ebay/harness';
import { seedSite } from '../../support/ebay/index';
import type { ChildTask } from './outbox-kill-child';

const h = ebayForEachTest();
const LISTINGS = 12;

/** Runs the child; `killAtUpdate`: the double kills it as it applies that many-th update of the run. */
async function runChild(bundle: string, task: ChildTask, killAtUpdate: number | null): Promise<'killed' | 'sent'> {
  let updates = 0;
  try {
    const run = await runBundled(bundle, [JSON.stringify(task)], { FLIPSYNC_OUTBOX_CHILD: '1' }, (proc) => {
      h.ebay.state.onQuantityUpdate = () => {
        // Applied on eBay; the answer never reaches the sender.
        if (++updates === killAtUpdate) proc.kill('SIGKILL');
      };
    });
    if (run.killed) return 'killed';
    expect(run.out).toBe('sent');
    return 'sent';
  } finally {
    h.ebay.state.onQuantityUpdate = null;
  }
}

describe('the eBay outbox killed while it sends', () => {
  it('loses no quantity update and sets none twice, whenever the process dies', async () => {
    seedSite(h.ebay.state, LISTINGS);
    await h.connect('relay');
    await h.call('settings.set', { ebay: { importPictures: false } });
    await h.call('ebay.import.start');
    await h.core.ebay.importer.idle();
    expect((await h.call<EbayImportStatus>('ebay.import.status')).state).toBe('done');
    await h.core.ebay.outbox.idle();
    const ids = h.ebay.state.site.map((l) => h.core.inventory.index.idsByEbayItemId(l.itemId)[0]!);
    expect(ids.every(Boolean)).toBe(true);
    await h.core.close();
    const bundle = await bundleChild(path.join(import.meta.dirname, 'outbox-kill-child.ts'), path.basename(h.dir));
    onTestFinished(() => rm(path.dirname(bundle), { recursive: true, force: true }));

    // Killed as eBay applies the 1st, the 5th, the 12th update of a run (the 12th is the last).
    for (const at of [1, 5, LISTINGS])
      expect(await runChild(bundle, { dataDir: h.dir, ids, dieAfterWrites: false }, at)).toBe('killed');
    // Dead before the changes were even queued for eBay.
    expect(await runChild(bundle, { dataDir: h.dir, ids, dieAfterWrites: true }, null)).toBe('killed');

    h.core = await startCore(h.dir);
    const outbox = () => h.core.dispatch('ebay.outbox.status', {}, { transport: 'in-process' });
    await vi.waitFor(
      async () => {
        const status = (await outbox()) as { ok: true; data: EbayOutboxStatus };
        expect(status.data).toMatchObject({ pending: 0, held: 0, failed: 0 });
      },
      { timeout: 60_000, interval: 100 },
    );
    await h.core.ebay.outbox.idle();
    for (const [i, listing] of h.ebay.state.site.entries()) {
      const here = h.core.inventory.index.quantity(ids[i]!);
      // Four runs took one more unit in each: eBay has what FlipSync has.
      expect(listing.quantity - listing.quantitySold, listing.itemId).toBe(here);
      const sent = h.ebay.state.quantityUpdates.filter((u) => u.listing === listing.itemId).map((u) => u.quantity);
      expect(sent.at(-1), listing.itemId).toBe(here);
      // Every number sent was one FlipSync held at some point: never a change applied on top of itself.
      expect(Math.max(...sent)).toBeLessThanOrEqual(here);
    }
    expect(h.ebay.violations).toEqual([]);
  }, 240_000);
});
