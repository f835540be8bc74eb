import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { createTestCa } from '../support/tls-ca';
import { pageForEachTest } from './support/page';

const KEY = 'sk-renderer-canary-5f1c2b9e7a';

describe('Settings → AI', () => {
  const h = pageForEachTest({ hash: '#/settings' });
  let server: OpenAiServer;
  beforeEach(async () => {
    server = await startOpenAiServer({ apiKey: KEY, models: ['gpt-4o-mini', 'gpt-4.1-mini'] });
    await h.call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
  });
  afterEach(async () => {
    await server.close();
  });

  it('stores a key write-only, tests the connection and shows the spend', async () => {
    const user = h.render();
    await waitFor(() => expect(screen.getByTestId('ai-key-status').textContent).toMatch(/No key stored/));

    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Save key' }));
    await waitFor(() => expect(screen.getByTestId('ai-key-status').textContent).toMatch(/A key is stored/));
    expect(screen.getByLabelText('API key')).toHaveProperty('value', '');

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = screen.getByTestId('ai-test-result');
    await waitFor(() =>
      expect(result.textContent).toMatch(/Connected to http:\/\/127\.0\.0\.1:\d+\/v1: gpt-4o-mini answered in \d+ ms/),
    );
    await waitFor(() => expect(screen.getByTestId('ai-spend').textContent).toMatch(/1 call/));
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('shows the classified TLS error and its hint for an untrusted CA', async () => {
    const ca = await createTestCa('Corp');
    const tlsServer = await startOpenAiServer({ tls: await ca.issue() });
    try {
      await h.call('settings.set', { ai: { baseUrl: tlsServer.baseUrl } });
      const user = h.render();
      await user.click(await screen.findByRole('button', { name: 'Test connection' }));
      const alert = await within(screen.getByTestId('ai-test-result')).findByRole('alert');
      expect(alert.textContent).toMatch(/unknown issuer/);
      expect(alert.textContent).toContain('Settings → AI → CA file');
    } finally {
      await tlsServer.close();
    }
  });

  it('picks the model from the endpoint’s list and saves it', async () => {
    await h.call('ai.setKey', { key: KEY });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Load models' }));
    await user.selectOptions(await screen.findByLabelText('Available models'), 'gpt-4.1-mini');
    await user.click(screen.getByRole('button', { name: 'Use this model' }));
    await waitFor(async () => expect((await saved()).ai.model).toBe('gpt-4.1-mini'));
  });

  it('edits the price table and shows the core’s reason for a bad price', async () => {
    const user = h.render();
    const input = await screen.findByLabelText('Input price, row 1');
    await user.clear(input);
    await user.type(input, '0.2');
    await user.click(screen.getByRole('button', { name: 'Save prices' }));
    await waitFor(() => expect(screen.getByTestId('ai-prices-status').textContent).toBe('Prices saved.'));
    const prices = await h.call('ai.prices.get', {});
    expect(prices[0]).toMatchObject({ model: 'gpt-4o-mini', inputPerMTok: 0.2 });

    const output = screen.getByLabelText('Output price, row 2');
    await user.clear(output);
    await user.type(output, '-1');
    await user.click(screen.getByRole('button', { name: 'Save prices' }));
    expect((await screen.findByText(/Prices not saved/)).textContent).toMatch(
      /row 2 output price: A price cannot be negative/,
    );
  });

  const saved = () => h.call('settings.get', {});
});
