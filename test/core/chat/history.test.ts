import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ActiveReply, Conversation, ConversationView, ReplyStarted, SearchHit } from '../../../src/shared/api';
import { startChatHarness, waitFor, type ChatHarness } from './harness';
import { gate } from '../../support/openai-server';

const SLOW = 'Ship it in a padded envelope with tracking, and photograph the serial number first. '.repeat(4);

describe('chat history: restart, re-attach, search, export, rename, delete', () => {
  let h: ChatHarness;
  beforeEach(async () => {
    h = await startChatHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const view = (conversationId: string) => h.data<ConversationView>('chat.messages.list', { conversationId });

  it('keeps the whole history across a restart on the same data folder', async () => {
    h.server.chat.push({ type: 'chat', content: 'Answer one.' }, { type: 'chat', content: 'Camera pricing' });
    const a = await h.data<ReplyStarted>('chat.send', { text: 'Question one' });
    await h.core.chat.settled();
    const b = await h.data<Conversation>('chat.conversations.create', { title: 'My own title' });
    const before = await view(a.conversationId);

    await h.restart();
    expect(await view(a.conversationId)).toEqual(before);
    const list = await h.data<Conversation[]>('chat.conversations.list');
    expect(list.map((c) => c.id)).toEqual([b.id, a.conversationId]);
    expect(list[0]).toMatchObject({ title: 'My own title', titleBy: 'seller' });
  });

  it('keeps a reply cut off by a shutdown as interrupted, with the text that arrived', async () => {
    // The rest of the reply waits until the shutdown: it cannot finish first on a slow machine.
    const held = gate();
    h.server.chat.push({
      type: 'chat',
      content: SLOW,
      chunkDelayMs: 10,
      pauseAfter: { chars: 40, until: held.promise },
    });
    const { conversationId, assistantMessageId } = await h.data<ReplyStarted>('chat.send', { text: 'Tell me' });
    await waitFor(() => h.events('chat.delta').length > 0, 'deltas');
    await h.restart();
    held.open();
    const reply = (await view(conversationId)).messages.find((m) => m.id === assistantMessageId);
    expect(reply).toMatchObject({ status: 'stopped', interrupted: true });
    expect(reply?.text.length).toBeGreaterThan(0);
    expect(SLOW.startsWith(reply?.text ?? 'x')).toBe(true);
  });

  it('recovers a reply left streaming by a crash: the saved text stays, marked interrupted', async () => {
    const c = await h.data<Conversation>('chat.conversations.create');
    const id = `msg:${c.id.slice(5)}:01JZ0000000000000000000000`;
    const store = h.core.chat.store;
    await store.putMessage({
      id,
      conversationId: c.id,
      role: 'assistant',
      text: 'Half an ans',
      createdAt: '2026-01-01T00:00:00.000Z',
      status: 'streaming',
    });
    await store.setStreamingIds([id]);
    await h.restart();
    expect((await view(c.id)).messages).toEqual([
      expect.objectContaining({ id, text: 'Half an ans', status: 'stopped', interrupted: true }),
    ]);
    expect(await h.core.chat.store.streamingIds()).toMatchObject({ ids: [] });
  });

  it('lets a listener re-attach mid-reply: text so far, then deltas from where it ends', async () => {
    const held = gate();
    h.server.chat.push({
      type: 'chat',
      content: SLOW,
      chunkSize: 4,
      chunkDelayMs: 5,
      pauseAfter: { chars: 60, until: held.promise },
    });
    const { assistantMessageId } = await h.data<ReplyStarted>('chat.send', { text: 'Shipping?' });
    await waitFor(() => h.events('chat.delta').length > 0, 'deltas');

    // A "reloaded window": listen first, then ask what is in progress, then apply by offset.
    const late: { text: string; offset: number }[] = [];
    const off = h.core.events.on('chat.delta', (d) => late.push(d));
    const active = await h.data<ActiveReply[]>('chat.active');
    expect(active).toEqual([expect.objectContaining({ messageId: assistantMessageId })]);
    let text = active[0]?.text ?? '';
    expect(text.length).toBeGreaterThan(0);
    expect(text.length).toBeLessThan(SLOW.length);
    held.open();
    await h.core.chat.settled();
    off();
    for (const d of late) if (d.offset + d.text.length > text.length) text = text.slice(0, d.offset) + d.text;
    expect(text).toBe(SLOW);
  });

  it('finds conversations by title and by message text', async () => {
    h.server.chat.push(
      { type: 'chat', content: 'Use a Tyvek mailer for the Levi’s 501 jeans.' },
      { type: 'chat', content: 'Mailing jeans' },
      { type: 'chat', content: 'Try 29.99.' },
      { type: 'chat', content: 'Lamp price' },
    );
    const jeans = await h.data<ReplyStarted>('chat.send', { text: 'How do I ship denim?' });
    await h.core.chat.settled();
    const lamp = await h.data<ReplyStarted>('chat.send', { text: 'What is a fair price for a brass lamp?' });
    await h.core.chat.settled();

    const byText = await h.data<SearchHit[]>('chat.conversations.search', { query: 'tyvek 501' });
    expect(byText).toEqual([
      expect.objectContaining({ conversationId: jeans.conversationId, snippet: expect.stringContaining('Tyvek') }),
    ]);
    const byTitle = await h.data<SearchHit[]>('chat.conversations.search', { query: 'LAMP price' });
    expect(byTitle.map((hit) => hit.conversationId)).toEqual([lamp.conversationId]);
    expect(await h.data('chat.conversations.search', { query: 'nothing like this' })).toEqual([]);
  });

  it('exports Markdown and JSON', async () => {
    h.server.chat.push(
      { type: 'chat', content: '| Item | Price |\n|---|---|\n| Lamp | $30 |', usage: { prompt: 9, completion: 12 } },
      { type: 'chat', content: 'Brass lamp' },
    );
    const { conversationId } = await h.data<ReplyStarted>('chat.send', { text: 'Table please' });
    await h.core.chat.settled();
    const md = await h.data<{ fileName: string; mimeType: string; text: string }>('chat.export', {
      conversationId,
      format: 'markdown',
    });
    expect(md.fileName).toMatch(/^brass-lamp-\d{4}-\d{2}-\d{2}\.md$/);
    expect(md.mimeType).toBe('text/markdown');
    expect(md.text).toContain('# Brass lamp');
    expect(md.text).toContain('## You');
    expect(md.text).toContain('| Lamp | $30 |');
    const json = await h.data<{ text: string }>('chat.export', { conversationId, format: 'json' });
    const parsed = JSON.parse(json.text) as { messages: { text: string }[]; totals: { completionTokens: number } };
    expect(parsed.messages.map((m) => m.text)).toEqual(['Table please', '| Item | Price |\n|---|---|\n| Lamp | $30 |']);
    expect(parsed.totals.completionTokens).toBe(12);
  });

  it('renames (a seller title is never replaced) and deletes', async () => {
    h.server.chat.push({ type: 'chat', content: 'Ok.' }, { type: 'chat', content: 'AI title' });
    const c = await h.data<Conversation>('chat.conversations.create');
    await h.data('chat.conversations.rename', { conversationId: c.id, title: '  Mine  ' });
    await h.data('chat.send', { conversationId: c.id, text: 'Hello there' });
    await h.core.chat.settled();
    expect((await view(c.id)).conversation).toMatchObject({ title: 'Mine', titleBy: 'seller' });

    expect(await h.data('chat.conversations.delete', { conversationId: c.id })).toEqual({ deleted: true });
    expect(await h.data('chat.conversations.list')).toEqual([]);
    expect(await h.call('chat.messages.list', { conversationId: c.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await h.core.chat.store.allMessages(c.id)).toEqual([]);
    expect(h.events('chat.conversation').map((e) => e.change)).toEqual(['created', 'renamed', 'deleted']);
  });

  it('validates ids and text at the boundary', async () => {
    expect(await h.call('chat.send', { text: '   ' })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(await h.call('chat.stop', { conversationId: 'conv:nope' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
  });
});
