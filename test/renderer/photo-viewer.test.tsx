import { screen, waitFor, within } from '@testing-library/react';
import sharp from 'sharp';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setTransport } from '../../src/renderer/src/api/transport';
import { seed, inventoryForEachTest } from './support/inventory';
import { photoFromElsewhere, png } from './support/photos';

describe('opening a photo at full size', () => {
  const h = inventoryForEachTest();
  afterEach(() => {
    delete window.flipsync;
  });

  const openEditor = async (user: ReturnType<typeof h.render>) => {
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    return screen.findByRole('complementary', { name: 'Item editor' });
  };

  it('shows the original, moves between the photos with the arrow keys, and Escape hands focus back', async () => {
    const [item] = await seed(h, 1);
    const photos = [await png('#3a6'), await png('#a36')];
    for (const [i, bytes] of photos.entries())
      await h.call('photos.add', { itemId: item!.id, fileName: `p${i}.png`, base64: bytes.toString('base64') });
    const user = h.render();
    const editor = await openEditor(user);

    const opener = await within(editor).findByRole('button', { name: 'Open photo 1 of SKU-0000' });
    await user.click(opener);
    const viewer = await screen.findByRole('dialog', { name: 'Photo 1 of 2, SKU-0000' });
    const first = await within(viewer).findByRole('img', { name: 'Photo 1 of 2, SKU-0000, full size' });
    // The original's own bytes, not the thumbnail (a webp made from it).
    expect(first.getAttribute('src')).toBe(`data:image/png;base64,${photos[0]!.toString('base64')}`);
    expect(document.activeElement).toBe(within(viewer).getByRole('button', { name: 'Close' }));

    await user.keyboard('{ArrowRight}');
    const second = await screen.findByRole('img', { name: 'Photo 2 of 2, SKU-0000, full size' });
    expect(second.getAttribute('src')).toBe(`data:image/png;base64,${photos[1]!.toString('base64')}`);
    expect((screen.getByRole('button', { name: 'Next →' }) as HTMLButtonElement).disabled).toBe(true);
    await user.keyboard('{ArrowLeft}');
    await screen.findByRole('dialog', { name: 'Photo 1 of 2, SKU-0000' });

    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.activeElement).toBe(opener);
  });

  it('in the desktop app asks core to bring the photo and shows it from the app protocol, once sync brings it', async () => {
    const [item] = await seed(h, 1);
    // A photo added on another device: the item names it, its files are not here.
    const { bytes: original, hash } = await photoFromElsewhere(h, item!.id, '#36a');
    // The desktop window: the preload's bridge, here to the same core; the renderer builds its
    // IPC transport from it, as in Electron.
    const asked: string[] = [];
    const dispatch = async (route: string, input: unknown) => {
      const result = await h.core.dispatch(route as never, JSON.parse(JSON.stringify(input)) as never, {
        transport: 'in-process',
      });
      if (route.startsWith('photos.')) {
        const here = result.ok ? (result.data as { here?: boolean }).here : 'refused';
        asked.push(`${route} ${(input as { size?: string }).size} ${here}`);
      }
      return JSON.parse(JSON.stringify(result)) as unknown;
    };
    window.flipsync = {
      call: vi.fn(dispatch),
      on: (event, listener) => h.core.events.onAny((name, payload) => name === event && listener(payload)),
    };
    setTransport(null);
    const user = h.render();
    const editor = await openEditor(user);
    // Asked and answered "not here" (the thumbnail is not on this device yet).
    await waitFor(() => expect(asked).toContain('photos.ensure thumb false'));
    expect(within(editor).queryByRole('img', { name: 'Photo 1 of SKU-0000' })).toBeNull();

    // Sync brings the thumbnail: shown from disk through app://, never as base64 through IPC.
    const thumb = await sharp(original).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
    await h.core.photos.replica!.databases.photos.put({
      _id: hash,
      ext: 'webp',
      _attachments: { file: { content_type: 'image/webp', data: thumb.toString('base64') } },
    });
    const img = await within(editor).findByRole('img', { name: 'Photo 1 of SKU-0000' }, { timeout: 10_000 });
    expect(img.getAttribute('src')).toBe(`app://flipsync/photos/thumb/${hash}`);
    expect(asked).toContain('photos.ensure thumb true');

    // Opened: the original is not here and sync (off) cannot fetch it, so the viewer says so…
    await user.click(within(editor).getByRole('button', { name: 'Open photo 1 of SKU-0000' }));
    const viewer = await screen.findByRole('dialog', { name: 'Photo 1 of 1, SKU-0000' });
    await within(viewer).findByText(/not on this device, and sync could not bring it/);
    // …until sync brings the original, which then shows without opening it again.
    await h.core.photos.replica!.databases.originals.put({
      _id: hash,
      ext: 'png',
      _attachments: { file: { content_type: 'image/png', data: original.toString('base64') } },
    });
    const full = await within(viewer).findByRole(
      'img',
      { name: 'Photo 1 of 1, SKU-0000, full size' },
      { timeout: 10_000 },
    );
    expect(full.getAttribute('src')).toBe(`app://flipsync/photos/full/${hash}`);
    expect(asked.filter((a) => a.startsWith('photos.get'))).toEqual([]);
    expect(asked).toContain('photos.ensure full false');
    expect(asked).toContain('photos.ensure full true');
  });
});
