import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Transport } from '../../src/renderer/src/api/transport';
import { droppableWire, type DroppableWire } from './support/connection';
import { seed, fakeViewport } from './support/inventory';
import { eachTest, startPage } from './support/page';

/** The app on a page over a wire the test can drop, as the given transport kind. */
function pageWithWire(hash: string, kind: Transport['kind']) {
  let wire: DroppableWire;
  const h = eachTest(async () => {
    wire = droppableWire(kind);
    const page = await startPage({ hash, transport: (inner) => wire.wrap(inner) });
    const restore = fakeViewport();
    return {
      ...page,
      close: async () => {
        restore();
        await page.close();
      },
    };
  });
  return { h, wire: () => wire };
}

const banner = () => screen.findByTestId('connection-banner');

async function openEditor(user: ReturnType<ReturnType<typeof pageWithWire>['h']['render']>) {
  const row = (await screen.findByLabelText('Select SKU-0000')).closest('[role="row"]') as HTMLElement;
  row.focus();
  await user.keyboard('{Enter}');
  return screen.findByRole('complementary', { name: 'Item editor' });
}

describe('Browser mode, when the server stops', () => {
  const { h, wire } = pageWithWire('#/inventory', 'websocket');

  it('says FlipSync stopped and how to start it; the editor refuses to save and keeps the draft', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    const editor = await openEditor(user);
    await user.type(await within(editor).findByLabelText('Notes'), 'Scuff on the sleeve');
    expect(screen.queryByTestId('connection-banner')).toBeNull();

    wire().set('closed');
    const shown = await banner();
    expect(shown.textContent).toMatch(/FlipSync stopped/);
    expect(shown.textContent).toMatch(/npm run serve/);
    expect(shown.textContent).toMatch(/new address with a new\s+access token/);
    // Reconnect attempts go on (closed, connecting, closed…): the banner stays through them.
    wire().set('connecting');
    expect(screen.getByTestId('connection-banner')).toBeTruthy();

    await user.click(within(editor).getByRole('button', { name: 'Save item' }));
    expect((await within(editor).findByTestId('editor-error')).textContent).toMatch(/Cannot save while disconnected/);
    expect(within(editor).getByLabelText('Notes')).toHaveProperty('value', 'Scuff on the sleeve');
    expect(within(editor).getByRole('button', { name: 'Save item' })).toHaveProperty('disabled', false);
    expect(wire().waiting()).not.toContain('inventory.update');
    expect((await h.call('inventory.get', { id: item!.id })).notes).toBeFalsy();
  });
});

describe('Browser mode chat, when the server stops', () => {
  const { h, wire } = pageWithWire('#/chat', 'websocket');

  it('refuses to send and keeps the message in the composer', async () => {
    // A provider that needs no key, so the composer is enabled; nothing reaches it.
    await h.call('settings.set', { ai: { preset: 'custom', baseUrl: 'http://127.0.0.1:9/v1' } });
    const user = h.render();
    const input = await screen.findByLabelText('Message');
    await waitFor(() => expect(input).toHaveProperty('disabled', false));
    await user.type(input, 'How should I price this?');

    wire().set('closed');
    await banner();
    await user.keyboard('{Enter}');
    expect((await screen.findByText(/Cannot save while disconnected/)).closest('[role="alert"]')).toBeTruthy();
    expect(input).toHaveProperty('value', 'How should I price this?');
    expect(wire().waiting()).not.toContain('chat.send');
    expect(wire().waiting()).not.toContain('chat.conversations.create');
    expect(await h.call('chat.conversations.list', {})).toEqual([]);
  });
});

describe('Desktop app, while the core restarts', () => {
  const { h, wire } = pageWithWire('#/inventory', 'ipc');

  it('says it is reconnecting, refuses an inline edit keeping the value, and saves it once back', async () => {
    const [item] = await seed(h, 1);
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: /Price of SKU-0000/ }));
    const price = screen.getByLabelText('Price of SKU-0000');
    await user.clear(price);
    await user.type(price, '12.5');

    wire().set('reconnecting');
    const shown = await banner();
    expect(shown.textContent).toMatch(/Reconnecting…/);
    expect(shown.textContent).toMatch(/restarting its core/);
    expect(shown.textContent).not.toMatch(/npm run serve/);

    await user.keyboard('{Enter}');
    expect((await screen.findByTestId('inline-notice')).textContent).toMatch(/Cannot save while disconnected/);
    expect(screen.getByLabelText('Price of SKU-0000')).toHaveProperty('value', '12.5');
    expect(wire().waiting()).not.toContain('inventory.update');

    wire().set('open');
    await waitFor(() => expect(screen.queryByTestId('connection-banner')).toBeNull());
    screen.getByLabelText('Price of SKU-0000').focus();
    await user.keyboard('{Enter}');
    await waitFor(async () => expect((await h.call('inventory.get', { id: item!.id })).listPrice).toBe(12.5));
    await waitFor(() => expect(screen.queryByLabelText('Price of SKU-0000')).toBeNull());
  });
});
