import path from 'node:path';
import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { createTestCa } from '../support/tls-ca';
import { pageForEachTest } from './support/page';

const KEY = 'sk-renderer-canary-5f1c2b9e7a';
/** Waits on a condition, with room for a loaded 2-core machine. */
const slow = { timeout: 15_000 };

// Whole flows typed through user-event: a loaded 2-core machine needs more than the default 5 s.
describe('Settings → AI', { timeout: 30_000 }, () => {
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
    await waitFor(() => expect(screen.getByTestId('ai-key-status').textContent).toMatch(/No key stored/), slow);

    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    // Browser mode has no keychain: the panel says where the key really is.
    await waitFor(
      () =>
        expect(screen.getByTestId('ai-key-status').textContent).toBe(
          `A key for ${host()} is stored in ${path.join(h.core.platform.dataDir, 'secrets', 'secrets.json')}, a file only your user can read (not encrypted).`,
        ),
      slow,
    );
    expect(screen.getByLabelText('API key')).toHaveProperty('value', '');

    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    const result = screen.getByTestId('ai-test-result');
    await waitFor(
      () =>
        expect(result.textContent).toMatch(
          /Connected to http:\/\/127\.0\.0\.1:\d+\/v1: gpt-4o-mini answered in \d+ ms/,
        ),
      slow,
    );
    await waitFor(() => expect(screen.getByTestId('ai-spend').textContent).toMatch(/1 call/));
    expect(document.body.innerHTML).not.toContain(KEY);
  });

  it('is one flow top to bottom: provider, address, model, key, then Test connection saves and tests', async () => {
    await h.call('settings.set', { ai: { preset: 'openai', baseUrl: '' } });
    const user = h.render();
    const fields = ['Provider', 'Base URL', 'Model', 'API key', 'CA certificate file (PEM)', 'Daily budget (USD)'];
    await screen.findByLabelText('Provider');
    const order = fields.map((label) => screen.getByLabelText(label));
    const form = order[0]!.closest('form')!;
    // One form holds them all, in this order, with Save and Test connection after them.
    for (const [i, el] of order.entries()) {
      expect(el.closest('form')).toBe(form);
      if (i > 0) expect(order[i - 1]!.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
    const buttons = within(form)
      .getAllByRole('button')
      .map((b) => b.textContent);
    expect(buttons.filter((b) => /^Save/.test(b ?? ''))).toEqual(['Save AI settings']);
    expect(buttons).toContain('Test connection');

    await user.selectOptions(screen.getByLabelText('Provider'), 'custom');
    await user.type(screen.getByLabelText('Base URL'), server.baseUrl);
    await user.clear(screen.getByLabelText('Model'));
    await user.type(screen.getByLabelText('Model'), 'gpt-4.1-mini');
    await user.type(screen.getByLabelText('API key'), KEY);
    await user.click(screen.getByRole('button', { name: 'Test connection' }));
    await waitFor(
      () => expect(screen.getByTestId('ai-test-result').textContent).toMatch(/Connected to .*: gpt-4.1-mini answered/),
      { timeout: 15_000 },
    );
    expect((await saved()).ai).toMatchObject({ preset: 'custom', baseUrl: server.baseUrl, model: 'gpt-4.1-mini' });
    expect(await h.call('ai.keyStatus', {})).toMatchObject({ stored: true, savedFor: host() });
  });

  it('a key saved for OpenAI, then Custom chosen: says whose key it is and asks for this server’s', async () => {
    await h.call('settings.set', { ai: { preset: 'openai', baseUrl: '' } });
    await h.call('ai.setKey', { key: KEY });
    const user = h.render();
    await waitFor(
      () => expect(screen.getByTestId('ai-key-status').textContent).toMatch(/A key for api.openai.com/),
      slow,
    );
    await user.selectOptions(screen.getByLabelText('Provider'), 'custom');
    await user.type(screen.getByLabelText('Base URL'), server.baseUrl);
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    await waitFor(
      () =>
        expect(screen.getByTestId('ai-key-status').textContent).toBe(
          `The stored key is for api.openai.com, so it is not sent to ${host()}. Paste the key for ${host()} (or none, if it needs none).`,
        ),
      slow,
    );
  });

  it('refuses a CA certificate file that does not exist beside the field, on save', async () => {
    const user = h.render();
    const missing = path.join(h.core.platform.dataDir, 'no-such.pem');
    await user.type(await screen.findByLabelText('CA certificate file (PEM)'), missing);
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    const field = screen.getByLabelText('CA certificate file (PEM)');
    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'), slow);
    expect(screen.getByTestId('ai-save-status').textContent).toContain(
      `There is no CA certificate file at ${missing}.`,
    );
    expect((await saved()).ai.caFile).toBe('');
    // What was typed stays for the seller to correct.
    expect(field).toHaveProperty('value', missing);
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
      expect(alert.textContent).toContain('Settings → AI → CA certificate file');
    } finally {
      await tlsServer.close();
    }
  });

  it('picks the model from the endpoint’s list and saves it', async () => {
    await h.call('ai.setKey', { key: KEY });
    const user = h.render();
    await user.click(await screen.findByRole('button', { name: 'Load models' }));
    await user.selectOptions(await screen.findByLabelText('Available models', {}, { timeout: 15_000 }), 'gpt-4.1-mini');
    await user.click(screen.getByRole('button', { name: 'Use this model' }));
    expect(screen.getByLabelText('Model')).toHaveProperty('value', 'gpt-4.1-mini');
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    await waitFor(async () => expect((await saved()).ai.model).toBe('gpt-4.1-mini'));
  });

  it('says what automatic image support means for the model typed, and saves the seller’s choice', async () => {
    const user = h.render();
    const note = await screen.findByTestId('ai-vision-note');
    // The custom address set before each test: its model could be anything, so no images.
    expect(screen.getByLabelText('Model accepts images')).toHaveProperty('value', 'auto');
    expect(note.textContent).toMatch(/^Automatic means no for gpt-4o-mini \(local and custom models: tick Yes/);
    await user.selectOptions(screen.getByLabelText('Provider'), 'openai');
    await user.clear(screen.getByLabelText('Base URL'));
    expect(note.textContent).toMatch(/^Automatic means yes for gpt-4o-mini\. With images on/);
    await user.selectOptions(screen.getByLabelText('Provider'), 'ollama');
    await user.selectOptions(screen.getByLabelText('Model accepts images'), 'yes');
    await user.click(screen.getByRole('button', { name: 'Save AI settings' }));
    await waitFor(async () => expect((await saved()).ai).toMatchObject({ preset: 'ollama', vision: 'yes' }));
  });

  it('edits the price table and shows the core’s reason for a bad price', async () => {
    const user = h.render();
    const input = await screen.findByLabelText('Input price, row 1', {}, { timeout: 15_000 });
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
  const host = () => new URL(server.baseUrl).host;
});
