import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOpenAiServer } from '../support/openai-server';
import { createTestCa } from '../support/tls-ca';
import { startServe } from './serve';

test('Settings → AI: an HTTPS endpoint signed by an unknown CA fails with the hint, then works once its CA certificate file is set', async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-ai-'));
  // A "corporate proxy": HTTPS with a certificate chain this machine does not trust.
  const ca = await createTestCa('E2E Proxy');
  const ai = await startOpenAiServer({ tls: await ca.issue(), apiKey: 'sk-e2e-0123456789' });
  const caFile = await ca.writeRoot(dataDir, 'proxy-root.pem');
  const served = await startServe(path.join(dataDir, 'data'));
  try {
    await page.goto(served.url + '#/settings');
    // One form, top to bottom: provider, address, key, one Save.
    await page.getByLabel('Provider', { exact: true }).selectOption('custom');
    await page.getByLabel('Base URL').fill(ai.baseUrl);
    await page.getByLabel('API key').fill('sk-e2e-0123456789');
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await expect(page.getByTestId('ai-save-status')).toHaveText('Saved.');
    // Browser mode has no keychain, and says so: the key is in the data folder's secrets file.
    await expect(page.getByTestId('ai-key-status')).toHaveText(
      `A key for ${new URL(ai.baseUrl).host} is stored in ${path.join(dataDir, 'data', 'secrets', 'secrets.json')}, a file only your user can read (not encrypted).`,
    );
    // The key never comes back to the page.
    await expect(page.getByLabel('API key')).toHaveValue('');

    await page.getByRole('button', { name: 'Test connection' }).click();
    const result = page.getByTestId('ai-test-result');
    await expect(result.getByRole('alert')).toContainText("Add your organisation's certificate", { timeout: 30_000 });
    await expect(result).not.toContainText('sk-e2e');

    await page.getByLabel('CA certificate file (PEM)').fill(caFile);
    await page.getByRole('button', { name: 'Save AI settings' }).click();
    await expect(page.getByTestId('ai-save-status')).toHaveText('Saved.');
    await page.getByRole('button', { name: 'Test connection' }).click();
    await expect(result).toContainText(`Connected to ${ai.baseUrl}`, { timeout: 30_000 });
    await expect(result).toContainText(/answered in \d+ ms/);
  } finally {
    await served.stop();
    await ai.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
