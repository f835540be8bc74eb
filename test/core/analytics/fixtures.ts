/**
 * The seller of the dashboard tests, built through the app's own routes. Every expected
 * figure in the tests is worked out by hand from this table:
 *
 *   item  category  brand      cost  list  status    acquired   listed      qty: start → now
 *   A     Shoes     Nike         20    50  listed    today-10   2025-09-26  4 → 2 (sold 3, 1 back)
 *   B     Shoes     Adidas       30    80  → sold    today-45   2025-10-02  1 → 0
 *   C     Jackets   Nike        none  100  listed    today-200  2025-10-25  2 → 1
 *   D     Jackets   Patagonia    40  none  draft     today-100  —           1
 *   E     —         —             5    15  archived  (created today)        4
 *   F     Toys      Lego         10    25  listed    today-120  —           1
 *
 *   sale  item  qty  price  fees  shipping  date         week (Mon)   profit
 *   S1    A     2    45     5     8         2025-10-06   2025-10-06   90-5-8-40 = 37
 *   S2    A     1    50     6     0         2025-10-12   2025-10-06   50-6-0-20 = 24
 *   S3    B     1    70     9     10        2025-10-21   2025-10-20   70-9-10-30 = 21
 *   S4    C     1    90     12    0         2025-11-04   2025-11-03   90-12-0-0 = 78 (no cost)
 *   R1    A returns 1 unit today: refund 50 (S2, its latest sale), cost 20 back → -30
 */
import type { Core } from '../../../src/main/core/core';
import { call } from '../inventory/helpers';

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

export async function buildSeller(core: Core) {
  const create = (input: Parameters<typeof call<'inventory.create'>>[2]) => call(core, 'inventory.create', input);
  const a = await create({
    sku: 'A',
    title: 'Nike Pegasus',
    category: 'Shoes',
    brand: 'Nike',
    cost: 20,
    listPrice: 50,
    status: 'listed',
    acquiredAt: daysAgo(10),
    listedAt: '2025-09-26',
    quantity: 4,
  });
  const b = await create({
    sku: 'B',
    title: 'Adidas Samba',
    category: 'Shoes',
    brand: 'Adidas',
    cost: 30,
    listPrice: 80,
    status: 'listed',
    acquiredAt: daysAgo(45),
    listedAt: '2025-10-02',
    quantity: 1,
  });
  const c = await create({
    sku: 'C',
    title: 'Nike windbreaker',
    category: 'Jackets',
    brand: 'Nike',
    cost: null,
    listPrice: 100,
    status: 'listed',
    acquiredAt: daysAgo(200),
    listedAt: '2025-10-25',
    quantity: 2,
  });
  const d = await create({
    sku: 'D',
    title: 'Patagonia fleece',
    category: 'Jackets',
    brand: 'Patagonia',
    cost: 40,
    status: 'draft',
    acquiredAt: daysAgo(100),
    quantity: 1,
  });
  const e = await create({ sku: 'E', title: 'Old cables', cost: 5, listPrice: 15, status: 'archived', quantity: 4 });
  const f = await create({
    sku: 'F',
    title: 'Lego set',
    category: 'Toys',
    brand: 'Lego',
    cost: 10,
    listPrice: 25,
    status: 'listed',
    acquiredAt: daysAgo(120),
    quantity: 1,
  });
  const sale = (id: string, quantity: number, price: number, fees: number, shippingCost: number, date: string) =>
    call(core, 'inventory.recordSale', { id, quantity, price, fees, shippingCost, date });
  await sale(a.id, 2, 45, 5, 8, '2025-10-06');
  await sale(a.id, 1, 50, 6, 0, '2025-10-12');
  await sale(b.id, 1, 70, 9, 10, '2025-10-21');
  await sale(c.id, 1, 90, 12, 0, '2025-11-04');
  await call(core, 'inventory.adjustStock', { id: a.id, kind: 'returned', delta: 1, note: 'Buyer returned one' });
  return { a, b, c, d, e, f };
}
