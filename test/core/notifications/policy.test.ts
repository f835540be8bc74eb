import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SETTINGS, type NotificationSettings, type SyncStatus } from '../../../src/shared/api';
import { NotificationPolicy } from '../../../src/main/core/notifications/policy';

type Shown = { title: string; body: string; view?: string };

function setup(overrides: Partial<NotificationSettings> = {}) {
  const shown: Shown[] = [];
  const policy = new NotificationPolicy({
    notifier: { notify: (n) => shown.push(n) },
    gatherMs: 2_000,
    cooldownMs: 60_000,
  });
  policy.configure({ ...DEFAULT_SETTINGS.notifications, ...overrides });
  return { policy, shown };
}

const proposal = (n: number) => ({
  id: `proposal:${n}`,
  agentName: 'Pricing',
  summary: `Lower the price of item ${n}`,
  status: 'pending',
});
const lowStock = (id: string, quantity = 1) => ({
  id,
  sku: id,
  title: `Item ${id}`,
  quantity,
  threshold: 1,
  oversold: quantity < 0,
});
const syncStatus = (state: SyncStatus['state'], reason?: string): SyncStatus => ({
  state,
  ...(reason ? { reason } : {}),
  upToDate: false,
  lastSyncedAt: null,
  pending: 0,
  url: 'https://couch.example.com',
  hasCredentials: true,
  databases: [],
});

describe('notification policy', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(new Date(2025, 5, 10, 14, 0)); // 14:00 local, outside any quiet hours below
  });
  afterEach(() => vi.useRealTimers());

  it('shows a single proposal with its own words after a short gathering wait, opening Approvals', () => {
    const { policy, shown } = setup();
    policy.handle('proposal.created', proposal(1));
    vi.advanceTimersByTime(1_999);
    expect(shown).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(shown).toEqual([{ title: 'A proposal is waiting', body: 'Lower the price of item 1', view: 'approvals' }]);
    expect(policy.recent()[0]).toMatchObject({ kind: 'proposalWaiting', count: 1 });
  });

  it('coalesces a burst into one notification: "5 proposals are waiting"', () => {
    const { policy, shown } = setup();
    for (let i = 1; i <= 5; i++) policy.handle('proposal.created', proposal(i));
    vi.advanceTimersByTime(2_000);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('5 proposals are waiting');
    expect(shown[0]?.body).toBe(
      'Lower the price of item 1\nLower the price of item 2\nLower the price of item 3\n…and 2 more',
    );
  });

  it('rests after showing; what arrives meanwhile is summed up once the rest ends', () => {
    const { policy, shown } = setup();
    policy.handle('proposal.created', proposal(1));
    vi.advanceTimersByTime(2_000);
    for (let i = 2; i <= 4; i++) policy.handle('proposal.created', proposal(i));
    vi.advanceTimersByTime(59_999);
    expect(shown).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(shown.map((s) => s.title)).toEqual(['A proposal is waiting', '3 proposals are waiting']);
    // Nothing more arrived: the next event is shown after the normal gathering wait again.
    vi.advanceTimersByTime(60_000);
    policy.handle('proposal.created', proposal(9));
    vi.advanceTimersByTime(2_000);
    expect(shown).toHaveLength(3);
  });

  it('keeps kinds apart, each opening its own view', () => {
    const { policy, shown } = setup();
    policy.handle('proposal.created', proposal(1));
    policy.handle('inventory.lowStock', lowStock('item:a'));
    policy.handle('agent.runFailed', { runId: 'run:1', agentName: 'Shipping', error: 'The model timed out.' });
    policy.handle('inventory.sold', {
      itemId: 'item:b',
      title: 'Blue lamp',
      sale: { id: 'sale:1', price: 45, quantity: 1 },
    });
    vi.advanceTimersByTime(2_000);
    expect(shown).toEqual(
      expect.arrayContaining([
        { title: 'A proposal is waiting', body: 'Lower the price of item 1', view: 'approvals' },
        { title: 'Low stock: Item item:a', body: '1 left (you asked to hear at 1 or fewer).', view: 'inventory' },
        { title: 'Shipping run failed', body: 'The model timed out.', view: 'agents' },
        { title: 'Sold: Blue lamp', body: 'for $45.00', view: 'inventory' },
      ]),
    );
    expect(shown).toHaveLength(4);
  });

  it('counts the same item once in a burst of low-stock events', () => {
    const { policy, shown } = setup();
    policy.handle('inventory.lowStock', lowStock('item:a', 1));
    policy.handle('inventory.lowStock', lowStock('item:a', 0));
    policy.handle('inventory.lowStock', lowStock('item:b', 1));
    vi.advanceTimersByTime(2_000);
    expect(shown.map((s) => s.title)).toEqual(['2 items are low on stock']);
    expect(shown[0]?.body).toBe('Low stock: Item item:a\nLow stock: Item item:b');
  });

  it('drops kinds the seller turned off, including what was already gathered', () => {
    const { policy, shown } = setup({ itemSold: false });
    policy.handle('inventory.sold', { title: 'Lamp', price: 10 });
    policy.handle('proposal.created', proposal(1));
    policy.configure({ ...DEFAULT_SETTINGS.notifications, itemSold: false, proposalWaiting: false });
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('ignores proposals that wait for nobody, unknown events and malformed payloads', () => {
    const { policy, shown } = setup();
    policy.handle('proposal.created', { ...proposal(1), status: 'applied' });
    policy.handle('proposal.created', 'not an object');
    policy.handle('inventory.lowStock', { id: 'item:a' });
    policy.handle('settings.changed', DEFAULT_SETTINGS);
    policy.handle('something.else', {});
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
  });

  it('announces a sync error once per reason, again after sync recovered, never after it recovered', () => {
    const { policy, shown } = setup();
    policy.handle('sync.status', syncStatus('error', 'The server refused the password.'));
    policy.handle('sync.status', syncStatus('error', 'The server refused the password.'));
    vi.advanceTimersByTime(2_000);
    policy.handle('sync.status', syncStatus('error', 'The server refused the password.'));
    vi.advanceTimersByTime(120_000);
    expect(shown).toEqual([{ title: 'Sync stopped', body: 'The server refused the password.', view: 'settings' }]);

    policy.handle('sync.status', syncStatus('active'));
    policy.handle('sync.status', syncStatus('error', 'The server refused the password.'));
    vi.advanceTimersByTime(2_000);
    expect(shown).toHaveLength(2);

    // An error that clears before it is shown is not shown at all.
    policy.handle('sync.status', syncStatus('active'));
    vi.advanceTimersByTime(60_000);
    policy.handle('sync.status', syncStatus('error', 'Disk full on the server.'));
    policy.handle('sync.status', syncStatus('paused-offline'));
    vi.advanceTimersByTime(10_000);
    expect(shown).toHaveLength(2);
  });

  it('tells about the daily budget once a day', () => {
    const { policy, shown } = setup();
    const reached = (day: string) => ({ day, spentUsd: 5.02, budgetUsd: 5 });
    policy.handle('ai.budgetReached', reached('2025-06-10'));
    vi.advanceTimersByTime(70_000);
    policy.handle('ai.budgetReached', reached('2025-06-10'));
    vi.advanceTimersByTime(70_000);
    policy.handle('ai.budgetReached', reached('2025-06-11'));
    vi.advanceTimersByTime(70_000);
    expect(shown.map((s) => s.body)).toEqual([
      'Spent $5.02 of $5.00 today. AI work waits until tomorrow, or raise the budget in Settings.',
      'Spent $5.02 of $5.00 today. AI work waits until tomorrow, or raise the budget in Settings.',
    ]);
  });

  it('holds everything during quiet hours and sums it up when they end', () => {
    vi.setSystemTime(new Date(2025, 5, 10, 23, 30));
    const { policy, shown } = setup({ quietHours: true, quietStart: '22:00', quietEnd: '07:00' });
    for (let i = 1; i <= 3; i++) policy.handle('proposal.created', proposal(i));
    policy.handle('inventory.lowStock', lowStock('item:a'));
    vi.advanceTimersByTime(7 * 3_600_000 + 29 * 60_000); // 06:59
    expect(shown).toEqual([]);
    expect(policy.pending()).toEqual({ proposalWaiting: 3, lowStock: 1 });
    vi.advanceTimersByTime(60_000); // 07:00
    expect(shown.map((s) => s.title).sort()).toEqual(['3 proposals are waiting', 'Low stock: Item item:a']);
  });

  it('shows what it held as soon as the seller turns quiet hours off', () => {
    vi.setSystemTime(new Date(2025, 5, 10, 23, 30));
    const { policy, shown } = setup({ quietHours: true, quietStart: '22:00', quietEnd: '07:00' });
    policy.handle('proposal.created', proposal(1));
    vi.advanceTimersByTime(60_000);
    expect(shown).toEqual([]);
    policy.configure({ ...DEFAULT_SETTINGS.notifications, quietHours: false });
    vi.advanceTimersByTime(0);
    expect(shown).toHaveLength(1);
  });

  it('keeps working when the notifier throws', () => {
    let calls = 0;
    const policy = new NotificationPolicy({
      notifier: {
        notify: () => {
          calls++;
          throw new Error('no notification daemon');
        },
      },
    });
    policy.handle('proposal.created', proposal(1));
    policy.handle('inventory.lowStock', lowStock('item:a'));
    vi.advanceTimersByTime(2_000);
    expect(calls).toBe(2);
  });

  it('stops all timers on close', () => {
    const { policy, shown } = setup();
    policy.handle('proposal.created', proposal(1));
    policy.close();
    vi.advanceTimersByTime(10_000);
    expect(shown).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });
});
