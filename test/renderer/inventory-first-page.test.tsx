import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { requestFirstPage } from '../../src/renderer/src/stores/inventory-first-page';
import { inventoryForEachTest, seed } from './support/inventory';

const skus = () =>
  within(screen.getByTestId('inventory-scroll'))
    .queryAllByRole('row')
    .map((r) => within(r).queryAllByRole('cell')[2]?.textContent ?? '');

describe('The Inventory page’s first rows, asked for as the window starts', () => {
  const h = inventoryForEachTest();

  function countLists() {
    const lists: unknown[] = [];
    const dispatch = h.core.dispatch.bind(h.core);
    vi.spyOn(h.core, 'dispatch').mockImplementation((route, input, ctx) => {
      if (route === 'inventory.list') lists.push(input);
      return dispatch(route, input, ctx);
    });
    return lists;
  }

  it('are the rows the table shows: the page asks no second time', async () => {
    await seed(h, 3);
    const lists = countLists();
    requestFirstPage();
    h.render();
    await waitFor(() => expect(skus()).toEqual(['SKU-0002', 'SKU-0001', 'SKU-0000']));
    expect(screen.getByTestId('inventory-count').textContent).toBe('3 items');
    expect(lists).toHaveLength(1);
  });

  it('are dropped when an item changes before the page takes them, so the table is not stale', async () => {
    await seed(h, 2);
    const lists = countLists();
    requestFirstPage();
    // The early answer holds two items; a third is created before the page opens.
    await waitFor(() => expect(lists).toHaveLength(1));
    await h.call('inventory.create', { sku: 'LATE-1', title: 'Created after the early question', quantity: 1 });
    h.render();
    await waitFor(() => expect(skus()).toEqual(['LATE-1', 'SKU-0001', 'SKU-0000']));
    expect(screen.getByTestId('inventory-count').textContent).toBe('3 items');
  });
});
