import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserPlatform } from '../../../src/main/browser/platform';
import { createCore, type Core } from '../../../src/main/core/core';
import { tempDir } from '../../support/temp-dir';
import { inProcess } from '../../support/core';

type Shown = { title: string; body: string; view?: string };

/** A real core on real databases, whose notifier records what it is asked to show. */
describe('notifications in a running core', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  const shown: Shown[] = [];

  beforeEach(async () => {
    shown.length = 0;
    dir = await tempDir();
    core = await createCore({
      ...createBrowserPlatform(dir.path, '0.0.0-test'),
      notifier: { notify: (n) => shown.push(n) },
    });
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  const call = async (route: string, input: unknown) => {
    const result = await core.dispatch(route, input, inProcess);
    if (!result.ok) throw new Error(`${route}: ${result.error.message}`);
    return result.data as Record<string, unknown>;
  };

  it('announces a sale, and the low stock it leaves, each as a notification that opens Inventory', async () => {
    const item = await call('inventory.create', { sku: 'LAMP-1', title: 'Brass desk lamp', quantity: 2 });
    await call('inventory.recordSale', { id: item.id, price: 40 });
    await vi.waitFor(() => expect(shown).toHaveLength(2), { timeout: 20_000 });
    expect(shown).toContainEqual({
      title: 'Low stock: Brass desk lamp',
      body: '1 left (you asked to hear at 1 or fewer).',
      view: 'inventory',
    });
    expect(shown).toContainEqual({ title: 'Sold: Brass desk lamp', body: 'for $40.00', view: 'inventory' });
  });

  it('follows the notification settings the seller saves, and their currency for what sold', async () => {
    const saved = await call('settings.set', {
      general: { currency: 'GBP' },
      notifications: { lowStock: false, quietStart: '23:30' },
    });
    expect(saved.notifications).toMatchObject({ lowStock: false, quietStart: '23:30', proposalWaiting: true });
    const bad = await core.dispatch('settings.set', { notifications: { quietEnd: '25:00' } }, inProcess);
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const item = await call('inventory.create', { sku: 'LAMP-2', title: 'Floor lamp', quantity: 1 });
    await call('inventory.recordSale', { id: item.id, price: 40 });
    core.events.emit('ai.budgetReached', { day: '2025-06-10', spentUsd: 5.5, budgetUsd: 5 });
    // Low stock is switched off; the sale and the budget still notify.
    await vi.waitFor(() => expect(shown).toHaveLength(2), { timeout: 20_000 });
    expect(shown.map((n) => n.title).sort()).toEqual(['Daily AI budget reached', 'Sold: Floor lamp']);
    expect(shown.find((n) => n.title === 'Sold: Floor lamp')?.body).toBe('for £40.00');
    // AI spend stays in dollars: that is what the provider charges in.
    expect(shown.find((n) => n.title === 'Daily AI budget reached')?.body).toMatch(/^Spent \$5\.50 of \$5\.00 today/);
    expect(
      core.notifications
        .recent()
        .map((r) => r.kind)
        .sort(),
    ).toEqual(['budgetReached', 'itemSold']);
  });
});
