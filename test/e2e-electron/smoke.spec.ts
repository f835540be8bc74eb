/**
 * The release check (`npm run smoke:electron`): the built desktop app, launched by
 * Playwright's Electron support on a fresh data folder, walked page by page as a seller
 * would, with a screenshot of each step and a summary in smoke/. Needs the Electron binary
 * and a display; scripts/smoke-electron.mjs says so in one line where the binary is absent.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test, type Page } from '@playwright/test';
import { startOpenAiServer } from '../support/openai-server';

const root = path.resolve(import.meta.dirname, '../..');
const out = path.join(root, 'smoke');
const hasElectron = existsSync(path.join(root, 'node_modules/electron/path.txt'));
const CSV = path.join(root, 'test/fixtures/csv/file-exchange.csv');

test.skip(!hasElectron, 'The Electron binary is not installed here (node_modules/electron/path.txt is missing).');

interface Hooks {
  trayModel(): { entries: { type: string; label?: string }[] } | null;
  notifications(): { title: string; view?: string }[];
  emit(name: string, payload: unknown): void;
  coreState(): string;
  killCore(): void;
}
const hooks = 'flipsyncTest';

test('release smoke: chat, inventory import, approvals, settings, tray, notification, copy, core restart', async () => {
  test.setTimeout(300_000);
  await mkdir(out, { recursive: true });
  const steps: { step: string; ok: boolean; note?: string; at: string }[] = [];
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-smoke-'));
  const ai = await startOpenAiServer();
  const app = await electron.launch({
    args: [root],
    env: { ...process.env, FLIPSYNC_DATA_DIR: dataDir, FLIPSYNC_E2E: '1' },
  });
  const shot = (page: Page, name: string) => page.screenshot({ path: path.join(out, `${name}.png`), fullPage: true });
  const step = async (name: string, run: () => Promise<string | void>) => {
    try {
      const note = await run();
      steps.push({ step: name, ok: true, ...(note ? { note } : {}), at: new Date().toISOString() });
    } catch (error) {
      steps.push({ step: name, ok: false, note: String(error), at: new Date().toISOString() });
      throw error;
    }
  };
  const call = (page: Page, route: string, input: unknown) =>
    page.evaluate(
      ([r, i]) =>
        (window as unknown as { flipsync: { call(r: string, i: unknown): Promise<unknown> } }).flipsync.call(r, i),
      [route, input] as const,
    );
  const hook = <T>(fn: string, arg?: unknown) =>
    app.evaluate(
      (_electron, [name, fnName, a]) =>
        (globalThis as unknown as Record<string, Record<string, (x: unknown) => unknown>>)[name]![fnName]!(a),
      [hooks, fn, arg] as const,
    ) as Promise<T>;

  try {
    const page = await app.firstWindow();
    await step('window opens on app://flipsync/ once the core answers', async () => {
      await expect(page).toHaveTitle(/FlipSync/);
      expect(page.url()).toMatch(/^app:\/\/flipsync\//);
      await expect(page.getByTestId('connection-state')).toHaveText('Connected');
      await shot(page, '01-start');
    });

    await step('chat: a streamed reply, copied to the clipboard', async () => {
      await call(page, 'settings.set', { ai: { preset: 'custom', baseUrl: ai.baseUrl } });
      await call(page, 'ai.setKey', { key: 'sk-smoke-test-0123456789' });
      ai.chat.push({ type: 'chat', content: 'Smoke reply: list the lamp at $40.' }, { type: 'chat', content: 'Lamp' });
      await page.evaluate(() => (window.location.hash = '#/chat'));
      const input = page.getByRole('textbox', { name: 'Message', exact: true });
      await input.fill('Price my brass lamp');
      await input.press('Enter');
      const reply = page.getByTestId('message-assistant').last();
      await expect(reply.getByTestId('message-text')).toHaveText('Smoke reply: list the lamp at $40.');
      await reply.getByRole('button', { name: 'Copy' }).click();
      await expect(reply.getByRole('button', { name: 'Copied' })).toBeVisible();
      const clip = await app.evaluate(({ clipboard }) => clipboard.readText());
      expect(clip).toContain('Smoke reply');
      await shot(page, '02-chat');
    });

    await step('inventory: import a CSV', async () => {
      await page.evaluate(() => (window.location.hash = '#/inventory'));
      await page.getByRole('button', { name: 'Import a CSV' }).click();
      const wizard = page.getByRole('dialog', { name: 'Import items from a CSV file' });
      await wizard.getByLabel(/CSV file/).setInputFiles(CSV);
      await wizard.getByRole('button', { name: /^Import \d+ rows?$/ }).click();
      await expect(wizard.getByTestId('import-result')).toContainText('created');
      await wizard.getByRole('button', { name: 'Close' }).click();
      await expect(page.getByTestId('inventory-count')).not.toHaveText('0 items');
      await shot(page, '03-inventory');
      return (await page.getByTestId('inventory-count').textContent()) ?? '';
    });

    await step('approvals page', async () => {
      await page.evaluate(() => (window.location.hash = '#/approvals'));
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await shot(page, '04-approvals');
    });

    await step('settings page (and the keychain it reports)', async () => {
      await page.evaluate(() => (window.location.hash = '#/settings'));
      await expect(page.getByLabel('Model')).toBeVisible();
      await shot(page, '05-settings');
      const info = (await call(page, 'app.info', {})) as { data?: { keychain?: string } };
      return `keychain: ${info.data?.keychain ?? 'unknown'}`;
    });

    await step('tray menu model', async () => {
      const model = await hook<Hooks['trayModel'] extends () => infer R ? R : never>('trayModel');
      const labels = (model?.entries ?? []).flatMap((e) => (e.type === 'item' ? [e.label] : []));
      expect(labels[0]).toBe('Open FlipSync');
      expect(labels).toContain('Quit FlipSync');
      return labels.join(' | ');
    });

    await step('a notification for a waiting proposal', async () => {
      await app.evaluate((_e, name) => {
        const h = (globalThis as unknown as Record<string, Hooks>)[name]!;
        h.emit('proposal.created', { id: 'proposal:smoke', summary: 'Lower the lamp price', status: 'pending' });
      }, hooks);
      await expect
        .poll(() => hook<ReturnType<Hooks['notifications']>>('notifications'), { timeout: 20_000 })
        .toContainEqual(expect.objectContaining({ title: 'A proposal is waiting', view: 'approvals' }));
    });

    await step('core process restarts while the window is open; nothing saved is lost', async () => {
      await page.evaluate(() => (window.location.hash = '#/inventory'));
      const before = await page.getByTestId('inventory-count').textContent();
      await hook('killCore');
      await expect(page.getByTestId('connection-state')).toContainText('Reconnecting', { timeout: 20_000 });
      await shot(page, '06-reconnecting');
      await expect(page.getByTestId('connection-state')).toHaveText('Connected', { timeout: 60_000 });
      await page.reload();
      await expect(page.getByTestId('inventory-count')).toHaveText(before ?? '');
      await shot(page, '07-after-restart');
    });
  } finally {
    await writeFile(path.join(out, 'summary.json'), JSON.stringify({ at: new Date().toISOString(), steps }, null, 2));
    await writeFile(
      path.join(out, 'summary.md'),
      [
        '# FlipSync desktop smoke run',
        '',
        ...steps.map((s) => `- ${s.ok ? 'ok' : 'FAILED'}: ${s.step}${s.note ? ` (${s.note})` : ''}`),
      ].join('\n') + '\n',
    );
    await app.close();
    await ai.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
