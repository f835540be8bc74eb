import { describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import { coreForEachTest } from '../../support/core';
import { call, callFails, fixture, itemsBySku } from './helpers';

describe('CSV import', () => {
  const h = coreForEachTest();

  it('names every unreadable cell of a row in its one error, so the row is fixed in one go', async () => {
    const text = 'SKU,Title,Quantity,List price,Acquired\nA-1,Lamp,x,$abc,2026-13-45\nA-2,Chair,1,5,\n';
    const preview = await call(h.core, 'inventory.import.preview', { text });
    expect(preview.errors).toHaveLength(1);
    const { row, reason } = preview.errors[0]!;
    expect(row).toBe(2);
    expect(reason).toMatch(/Quantity "x" is not a whole number/);
    expect(reason).toMatch(/List price "\$abc" is not an amount/);
    expect(reason).toMatch(/Acquired "2026-13-45" is not a date/);
    expect(preview.counts).toMatchObject({ valid: 1, invalid: 1 });
  });

  it('reports each malformed row with its number and reason, and imports the good rows', async () => {
    const text = await fixture('generic-malformed.csv');
    const preview = await call(h.core, 'inventory.import.preview', { text, fileName: 'stock.csv' });
    expect(preview.format).toBe('generic');
    expect(preview.counts).toEqual({ rows: 10, valid: 3, invalid: 7, newSkus: 3, existingSkus: 0 });
    const expected = [
      { row: 3, reason: expect.stringMatching(/List price "abc" is not an amount/) },
      { row: 5, reason: expect.stringMatching(/no SKU/) },
      { row: 6, reason: expect.stringMatching(/Quantity "2.5" is not a whole number/) },
      { row: 7, reason: expect.stringMatching(/SKU "OK-1" also appears in row 2/) },
      { row: 8, reason: expect.stringMatching(/Acquired "31\/31\/2026" is not a date/) },
      { row: 9, reason: expect.stringMatching(/Status "for sale" is not one of/) },
      { row: 10, reason: expect.stringMatching(/no title, which every new item needs. Fill in the title/) },
    ];
    expect(preview.errors).toEqual(expected);
    expect(preview.rows.map((r) => [r.row, r.action, r.fields.sku])).toEqual([
      [2, 'create', 'OK-1'],
      [4, 'create', 'OK-2'],
      [11, 'create', 'OK-3'],
    ]);
    // The preview wrote nothing.
    expect((await call(h.core, 'inventory.list', {})).total).toBe(0);

    const progress: EventPayload<'inventory.import.progress'>[] = [];
    h.core.events.on('inventory.import.progress', (p) => progress.push(p));
    const result = await call(h.core, 'inventory.import.run', { text, importId: 'imp-1' });
    expect(result).toMatchObject({ importId: 'imp-1', created: 3, updated: 0, skipped: 7, errorCount: 7 });
    expect(result.errors).toEqual(expected);
    expect(progress.at(0)).toEqual({ importId: 'imp-1', done: 0, total: 10 });
    expect(progress.at(-1)).toEqual({ importId: 'imp-1', done: 10, total: 10 });

    const items = await itemsBySku(h.core);
    expect([...items.keys()]).toEqual(['OK-1', 'OK-2', 'OK-3']);
    expect(items.get('OK-1')).toMatchObject({
      title: 'Good item one',
      brand: 'Acme',
      quantity: 1,
      listPrice: 10,
      cost: 2.5,
      acquiredAt: '2026-01-05',
      tags: ['garage', 'spring'],
    });
    expect(items.get('OK-2')).toMatchObject({ listPrice: 1000, quantity: 3, status: 'ready' });
    expect(items.get('OK-3')).toMatchObject({ listPrice: 7.25, quantity: 0, status: 'listed' });
  });

  it('imports nothing from a file with a bad row in all-or-nothing mode', async () => {
    const text = await fixture('generic-malformed.csv');
    const result = await call(h.core, 'inventory.import.run', { text, allOrNothing: true });
    expect(result).toMatchObject({ created: 0, updated: 0, skipped: 10, errorCount: 7 });
    expect(result.errors.map((e) => e.row)).toEqual([3, 5, 6, 7, 8, 9, 10]);
    expect((await call(h.core, 'inventory.list', { status: ['draft', 'ready', 'listed'] })).total).toBe(0);
    expect((await h.core.inventory.db.info()).doc_count).toBe(0);

    const good = text
      .split('\n')
      .filter((line, i) => i === 0 || line.startsWith('OK-2') || line.startsWith('OK-3'))
      .join('\n');
    const clean = await call(h.core, 'inventory.import.run', { text: good, allOrNothing: true });
    expect(clean).toMatchObject({ created: 2, errorCount: 0 });
  });

  it('re-importing the same file creates no duplicates and changes nothing; an edited file updates by SKU', async () => {
    const text = await fixture('ebay-active-listings.csv');
    const first = await call(h.core, 'inventory.import.run', { text });
    expect(first).toMatchObject({ created: 3, updated: 0, errorCount: 0 });
    const before = await itemsBySku(h.core);

    const again = await call(h.core, 'inventory.import.preview', { text });
    expect(again.counts).toMatchObject({ newSkus: 0, existingSkus: 3 });
    expect(again.rows.every((r) => r.action === 'update')).toBe(true);
    const second = await call(h.core, 'inventory.import.run', { text });
    expect(second).toMatchObject({ created: 0, updated: 0, skipped: 3, errorCount: 0 });
    expect(await itemsBySku(h.core)).toEqual(before);

    const edited = text
      .replace('$89.99', '$79.99')
      .replace('NK-AF1-10,UPC,883412345678,,2,', 'NK-AF1-10,UPC,883412345678,,5,');
    const third = await call(h.core, 'inventory.import.run', { text: edited });
    expect(third).toMatchObject({ created: 0, updated: 1 });
    const after = await itemsBySku(h.core);
    expect(after.size).toBe(3);
    expect(after.get('NK-AF1-10')).toMatchObject({ listPrice: 79.99, quantity: 5, id: before.get('NK-AF1-10')!.id });
  });

  it('reads a Seller Hub active-listings download: BOM, CRLF, currency prices, blank trailing rows', async () => {
    const text = await fixture('ebay-active-listings.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const preview = await call(h.core, 'inventory.import.preview', { text, fileName: 'active.csv' });
    expect(preview.format).toBe('ebay-active-listings');
    expect(preview.headerRow).toBe(1);
    const target = (header: string) => preview.mapping.find((m) => m.header === header)?.target;
    expect(target('Item ID')).toBe('ebayItemId');
    expect(target('Custom Label')).toBe('sku');
    expect(target('Quantity Available')).toBe('quantity');
    expect(target('Price')).toBe('listPrice');
    expect(target('Item Title')).toBe('title');
    expect(target('Condition ID')).toBeNull();
    expect(preview.unmapped).toContain('Product ID Type');
    expect(preview.counts).toMatchObject({ rows: 3, valid: 3, invalid: 0 });
    expect(preview.warnings).toEqual([{ row: 4, reason: expect.stringMatching(/using EBAY-125512345680/) }]);

    await call(h.core, 'inventory.import.run', { text });
    const items = await itemsBySku(h.core);
    expect(items.get('CAM-CANON-AE1')).toMatchObject({
      title: 'Canon AE-1 Program 35mm Film Camera with 50mm f/1.8 Lens, Strap',
      listPrice: 1299,
      condition: 'Used',
      category: 'Film Cameras',
      status: 'listed',
      listedAt: '2024-04-02',
      ebayItemId: '125512345679',
      quantity: 1,
    });
    expect(items.get('NK-AF1-10')).toMatchObject({ notes: 'Bin A3, top shelf', listPrice: 89.99, quantity: 2 });
    expect(items.get('EBAY-125512345680')).toMatchObject({ title: 'Vintage Pyrex Bowl', listPrice: 12.5 });
  });

  it('matches a row without Custom label to the item that already has its eBay item number, instead of adding EBAY-<number>', async () => {
    const text = await fixture('ebay-active-listings.csv');
    await call(h.core, 'inventory.create', {
      sku: 'PYREX-HAND',
      title: 'Pyrex bowl I typed in',
      ebayItemId: '125512345680',
    });
    const preview = await call(h.core, 'inventory.import.preview', { text });
    expect(preview.warnings).toEqual([{ row: 4, reason: expect.stringMatching(/matched item PYREX-HAND/) }]);
    await call(h.core, 'inventory.import.run', { text });
    const items = await itemsBySku(h.core);
    expect(items.has('EBAY-125512345680')).toBe(false);
    expect(items.get('PYREX-HAND')).toMatchObject({
      title: 'Vintage Pyrex Bowl',
      listPrice: 12.5,
      ebayItemId: '125512345680',
    });
    expect(items.size).toBe(3);
  });

  it('reads the newer Seller Hub spellings', async () => {
    const text = await fixture('ebay-active-listings-new.csv');
    const preview = await call(h.core, 'inventory.import.preview', { text });
    expect(preview.format).toBe('ebay-active-listings');
    await call(h.core, 'inventory.import.run', { text });
    const items = await itemsBySku(h.core);
    expect(items.get('LEGO-75192')).toMatchObject({
      title: 'LEGO Star Wars 75192 Millennium Falcon Sealed',
      listPrice: 799,
      quantity: 1,
      listedAt: '2024-07-12',
      category: 'LEGO Complete Sets & Packs',
      ebayItemId: '225500000002',
    });
    expect(items.get('LEV-501-3230')).toMatchObject({ listPrice: 39.99, quantity: 4, condition: 'Pre-owned' });
  });

  it('reads a File Exchange template: Info row, *Action header, multi-line quoted HTML, C: specifics, long titles', async () => {
    const text = await fixture('file-exchange.csv');
    const preview = await call(h.core, 'inventory.import.preview', { text });
    expect(preview.format).toBe('ebay-file-exchange');
    expect(preview.headerRow).toBe(2);
    const target = (header: string) => preview.mapping.find((m) => m.header === header)?.target;
    expect(target('CustomLabel')).toBe('sku');
    expect(target('*StartPrice')).toBe('listPrice');
    expect(target('*Location')).toBeNull();
    expect(target('C:Brand')).toBe('specific:Brand');
    expect(preview.warnings).toEqual([
      { row: 3, reason: expect.stringMatching(/Title is 97 characters; eBay allows 80/) },
    ]);
    expect(preview.errors).toEqual([]);

    const result = await call(h.core, 'inventory.import.run', { text });
    expect(result).toMatchObject({ created: 2, errorCount: 0 });
    const jacket = (await itemsBySku(h.core)).get('PAT-SNAP-M')!;
    expect(jacket.title).toHaveLength(97);
    expect(jacket.description).toBe(
      '<p>Beautiful vintage jacket.</p>\r\n<ul><li>Size M, fits like L</li>\r\n<li>Color: "Navy", wool blend</li></ul>',
    );
    expect(jacket).toMatchObject({ listPrice: 1299, condition: 'Used', category: '57988', quantity: 1 });
    expect(jacket.specifics).toEqual([
      { name: 'Brand', value: 'Patagonia' },
      { name: 'Size', value: 'M' },
      { name: 'Color', value: 'Navy' },
    ]);
  });

  it('keeps specifics the file does not name and takes a mapping the seller changed', async () => {
    const text = await fixture('file-exchange.csv');
    await call(h.core, 'inventory.import.run', { text });
    const mixer = (await itemsBySku(h.core)).get('KIT-MIXER-RED')!;
    await call(h.core, 'inventory.update', {
      id: mixer.id,
      rev: mixer.rev,
      changes: { specifics: [...mixer.specifics, { name: 'Model', value: 'KSM150' }] },
    });
    const preview = await call(h.core, 'inventory.import.preview', { text });
    // The seller maps *Location to the storage location and leaves the title alone.
    const mapping = preview.mapping.map((m) =>
      m.header === '*Location' ? { ...m, target: 'location' } : m.header === '*Title' ? { ...m, target: null } : m,
    );
    const edited = text.replace('KitchenAid,,Red', 'KitchenAid,,Empire Red');
    const result = await call(h.core, 'inventory.import.run', { text: edited, mapping });
    expect(result).toMatchObject({ created: 0, errorCount: 0 });
    const after = (await itemsBySku(h.core)).get('KIT-MIXER-RED')!;
    expect(after.location).toBe('Austin, TX');
    expect(after.title).toBe(mixer.title);
    expect(after.specifics).toEqual([
      { name: 'Brand', value: 'KitchenAid' },
      { name: 'Color', value: 'Empire Red' },
      { name: 'Model', value: 'KSM150' },
    ]);
  });

  it('refuses a mapping that fills one field twice or names a column the file lacks', async () => {
    const text = 'SKU,Title,Name\r\nA,Lamp,Desk lamp\r\n';
    const twice = await callFails(h.core, 'inventory.import.run', {
      text,
      mapping: [
        { index: 0, header: 'SKU', target: 'sku' },
        { index: 1, header: 'Title', target: 'title' },
        { index: 2, header: 'Name', target: 'title' },
      ],
    });
    expect(twice).toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/mapped to title/) });
    const missing = await callFails(h.core, 'inventory.import.preview', {
      text,
      mapping: [{ index: 7, header: 'Price', target: 'listPrice' }],
    });
    expect(missing.message).toMatch(/names column 8 \("Price"\) but the file has 3 columns/);
    const bad = await callFails(h.core, 'inventory.import.preview', { text: '' });
    expect(bad.message).toMatch(/no header row/);
  });

  it('refuses a file where a stray quote would swallow the rows after it, naming the row', async () => {
    const lines = ['SKU,Title,Description,Quantity'];
    for (let i = 1; i <= 10; i++) lines.push(`S-${i},Item ${i},${i === 3 ? '"Mint" condition' : `desc ${i}`},1`);
    const text = `${lines.join('\r\n')}\r\n`;
    for (const route of ['inventory.import.preview', 'inventory.import.run'] as const) {
      const error = await callFails(h.core, route, { text });
      expect(error).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(/^Row 4 has a cell that starts with a quote/),
      });
      expect(error.message).toContain('Mint');
      expect(error.hint).toMatch(/double each quote/);
    }
    expect((await call(h.core, 'inventory.list', {})).total).toBe(0);
    // Quotes inside an unquoted cell, and properly quoted cells, are fine.
    const fine = 'SKU,Title\r\nA-1,12" vinyl "mint"\r\nA-2,"Lamp, ""brass"""\r\nA-3,"two\nlines"\r\n';
    const preview = await call(h.core, 'inventory.import.preview', { text: fine });
    // (A title is one line, so the quoted line break reads as a space: see single-line.test.ts.)
    expect(preview.rows.map((r) => r.fields.title)).toEqual(['12" vinyl "mint"', 'Lamp, "brass"', 'two lines']);
    // A stray quote that the cell's own end still closes reads as the seller meant.
    const ruler = await call(h.core, 'inventory.import.preview', {
      text: 'SKU,Title,Quantity\r\nR-1,"Ruler 12" long",5\r\nR-2,Tape,1\r\n',
    });
    expect(ruler.rows.map((r) => [r.fields.sku, r.fields.title, r.quantity])).toEqual([
      ['R-1', 'Ruler 12" long', 5],
      ['R-2', 'Tape', 1],
    ]);
  });
});
