import { screen, waitFor, within } from '@testing-library/react';
import sharp from 'sharp';
import { describe, expect, it, vi } from 'vitest';
import { seed, inventoryForEachTest } from './support/inventory';
import { photoFromElsewhere } from './support/photos';

describe('a photo that comes by sync', () => {
  const h = inventoryForEachTest();

  it('shows a placeholder until the photo arrives, then the thumbnail without reopening', async () => {
    const [item] = await seed(h, 1);
    // The item already names a photo added on another device; its files are not here yet.
    const { bytes: png, hash } = await photoFromElsewhere(h, item!.id, '#3a6');

    // The page's request for the thumbnail, answered "not here" before the photo arrives.
    const answered: boolean[] = [];
    const dispatch = h.core.dispatch.bind(h.core);
    vi.spyOn(h.core, 'dispatch').mockImplementation(async (route, input, ctx) => {
      const result = await dispatch(route, input, ctx);
      if (route === 'photos.get') answered.push(result.ok);
      return result;
    });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Item 0000' }));
    const editor = await screen.findByRole('complementary', { name: 'Item editor' });
    await waitFor(() => expect(answered).toEqual([false]));
    expect(within(editor).queryByRole('img', { name: 'Photo 1 of SKU-0000' })).toBeNull();

    // What the photos databases receive from the server: the thumbnail document.
    const thumb = await sharp(png).resize(256, 256, { fit: 'inside' }).webp().toBuffer();
    await h.core.photos.replica.databases.photos.put({
      _id: hash,
      ext: 'webp',
      _attachments: { file: { content_type: 'image/webp', data: thumb.toString('base64') } },
    });
    const img = await within(editor).findByRole('img', { name: 'Photo 1 of SKU-0000' }, { timeout: 10_000 });
    expect(img.getAttribute('src')).toBe(`data:image/webp;base64,${thumb.toString('base64')}`);
  });
});
