/**
 * The desktop app itself, through Playwright's Electron support: opens FlipSync on a fresh
 * data folder, reads the tray menu model in the main process, and checks that a proposal
 * event on core's bus becomes a native notification request. Needs the Electron binary
 * (node_modules/electron/path.txt) and a build (`npm run build`); skipped where it is absent.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

const root = path.resolve(import.meta.dirname, '../..');
const hasElectron = existsSync(path.join(root, 'node_modules/electron/path.txt'));

test.skip(!hasElectron, 'The Electron binary is not installed here (node_modules/electron/path.txt is missing).');

interface TestHooks {
  trayModel(): { tooltip: string; entries: { type: string; id?: string; label?: string; enabled?: boolean }[] };
  notifications(): { title: string; body: string; view?: string }[];
  emit(name: string, payload: unknown): void;
}

test('opens the app, shows the tray model, and notifies about a waiting proposal', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-electron-'));
  const app = await electron.launch({
    args: [root],
    env: { ...process.env, FLIPSYNC_DATA_DIR: dataDir, FLIPSYNC_E2E: '1' },
  });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveTitle(/FlipSync/);

    const labels = await app.evaluate(() => {
      const hooks = (globalThis as unknown as { flipsyncTest: TestHooks }).flipsyncTest;
      return hooks.trayModel().entries.flatMap((e) => (e.type === 'item' ? [e.label] : []));
    });
    expect(labels[0]).toBe('Open FlipSync');
    expect(labels).toContain('Quit FlipSync');
    expect(labels.some((l) => l?.startsWith('Approvals'))).toBe(true);
    expect(labels).toContain('Sync: not set up');

    await app.evaluate(() => {
      const hooks = (globalThis as unknown as { flipsyncTest: TestHooks }).flipsyncTest;
      hooks.emit('proposal.created', {
        id: 'proposal:e2e',
        summary: 'Lower the price of the lamp',
        status: 'pending',
      });
    });
    await expect
      .poll(
        () => app.evaluate(() => (globalThis as unknown as { flipsyncTest: TestHooks }).flipsyncTest.notifications()),
        { timeout: 10_000 },
      )
      .toContainEqual(expect.objectContaining({ title: 'A proposal is waiting', view: 'approvals' }));
  } finally {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
