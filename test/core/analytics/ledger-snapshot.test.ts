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
});
