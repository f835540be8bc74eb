import { describe, expect, it } from 'vitest';
import { coreForEachTest } from '../../support/core';
import { call, itemsBySku } from './helpers';

describe('single-line fields (title, SKU, brand, …) hold one line', () => {
  const h = coreForEachTest();

  it('joins a quoted multi-line title on import, with a warning on its row', async () => {
    const text = 'SKU,Title,Brand,Quantity\nA-1,"Vintage Pyrex\nmixing bowl  \r\n set",Pyrex,1\nA-2,Lamp,"Ikea\n",1\n';
    const preview = await call(h.core, 'inventory.import.preview', { text });
    expect(preview.errors).toEqual([]);
    expect(preview.warnings).toEqual([
      { row: 2, reason: 'Title had line breaks; they were replaced by spaces, as it is one line.' },
    ]);
    expect(preview.rows.find((r) => r.fields.sku === 'A-1')!.fields.title).toBe('Vintage Pyrex mixing bowl set');

    await call(h.core, 'inventory.import.run', { text });
    const items = await itemsBySku(h.core);
    expect(items.get('A-1')!.title).toBe('Vintage Pyrex mixing bowl set');
    expect(items.get('A-2')!.brand).toBe('Ikea');
  });

  it('joins line breaks typed or pasted into a single-line field on create and edit', async () => {
    const created = await call(h.core, 'inventory.create', { sku: 'B-1', title: 'Red\nlamp', quantity: 1 });
    expect(created.title).toBe('Red lamp');
    const updated = await call(h.core, 'inventory.update', {
      id: created.id,
      rev: created.rev,
      changes: { title: 'Blue\r\nlamp', location: 'Shelf\n3', tags: ['new\nin box'] },
    });
    expect([updated.title, updated.location, updated.tags]).toEqual(['Blue lamp', 'Shelf 3', ['new in box']]);
    // The description is many lines by design and keeps them.
    const described = await call(h.core, 'inventory.update', {
      id: created.id,
      rev: updated.rev,
      changes: { description: 'Line one\nLine two' },
    });
    expect(described.description).toBe('Line one\nLine two');
  });
});
