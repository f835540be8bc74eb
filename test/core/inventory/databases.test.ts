import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/main/core/core';
import { startCore } from '../../support/core';
import { tempDir } from '../../support/temp-dir';
import { call } from './helpers';

// Generous timeout: these use real LevelDB on a shared, sometimes very busy machine.
describe('databases', { timeout: 30_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
  });
  afterEach(async () => {
    await core.close();
    await dir.remove();
  });

  it('opens the inventory, chat and agents databases on LevelDB and reports them live in app.info', async () => {
    const before = await call(core, 'app.info', {});
    const names = before.databases.map((d) => d.name);
    expect(names).toEqual(expect.arrayContaining(['local', 'inventory', 'chat', 'agents']));
    for (const db of before.databases.filter((d) => ['inventory', 'chat', 'agents'].includes(d.name))) {
      expect(db).toMatchObject({ ok: true, adapter: 'leveldb' });
    }
    const inventoryBefore = before.databases.find((d) => d.name === 'inventory')!.docCount;
    await call(core, 'inventory.create', { sku: 'DB-1', title: 'Counted', quantity: 1 });
    const after = await call(core, 'app.info', {});
    // The item and its received movement: two documents.
    expect(after.databases.find((d) => d.name === 'inventory')?.docCount).toBe(inventoryBefore + 2);
  });
});
