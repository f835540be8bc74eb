import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServe } from './serve';

test('a setting changed in the browser survives a reload and a server restart', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-'));
  try {
    let served = await startServe(dataDir);
    await page.goto(served.url);

    // The status line reports the live core: connected, and where the data lives.
    await expect(page.getByTestId('connection-state')).toHaveText('Connected (browser mode)');
    await expect(page.getByTestId('status-bar')).toContainText(dataDir);
    await expect(page.getByRole('heading', { name: 'Chat' })).toBeVisible();

    await page.getByRole('link', { name: 'Settings' }).click();
    const model = page.getByLabel('Model', { exact: true });
    await expect(model).toHaveValue('gpt-4o-mini');
    await model.fill('llama3.1:8b');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await expect(page.getByTestId('ai-save-status')).toHaveText('Saved.');
    await page.getByLabel('Theme').selectOption('dark');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByTestId('save-status')).toHaveText('Saved.');

    await page.reload();
    await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama3.1:8b');
    await expect(page.getByLabel('Theme')).toHaveValue('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');

    // A bad value is refused with the core's reason, and what was saved stays.
    await page.getByLabel('Currency', { exact: true }).fill('dollars');
    await page.getByRole('button', { name: 'Save settings' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'three-letter currency code' })).toBeVisible();

    await served.stop();
    await expect(page.getByTestId('connection-state')).toHaveText('Disconnected (browser mode)');

    served = await startServe(dataDir);
    await page.goto(served.url + '#/settings');
    await expect(page.getByLabel('Model', { exact: true })).toHaveValue('llama3.1:8b');
    await expect(page.getByLabel('Currency', { exact: true })).toHaveValue('USD');
    await served.stop();
  } finally {
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('the API refuses a page opened without the token', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-'));
  const served = await startServe(dataDir);
  try {
    await page.goto(served.url.replace(/\?token=.*/, '#/settings'));
    await expect(page.getByRole('alert')).toContainText('without its access token');
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});

test('a checkbox setting’s help line sits under its label, not in the narrow checkbox column (Quiet hours)', async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-'));
  const served = await startServe(dataDir);
  try {
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(served.url + '#/settings');
    const quiet = page.locator('.field.checkbox').filter({ has: page.getByLabel('Quiet hours', { exact: true }) });
    await expect(quiet.locator('small')).toBeVisible();
    const fields = page.locator('.field.checkbox').filter({ has: page.locator('small') });
    expect(await fields.count()).toBeGreaterThan(0);
    for (const field of await fields.all()) {
      const box = async (selector: string) => (await field.locator(selector).first().boundingBox())!;
      const [label, input, help] = [await box('label'), await box('input'), await box('small')];
      // The help starts where the label starts, right of the checkbox, and below the label.
      expect(Math.abs(help.x - label.x)).toBeLessThan(2);
      expect(help.x).toBeGreaterThan(input.x + input.width);
      expect(help.y).toBeGreaterThanOrEqual(label.y + label.height - 1);
    }
  } finally {
    await served.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
});
