import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import type { Item } from '../../../src/shared/domain/inventory';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call, fixture, itemsBySku } from './helpers';

/** What an item is, apart from what only its own database can know (ids, revs, times). */
function essence(item: Item): Omit<Item, 'id' | 'rev' | 'createdAt' | 'updatedAt'> {
  const rest: Partial<Item> = { ...item };
  delete rest.id;
  delete rest.rev;
  delete rest.createdAt;
  delete rest.updatedAt;
  return rest as Omit<Item, 'id' | 'rev' | 'createdAt' | 'updatedAt'>;
}

describe('inventory export', () => {
  const dirs: Awaited<ReturnType<typeof tempDir>>[] = [];
  const cores: Core[] = [];
  let core: Core;
  const open = async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const c = await startCore(dir.path);
    cores.push(c);
    return c;
  };
  beforeEach(async () => {
    core = await open();
  });
  afterEach(async () => {
    for (const c of cores.splice(0)) await c.close();
    for (const d of dirs.splice(0)) await d.remove();
  });

  async function seed() {
    await call(core, 'inventory.import.run', { text: await fixture('file-exchange.csv') });
    await call(core, 'inventory.create', {
      sku: 'TRICKY-1',
      title: '=HYPERLINK("http://x") "quoted", with commas',
      description: 'Line one\nLine two, with a comma\r\nand "quotes"',
      brand: 'Ünïcödé 日本',
      category: 'Test',
      condition: 'Used',
      cost: 3.1,
      listPrice: 1299.99,
      salePrice: null,
      fees: 1.2,
      shippingCost: 4.5,
      location: 'Shelf B / Bin 4',
      status: 'ready',
      acquiredAt: '2026-01-31',
      tags: ['size 10, wide', 'estate sale'],
      notes: '+1 note that starts with a plus',
      specifics: [{ name: 'Size', value: '10' }],
      ebayItemId: '123456789012',
      quantity: 7,
    });
    await call(core, 'inventory.create', { sku: 'ARCH-1', title: 'Archived lamp', status: 'archived', quantity: 0 });
  }

  it('exports CSV that imports into an empty inventory as the same items', async () => {
    await seed();
    // Oversold (stock below zero), with a tag a spreadsheet would take for a formula.
    const over = await call(core, 'inventory.create', {
      sku: 'OVER-1',
      title: 'Last lamp',
      tags: ['-20% sale', 'blue'],
    });
    await call(core, 'inventory.adjustStock', { id: over.id, kind: 'adjusted', delta: -2, note: 'Sold twice' });
    const all = ['draft', 'ready', 'listed', 'sold', 'archived'] as const;
    const file = await call(core, 'inventory.export', { format: 'csv', query: { status: [...all] } });
    expect(file).toMatchObject({ mimeType: 'text/csv', count: 5 });
    expect(file.fileName).toMatch(/^flipsync-inventory-\d{4}-\d{2}-\d{2}\.csv$/);
    // A spreadsheet sees the title as text, not a formula.
    expect(file.text).toContain(`"'=HYPERLINK(""http://x"") ""quoted"", with commas"`);

    const other = await open();
    const preview = await call(other, 'inventory.import.preview', { text: file.text, fileName: file.fileName });
    expect(preview.format).toBe('generic');
    expect(preview.unmapped).toEqual([]);
    const result = await call(other, 'inventory.import.run', { text: file.text, allOrNothing: true });
    expect(result).toMatchObject({ created: 5, errorCount: 0 });
    expect(result.warnings).toContainEqual({
      row: expect.any(Number),
      reason: expect.stringMatching(/^Quantity is -1/),
    });

    const before = await itemsBySku(core);
    const after = await itemsBySku(other);
    expect([...after.keys()]).toEqual([...before.keys()]);
    for (const [sku, item] of before) expect(essence(after.get(sku)!), sku).toEqual(essence(item));
    expect(after.get('OVER-1')).toMatchObject({ quantity: -1, tags: ['-20% sale', 'blue'] });
  });

  it('exports specifics whose names differ only in case in one column, so none is lost on import', async () => {
    await call(core, 'inventory.create', { sku: 'S-1', title: 'Mug', specifics: [{ name: 'Color', value: 'Blue' }] });
    await call(core, 'inventory.create', { sku: 'S-2', title: 'Cup', specifics: [{ name: 'color', value: 'Red' }] });
    const file = await call(core, 'inventory.export', { format: 'csv' });
    expect(Papa.parse<string[]>(file.text.slice(1)).data[0]!.filter((h) => /^C:/i.test(h))).toEqual(['C:Color']);
    const other = await open();
    const preview = await call(other, 'inventory.import.preview', { text: file.text });
    expect(preview.unmapped).toEqual([]);
    await call(other, 'inventory.import.run', { text: file.text });
    const items = await itemsBySku(other);
    expect(items.get('S-1')?.specifics).toEqual([{ name: 'Color', value: 'Blue' }]);
    expect(items.get('S-2')?.specifics).toEqual([{ name: 'Color', value: 'Red' }]);
  });

  it('exports only what a filter matches, in its order, and JSON with whole items', async () => {
    await seed();
    const csv = await call(core, 'inventory.export', {
      query: { q: 'mixer', sort: 'listPrice', dir: 'desc' },
    });
    const rows = Papa.parse<string[]>(csv.text.slice(1), { skipEmptyLines: true }).data;
    expect(rows).toHaveLength(2);
    expect(rows[1]![0]).toBe('KIT-MIXER-RED');

    const defaultList = await call(core, 'inventory.export', { format: 'json' });
    const parsed = JSON.parse(defaultList.text) as { count: number; items: { sku: string; quantity: number }[] };
    // Like inventory.list, archived items are left out unless a status filter asks for them.
    expect(parsed.items.map((i) => i.sku)).toEqual(['KIT-MIXER-RED', 'PAT-SNAP-M', 'TRICKY-1']);
    expect(parsed.items.find((i) => i.sku === 'TRICKY-1')).toMatchObject({ quantity: 7, listPrice: 1299.99 });
    expect(defaultList).toMatchObject({ mimeType: 'application/json', count: 3 });
  });
});
