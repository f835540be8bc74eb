import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageLedger, type UsageDoc } from '../../../src/main/core/ai/usage';
import type { StreamEvent } from '../../../src/main/core/ai/service';
import { startOpenAiServer, type OpenAiServer } from '../../support/openai-server';
import { caught, hello, startAi, type AiHarness } from './harness';

const usageDocs = async (h: AiHarness) =>
  (await h.db.allDocs<UsageDoc>({ startkey: 'usage:', endkey: 'usage:\uffff', include_docs: true })).rows.map(
    (r) => r.doc!,
  );

describe('AI usage, cost and budget', () => {
  let server: OpenAiServer;
  let h: AiHarness;
  beforeEach(async () => {
    server = await startOpenAiServer();
    h = await startAi({ baseUrl: server.baseUrl, model: 'gpt-4o-mini', dailyBudgetUsd: 5 });
  });
  afterEach(async () => {
    await h.close();
    await server.close();
  });

  it('streams text deltas and takes the token counts from the final usage chunk', async () => {
    server.chat.push({
      type: 'chat',
      content: 'A vintage Pyrex bowl in good shape.',
      usage: { prompt: 1200, completion: 300 },
    });
    const events: StreamEvent[] = [];
    for await (const event of h.ai.stream({ ...hello, who: { runId: 'run-7' } })) events.push(event);

    const texts = events.filter((e) => e.type === 'text');
    expect(texts.length).toBeGreaterThan(3);
    expect(texts.map((e) => e.text).join('')).toBe('A vintage Pyrex bowl in good shape.');
    const done = events.at(-1);
    expect(done?.type).toBe('done');
    if (done?.type !== 'done') return;
    expect(done.result.usage).toEqual({ promptTokens: 1200, completionTokens: 300, cachedTokens: 0 });
    // gpt-4o-mini: $0.15 in, $0.60 out per million tokens.
    expect(done.result.costUsd).toBeCloseTo((1200 * 0.15 + 300 * 0.6) / 1e6, 12);
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    const [doc] = await usageDocs(h);
    expect(doc).toMatchObject({
      type: 'usage',
      streamed: true,
      outcome: 'ok',
      who: { runId: 'run-7' },
      promptTokens: 1200,
      completionTokens: 300,
      model: 'gpt-4o-mini',
    });
    expect(doc?._id).toMatch(/^usage:[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('assembles streamed tool calls from their argument fragments', async () => {
    const args = JSON.stringify({ sku: 'PYR-001', price: 24.5, note: 'comparable sold listings' });
    server.chat.push({
      type: 'chat',
      toolCalls: [{ id: 'call_1', name: 'propose_price', arguments: args }],
      usage: { prompt: 50, completion: 20 },
    });
    let result;
    for await (const event of h.ai.stream(hello)) if (event.type === 'done') result = event.result;
    expect(result).toMatchObject({
      finishReason: 'tool_calls',
      content: null,
      toolCalls: [{ id: 'call_1', name: 'propose_price', arguments: args }],
    });
  });

  it('returns tool calls from a JSON completion and sends the tools', async () => {
    server.chat.push({
      type: 'chat',
      toolCalls: [{ id: 'call_2', name: 'search_items', arguments: '{"q":"pyrex"}' }],
      usage: { prompt: 80, completion: 10 },
    });
    const tools = [
      {
        type: 'function' as const,
        function: { name: 'search_items', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
      },
    ];
    const result = await h.ai.complete({ ...hello, tools });
    expect(result.toolCalls).toEqual([{ id: 'call_2', name: 'search_items', arguments: '{"q":"pyrex"}' }]);
    expect(server.requests[0]?.body?.tools).toEqual(tools);
  });

  it('costs a call from the price table the seller edited, matching dated model names', async () => {
    await h.ai.setPrices([{ model: 'gpt-4o-mini', inputPerMTok: 1, outputPerMTok: 2, cachedInputPerMTok: 0.5 }]);
    server.chat.push({
      type: 'chat',
      content: 'ok',
      model: 'gpt-4o-mini-2024-07-18',
      usage: { prompt: 1000, completion: 500, cached: 400 },
    });
    const result = await h.ai.complete(hello);
    expect(result.model).toBe('gpt-4o-mini-2024-07-18');
    expect(result.costUsd).toBeCloseTo((600 * 1 + 400 * 0.5 + 500 * 2) / 1e6, 12);
    expect((await usageDocs(h))[0]).toMatchObject({ who: { conversationId: 'conv-1' }, cachedTokens: 400 });
  });

  it('records a model without a price as unknown cost, not free', async () => {
    await h.settings.set({ ai: { model: 'llama3.1:8b' } });
    await h.ai.complete(hello);
    const today = await h.ai.usageToday();
    expect(today).toMatchObject({ calls: 1, spentUsd: 0, unpricedCalls: 1, unpricedModels: ['llama3.1:8b'] });
    expect((await usageDocs(h))[0]?.costUsd).toBeNull();
  });

  it('blocks further calls once the daily budget is reached, and announces it once', async () => {
    await h.settings.set({ ai: { dailyBudgetUsd: 0.01 } });
    const announced: unknown[] = [];
    h.events.on('ai.budgetReached', (e) => announced.push(e));
    // 20k prompt + 10k completion tokens of gpt-4o-mini = $0.009 per call.
    server.defaultChat = { type: 'chat', content: 'ok', usage: { prompt: 20_000, completion: 10_000 } };
    await h.ai.complete(hello);
    expect(announced).toHaveLength(0);
    await h.ai.complete(hello);
    expect(announced).toHaveLength(1);

    const error = await caught(() => h.ai.complete(hello));
    expect(error).toMatchObject({ kind: 'budget', code: 'FORBIDDEN', hint: /Raise the daily budget/ });
    expect(error.message).toMatch(/\$0\.01/);
    expect(server.requests).toHaveLength(2);
    const today = await h.ai.usageToday();
    expect(today).toMatchObject({ calls: 2, blocked: true, budgetUsd: 0.01 });
    expect(today.spentUsd).toBeCloseTo(0.018, 9);
    expect(announced).toHaveLength(1);

    await h.settings.set({ ai: { dailyBudgetUsd: 1 } });
    expect((await h.ai.complete(hello)).content).toBe('ok');
  });

  it('keeps today’s running totals equal to what the database holds', async () => {
    server.defaultChat = { type: 'chat', content: 'ok', usage: { prompt: 1000, completion: 100 } };
    expect((await h.ai.usageToday()).calls).toBe(0);
    await h.ai.complete(hello);
    await h.settings.set({ ai: { model: 'llama3.1:8b' } });
    await h.ai.complete(hello);
    const fromDisk = await new UsageLedger(h.db).today();
    const { budgetUsd: _b, blocked: _x, ...live } = await h.ai.usageToday();
    expect(live).toEqual(fromDisk);
    expect(fromDisk).toMatchObject({ calls: 2, unpricedModels: ['llama3.1:8b'], promptTokens: 2000 });
  });

  it('counts only today: yesterday’s spend does not block', async () => {
    const yesterday = new Date(Date.now() - 86_400_000);
    await h.db.put({
      _id: `usage:${(await import('ulid')).ulid(yesterday.getTime())}`,
      type: 'usage',
      costUsd: 100,
      promptTokens: 1,
      completionTokens: 1,
      outcome: 'ok',
    });
    expect(await h.ai.usageToday()).toMatchObject({ calls: 0, spentUsd: 0, blocked: false });
  });

  it('records a stream cancelled midway as a cancelled call', async () => {
    server.chat.push({ type: 'chat', content: 'x'.repeat(400), chunkSize: 1, chunkDelayMs: 5 });
    const controller = new AbortController();
    const error = await caught(async () => {
      for await (const event of h.ai.stream({ ...hello, signal: controller.signal })) {
        if (event.type === 'text') controller.abort();
      }
    });
    expect(error).toMatchObject({ kind: 'cancelled' });
    expect((await usageDocs(h))[0]).toMatchObject({ outcome: 'cancelled', streamed: true, usageReported: false });
  });

  it('rejects a price table that lists a model twice and keeps the saved one', async () => {
    const before = await h.ai.metering.prices.get();
    const row = { model: 'gpt-4o', inputPerMTok: 1, outputPerMTok: 1 };
    expect(await caught(() => h.ai.setPrices([row, { ...row, model: 'GPT-4o' }]))).toMatchObject({
      code: 'BAD_REQUEST',
    });
    expect(await h.ai.metering.prices.get()).toEqual(before);
  });
});

describe('AI stream left early', () => {
  it('stops the provider and records the call when the reader breaks off', async () => {
    const server = await startOpenAiServer();
    const h = await startAi({ baseUrl: server.baseUrl });
    try {
      server.chat.push({ type: 'chat', content: 'y'.repeat(200), chunkSize: 1, chunkDelayMs: 5 });
      let seen = 0;
      for await (const event of h.ai.stream(hello)) {
        if (event.type === 'text' && ++seen === 3) break;
      }
      expect(seen).toBe(3);
      expect((await usageDocs(h))[0]).toMatchObject({ outcome: 'cancelled', streamed: true });
    } finally {
      await h.close();
      await server.close();
    }
  });
});
