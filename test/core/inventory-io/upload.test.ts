import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { UPLOAD_PART_CHARS } from '../../../src/shared/api';
import { startCore } from '../../support/core';
import { coreForEachTest } from '../../support/core';
import { call, callFails, fixture, itemsBySku } from './helpers';

/** Splits text into parts as the renderer does: at most a part's length, never inside a character. */
function parts(text: string, size = UPLOAD_PART_CHARS): string[] {
  const out: string[] = [];
  for (let from = 0; from < text.length;) {
    let end = Math.min(from + size, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
    out.push(text.slice(from, end));
    from = end;
  }
  return out;
}

describe('CSV files sent in parts', () => {
  const h = coreForEachTest();

  async function upload(text: string, size?: number) {
    const uploadId = ulid();
    const all = parts(text, size);
    for (const [part, chunk] of all.entries()) {
      await call(h.core, 'inventory.import.upload', { uploadId, part, text: chunk, last: part === all.length - 1 });
    }
    return uploadId;
  }

  it('previews and imports an upload exactly as the same text sent whole, and then forgets the upload', async () => {
    const text = await fixture('generic-malformed.csv');
    // Parts of 7 characters: cells, quotes and line ends are cut everywhere.
    const uploadId = await upload(text, 7);
    const whole = await call(h.core, 'inventory.import.preview', { text });
    const byUpload = await call(h.core, 'inventory.import.preview', { uploadId });
    expect(byUpload).toEqual(whole);
    // A remapped preview reads the same upload again.
    const mapping = byUpload.mapping.map((m) => (m.target === 'title' ? { ...m, target: null } : m));
    const remapped = await call(h.core, 'inventory.import.preview', { uploadId, mapping });
    expect(remapped.unmapped).toContain(byUpload.mapping.find((m) => m.target === 'title')!.header);

    const result = await call(h.core, 'inventory.import.run', { uploadId, fileName: 'stock.csv' });
    expect(result).toMatchObject({ created: 3, errorCount: 7 });
    expect([...(await itemsBySku(h.core)).keys()]).toEqual(['OK-1', 'OK-2', 'OK-3']);
    const gone = await callFails(h.core, 'inventory.import.preview', { uploadId });
    expect(gone).toMatchObject({ code: 'NOT_FOUND', hint: 'Choose the file again.' });
    expect(await readdir(path.join(h.dir, 'uploads'))).toEqual([]);
  });

  it('keeps characters outside the basic plane whole across parts', async () => {
    const title = '🎸'.repeat(40) + ' Gibson 😀';
    const text = `SKU,Title,Quantity\nEMO-1,${title},2\n`;
    // An odd part size would cut a pair of surrogates in two without the renderer's rule.
    const uploadId = await upload(text, 5);
    await call(h.core, 'inventory.import.run', { uploadId });
    expect((await itemsBySku(h.core)).get('EMO-1')).toMatchObject({ title, quantity: 2 });
  });

  it('refuses a part cut inside a character, a part out of order, an unknown upload, and both or neither source', async () => {
    const uploadId = ulid();
    const cut = await callFails(h.core, 'inventory.import.upload', {
      uploadId,
      part: 0,
      text: 'SKU,T\n🎸'.slice(0, 7),
      last: false,
    });
    expect(cut.message).toBe('Part 1 ends in the middle of a character.');

    await call(h.core, 'inventory.import.upload', { uploadId, part: 0, text: 'SKU,Title\n', last: false });
    const skipped = await callFails(h.core, 'inventory.import.upload', {
      uploadId,
      part: 2,
      text: 'A,B\n',
      last: true,
    });
    expect(skipped.message).toMatch(/Part 3 of the file arrived out of order \(expected part 2\)/);
    const early = await callFails(h.core, 'inventory.import.preview', { uploadId });
    expect(early.message).toMatch(/not fully sent yet \(1 parts so far\)/);

    const unknown = await callFails(h.core, 'inventory.import.upload', {
      uploadId: ulid(),
      part: 1,
      text: 'x',
      last: true,
    });
    expect(unknown.code).toBe('NOT_FOUND');
    const both = await callFails(h.core, 'inventory.import.preview', { uploadId, text: 'SKU\n' });
    expect(both).toMatchObject({ code: 'INVALID_INPUT' });
    expect(both.message).toMatch(/either the file's text or the uploadId/);
    const neither = await callFails(h.core, 'inventory.import.run', { fileName: 'x.csv' });
    expect(neither.message).toMatch(/either the file's text or the uploadId/);
    const tooLong = await callFails(h.core, 'inventory.import.upload', {
      uploadId,
      part: 1,
      text: 'x'.repeat(UPLOAD_PART_CHARS + 1),
      last: true,
    });
    expect(tooLong.message).toMatch(/at most 4,000,000 characters per part/);
  });

  it('refuses a file whose parts add up to more than an import takes, and drops what came', async () => {
    const uploadId = ulid();
    const chunk = 'x'.repeat(UPLOAD_PART_CHARS);
    let error: Awaited<ReturnType<typeof callFails>> | null = null;
    for (let part = 0; part < 30 && !error; part++) {
      const r = await h.core.dispatch(
        'inventory.import.upload',
        { uploadId, part, text: chunk, last: false },
        { transport: 'in-process' },
      );
      if (!r.ok) error = r.error;
    }
    expect(error?.message).toMatch(/over 100 million characters/);
    expect(error?.hint).toMatch(/Split the file/);
    expect(await readdir(path.join(h.dir, 'uploads'))).toEqual([]);
  });

  it('a discarded upload and uploads from before a restart are gone', async () => {
    const a = await upload('SKU,Title\nA,B\n');
    expect(await call(h.core, 'inventory.import.discard', { uploadId: a })).toEqual({ discarded: true });
    expect(await call(h.core, 'inventory.import.discard', { uploadId: a })).toEqual({ discarded: false });

    const b = await upload('SKU,Title\nA,B\n');
    await h.core.close();
    h.core = await startCore(h.dir);
    expect(await callFails(h.core, 'inventory.import.preview', { uploadId: b })).toMatchObject({ code: 'NOT_FOUND' });
    expect(await readdir(path.join(h.dir, 'uploads'))).toEqual([]);
  });
});
