import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startOpenAiServer } from '../support/openai-server';
import { useAiServer } from './api-client';
import { expectTabStaysInside } from './focus';
import { startServe } from './serve';

test('editing an early message asks by keyboard: focus stays in the question, Escape keeps the later turns', async ({
  page,
}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-chat-edit-'));
  const ai = await startOpenAiServer();
  const served = await startServe(dataDir);
  try {
    await useAiServer(served.url, ai.baseUrl);
    ai.chat.push(
      { type: 'chat', content: 'About jeans.' },
      { type: 'chat', content: 'Jeans' },
      { type: 'chat', content: 'About sizes.' },
      { type: 'chat', content: 'About jackets.' },
    );
    await page.goto(served.url + '#/chat');
    const input = page.getByRole('textbox', { name: 'Message', exact: true });
    const replies = page.getByTestId('message-assistant');
    for (const [i, text] of ['Tell me about jeans', 'And sizes?'].entries()) {
      await input.fill(text);
      await input.press('Enter');
      await expect(replies.nth(i)).toHaveAttribute('data-status', 'done');
    }

    await page.getByTestId('message-user').first().getByRole('button', { name: 'Edit' }).click();
    const edit = page.getByLabel('Edit your message');
    await edit.fill('Tell me about jackets');
    await edit.press('Enter');
    const ask = page.getByRole('alertdialog', { name: 'Replace the later messages?' });
    await expect(ask).toContainText('This replaces the 3 later messages');
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await expectTabStaysInside(page, ask, 6);
    await page.keyboard.press('Escape');
    await expect(ask).toHaveCount(0);
    await expect(edit).toBeFocused();
    await expect(edit).toHaveValue('Tell me about jackets');
    await expect(replies).toHaveCount(2);

    await edit.press('Enter');
    await expect(ask.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(ask.getByRole('button', { name: 'Replace' })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(replies).toHaveCount(1);
    await expect(replies.first()).toContainText('About jackets.');
    await expect(page.getByTestId('message-user')).toHaveCount(1);
    await expect(page.getByTestId('message-user')).toContainText('Tell me about jackets');
  } finally {
    await served.stop();
    await ai.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
