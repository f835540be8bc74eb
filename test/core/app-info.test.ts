import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import type { AppInfo } from '../../src/shared/api';
import { inProcess, startCore } from '../support/core';
import { tempDir } from '../support/temp-dir';

describe('app.info', () => {
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

  it('reports the data folder and the live state of each database', async () => {
    const before = await core.dispatch('app.info', {}, inProcess);
    expect(before.ok).toBe(true);
    const info = (before as { data: AppInfo }).data;
    expect(info.dataDir).toBe(dir.path);
    expect(info.shell).toBe('browser');
    const local = info.databases.find((db) => db.name === 'local');
    expect(local).toMatchObject({ ok: true, adapter: 'leveldb', docCount: 0 });

    // The counts are read live, not stored: a saved setting shows up as a document.
    await core.dispatch('settings.set', { general: { theme: 'light' } }, inProcess);
    const after = (await core.dispatch('app.info', {}, inProcess)) as { data: AppInfo };
    expect(after.data.databases.find((db) => db.name === 'local')?.docCount).toBe(1);
  });

  it('refuses to open a data folder another FlipSync process is using, with a clear error', async () => {
    await core.close();
    // Another process holds the LevelDB lock, as a second FlipSync on the same folder would.
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const P=require('pouchdb');new P(${JSON.stringify(path.join(dir.path, 'db', 'local'))}).info().then(()=>{console.log('ready');setInterval(()=>{},1e3)})`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise((resolve) => holder.stdout.once('data', resolve));
    try {
      await expect(startCore(dir.path)).rejects.toMatchObject({ code: 'DATA_FOLDER_IN_USE' });
    } finally {
      holder.kill();
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    core = await startCore(dir.path);
  });
});
