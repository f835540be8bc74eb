import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setTransport } from '../../src/renderer/src/api/transport';
import { App } from '../../src/renderer/src/App';
import { useChatStore } from '../../src/renderer/src/stores/chat';
import type { Core } from '../../src/main/core/core';
import { startCore } from '../support/core';
import { errors, startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { tempDir } from '../support/temp-dir';
import { inProcessTransport } from './in-process-transport';

const inProc = { transport: 'in-process' } as const;
const REPLY = 'Here is **bold** advice.\n\n<img src=x onerror="window.__pwned=1">\n\n```js\nconst price = 42;\n```\n';

// Real core, real server, on a machine that may be busy: generous per-test time.
describe('Chat page on a real core', { timeout: 30_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let server: OpenAiServer;
  beforeEach(async () => {
    dir = await tempDir();
    core = await startCore(dir.path);
    server = await startOpenAiServer();
    setTransport(inProcessTransport(core));
    useChatStore.setState(useChatStore.getInitialState());
    window.location.hash = '#/chat';
  });
  afterEach(async () => {
    cleanup();
    setTransport(null);
    await core.close();
    await server.close();
    await dir.remove();
  });

  const useServer = () => core.dispatch('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } }, inProc);

  it('explains a missing provider and links to Settings instead of failing', async () => {
    render(<App />);
    const notice = await screen.findByTestId('no-provider');
    expect(screen.getByLabelText('Message')).toHaveProperty('disabled', true);
    expect(notice.textContent).toMatch(/No AI provider is set up/);
    await userEvent.setup().click(within(notice).getByRole('button', { name: 'Open Settings' }));
    expect(window.location.hash).toBe('#/settings');
  });

  it('sends with Enter, streams the reply as sanitised Markdown, and shows tokens and cost', async () => {
    await useServer();
    server.chat.push(
      { type: 'chat', content: REPLY, chunkSize: 5, chunkDelayMs: 3, usage: { prompt: 20, completion: 40 } },
      { type: 'chat', content: 'Pricing advice' },
    );
    const user = userEvent.setup();
    render(<App />);
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
    const user = userEvent.setup();
    render(<App />);
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
    const user = userEvent.setup();
    render(<App />);
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
    const user = userEvent.setup();
    render(<App />);
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
    const list = await core.dispatch('chat.conversations.list', {}, inProc);
    expect(list).toEqual({ ok: true, data: [] });
  });
});
