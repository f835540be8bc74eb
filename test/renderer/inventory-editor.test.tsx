import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { MAX_PHOTO_BYTES } from '../../src/shared/api/photo-limits';
import { seed, inventoryForEachTest } from './support/inventory';

describe('Item editor on a real core', () => {
  const h = inventoryForEachTest();

  const get = (id: string) => h.call('inventory.get', { id });

  it('creates an item, opens it, saves fields, specifics and quantity, and shows the history', async () => {
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Create an item' }));
    await user.type(screen.getByLabelText('SKU'), 'JKT-1');
    await user.type(screen.getByLabelText('Title'), 'Denim jacket');
    await user.type(screen.getByLabelText('List price'), '45');
    await user.click(screen.getByRole('button', { name: 'Create item' }));

    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await waitFor(() => expect(within(editor).getByLabelText('Brand')).toBeTruthy());
    await user.type(within(editor).getByLabelText('Brand'), 'Levi');
    await user.clear(within(editor).getByLabelText('Quantity on hand'));
    await user.type(within(editor).getByLabelText('Quantity on hand'), '3');
    await user.type(within(editor).getByLabelText('Tags (comma-separated)'), 'denim, winter');
    await user.click(within(editor).getByRole('button', { name: 'Add specific' }));
    await user.type(within(editor).getByLabelText('Specific 1 name'), 'Size');
    await user.type(within(editor).getByLabelText('Specific 1 value'), 'M');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));

    const { items } = await h.call('inventory.list', {});
    const saved = await get(items[0]!.id);
    expect(saved).toMatchObject({
      sku: 'JKT-1',
      brand: 'Levi',
      listPrice: 45,
      quantity: 3,
      tags: ['denim', 'winter'],
      specifics: [{ name: 'Size', value: 'M' }],
    });
    await waitFor(() => expect(within(editor).getByTestId('item-history').textContent).toMatch(/Stock adjusted \+2/));
    // Fields by their names, not their code names (itemSpecifics, listPrice).
    expect(within(editor).getByTestId('item-history').textContent).toMatch(/Edited brand, item specifics, tags/);

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Item editor' })).toBeNull());
  }, 30_000); // typing a whole item key by key in jsdom is slow

  it('asks before Escape or ✕ throws away unsaved edits', async () => {
    await seed(h, 1);
    const user = h.render();
    const row = (await screen.findByLabelText('Select SKU-0000')).closest('[role="row"]') as HTMLElement;
    row.focus();
    await user.keyboard('{Enter}');
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await user.type(await within(editor).findByLabelText('Notes'), 'Scuff on the left sleeve');

    await user.keyboard('{Escape}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes to SKU-0000?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(editor).getByLabelText('Notes')).toHaveProperty('value', 'Scuff on the left sleeve');

    await user.click(within(editor).getByRole('button', { name: 'Close editor' }));
    const again = await screen.findByRole('alertdialog', { name: 'Discard your changes to SKU-0000?' });
    await user.click(within(again).getByRole('button', { name: 'Discard changes' }));
    await waitFor(() => expect(screen.queryByRole('complementary', { name: 'Item editor' })).toBeNull());
  });

  it('asks before opening another item over unsaved edits', async () => {
    await seed(h, 2);
    const user = h.render();
    const rowOf = async (sku: string) =>
      (await screen.findByLabelText(`Select ${sku}`)).closest('[role="row"]') as HTMLElement;
    (await rowOf('SKU-0000')).focus();
    await user.keyboard('{Enter}');
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await user.type(await within(editor).findByLabelText('Notes'), 'Box is dented');

    (await rowOf('SKU-0001')).focus();
    await user.keyboard('{Enter}');
    const ask = await screen.findByRole('alertdialog', { name: 'Discard your changes to SKU-0000?' });
    await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
    expect(within(editor).getByLabelText('Notes')).toHaveProperty('value', 'Box is dented');
    expect(editor.textContent).toMatch(/SKU-0000/);

    (await rowOf('SKU-0001')).focus();
    await user.keyboard('{Enter}');
    const again = await screen.findByRole('alertdialog', { name: 'Discard your changes to SKU-0000?' });
    await user.click(within(again).getByRole('button', { name: 'Discard and open the other item' }));
    await waitFor(() =>
      expect(screen.getByRole('complementary', { name: 'Item editor' }).textContent).toMatch(/SKU-0001/),
    );
  });

  it('opens with Enter on a row; a change made elsewhere while editing is taken in and the seller’s edit kept', async () => {
    const [item] = await seed(h, 1, () => ({ brand: 'Nike' }));
    const user = h.render();
    const row = (await screen.findByLabelText('Select SKU-0000')).closest('[role="row"]') as HTMLElement;
    row.focus();
    await user.keyboard('{Enter}');
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const title = await within(editor).findByLabelText('Title');

    await user.clear(title);
    await user.type(title, 'My new title');
    // Meanwhile another device changes the brand.
    await h.call('inventory.update', { id: item!.id, rev: item!.rev, changes: { brand: 'Adidas' } });
    await waitFor(() => expect(within(editor).getByLabelText('Brand')).toHaveProperty('value', 'Adidas'));
    expect(title).toHaveProperty('value', 'My new title');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    expect(await get(item!.id)).toMatchObject({ title: 'My new title', brand: 'Adidas' });
  });

  it('ties a field’s error to it, saves nothing until it is fixed, and saves the chosen status', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const cost = await within(editor).findByLabelText('Cost');
    await user.type(cost, 'lots');
    await user.selectOptions(within(editor).getByLabelText('Status'), 'listed');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));

    const alert = await within(editor).findByText('"lots" is not a number; enter an amount such as 12.50.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(cost.getAttribute('aria-invalid')).toBe('true');
    expect(cost.getAttribute('aria-describedby')).toBe(alert.id);
    expect(await get(item!.id)).toMatchObject({ cost: null, status: 'draft' });

    await user.clear(cost);
    await user.type(cost, '7.5');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    expect(cost.getAttribute('aria-invalid')).toBeNull();
    expect(await get(item!.id)).toMatchObject({ cost: 7.5, status: 'listed' });
  });

  it('takes the package weight and size as typed, and says what to type when it cannot read them', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const weight = await within(editor).findByLabelText('Package weight');
    const size = within(editor).getByLabelText('Package size');
    expect(size.getAttribute('placeholder')).toBe('L x W x H, e.g. 12 x 9 x 4 in');
    await user.type(weight, '1 lb 4 oz');
    await user.type(size, '12 x 9');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    const alert = await within(editor).findByText(/^"12 x 9" is not a package size\. Type length x width x height/);
    expect(size.getAttribute('aria-describedby')).toBe(alert.id);
    expect((await get(item!.id)).packageWeight ?? null).toBeNull();

    await user.type(size, ' x 4 in');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    expect(await get(item!.id)).toMatchObject({
      packageWeight: { value: 20, unit: 'oz' },
      packageSize: { length: 12, width: 9, height: 4, unit: 'in' },
    });
    // Clearing a field removes the value.
    await user.clear(weight);
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(async () => expect((await get(item!.id)).packageWeight).toBeNull());
  });

  it('shows a CONFLICT from the core when the save races another change, and saves nothing', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const brand = await within(editor).findByLabelText('Brand');
    await user.type(brand, 'Levi');
    // Changed and saved in the core before this window hears of it: the editor's rev is stale.
    h.holdEvents(true);
    await h.call('inventory.update', { id: item!.id, rev: item!.rev, changes: { brand: 'Wrangler' } });
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    const error = await within(editor).findByTestId('editor-error');
    expect(error.textContent).toMatch(
      /changed in another window or on another device since you opened it \(changed: .*rand.*\)\. Nothing was saved/,
    );
    expect((await get(item!.id)).brand).toBe('Wrangler');
    // The seller's typing is still there to save again on purpose.
    expect(within(editor).getByLabelText('Brand')).toHaveProperty('value', 'Levi');
  });

  it('adds a photo from the file picker, shows its thumbnail, removes it, and adds a dropped one', async () => {
    const [item] = await seed(h, 1);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .png()
      .toBuffer();
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const picker = await within(editor).findByLabelText('Photo files');
    await user.upload(picker, new File([new Uint8Array(png)], 'front.png', { type: 'image/png' }));

    const img = await within(editor).findByRole('img', { name: 'Photo 1 of SKU-0000' });
    expect(img.getAttribute('src')).toMatch(/^data:image\//);
    expect((await get(item!.id)).photos).toHaveLength(1);

    await user.click(within(editor).getByRole('button', { name: 'Remove photo 1' }));
    await waitFor(async () => expect((await get(item!.id)).photos).toHaveLength(0));

    // Dropped files take the same way; a file that is not an image is left out.
    const jpeg = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#3c3' } })
      .jpeg()
      .toBuffer();
    fireEvent.drop(within(editor).getByTestId('photo-drop'), {
      dataTransfer: {
        files: [
          new File([new Uint8Array(jpeg)], 'side.jpg', { type: 'image/jpeg' }),
          new File(['not a photo'], 'notes.txt', { type: 'text/plain' }),
        ],
      },
    });
    // The removed photo's image may still be on screen for a moment: wait for the saved item.
    await waitFor(async () => expect((await get(item!.id)).photos.map((p) => p.ext)).toEqual(['jpg']), {
      timeout: 10_000,
    });
    await within(editor).findByRole('img', { name: 'Photo 1 of SKU-0000' });
  });

  it('refuses a photo over the size limit with the reason, without sending it to core', async () => {
    const [item] = await seed(h, 1);
    const calls: string[] = [];
    const dispatch = h.core.dispatch.bind(h.core);
    vi.spyOn(h.core, 'dispatch').mockImplementation((route, input, ctx) => {
      calls.push(route);
      return dispatch(route, input, ctx);
    });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    const huge = new File([new Uint8Array(MAX_PHOTO_BYTES + 1)], 'huge.png', { type: 'image/png' });
    await user.upload(await within(editor).findByLabelText('Photo files'), huge);

    const alert = await within(editor).findByText(/huge\.png is 25\.0 MB/);
    expect(alert.textContent).toBe('huge.png is 25.0 MB; photos can be at most 25 MB. Resize it first.');
    expect(calls).not.toContain('photos.add');
    expect((await get(item!.id)).photos).toEqual([]);
    vi.restoreAllMocks();
  });

  it('archives after confirmation', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await user.click(await within(editor).findByRole('button', { name: 'Archive…' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Archive SKU-0000?' });
    await user.click(within(dialog).getByRole('button', { name: 'Archive' }));
    await waitFor(async () => expect((await get(item!.id)).status).toBe('archived'));
  });
});
