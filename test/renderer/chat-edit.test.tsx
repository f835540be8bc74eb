import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { pageForEachTest } from './support/page';

/** Edit-and-resend of an early message replaces every later turn: only after the seller says so. */
describe('Chat edit and resend on a real core', () => {
  const h = pageForEachTest({ hash: '#/chat' });
  let server: OpenAiServer;
  beforeEach(async () => {
    server = await startOpenAiServer();
  });
  afterEach(async () => {
    await server.close();
  });

  /** A conversation of two turns, made through core as the composer makes it. */
  async function twoTurns(): Promise<string> {
    await h.call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl } });
    server.chat.push(
      { type: 'chat', content: 'About jeans.' },
      { type: 'chat', content: 'Jeans' },
      { type: 'chat', content: 'About sizes.' },
    );
    const { conversationId } = await h.call('chat.send', { text: 'Tell me about jeans' });
    await h.core.chat.settled();
    await h.call('chat.send', { conversationId, text: 'And sizes?' });
    await h.core.chat.settled();
    return conversationId;
  }

  const texts = async (conversationId: string) =>
    (await h.call('chat.messages.list', { conversationId })).messages.map((m) => m.text);
  const chatRequests = () => server.requests.filter((r) => r.path.endsWith('/chat/completions')).length;

  /** Opens the conversation from the list, as the seller does. */
  async function open(user: ReturnType<typeof h.render>) {
    await user.click(await screen.findByRole('button', { name: /^Jeans/ }));
    await waitFor(() => expect(screen.getAllByTestId('message-user')).toHaveLength(2));
  }

  async function editFirst(user: ReturnType<typeof h.render>, text: string) {
    await open(user);
    await user.click(within(screen.getAllByTestId('message-user')[0]!).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByLabelText('Edit your message');
    await user.clear(edit);
    await user.type(edit, `${text}{Enter}`);
    return edit;
  }

  it('asks before replacing later turns; Escape and Cancel keep them and the edited text', async () => {
    const id = await twoTurns();
    const before = await texts(id);
    const requests = chatRequests();
    const user = h.render();
    const edit = await editFirst(user, 'Tell me about jackets');

    const ask = await screen.findByRole('alertdialog', { name: 'Replace the later messages?' });
    expect(ask.textContent).toMatch(/This replaces the 3 later messages/);
    // Focus starts on Cancel, so a stray Enter never replaces anything.
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(edit).toHaveProperty('value', 'Tell me about jackets');

    await user.click(screen.getByRole('button', { name: 'Save and send' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());

    expect(await texts(id)).toEqual(before);
    expect(chatRequests()).toBe(requests);
    expect(screen.getAllByTestId('message-assistant')).toHaveLength(2);
    expect(screen.getByLabelText('Edit your message')).toHaveProperty('value', 'Tell me about jackets');
  });

  it('drops the later turns only on Replace', async () => {
    const id = await twoTurns();
    const user = h.render();
    await editFirst(user, 'Tell me about jackets');
    server.chat.push({ type: 'chat', content: 'About jackets.' });
    const ask = await screen.findByRole('alertdialog', { name: 'Replace the later messages?' });
    await user.click(within(ask).getByRole('button', { name: 'Replace' }));

    await waitFor(() => expect(screen.getByTestId('message-assistant').textContent).toContain('About jackets.'));
    expect(screen.getAllByTestId('message-user')).toHaveLength(1);
    await h.core.chat.settled();
    expect(await texts(id)).toEqual(['Tell me about jackets', 'About jackets.']);
  });

  it('resends an edit of the last message of yours without asking', async () => {
    const id = await twoTurns();
    const user = h.render();
    await open(user);
    server.chat.push({ type: 'chat', content: 'About widths.' });
    await user.click(within(screen.getAllByTestId('message-user')[1]!).getByRole('button', { name: 'Edit' }));
    const edit = screen.getByLabelText('Edit your message');
    await user.clear(edit);
    await user.type(edit, 'And widths?{Enter}');

    await waitFor(() => expect(screen.getAllByTestId('message-assistant')[1]!.textContent).toContain('About widths.'));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    await h.core.chat.settled();
    expect(await texts(id)).toEqual(['Tell me about jeans', 'About jeans.', 'And widths?', 'About widths.']);
  });
});
