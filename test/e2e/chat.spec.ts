import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { gate, startOpenAiServer } from '../support/openai-server';
import { useAiServer } from './api-client';
import { startServe } from './serve';

const FIRST =
  'Alpha: photograph the hallmark. Bravo: weigh it. Charlie: check sold listings. Delta: list at $85. END-ONE';
const SECOND = `${'Padded mailer, tracked, insured. '.repeat(8)}Zulu marker END-TWO`;

test('chat: streamed reply, reload mid-reply, search, export', async ({ page }) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'flipsync-e2e-chat-'));
  const ai = await startOpenAiServer();
  const served = await startServe(dataDir);
  try {
    await useAiServer(served.url, ai.baseUrl);
    // The reply pauses twice until the page has shown it part-written, so the test sees it grow
    // however slow the machine is.
    const pauses = [gate(), gate()];
    ai.chat.push(
      {
        type: 'chat',
        content: FIRST,
        chunkSize: 3,
        chunkDelayMs: 25,
        usage: { prompt: 25, completion: 40 },
        pauseAfter: [
          { chars: 30, until: pauses[0]!.promise },
          { chars: 60, until: pauses[1]!.promise },
        ],
      },
      { type: 'chat', content: 'Silver ring pricing' },
      { type: 'chat', content: SECOND, chunkSize: 4, chunkDelayMs: 40, usage: { prompt: 80, completion: 70 } },
    );
    await page.goto(served.url);
    const input = page.getByRole('textbox', { name: 'Message', exact: true });
    await expect(input).toBeEnabled();
    await input.fill('How do I price a silver ring?');
    await input.press('Enter');

    // The reply appears progressively: sample the DOM until it is whole, keeping each state.
    const reply = page.getByTestId('message-assistant').last();
    const text = reply.getByTestId('message-text');
    const states: string[] = [];
    const deadline = Date.now() + 20_000;
    while (Date.now() < deadline) {
      const now = (await text.textContent().catch(() => null)) ?? '';
      if (now && now !== states.at(-1)) {
        states.push(now);
        pauses[states.length - 1]?.open();
      }
      if (now === FIRST) break;
      await page.waitForTimeout(20);
    }
    const partial = states.filter((s) => s !== FIRST);
    // At least two different intermediate states, each a beginning of the final text.
    expect(new Set(partial).size).toBeGreaterThanOrEqual(2);
    for (const state of partial) expect(FIRST.startsWith(state)).toBe(true);
    await expect(text).toHaveText(FIRST);
    await expect(reply).toHaveAttribute('data-status', 'done');
    await expect(reply.getByTestId('message-cost')).toContainText('25 in · 40 out');
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Silver ring pricing');

    // A reload in the middle of a slow reply: the page re-attaches and the reply finishes, once.
    await input.fill('And how do I ship it?');
    await input.press('Enter');
    await expect(page.getByTestId('message-assistant').last().getByTestId('message-text')).toContainText(
      'Padded mailer',
    );
    await page.reload();
    const second = page.getByTestId('message-assistant').last();
    await expect(second).toHaveAttribute('data-status', 'streaming');
    await expect(second.getByTestId('message-text')).toHaveText(SECOND, { timeout: 20_000 });
    await expect(second).toHaveAttribute('data-status', 'done');
    await expect(page.getByTestId('conversation-totals')).toContainText('215 tokens');

    // Search finds the conversation by a word that is only in a reply.
    await page.keyboard.press('Control+k');
    await expect(page.getByLabel('Search conversations')).toBeFocused();
    await page.keyboard.type('zulu');
    await expect(page.getByTestId('search-results')).toContainText('Silver ring pricing');
    await expect(page.getByTestId('search-results')).toContainText('Zulu marker');

    // Export downloads the conversation as Markdown.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export Markdown' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^silver-ring-pricing-\d{4}-\d{2}-\d{2}\.md$/);
    const markdown = await readFile((await file.path()) as string, 'utf8');
    expect(markdown).toContain('# Silver ring pricing');
    expect(markdown).toContain('How do I price a silver ring?');
    expect(markdown).toContain(SECOND);
  } finally {
    await served.stop();
    await ai.close();
    await rm(dataDir, { recursive: true, force: true });
  }
});
