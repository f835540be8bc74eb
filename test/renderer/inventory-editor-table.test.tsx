import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Transport } from '../../src/renderer/src/api/transport';
import { startPage, type PageHarness } from './support/page';
import { fakeViewport, seed } from './support/inventory';

/**
 * The window on a slow machine: the table's own reloads (inventory.list) and core's events
 * wait until released, as when the seller is faster than the refresh.
 */
describe('Item editor and the table, when the table is slow to refresh', () => {
  let h: PageHarness;
  let restore: () => void;
  let holding = false;
  const held: (() => void)[] = [];
  const release = () => {
    holding = false;
    held.splice(0).forEach((go) => go());
  };
  beforeEach(async () => {
    restore = fakeViewport();
    h = await startPage({
      hash: '#/inventory',
      transport: (inner: Transport): Transport => ({
        ...inner,
        call: (route, input) =>
          holding && route === 'inventory.list'
            ? new Promise((resolve) => held.push(() => void inner.call(route, input).then(resolve)))
            : inner.call(route, input),
        on: (event, listener) =>
          inner.on(event, (payload) => (holding ? held.push(() => listener(payload)) : listener(payload))),
      }),
    });
  });
  afterEach(async () => {
    release();
    await h.close();
    restore();
  });

  it('edits the price inline right after saving other fields in the editor, without a false conflict', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    const row = (await screen.findByLabelText('Select SKU-0000')).closest('[role="row"]') as HTMLElement;
    row.focus();
    await user.keyboard('{Enter}');
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await waitFor(() => expect(within(editor).getByLabelText('Brand')).toBeTruthy());

    holding = true;
    await user.type(within(editor).getByLabelText('Brand'), 'Levi');
    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    await waitFor(() => expect(within(editor).getByTestId('editor-status').textContent).toBe('Saved.'));
    await user.keyboard('{Escape}');

    // Straight away, before the table has heard of the save by any other way.
    await user.click(screen.getByRole('button', { name: /Price of SKU-0000/ }));
    const input = screen.getByLabelText('Price of SKU-0000');
    await user.clear(input);
    await user.type(input, '24.5{Enter}');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(24.5));
    const saved = await h.call('inventory.get', { id: item!.id });
    expect(saved).toMatchObject({ brand: 'Levi', listPrice: 24.5 });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
