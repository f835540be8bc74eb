/** Automatic backups: every N hours into the seller's folder, the newest `keep` kept, their own files untouched. */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BackupService } from '../../../src/main/core/backup/service';
import { openDatabase } from '../../../src/main/core/db/open';
import { SettingsStore } from '../../../src/main/core/settings/store';
import { tempDir } from '../../support/temp-dir';
import { eventually, startDevice, type Device } from '../sync/devices';

describe('automatic backups', () => {
  let device: Device | null = null;
  let service: BackupService | null = null;
  afterEach(async () => {
    await service?.close();
    await device?.close();
  });

  it('runs when due, keeps the newest N automatic ones, and leaves the seller’s own backups alone', async () => {
    device = await startDevice();
    await device.call('inventory.create', { sku: 'AUTO-1', title: 'Backed up on a schedule' });
    const folder = await tempDir('flipsync-backups-');
    const names = ['local', 'inventory', 'chat', 'agents'] as const;
    // The same LevelDB stores the core has open (PouchDB shares them in-process), with a clock the test moves.
    const dbs = Object.fromEntries(
      await Promise.all(names.map(async (n) => [n, await openDatabase(device!.dataDir, n)] as const)),
    ) as Record<(typeof names)[number], Awaited<ReturnType<typeof openDatabase>>>;
    let clock = new Date('2026-12-01T08:00:00.000Z');
    service = new BackupService({
      dataDir: device.dataDir,
      appVersion: 'test',
      databases: dbs,
      settings: new SettingsStore(dbs.local, device.core.events),
      events: device.core.events,
      now: () => clock,
    });
    await service.start();
    const status = await service.configure({ folder: folder.path, everyHours: 6, keep: 2 });
    expect(status).toMatchObject({ folder: folder.path, last: null, nextAt: '2026-12-01T14:00:00.000Z' });
    const manual = await service.backUp('manual');

    const autos = async () => (await readdir(folder.path)).filter((f) => f.startsWith('FlipSync-auto-')).sort();
    for (let round = 1; round <= 3; round++) {
      clock = new Date(clock.getTime() + 7 * 3_600_000);
      await service.start(); // re-reads its state and finds the backup due
      await eventually(async () => expect((await service!.status()).last?.createdAt).toBe(clock.toISOString()));
    }
    await eventually(async () => expect(await autos()).toHaveLength(2));
    const kept = await autos();
    expect(kept[1]).toBe(
      `FlipSync-auto-${clock.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19)}.zip`,
    );
    expect(await readdir(folder.path)).toContain(path.basename(manual.file));
    expect((await service.status()).last?.counts.databases.inventory).toBeGreaterThan(0);
    await folder.remove();
  });

  it('refuses a folder that is not a full path, saying what to do', async () => {
    device = await startDevice();
    const result = await device.core.dispatch('backup.configure', { folder: 'backups' }, { transport: 'in-process' });
    expect(result).toMatchObject({ ok: false, error: { message: 'backups is not a full folder path.' } });
  });
});
