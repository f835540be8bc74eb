import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AppInfo } from '../../src/shared/api';
import { coreForEachTest, inProcess, startCore } from '../support/core';

describe('app.info', () => {
  const h = coreForEachTest();

  it('reports the data folder and the live state of each database', async () => {
    const before = await h.core.dispatch('app.info', {}, inProcess);
    expect(before.ok).toBe(true);
    const info = (before as { data: AppInfo }).data;
    expect(info.dataDir).toBe(h.dir);
    expect(info.shell).toBe('browser');
    const local = info.databases.find((db) => db.name === 'local');
    expect(local).toMatchObject({ ok: true, adapter: 'leveldb', docCount: 0 });

    // The counts are read live, not stored: a saved setting shows up as a document.
    await h.core.dispatch('settings.set', { general: { theme: 'light' } }, inProcess);
    const after = (await h.core.dispatch('app.info', {}, inProcess)) as { data: AppInfo };
    expect(after.data.databases.find((db) => db.name === 'local')?.docCount).toBe(1);
  });

  it('refuses to open a data folder another FlipSync process is using, with a clear error', async () => {
    await h.core.close();
    // Another process holds the LevelDB lock, as a second FlipSync on the same folder would.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const P=require('pouchdb');new P(${JSON.stringify(path.join(h.dir, 'db', 'local'))}).info().then(()=>{console.log('ready');setInterval(()=>{},1e3)})`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      await expect(startCore(h.dir)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    h.core = await startCore(h.dir);
  });
});
