/**
 * The core in its own process, as the desktop app runs it, with a Node child process in
 * place of Electron's utility process: the shell's connection routes calls and events over
 * the port, answers the core's keychain requests from the main side, and restarts a core
 * that died without losing anything saved.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileSecretStore } from '../../src/main/core/platform/file-secrets';
import { CoreConnection, type CoreState } from '../../src/main/host/core-connection';
import { launchNodeCore } from '../../src/main/host/node-launcher';
import { tempDir } from '../support/temp-dir';

let data: Awaited<ReturnType<typeof tempDir>>;
let keychain: Awaited<ReturnType<typeof tempDir>>;
let connection: CoreConnection;
let children: ReturnType<typeof launchNodeCore>[];
let notified: { title: string; body: string }[];

beforeEach(async () => {
  data = await tempDir('flipsync-host-');
  keychain = await tempDir('flipsync-keychain-');
  children = [];
  notified = [];
  connection = new CoreConnection({
    launch: () => {
      const child = launchNodeCore({ FLIPSYNC_E2E: '1' });
      children.push(child);
      return child;
    },
    dataDir: data.path,
    appVersion: '9.9.9',
    shell: 'electron',
    secrets: new FileSecretStore(keychain.path),
    notifier: { notify: (n) => notified.push(n) },
  });
  await connection.start();
}, 120_000);

afterEach(async () => {
  await connection.close();
  await data.remove();
  await keychain.remove();
}, 60_000);

const until = async (check: () => boolean, what: string) => {
  // Waits on a condition, not a clock: the machine is shared and slow.
  for (let i = 0; i < 6000 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

describe('core in its own process', { timeout: 30_000 }, () => {
  it('routes calls through the port with the same envelope, including refusals', async () => {
    const info = await connection.dispatch('app.info', {});
    expect(info).toMatchObject({ ok: true, data: { version: '9.9.9', dataDir: data.path } });
    expect(children[0]?.process.pid).not.toBe(process.pid);

    const bad = await connection.dispatch('inventory.create', { sku: '', title: 'Lamp' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await connection.dispatch('no.such.route', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_ROUTE' },
    });
  });

  it('streams core events and the tray model to the main side', async () => {
    const events: string[] = [];
    connection.onEvent((event) => events.push(event));
    const created = await connection.dispatch('inventory.create', { sku: 'LAMP-1', title: 'Brass lamp', quantity: 2 });
    expect(created.ok).toBe(true);
    await until(() => events.includes('inventory.changed'), 'inventory.changed');
    const labels = connection.trayModel()?.entries.flatMap((e) => (e.type === 'item' ? [e.label] : []));
    expect(labels?.[0]).toBe('Open FlipSync');

    // A core event the seller asked to hear about becomes a notification request in main.
    connection.emitForTest('proposal.created', {
      id: 'proposal:x',
      summary: 'Lower the lamp price',
      status: 'pending',
    });
    await until(() => notified.length > 0, 'a notification');
    expect(notified[0]?.title).toBe('A proposal is waiting');
  });

  it("keeps secrets in main's keychain: the core asks over the port and never answers with them", async () => {
    const key = 'sk-test-1234567890abcdef';
    const events: unknown[] = [];
    connection.onEvent((_e, payload) => events.push(payload));
    const saved = await connection.dispatch('ai.setKey', { key });
    expect(saved).toMatchObject({ ok: true, data: { stored: true } });
    // Stored by the main side's secret store, not in the core's data folder.
    const onDisk = await readFile(path.join(keychain.path, 'secrets', 'secrets.json'), 'utf8');
    expect(onDisk).toContain(key);
    expect(JSON.stringify(saved) + JSON.stringify(events)).not.toContain(key);
    expect(await connection.dispatch('ai.keyStatus', {})).toMatchObject({ ok: true, data: { stored: true } });
  });

  it('restarts a core that died, shows it, and keeps everything saved', async () => {
    const states: CoreState[] = [];
    connection.onState((s) => states.push(s));
    const created = await connection.dispatch('inventory.create', { sku: 'MUG-7', title: 'Blue mug', quantity: 3 });
    if (!created.ok) throw new Error(created.error.message);
    const id = (created.data as { id: string }).id;

    const first = children[0]!;
    const exited = new Promise((r) => first.process.once('exit', r));
    first.process.kill('SIGKILL');
    await exited;
    // A call made while the core restarts waits for it instead of failing.
    const during = connection.dispatch('inventory.get', { id });
    await until(() => connection.current === 'ready', 'the restart');
    expect(states).toEqual(['restarting', 'ready']);
    expect(children).toHaveLength(2);
    expect(await during).toMatchObject({ ok: true, data: { sku: 'MUG-7', title: 'Blue mug', quantity: 3 } });
  }, 120_000);

  it('answers a call cut off by a crash with a clear error, not silence', async () => {
    // Killed before the call is sent: the dead process can never answer it.
    children[0]!.process.kill('SIGKILL');
    const result = await connection.dispatch('analytics.dashboard', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
    if (result.ok) return;
    expect(result.error.message).toContain('analytics.dashboard');
    expect(result.error.hint).toMatch(/saved before is safe/);
    await until(() => connection.current === 'ready', 'the restart');
    expect((await connection.dispatch('app.info', {})).ok).toBe(true);
  }, 120_000);
});
