import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readLedgerSnapshot, writeLedgerSnapshot } from '../../../src/main/core/analytics/ledger-snapshot';
import type { SaleFact } from '../../../src/main/core/analytics/sales-ledger';
import { tempDir } from '../../support/temp-dir';

const sale = (id: string, refunded?: number): SaleFact => ({
  id,
  itemId: 'item:1',
  quantity: 1,
  price: 20,
  fees: 2,
  shipping: 4,
  ...(refunded ? { refunded } : {}),
  day: '2026-11-30',
  dayNo: 0,
  week: 0,
  month: 0,
  at: '2026-11-30T12:00:00.000Z',
});

describe('the sales ledger snapshot', () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  beforeEach(async () => {
    dir = await tempDir();
  });
  afterEach(() => dir.remove());

  it('keeps what was refunded without a return, and reads a snapshot written before that was kept', async () => {
    const file = path.join(dir.path, 'analytics-sales.json');
    await writeLedgerSnapshot(file, 7, [sale('sale:a', 2.5), sale('sale:b')], []);
    const read = await readLedgerSnapshot(file);
    expect(read?.sales.map((s) => [s.id, s.refunded ?? 0])).toEqual([
      ['sale:a', 2.5],
      ['sale:b', 0],
    ]);

    // An older snapshot has no such column: read as it is (no sale had a partial refund then).
    const body = JSON.parse(await readFile(file, 'utf8')) as { sales: Record<string, unknown> };
    delete body.sales.refunded;
    await writeFile(file, JSON.stringify(body));
    expect((await readLedgerSnapshot(file))?.sales.map((s) => [s.id, s.refunded ?? 0])).toEqual([
      ['sale:a', 0],
      ['sale:b', 0],
    ]);
  });

  it('is ignored (the ledger rebuilt from the database) when a column is damaged or cut short', async () => {
    const file = path.join(dir.path, 'analytics-sales.json');
    await writeLedgerSnapshot(file, 7, [sale('sale:a'), sale('sale:b')], []);
    const good = await readFile(file, 'utf8');
    expect((await readLedgerSnapshot(file))?.sales).toHaveLength(2);
    const damaged = async (change: (body: { sales: Record<string, unknown[]> }) => void) => {
      const body = JSON.parse(good) as { sales: Record<string, unknown[]> };
      change(body);
      await writeFile(file, JSON.stringify(body));
      return readLedgerSnapshot(file);
    };
    expect(await damaged((b) => (b.sales.price![1] = '20'))).toBeNull();
    expect(await damaged((b) => (b.sales.itemId![0] = null))).toBeNull();
    expect(await damaged((b) => b.sales.fees!.pop())).toBeNull();
    expect(await damaged((b) => (b.sales.refunded = [0]))).toBeNull();
    expect(await damaged((b) => delete b.sales.at)).toBeNull();
    await writeFile(file, good.slice(0, good.length / 2));
    expect(await readLedgerSnapshot(file)).toBeNull();
  });
});
