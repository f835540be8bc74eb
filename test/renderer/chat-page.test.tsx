import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errors, startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { pageForEachTest } from './support/page';

const REPLY = 'Here is **bold** advice.\n\n<img src=x onerror="window.__pwned=1">\n\n```js\nconst price = 42;\n```\n';

// Real core, real server, on a machine that may be busy: generous per-test time.
describe('Chat page on a real core', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/chat' });
  let server: OpenAiServer;
  beforeEach(async () => {
    server = await startOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  const useServer = () => h.call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });

  it('explains a missing provider and links to Settings instead of failing', async () => {
    const user = h.render();
    const notice = await screen.findByTestId('no-provider');
    expect(screen.getByLabelText('Message')).toHaveProperty('disabled', true);
    expect(notice.textContent).toMatch(/No AI provider is set up/);
    await user.click(within(notice).getByRole('button', { name: 'Open Settings' }));
    expect(window.location.hash).toBe('#/settings?section=ai');
    // It lands on the key field, not at the top of a long page.
    await waitFor(() => expect(document.activeElement?.id).toBe('ai-api-key'));
  });

  it('sends with Enter, streams the reply as sanitised Markdown, and shows tokens and cost', async () => {
    await useServer();
    server.chat.push(
      { type: 'chat', content: REPLY, chunkSize: 5, chunkDelayMs: 3, usage: { prompt: 20, completion: 40 } },
      { type: 'chat', content: 'Pricing advice' },
    );
    const user = h.render();
    const input = await screen.findByLabelText('Message');
    await waitFor(() => expect(input).toHaveProperty('disabled', false));
    await user.type(input, 'How much?{Shift>}{Enter}{/Shift}Be brief.');
    expect((input as HTMLTextAreaElement).value).toBe('How much?\nBe brief.');
    await user.keyboard('{Enter}');

    const reply = await screen.findByTestId('message-assistant');
    // Generous: the machine running the tests may be busy; the reply does finish.
    await waitFor(() => expect(reply.getAttribute('data-status')).toBe('done'), { timeout: 10_000 });
    expect(within(reply).getByText('bold').tagName).toBe('STRONG');
    expect(reply.querySelector('img')).toBeNull();
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
    expect(within(reply).getByRole('button', { name: 'Copy code' })).toBeTruthy();
    expect(reply.querySelector('pre')?.textContent).toContain('const price = 42;');
    await waitFor(() => expect(within(reply).getByTestId('message-cost').textContent).toMatch(/20 in · 40 out · \$/));
    await waitFor(() => expect(screen.getByTestId('conversation-totals').textContent).toMatch(/60 tokens/));
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Pricing advice'));
    expect(screen.getByTestId('message-user').textContent).toContain('How much?\nBe brief.');
  });

  it('shows a failed reply inline with the hint, and Retry answers it', async () => {
    await useServer();
    server.chat.push(errors.quota(), { type: 'chat', content: 'Second try worked.' }, { type: 'chat', content: 'T' });
    const user = h.render();
    await user.type(await screen.findByLabelText('Message'), 'Hello{Enter}');
    const alert = await within(await screen.findByTestId('message-assistant')).findByRole('alert');
    expect(alert.textContent).toMatch(/run out of credit/);
    expect(alert.textContent).toMatch(/billing settings/);
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getByTestId('message-assistant').textContent).toContain('Second try worked.'), {
      timeout: 10_000,
    });
    expect(screen.getAllByTestId('message-assistant')).toHaveLength(1);
  });

  it('stops with Esc and focuses search with Ctrl+K', async () => {
    await useServer();
    server.chat.push({ type: 'chat', content: 'word '.repeat(400), chunkDelayMs: 10 });
    const user = h.render();
    await user.type(await screen.findByLabelText('Message'), 'Talk{Enter}');
    const reply = await screen.findByTestId('message-assistant');
    await waitFor(() => expect(reply.textContent).toContain('word word'));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.getByTestId('message-assistant').getAttribute('data-status')).toBe('stopped'), {
      timeout: 10_000,
    });
    await user.keyboard('{Control>}k{/Control}');
    expect(document.activeElement).toBe(screen.getByLabelText('Search conversations'));
  });

  it('edits a message and resends it, renames and deletes the conversation', async () => {
    await useServer();
    server.chat.push({ type: 'chat', content: 'About jeans.' }, { type: 'chat', content: 'Jeans' });
    const user = h.render();
    await user.type(await screen.findByLabelText('Message'), 'Tell me about jeans{Enter}');
    await waitFor(() => expect(screen.getByTestId('message-assistant').getAttribute('data-status')).toBe('done'), {
      timeout: 10_000,
    });
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Jeans'));

    server.chat.push({ type: 'chat', content: 'About jackets.' });
    await user.click(within(screen.getByTestId('message-user')).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByLabelText('Edit your message');
    await user.clear(edit);
    await user.type(edit, 'Tell me about jackets{Enter}');
    await waitFor(() => expect(screen.getByTestId('message-assistant').textContent).toContain('About jackets.'), {
      timeout: 10_000,
    });
    expect(screen.getByTestId('message-user').textContent).toContain('Tell me about jackets');
    expect(screen.getAllByTestId('message-user')).toHaveLength(1);

    await user.click(screen.getByRole('button', { name: 'Rename' }));
    const title = screen.getByLabelText('Conversation title');
    await user.clear(title);
    await user.type(title, 'Outerwear{Enter}');
    await waitFor(() => expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Outerwear'));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    await user.click(screen.getByRole('button', { name: 'Delete for good' }));
    await waitFor(() => expect(screen.getByText('No conversations yet.')).toBeTruthy());
    expect(await h.call('chat.conversations.list', {})).toEqual([]);
  });
});
