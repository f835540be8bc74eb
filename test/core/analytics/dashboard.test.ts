import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dayNumber, dayString, monthNumber, monthString, weekStart } from '../../../src/main/core/analytics/periods';
import type { EventPayload } from '../../../src/shared/api';
import { coreForEachTest, startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, callFails, until } from '../inventory/helpers';
import { buildSeller, daysAgo } from './fixtures';

describe('analytics.dashboard', () => {
  const h = coreForEachTest();

  it('answers honest zeros for a new seller', async () => {
    const d = await call(h.core, 'analytics.dashboard', {});
    expect(d.inventory).toMatchObject({ items: 0, unitsOnHand: 0, valueAtCost: 0, valueAtList: 0 });
    expect(d.inventory.aging.map((b) => b.count)).toEqual([0, 0, 0, 0]);
    expect(d.sales).toMatchObject({
      orders: 0,
      revenue: 0,
      profit: 0,
      sellThroughPct: null,
      avgDaysToSell: null,
      byWeek: [],
      byMonth: [],
    });
    expect(d.categories).toEqual({ top: [], bottom: [] });
    expect(d.agents).toMatchObject({ runs: 0, successRatePct: null, proposals: { created: 0 } });
    expect(d.ai.today).toMatchObject({ spentUsd: 0, budgetUsd: 5, calls: 0, blocked: false });
    expect(d.ai.byDay).toHaveLength(30);
  });

  it('computes every figure of the fixture seller by hand', async () => {
    await buildSeller(h.core);
    const d = await call(h.core, 'analytics.dashboard', {});
    expect(d.inventory).toEqual({
      items: 6,
      unitsOnHand: 5, // A 2 + C 1 + D 1 + F 1 (B none left, E archived)
      valueAtCost: 90, // A 2×20 + D 40 + F 10; C has no cost
      valueAtList: 225, // A 2×50 + C 100 + F 25; D has no list price
      unitsWithoutCost: 1,
      unitsWithoutListPrice: 1,
      byStatus: { draft: 1, ready: 0, listed: 3, sold: 1, archived: 1 },
      aging: [
        { key: '0-30', label: '0–30 days', minDays: 0, maxDays: 30, count: 1 }, // A
        { key: '31-90', label: '31–90 days', minDays: 31, maxDays: 90, count: 0 },
        { key: '91-180', label: '91–180 days', minDays: 91, maxDays: 180, count: 1 }, // F
        { key: '181+', label: 'Over 180 days', minDays: 181, maxDays: null, count: 1 }, // C
      ],
    });
    expect(d.sales).toMatchObject({
      orders: 4,
      unitsSold: 5,
      unitsReturned: 1,
      grossSales: 300,
      refunds: 50,
      revenue: 250,
      fees: 32,
      shipping: 18,
      costOfGoods: 70, // 40 + 20 + 30 + 0 − 20 returned
      profit: 130,
      salesWithoutCost: 1,
      sellThroughPct: 44.4, // net 4 sold ÷ (4 + 5 on hand)
      avgDaysToSell: 13.8, // (10 + 16 + 19 + 10) ÷ 4 = 13.75
    });
    expect(d.categories.top).toEqual([
      { name: 'Jackets', units: 1, revenue: 90, profit: 78 },
      { name: 'Shoes', units: 3, revenue: 160, profit: 52 },
    ]);
    expect(d.categories.bottom).toEqual([]);
    expect(d.brands.top).toEqual([
      { name: 'Nike', units: 3, revenue: 180, profit: 109 },
      { name: 'Adidas', units: 1, revenue: 70, profit: 21 },
    ]);
    const weeks = d.sales.byWeek;
    expect(weeks.reduce((s, w) => s + w.profit, 0)).toBeCloseTo(130, 6);
    expect(weeks.at(-1)).toMatchObject({ orders: 0, units: -1, revenue: -50, profit: -30 }); // the return, this week
  });

  it('series by week and month over a date range, quiet weeks as zeros', async () => {
    await buildSeller(h.core);
    const d = await call(h.core, 'analytics.dashboard', { to: '2025-11-10' });
    expect(d.sales.byWeek).toEqual([
      { period: '2025-10-06', orders: 2, units: 3, revenue: 140, profit: 61 },
      { period: '2025-10-13', orders: 0, units: 0, revenue: 0, profit: 0 },
      { period: '2025-10-20', orders: 1, units: 1, revenue: 70, profit: 21 },
      { period: '2025-10-27', orders: 0, units: 0, revenue: 0, profit: 0 },
      { period: '2025-11-03', orders: 1, units: 1, revenue: 90, profit: 78 },
    ]);
    expect(d.sales.byMonth).toEqual([
      { period: '2025-10', orders: 3, units: 4, revenue: 210, profit: 82 },
      { period: '2025-11', orders: 1, units: 1, revenue: 90, profit: 78 },
    ]);
    expect(d.sales).toMatchObject({ unitsReturned: 0, refunds: 0, profit: 160 });
    // Items are selected by acquired date: all were acquired after 2025-11-10.
    expect(d.inventory.items).toBe(0);
  });

  it('a date range selects sales by date and items by acquired date', async () => {
    await buildSeller(h.core);
    const sales = await call(h.core, 'analytics.dashboard', { from: '2025-10-10', to: '2025-10-31' });
    expect(sales.sales).toMatchObject({
      orders: 2, // S2, S3
      unitsSold: 2,
      revenue: 120,
      fees: 15,
      shipping: 10,
      costOfGoods: 50,
      profit: 45,
      sellThroughPct: 100, // nothing acquired in the range is on hand
      avgDaysToSell: 17.5,
    });
    const items = await call(h.core, 'analytics.dashboard', { from: daysAgo(50), to: daysAgo(5) });
    expect(items.inventory).toMatchObject({ items: 2, unitsOnHand: 2, valueAtCost: 40, valueAtList: 100 }); // A, B
    expect(items.inventory.byStatus).toMatchObject({ listed: 1, sold: 1 });
    expect(items.sales).toMatchObject({ orders: 0, unitsReturned: 0, sellThroughPct: 0, avgDaysToSell: null });
  });

  it('ages an item without an acquired date from its listed date, in the dashboard and the inventory filter alike', async () => {
    // As an eBay "Active listings" import leaves it: listed long ago, acquired unknown.
    await call(h.core, 'inventory.create', {
      sku: 'EB-1',
      title: 'Old listing',
      status: 'listed',
      listedAt: daysAgo(200),
    });
    await call(h.core, 'inventory.create', {
      sku: 'EB-2',
      title: 'New listing',
      status: 'listed',
      listedAt: daysAgo(3),
    });
    await call(h.core, 'inventory.create', { sku: 'EB-3', title: 'Bought, not listed yet', status: 'listed' });
    const d = await call(h.core, 'analytics.dashboard', {});
    expect(d.inventory.aging.map((b) => b.count)).toEqual([2, 0, 0, 1]); // EB-2 and EB-3 (added today); EB-1
    const over180 = d.inventory.aging[3]!;
    const listed = await call(h.core, 'inventory.list', { status: ['listed'], ageMinDays: over180.minDays });
    expect(listed.items.map((i) => i.sku)).toEqual(['EB-1']);
    const recent = await call(h.core, 'inventory.list', { status: ['listed'], ageMaxDays: 30 });
    expect(recent.items.map((i) => i.sku).sort()).toEqual(['EB-2', 'EB-3']);
  });

  it('a category filter applies to items, sales, returns and proposals', async () => {
    await buildSeller(h.core);
    const d = await call(h.core, 'analytics.dashboard', { category: ['shoes'] });
    expect(d.inventory).toMatchObject({ items: 2, unitsOnHand: 2, valueAtCost: 40, valueAtList: 100 });
    expect(d.inventory.aging.map((x) => x.count)).toEqual([1, 0, 0, 0]);
    expect(d.sales).toMatchObject({
      orders: 3,
      unitsSold: 4,
      unitsReturned: 1,
      revenue: 160,
      fees: 20,
      shipping: 18,
      costOfGoods: 70,
      profit: 52,
      salesWithoutCost: 0,
      sellThroughPct: 60,
      avgDaysToSell: 15,
    });
    expect(d.brands.top.map((x) => x.name)).toEqual(['Nike', 'Adidas']);
  });

  it('sales of deleted items still count, as no category and without cost', async () => {
    const { f } = await buildSeller(h.core);
    await call(h.core, 'inventory.recordSale', { id: f.id, price: 30, fees: 3, date: '2025-12-01' });
    const sold = await call(h.core, 'inventory.get', { id: f.id });
    await call(h.core, 'inventory.delete', { id: f.id, rev: sold.rev });
    const d = await call(h.core, 'analytics.dashboard', {});
    expect(d.sales).toMatchObject({ orders: 5, revenue: 280, profit: 157, salesWithoutCost: 2 });
    expect(d.categories.top).toContainEqual({ name: '', units: 1, revenue: 30, profit: 27 });
    const shoes = await call(h.core, 'analytics.dashboard', { category: ['Shoes'] });
    expect(shoes.sales.orders).toBe(3);
  });

  it('a return refunds only units that were sold: one of an item sold before FlipSync is stock, not profit', async () => {
    const old = await call(h.core, 'inventory.create', {
      sku: 'OLD-1',
      title: 'Lamp sold on eBay last year',
      cost: 40,
      quantity: 0,
    });
    await call(h.core, 'inventory.adjustStock', { id: old.id, kind: 'returned', delta: 1, note: 'Came back' });
    let d = await call(h.core, 'analytics.dashboard', {});
    expect(d.sales).toMatchObject({ unitsReturned: 0, refunds: 0, costOfGoods: 0, profit: 0 });
    expect(d.inventory.unitsOnHand).toBe(1);

    // Sold here once, then two come back: one is refunded, the other has no sale to refund.
    await call(h.core, 'inventory.recordSale', { id: old.id, price: 55, date: '2025-12-01' });
    await call(h.core, 'inventory.adjustStock', { id: old.id, kind: 'returned', delta: 2, note: 'Came back' });
    d = await call(h.core, 'analytics.dashboard', {});
    expect(d.sales).toMatchObject({ unitsSold: 1, unitsReturned: 1, refunds: 55, costOfGoods: 0, profit: 0 });
  });

  it('refunds a return of a sale dated by the seller, whatever hour the return came', async () => {
    // A dated sale is stamped at noon UTC: east of UTC, a return the same day comes "before" it.
    const lamp = await call(h.core, 'inventory.create', { sku: 'LAMP-9', title: 'Lamp', cost: 20, quantity: 1 });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    await call(h.core, 'inventory.recordSale', { id: lamp.id, price: 50, date: tomorrow });
    await call(h.core, 'inventory.adjustStock', { id: lamp.id, kind: 'returned', delta: 1, note: 'Came back' });
    const d = await call(h.core, 'analytics.dashboard', {});
    expect(d.sales).toMatchObject({ unitsReturned: 1, refunds: 50, profit: 0 });
  });

  it('rejects a range that ends before it starts, saying what to fix', async () => {
    const error = await callFails(h.core, 'analytics.dashboard', { from: '2025-10-10', to: '2025-10-01' });
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/The range starts \(2025-10-10\) after it ends \(2025-10-01\)\./);
  });

  it('announces analytics.changed after a sale, and the next answer includes it', async () => {
    const { f } = await buildSeller(h.core);
    const seen: EventPayload<'analytics.changed'>[] = [];
    h.core.events.on('analytics.changed', (p) => seen.push(p));
    const before = await call(h.core, 'analytics.dashboard', {});
    await call(h.core, 'inventory.recordSale', { id: f.id, price: 60, fees: 6, shippingCost: 4, date: '2025-12-02' });
    const after = await call(h.core, 'analytics.dashboard', {});
    expect(after.sales.revenue - before.sales.revenue).toBe(60);
    expect(after.sales.profit - before.sales.profit).toBe(60 - 6 - 4 - 10);
    await until(() => seen.some((e) => e.sources.includes('inventory')), 'analytics.changed');
  });
});

describe('analytics after a restart', () => {
  it('loads the sales snapshot, replays what changed since, and rebuilds from a damaged one', async () => {
    const dir = await tempDir();
    try {
      let core = await startCore(dir.path);
      const { c } = await buildSeller(core);
      const first = await call(core, 'analytics.dashboard', {});
      await core.close();
      const file = path.join(dir.path, 'cache', 'analytics-sales.json');
      // A sale only the snapshot knows proves the restart read the snapshot, not the database.
      const snapshot = JSON.parse(await readFile(file, 'utf8'));
      const { sales } = snapshot;
      for (const [key, value] of Object.entries({ id: 'sale:SNAPSHOT', itemId: c.id, quantity: 1, price: 1000 })) {
        sales[key].push(value);
      }
      sales.fees.push(0);
      sales.shipping.push(0);
      sales.refunded.push(0);
      sales.at.push('2025-12-01T12:00:00.000Z');
      await writeFile(file, JSON.stringify(snapshot));

      core = await startCore(dir.path);
      expect((await call(core, 'analytics.dashboard', {})).sales.revenue).toBe(first.sales.revenue + 1000);
      await call(core, 'inventory.recordSale', { id: c.id, price: 95, date: '2025-12-03' });
      expect((await call(core, 'analytics.dashboard', {})).sales.revenue).toBe(first.sales.revenue + 1095);
      await core.close();

      await writeFile(file, '{"format":1,"seq":3,"sales":{"id":["x"]}}');
      core = await startCore(dir.path);
      const rebuilt = await call(core, 'analytics.dashboard', {});
      expect(rebuilt.sales.revenue).toBe(first.sales.revenue + 95);
      expect(rebuilt.sales.orders).toBe(first.sales.orders + 1);
      await core.close();
    } finally {
      await dir.remove();
    }
  });
});

describe('calendar arithmetic', () => {
  it('counts days and weeks like the Date object does, across leap years and centuries', () => {
    for (const day of [
      '1970-01-01',
      '1999-12-31',
      '2000-02-29',
      '2024-02-29',
      '2024-03-01',
      '2100-03-01',
      '2025-10-06',
    ]) {
      expect(dayNumber(day)).toBe(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
      expect(dayString(dayNumber(day))).toBe(day);
    }
    expect(dayString(weekStart(dayNumber('2025-10-12')))).toBe('2025-10-06'); // a Sunday: its Monday
    expect(monthString(monthNumber('2025-12-31'))).toBe('2025-12');
  });
});
