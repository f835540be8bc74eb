import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useInventoryTable } from '../../src/renderer/src/stores/inventory-table';
import { seed, seedMany, inventoryForEachTest } from './support/inventory';

const rows = () => within(screen.getByTestId('inventory-scroll')).queryAllByRole('row');
const skus = () => rows().map((r) => within(r).queryAllByRole('cell')[2]?.textContent ?? '');

describe('Inventory table on a real core', () => {
  const h = inventoryForEachTest();

  it('tells a new seller there are no items yet and offers create and import', async () => {
    h.render();
    const empty = await screen.findByTestId('inventory-empty');
    expect(empty.textContent).toMatch(/No items yet/);
    expect(within(empty).getByRole('button', { name: 'Create an item' })).toBeTruthy();
    expect(within(empty).getByRole('button', { name: 'Import a CSV' })).toBeTruthy();
  });

  it('shows only the rows in view, fetched a page at a time, for 250 items', async () => {
    await seedMany(h, 250);
    const lists: { offset: number; limit: number }[] = [];
    const dispatch = h.core.dispatch.bind(h.core);
    vi.spyOn(h.core, 'dispatch').mockImplementation((route, input, ctx) => {
      if (route === 'inventory.list') lists.push(input as { offset: number; limit: number });
      return dispatch(route, input, ctx);
    });
    h.render();
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('250 items'));
    await waitFor(() => expect(skus()[0]).toMatch(/^SKU-\d{4}$/));
    expect(screen.getByRole('table', { name: 'Inventory' }).getAttribute('aria-rowcount')).toBe('251');
    // A 400 px viewport of 40 px rows plus overscan: far fewer rows than items exist.
    expect(rows().length).toBeLessThan(40);
    expect(lists.map((q) => [q.offset, q.limit])).toEqual([[0, 100]]);

    // Scrolling to the end fetches the last page only, not everything in between.
    const scroller = screen.getByTestId('inventory-scroll');
    scroller.scrollTop = 245 * 40;
    fireEvent.scroll(scroller);
    const lastRow = () => rows().find((r) => r.getAttribute('aria-rowindex') === '251');
    await waitFor(() => expect(lastRow()?.textContent).toMatch(/SKU-\d{4}/));
    expect(lists.map((q) => q.offset)).toEqual([0, 200]);
  }, 30_000); // seeding 250 items through the routes takes a few seconds

  it('sorts by a clicked header (aria-sort) and searches as the seller types', async () => {
    await seed(h, 12, (i) => ({ brand: i % 2 ? 'Levi' : 'Nike' }));
    const user = h.render();
    await waitFor(() => expect(skus()[0]).toBe('SKU-0011'));

    const skuHeader = screen.getByRole('columnheader', { name: /SKU/ });
    await user.click(within(skuHeader).getByRole('button'));
    await waitFor(() => expect(skus()[0]).toBe('SKU-0000'));
    expect(skuHeader.getAttribute('aria-sort')).toBe('ascending');
    await user.click(within(skuHeader).getByRole('button'));
    await waitFor(() => expect(skus()[0]).toBe('SKU-0011'));
    expect(skuHeader.getAttribute('aria-sort')).toBe('descending');

    await user.type(screen.getByLabelText('Search inventory'), 'levi');
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('6 items'));
    expect(skus().every((s) => ['1', '3', '5', '7', '9', '11'].includes(String(Number(s.slice(4)))))).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('12 items'));
    expect(screen.getByLabelText('Search inventory')).toHaveProperty('value', '');
  }, 30_000);

  it('filters by a brand from the facets', async () => {
    await seed(h, 6, (i) => ({ brand: i < 2 ? 'Levi' : 'Nike' }));
    const user = h.render();
    const brand = await screen.findByLabelText('Brand');
    await waitFor(() => expect(within(brand).getByRole('option', { name: 'Levi (2)' })).toBeTruthy());
    await user.selectOptions(brand, 'Levi');
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('2 items'));
  });

  it('filters by whether an item is on eBay', async () => {
    await seed(h, 5, (i) => (i < 2 ? { ebayItemId: String(110_000_000_000 + i) } : {}));
    const user = h.render();
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('5 items'));
    const ebay = screen.getByLabelText('eBay');
    await user.selectOptions(ebay, 'On eBay');
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('2 items'));
    await waitFor(() => expect(skus().sort()).toEqual(['SKU-0000', 'SKU-0001']));
    await user.selectOptions(ebay, 'Not on eBay');
    await waitFor(() => expect(screen.getByTestId('inventory-count').textContent).toBe('3 items'));
  });

  it('edits a price inline, saved in the core', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: /Price of SKU-0000/ }));
    const input = screen.getByLabelText('Price of SKU-0000');
    await user.clear(input);
    await user.type(input, '24.5{Enter}');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(24.5));
    // Typed with a decimal comma, as in much of Europe: 12.5, not 125.
    await user.click(await screen.findByRole('button', { name: /Price of SKU-0000/ }));
    await user.clear(screen.getByLabelText('Price of SKU-0000'));
    await user.type(screen.getByLabelText('Price of SKU-0000'), '12,5{Enter}');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(12.5));
    // Not a number: said above the table (the cell is too narrow), nothing saved.
    await user.click(await screen.findByRole('button', { name: /Price of SKU-0000/ }));
    await user.clear(screen.getByLabelText('Price of SKU-0000'));
    await user.type(screen.getByLabelText('Price of SKU-0000'), 'abc{Enter}');
    expect((await screen.findByTestId('inline-notice')).textContent).toMatch(
      /^Price of SKU-0000: "abc" is not a number/,
    );
    expect(screen.getByLabelText('Price of SKU-0000').getAttribute('aria-invalid')).toBe('true');
    expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(12.5);
  });

  it('refuses a price edit on a stale row, says why and reloads the row without overwriting', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: /Price of SKU-0000/ }));
    const input = screen.getByLabelText('Price of SKU-0000');
    // Another window changes the price while the seller is typing (the row follows the change).
    await h.call('inventory.update', { id: item!.id, rev: item!.rev, changes: { listPrice: 99 } });
    // Edit only once the table has followed the change, as the seller's screen would have.
    await waitFor(() => {
      const rows = Object.values(useInventoryTable.getState().pages).flat();
      expect(rows.find((r) => r.id === item!.id)?.listPrice).toBe(99);
    });
    await user.clear(input);
    await user.type(input, '5{Enter}');

    const notice = await screen.findByTestId('inline-notice');
    expect(notice.textContent).toMatch(/changed in another window or on another device.*Nothing was saved/);
    expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(99);
    await waitFor(() =>
      expect(screen.getByRole('button', { name: /Price of SKU-0000/ }).textContent).toMatch(/99\.00/),
    );
  });

  it('sets the quantity inline through a stock movement, and refuses one based on a stale count', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: /Quantity of SKU-0000: 2/ }));
    await user.clear(screen.getByLabelText('Quantity of SKU-0000'));
    await user.type(screen.getByLabelText('Quantity of SKU-0000'), '5{Enter}');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).quantity).toBe(5));
    const history = await h.call('inventory.history', { id: item!.id });
    expect(history.entries.find((e) => e.type === 'movement')?.movement).toMatchObject({ kind: 'adjusted', delta: 3 });

    await user.click(await screen.findByRole('button', { name: /Quantity of SKU-0000: 5/ }));
    await h.call('inventory.recordSale', { id: item!.id, price: 20 }); // a sale lands while typing
    await user.clear(screen.getByLabelText('Quantity of SKU-0000'));
    await user.type(screen.getByLabelText('Quantity of SKU-0000'), '7{Enter}');
    expect((await screen.findByTestId('inline-notice')).textContent).toMatch(/changed to 4 since this row was loaded/);
    expect((await h.call('inventory.get', { id: item!.id })).quantity).toBe(4);
  });

  it('changes the status inline', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.selectOptions(await screen.findByLabelText('Status of SKU-0000'), 'listed');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).status).toBe('listed'));
  });

  it('raises selected prices by 10 % in bulk', async () => {
    const items = await seed(h, 3);
    const user = h.render();
    await user.click(await screen.findByLabelText('Select SKU-0000'));
    await user.click(screen.getByLabelText('Select SKU-0002'));
    expect(screen.getByTestId('selection-count').textContent).toBe('2 selected');
    await user.type(screen.getByLabelText('Bulk value'), '10');
    await user.click(screen.getByRole('button', { name: 'Apply to 2' }));
    await waitFor(() => expect(screen.getByTestId('bulk-status').textContent).toMatch(/Changed 2 of 2 items/));
    const prices = await Promise.all(items.map(async (i) => (await h.call('inventory.get', { id: i.id })).listPrice));
    expect(prices).toEqual([11, 11, 13.2]);
  });
});
