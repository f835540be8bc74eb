/**
 * Back up a real data folder (10k items, stock movements, sales, chats, runs,
 * photos), restore it into a fresh FlipSync, and find every document and photo the same;
 * a cut-short, foreign or tampered file is refused with the reason and nothing changes.
 */
import { createHash } from 'node:crypto';
import { copyFile, readdir, readFile, stat, truncate, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { ulid } from 'ulid';
import { afterEach, describe, expect, it } from 'vitest';
import { ZipFile } from 'yazl';
import { createWriteStream } from 'node:fs';
import { DELETE_CONFIRMATION, type BackupFile } from '../../../src/shared/api';
import { startCore } from '../../support/core';
import { eventually, movement, newItemDoc, sale, startDevice, type Device } from '../sync/devices';

const ITEMS = 10_000;
const PHOTOS = 12;

const sha256 = (data: string | Buffer) =>
  createHash('sha256')
    .update(data as unknown as Uint8Array)
    .digest('hex');

/** Every document of a database (winning and conflicting revisions), as one checksum and a count. */
async function fingerprint(device: Device, name: string) {
  const db = device.core.platform && (await import('pouchdb')).default;
  const handle = new db(path.join(device.dataDir, 'db', name), { adapter: 'leveldb' } as object);
  const all = await handle.allDocs({ include_docs: true, conflicts: true });
  const docs = all.rows.filter((r) => !(name === 'local' && r.id === 'settings')).map((r) => JSON.stringify(r.doc));
  return { count: docs.length, sha256: sha256(docs.join('\n')) };
}

async function photoFiles(device: Device) {
  const out: Record<string, string> = {};
  for (const sub of ['photos', 'photos/thumbs']) {
    const dir = path.join(device.dataDir, sub);
    for (const f of await readdir(dir).catch(() => [] as string[])) {
      if (f === 'thumbs') continue;
      out[`${sub}/${f}`] = sha256(await readFile(path.join(dir, f)));
    }
  }
  return out;
}

async function seed(device: Device) {
  const at = '2026-11-01T10:00:00.000Z';
  const items = Array.from({ length: ITEMS }, (_, i) => newItemDoc({ sku: `BK-${i}`, title: `Item ${i}` }, at));
  for (let i = 0; i < items.length; i += 2000) await device.inventory.bulkDocs(items.slice(i, i + 2000));
  const stock = items.slice(0, 500).map((item) => movement(item._id, 'received', 3));
  const sales = items.slice(0, 200).map((item) => sale(item._id, 25));
  await device.inventory.bulkDocs([...stock, ...sales]);
  await device.call('chat.conversations.create', {});
  const agents = new (await import('pouchdb')).default(path.join(device.dataDir, 'db', 'agents'), {
    adapter: 'leveldb',
  } as object);
  await agents.bulkDocs(
    Array.from({ length: 30 }, () => ({ _id: `run:${ulid()}`, type: 'run', agent: 'health', outcome: 'ok' })),
  );
  for (let i = 0; i < PHOTOS; i++) {
    const bytes = await sharp({ create: { width: 300 + i, height: 200, channels: 3, background: '#3070c0' } })
      .jpeg()
      .toBuffer();
    await device.call('photos.add', { itemId: items[i]!._id, fileName: `p${i}.jpg`, base64: bytes.toString('base64') });
  }
  return { photoItemId: items[0]!._id };
}

describe('backup and restore', () => {
  const devices: Device[] = [];
  afterEach(async () => {
    await Promise.all(devices.splice(0).map((d) => d.close()));
  });
  const device = async () => {
    const d = await startDevice();
    devices.push(d);
    return d;
  };

  it('restores 10k items, stock, sales, chats, runs and photos into a fresh FlipSync, all equal', async () => {
    const source = await device();
    const { photoItemId } = await seed(source);
    await source.call('sync.configure', {
      url: 'http://127.0.0.1:9',
      username: 'me',
      password: 'pw-never-in-a-backup',
      enabled: false,
    });
    const backup = await source.call<BackupFile>('backup.now');
    expect(path.dirname(backup.file)).toBe(path.join(source.dataDir, 'backups'));
    expect(backup.counts.photos).toBe(PHOTOS);
    expect(backup.counts.databases.inventory).toBe((await source.inventory.info()).doc_count);
    expect(backup.counts.databases.inventory).toBeGreaterThanOrEqual(ITEMS + 700);

    const target = await device();
    const counts = await target.call('backup.restore', { file: backup.file });
    expect(counts).toEqual(backup.counts);
    for (const name of ['inventory', 'chat', 'agents', 'local']) {
      expect(await fingerprint(target, name), name).toEqual(await fingerprint(source, name));
    }
    expect(await photoFiles(target)).toEqual(await photoFiles(source));
    // The running app sees what arrived: the index serves the items, the photo opens.
    await eventually(async () =>
      expect((await target.call<{ total: number }>('inventory.list', { limit: 1 })).total).toBe(ITEMS),
    );
    // The index follows the database again after the restore: an item arriving as sync writes one appears.
    await target.inventory.put(newItemDoc({ sku: 'AFTER-RESTORE' }, new Date().toISOString()));
    await eventually(async () =>
      expect((await target.call<{ total: number }>('inventory.list', { limit: 1 })).total).toBe(ITEMS + 1),
    );
    const photo = (await target.call<{ photos: { hash: string }[] }>('inventory.get', { id: photoItemId })).photos[0]!;
    expect(await target.call('photos.get', { hash: photo.hash, size: 'full' })).toMatchObject({
      mimeType: 'image/jpeg',
    });
    // Settings come back; the sync password (a secret) never travels, so sync waits for it.
    const settings = await target.call<{ sync: { url: string; enabled: boolean } }>('settings.get');
    expect(settings.sync).toEqual({ url: 'http://127.0.0.1:9', enabled: false, photoOriginals: 'all' });
    expect(await target.call('sync.status')).toMatchObject({ hasCredentials: false });
  }, 600_000);

  it('refuses a truncated, foreign or tampered file with the reason, and changes nothing', async () => {
    const source = await device();
    await source.call('inventory.create', { sku: 'ONE', title: 'One item' });
    const bytes = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#30c070' } })
      .png()
      .toBuffer();
    const { id } = (await source.inventory.allDocs({ startkey: 'item:', endkey: 'item:\uffff' })).rows[0]!;
    await source.call('photos.add', { itemId: id, fileName: 'x.png', base64: bytes.toString('base64') });
    const backup = await source.call<BackupFile>('backup.now');
    const target = await device();
    const before = { inv: await fingerprint(target, 'inventory'), local: await fingerprint(target, 'local') };
    const refused = async (file: string) => {
      const result = await target.core.dispatch('backup.restore', { file }, { transport: 'in-process' });
      expect(result.ok).toBe(false);
      return result.ok ? '' : result.error.message;
    };

    const cut = path.join(target.dataDir, 'cut.zip');
    await copyFile(backup.file, cut);
    await truncate(cut, Math.floor((await stat(cut)).size / 2));
    expect(await refused(cut)).toMatch(
      /^cut\.zip is damaged or incomplete: it is not a whole zip file .*Nothing was changed\.$/,
    );

    const foreign = path.join(target.dataDir, 'holiday.zip');
    const zip = new ZipFile();
    zip.addBuffer(Buffer.from('hello'), 'notes.txt');
    zip.end();
    await new Promise((resolve) => zip.outputStream.pipe(createWriteStream(foreign)).on('close', () => resolve(null)));
    expect(await refused(foreign)).toMatch(/^holiday\.zip is not a FlipSync backup/);

    const text = path.join(target.dataDir, 'notes.zip');
    await writeFile(text, 'not a zip at all');
    expect(await refused(text)).toMatch(/notes\.zip is damaged or incomplete/);

    // One byte changed inside a stored photo: the checksum catches it.
    const tampered = path.join(target.dataDir, 'tampered.zip');
    const raw = await readFile(backup.file);
    const at = raw.indexOf(bytes.subarray(100, 116) as unknown as Uint8Array);
    expect(at).toBeGreaterThan(0);
    raw[at] = raw[at]! ^ 0xff;
    await writeFile(tampered, raw as unknown as Uint8Array);
    expect(await refused(tampered)).toMatch(
      /tampered\.zip is damaged: photos\/[0-9a-f]{64}\.png does not match its checksum/,
    );

    expect(await fingerprint(target, 'inventory')).toEqual(before.inv);
    expect(await fingerprint(target, 'local')).toEqual(before.local);
    expect(await photoFiles(target)).toEqual({});

    // A FlipSync that holds data is never restored over.
    const over = await source.core.dispatch('backup.restore', { file: backup.file }, { transport: 'in-process' });
    expect(over).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/^This FlipSync already holds data \(\d+ inventory records, 1 photo\)/) },
    });
  });

  it('deletes everything only after the typed confirmation, when FlipSync next starts', async () => {
    const d = await device();
    await d.call('inventory.create', { sku: 'GONE', title: 'To be deleted' });
    const wrong = await d.core.dispatch('backup.deleteEverything', { confirm: 'delete' }, { transport: 'in-process' });
    expect(wrong).toMatchObject({
      ok: false,
      error: { message: `Type ${DELETE_CONFIRMATION} to confirm; nothing was deleted.` },
    });
    expect(await d.call('backup.deleteEverything', { confirm: DELETE_CONFIRMATION })).toEqual({ deletePending: true });
    expect(await d.call('backup.status')).toMatchObject({ deletePending: true });
    // Still all there until FlipSync starts again; then nothing is.
    expect((await d.call<{ total: number }>('inventory.list', { limit: 1 })).total).toBe(1);
    await d.core.close();
    const again = await startCore(d.dataDir);
    try {
      const page = await again.dispatch('inventory.list', { limit: 1 }, { transport: 'in-process' });
      expect(page).toMatchObject({ ok: true, data: { total: 0 } });
      expect(await again.dispatch('backup.status', {}, { transport: 'in-process' })).toMatchObject({
        ok: true,
        data: { deletePending: false },
      });
    } finally {
      await again.close();
    }
  });
});
