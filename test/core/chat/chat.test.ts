import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChatMessage, Conversation, ConversationView, ReplyStarted } from '../../../src/shared/api';
import { errors, gate } from '../../support/openai-server';
import { startChatHarness, waitFor, type ChatHarness } from './harness';

const LONG = 'Price it at **$42** and list it on Thursday evening, when most buyers browse. '.repeat(3);

describe('chat on a real core against the scripted server', () => {
  let h: ChatHarness;
  beforeEach(async () => {
    h = await startChatHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  const view = (conversationId: string) => h.data<ConversationView>('chat.messages.list', { conversationId });
  const deltasOf = (messageId: string) => h.events('chat.delta').filter((d) => d.messageId === messageId);

  it('streams a reply as ordered deltas, saves it with usage and cost, and titles the conversation', async () => {
    h.server.chat.push(
      { type: 'chat', content: LONG, chunkSize: 3, chunkDelayMs: 2, usage: { prompt: 30, completion: 60 } },
      { type: 'chat', content: '"Pricing a vintage camera."', usage: { prompt: 50, completion: 5 } },
    );
    const conversation = await h.data<Conversation>('chat.conversations.create');
    expect(conversation).toMatchObject({ title: 'New conversation', titleBy: 'none', lastMessage: null });

    const started = await h.data<ReplyStarted>('chat.send', {
      conversationId: conversation.id,
      text: 'How should I price my vintage Canon AE-1 camera?',
    });
    await h.core.chat.settled();

    const deltas = deltasOf(started.assistantMessageId);
    expect(deltas.length).toBeGreaterThan(1);
    // In order, without gaps or repeats: each starts where the previous one ended.
    let offset = 0;
    for (const d of deltas) {
      expect(d.offset).toBe(offset);
      offset += d.text.length;
    }
    expect(deltas.map((d) => d.text).join('')).toBe(LONG);

    const statuses = h.events('chat.message').filter((e) => e.message.id === started.assistantMessageId);
    expect(statuses.map((e) => e.message.status)).toEqual(['streaming', 'done']);

    const saved = await view(conversation.id);
    expect(saved.messages.map((m) => [m.role, m.status])).toEqual([
      ['user', 'done'],
      ['assistant', 'done'],
    ]);
    const reply = saved.messages[1] as ChatMessage;
    expect(reply).toMatchObject({
      text: LONG,
      model: 'gpt-4o-mini',
      agent: 'assistant',
      usage: { promptTokens: 30, completionTokens: 60, cachedTokens: 0 },
    });
    expect(reply.costUsd).toBeGreaterThan(0);
    expect(saved.totals).toMatchObject({ promptTokens: 30, completionTokens: 60, unpricedReplies: 0 });
    expect(saved.totals.costUsd).toBeCloseTo(reply.costUsd as number, 10);

    // The AI saw the system prompt and the question, and the title came from a second, small call.
    const [first] = h.server.requests.filter((r) => r.path === '/v1/chat/completions');
    expect((first?.body?.messages as { role: string }[]).map((m) => m.role)).toEqual(['system', 'user']);
    const list = await h.data<Conversation[]>('chat.conversations.list');
    expect(list[0]).toMatchObject({
      id: conversation.id,
      title: 'Pricing a vintage camera',
      titleBy: 'ai',
      lastMessage: { role: 'assistant', preview: expect.stringContaining('Price it at **$42**') },
    });
  });

  it('batches a fast stream into fewer events than chunks', async () => {
    const text = 'abcdefghij'.repeat(200);
    h.server.chat.push({ type: 'chat', content: text, chunkSize: 1 });
    const started = await h.data<ReplyStarted>('chat.send', { text: 'Go' });
    await h.core.chat.settled();
    const deltas = deltasOf(started.assistantMessageId);
    expect(deltas.map((d) => d.text).join('')).toBe(text);
    expect(deltas.length).toBeLessThan(text.length / 4);
  });

  it('keeps the partial reply as stopped when the seller stops it, and saves as it goes', async () => {
    // The server holds the rest of the reply until the test has stopped it: no race with the end.
    const held = gate();
    h.server.chat.push({
      type: 'chat',
      content: LONG.repeat(4),
      chunkSize: 2,
      chunkDelayMs: 2,
      pauseAfter: { chars: 60, until: held.promise },
    });
    const { conversationId, assistantMessageId } = await h.data<ReplyStarted>('chat.send', { text: 'Write a lot' });
    // Saved while streaming, before the end: a crash now would keep this text.
    await waitFor(() => deltasOf(assistantMessageId).length > 0, 'some deltas');
    const inProgress = await vi.waitFor(
      async () => {
        const doc = await h.core.chat.store.messageDoc(assistantMessageId);
        expect(doc?.text.length).toBeGreaterThan(0);
        return doc;
      },
      { timeout: 15_000, interval: 10 },
    );
    expect(inProgress?.status).toBe('streaming');

    expect(await h.data('chat.stop', { conversationId })).toEqual({ stopped: true });
    const reply = (await view(conversationId)).messages[1] as ChatMessage;
    expect(reply.status).toBe('stopped');
    expect(reply.text.length).toBeGreaterThan(0);
    expect(LONG.repeat(4).startsWith(reply.text)).toBe(true);
    expect(reply.text.length).toBeLessThan(LONG.length * 4);
    expect(await h.data('chat.active')).toEqual([]);
    expect(await h.data('chat.stop', { conversationId })).toEqual({ stopped: false });
    held.open();
  });

  it('regenerates the last reply, keeping the earlier one in storage', async () => {
    h.server.chat.push({ type: 'chat', content: 'First answer.' }, { type: 'chat', content: 'Title' });
    const { conversationId, assistantMessageId } = await h.data<ReplyStarted>('chat.send', { text: 'Hello?' });
    await h.core.chat.settled();
    h.server.chat.push({ type: 'chat', content: 'Second answer.', usage: { prompt: 10, completion: 3 } });
    const again = await h.data<ReplyStarted>('chat.regenerate', { conversationId });
    await h.core.chat.settled();

    const saved = await view(conversationId);
    expect(saved.messages.map((m) => m.text)).toEqual(['Hello?', 'Second answer.']);
    expect(saved.messages[1]).toMatchObject({ id: again.assistantMessageId, replaces: assistantMessageId });
    const stored = await h.core.chat.store.allMessages(conversationId);
    expect(stored.map((m) => m.text)).toEqual(['Hello?', 'First answer.', 'Second answer.']);
    // The regenerated answer was asked with the same history, without the replaced answer.
    const last = h.server.requests.at(-1)?.body?.messages as { role: string; content: string }[];
    expect(last.map((m) => m.content)).toEqual([expect.any(String), 'Hello?']);
  });

  it('edits a message and resends it: later messages leave the thread', async () => {
    h.server.chat.push(
      { type: 'chat', content: 'A1' },
      { type: 'chat', content: 'T' },
      { type: 'chat', content: 'A2' },
    );
    const first = await h.data<ReplyStarted>('chat.send', { text: 'Q1' });
    await h.core.chat.settled();
    await h.data('chat.send', { conversationId: first.conversationId, text: 'Q2' });
    await h.core.chat.settled();
    h.server.chat.push({ type: 'chat', content: 'A1 edited' });
    await h.data('chat.editAndResend', {
      conversationId: first.conversationId,
      messageId: first.userMessageId,
      text: 'Q1 edited',
    });
    await h.core.chat.settled();
    expect((await view(first.conversationId)).messages.map((m) => m.text)).toEqual(['Q1 edited', 'A1 edited']);
    expect(await h.core.chat.store.allMessages(first.conversationId)).toHaveLength(6);
  });

  it('records a server error as a failed reply with the classified error; the conversation stays', async () => {
    // 500s are retried; `retry-after-ms` keeps the retries quick, then the error is shown.
    const failing = { ...errors.server(500), headers: { 'retry-after-ms': '1' } };
    h.server.chat.push({ type: 'chat', content: 'Fine.' }, { type: 'chat', content: 'T' });
    h.server.chat.push(failing, failing, failing, failing);
    const first = await h.data<ReplyStarted>('chat.send', { text: 'One' });
    await h.core.chat.settled();
    const second = await h.data<ReplyStarted>('chat.send', { conversationId: first.conversationId, text: 'Two' });
    await h.core.chat.settled();

    const saved = await view(first.conversationId);
    expect(saved.messages.map((m) => m.status)).toEqual(['done', 'done', 'done', 'failed']);
    expect(saved.messages[3]).toMatchObject({
      id: second.assistantMessageId,
      error: { kind: 'server', message: expect.stringContaining('500'), hint: expect.any(String) },
    });
    const failed = h.events('chat.message').find((e) => e.message.status === 'failed');
    expect(failed?.message.error?.kind).toBe('server');

    // Retry = regenerate: the failed reply is replaced and not sent back to the AI as history.
    h.server.chat.push({ type: 'chat', content: 'Two, answered.' });
    await h.data('chat.regenerate', { conversationId: first.conversationId });
    await h.core.chat.settled();
    expect((await view(first.conversationId)).messages.map((m) => m.text)).toEqual([
      'One',
      'Fine.',
      'Two',
      'Two, answered.',
    ]);
  });

  it('explains a missing API key on the reply instead of failing the send', async () => {
    // OpenAI needs a key; the scripted server is only a custom endpoint, which may go without.
    await h.data('settings.set', { ai: { preset: 'openai', baseUrl: h.server.baseUrl } });
    await h.data('ai.clearKey');
    const { conversationId } = await h.data<ReplyStarted>('chat.send', { text: 'Hi' });
    await h.core.chat.settled();
    const reply = (await view(conversationId)).messages[1];
    expect(reply).toMatchObject({
      status: 'failed',
      error: { kind: 'no_key', hint: expect.stringMatching(/Settings/) },
    });
  });

  it('refuses a second message while a reply is being written', async () => {
    h.server.chat.push({ type: 'chat', content: LONG, chunkDelayMs: 10 });
    const { conversationId } = await h.data<ReplyStarted>('chat.send', { text: 'Slow please' });
    expect(await h.call('chat.send', { conversationId, text: 'Again' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', hint: expect.stringMatching(/Stop/) },
    });
    await h.data('chat.stop', { conversationId });
  });
});
