/**
 * An item's package weight and size: typed as a seller types them, kept on items saved before
 * the fields existed, carried through CSV both ways, and used by the shipping agent. (eBay's
 * side, calculated shipping, is in test/core/ebay/publish.test.ts.)
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { readSize, readWeight } from '../../../src/shared/domain/package';
import type { ItemDoc } from '../../../src/main/core/inventory/docs';
import { coreForEachTest } from '../../support/core';
import { calls, says, startAgentsHarness, waitRun, type AgentsHarness } from '../agents/harness';
import { call, callFails } from './helpers';

describe('reading a package as typed', () => {
  it.each([
    ['12 oz', { value: 12, unit: 'oz' }],
    ['1.5 LBS', { value: 1.5, unit: 'lb' }],
    ['1 lb 4 oz', { value: 20, unit: 'oz' }],
    ['1,25 kg', { value: 1.25, unit: 'kg' }],
    ['500 grams', { value: 500, unit: 'g' }],
    ['', null],
  ])('weight %j', (text, value) => {
    expect(readWeight(text)).toEqual({ value });
  });

  it.each([
    ['12', /"12" is not a weight\. Type a weight with its unit/],
    ['12 stone', /is not a weight/],
    ['0 oz', /A weight must be more than 0/],
    ['9000 lb', /more than 5000: check the unit/],
    ['4 oz 1 lb', /is not a weight/],
  ])('weight %j is refused with what to type', (text, error) => {
    const read = readWeight(text);
    expect('error' in read && read.error).toMatch(error);
  });

  it('refuses a cell of 5,000 digits without reading it, quoting only its start', () => {
    const read = readWeight('1'.repeat(5000) + ' oz');
    expect('error' in read && read.error).toMatch(/^"1{20}…" is not a weight/);
  });

  it.each([
    ['12 x 9 x 4 in', { length: 12, width: 9, height: 4, unit: 'in' }],
    ['30×20×10cm', { length: 30, width: 20, height: 10, unit: 'cm' }],
    ['10.5 x 8 x 2.25 inches', { length: 10.5, width: 8, height: 2.25, unit: 'in' }],
  ])('size %j', (text, value) => {
    expect(readSize(text)).toEqual({ value });
  });

  it.each([
    ['12 x 9 x 4', /not a package size\. Type length x width x height with the unit/],
    ['12 x 9 in', /not a package size/],
    ['12 x 0 x 4 in', /A width must be more than 0/],
  ])('size %j is refused with what to type', (text, error) => {
    const read = readSize(text);
    expect('error' in read && read.error).toMatch(error);
  });
});

describe('package fields on items', { timeout: 30_000 }, () => {
  const h = coreForEachTest();

  it('reads and edits an item saved before the fields existed, without touching its other fields', async () => {
    const item = await call(h.core, 'inventory.create', { sku: 'OLD-1', title: 'Old lamp', listPrice: 20 });
    // As an older FlipSync (or another device running one) wrote it: no package fields at all.
    const doc = await h.core.inventory.db.get<ItemDoc>(item.id);
    const { packageWeight: _w, packageSize: _s, ...older } = doc.fields;
    await h.core.inventory.db.put({ ...doc, fields: older });
    const read = await call(h.core, 'inventory.get', { id: item.id });
    expect(read.packageWeight ?? null).toBeNull();

    const weighed = await call(h.core, 'inventory.update', {
      id: item.id,
      rev: read.rev,
      changes: { packageWeight: { value: 2, unit: 'lb' } },
    });
    expect(weighed).toMatchObject({ packageWeight: { value: 2, unit: 'lb' }, listPrice: 20, title: 'Old lamp' });
    // A change of another field leaves the weight as it was.
    const retitled = await call(h.core, 'inventory.update', {
      id: item.id,
      rev: weighed.rev,
      changes: { title: 'Brass lamp' },
    });
    expect(retitled.packageWeight).toEqual({ value: 2, unit: 'lb' });

    const refused = await callFails(h.core, 'inventory.update', {
      id: item.id,
      rev: retitled.rev,
      changes: { packageSize: { length: 12, width: -1, height: 4, unit: 'in' } },
    });
    expect(refused.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(refused)).toMatch(/A width must be more than 0/);
    expect((await call(h.core, 'inventory.get', { id: item.id })).rev).toBe(retitled.rev);
  });

  it('exports the package as text that imports back, and names the cell a CSV gets wrong', async () => {
    await call(h.core, 'inventory.create', {
      sku: 'BOX-1',
      title: 'Boxed mixer',
      packageWeight: { value: 20, unit: 'oz' },
      packageSize: { length: 14, width: 10, height: 8.5, unit: 'in' },
    });
    const file = await call(h.core, 'inventory.export', { format: 'csv', query: {} });
    const rows = Papa.parse<Record<string, string>>(file.text.replace(/^\uFEFF/, ''), { header: true }).data;
    expect(rows[0]).toMatchObject({ 'Package weight': '20 oz', 'Package size': '14 x 10 x 8.5 in' });

    // Another seller's spreadsheet: "Weight" and "Dimensions" columns, one cell without a unit.
    const csv = [
      'SKU,Title,Weight,Dimensions',
      'KET-1,Kettle,1 lb 8 oz,9 x 7 x 9 in',
      'KET-2,Kettle lid,3,5 x 5 x 2 in',
      'BOX-1,,2 kg,',
    ].join('\n');
    const preview = await call(h.core, 'inventory.import.preview', { text: csv });
    expect(preview.mapping.map((m) => m.target)).toEqual(['sku', 'title', 'packageWeight', 'packageSize']);
    const result = await call(h.core, 'inventory.import.run', { text: csv });
    expect(result.errors).toEqual([
      { row: 3, reason: expect.stringMatching(/^Weight: "3" is not a weight\. Type a weight with its unit/) },
    ]);
    const page = await call(h.core, 'inventory.list', { sort: 'sku', dir: 'asc' });
    const bySku = new Map(
      await Promise.all(
        page.items.map(async (r) => [r.sku, await call(h.core, 'inventory.get', { id: r.id })] as const),
      ),
    );
    expect(bySku.get('KET-1')).toMatchObject({
      packageWeight: { value: 24, unit: 'oz' },
      packageSize: { length: 9, width: 7, height: 9, unit: 'in' },
    });
    expect(bySku.has('KET-2')).toBe(false);
    // An empty cell leaves what the item had.
    expect(bySku.get('BOX-1')).toMatchObject({
      packageWeight: { value: 2, unit: 'kg' },
      packageSize: { length: 14, width: 10, height: 8.5, unit: 'in' },
    });
  });
});

describe('the shipping agent', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("estimates from the item's recorded package weight when it has one", async () => {
    const itemId = await h.item({ sku: 'MUG-1', title: 'Stoneware mug set', packageWeight: { value: 3, unit: 'lb' } });
    h.server.chat.push(calls(['estimate_shipping', { itemId }]), says('Proposed shipping.'));
    const run = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'shipping' })).runId);
    expect(run.outcome).toBe('succeeded');
    const { proposals } = await call(h.core, 'proposals.list', {});
    const proposal = proposals.find((p) => p.itemId === itemId)!;
    expect(proposal.why).toMatch(/^Package weight on the item \(3 lb\): 48 oz → /);
  });
});
