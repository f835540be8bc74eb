import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { call, callFails } from '../inventory/helpers';
import { calls, daysAgo, says, startAgentsHarness, until, waitRun, type AgentsHarness } from './harness';

describe('agent runtime: the tool loop over the real AI service and a real database', () => {
  let h: AgentsHarness;
  beforeEach(async () => {
    h = await startAgentsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('runs tools the model asks for, feeds results back, and records every step, usage and cost', async () => {
    const id = await h.item({
      sku: 'CAM-1',
      title: 'Canon AE-1 camera',
      status: 'listed',
      listPrice: 120,
      listedAt: daysAgo(3),
    });
    h.server.chat.push(calls(['search_items', { q: 'canon' }]), says('You have one Canon camera listed at 120.'));
    const { runId } = await call(h.core, 'agents.run', { agent: 'research', input: 'What Canon items do I have?' });
    const run = await await waitRun(h, runId);

    expect(run).toMatchObject({
      outcome: 'succeeded',
      trigger: 'button',
      output: 'You have one Canon camera listed at 120.',
      modelCalls: 2,
      toolCalls: 1,
    });
    expect(run.usage).toEqual({ promptTokens: 220, completionTokens: 50 });
    expect(run.costUsd).toBeCloseTo((220 * 0.15 + 50 * 0.6) / 1e6, 12);
    const { steps } = await call(h.core, 'agents.runDetail', { runId });
    expect(steps.map((s) => s.kind)).toEqual(['model', 'tool', 'model']);
    const tool = steps[1]!;
    expect(tool.kind === 'tool' && JSON.parse(tool.result).items[0].id).toBe(id);
    // The second request carried the tool result back to the model, and the tools were offered.
    const second = h.server.requests.filter((r) => r.path === '/v1/chat/completions')[1]!.body!;
    expect((second.messages as { role: string }[]).map((m) => m.role)).toEqual(['system', 'user', 'assistant', 'tool']);
    expect((second.tools as { function: { name: string } }[]).map((t) => t.function.name)).toContain('sales_stats');
    expect(h.of('agent.runFinished')).toContainEqual(expect.objectContaining({ runId, outcome: 'succeeded' }));
  });

  it('feeds a malformed tool call back once, and the model can correct itself', async () => {
    h.server.chat.push(
      calls(['search_items', '{"limit": "many"']),
      calls(['search_items', { limit: 5 }]),
      says('Done.'),
    );
    const { runId } = await call(h.core, 'agents.run', { agent: 'research' });
    const run = await waitRun(h, runId);
    expect(run.outcome).toBe('succeeded');
    const { steps } = await call(h.core, 'agents.runDetail', { runId });
    const tools = steps.filter((s) => s.kind === 'tool');
    expect(tools.map((t) => t.kind === 'tool' && t.ok)).toEqual([false, true]);
    expect(tools[0]!.kind === 'tool' && tools[0]!.result).toMatch(/not valid JSON/);
  });

  it('fails cleanly with the reason after a second bad call, and the app keeps working', async () => {
    h.server.chat.push(calls(['set_all_prices', { price: 1 }]), calls(['search_items', { limit: 'all' }]));
    const { runId } = await call(h.core, 'agents.run', { agent: 'research' });
    const run = await waitRun(h, runId);
    expect(run.outcome).toBe('failed');
    expect(run.error).toMatch(/invalid tool call again.*limit/);
    expect(h.of('agent.runFailed')).toContainEqual(expect.objectContaining({ runId, agent: 'research' }));
    // The unknown tool was named back to the model with the tools it has.
    const { steps } = await call(h.core, 'agents.runDetail', { runId });
    expect(steps[1]!.kind === 'tool' && steps[1]!.result).toMatch(/no tool named "set_all_prices".*search_items/);

    h.server.chat.push(calls(['inventory_stats', {}]), says('Still here.'));
    const next = await waitRun(h, (await call(h.core, 'agents.run', { agent: 'research' })).runId);
    expect(next).toMatchObject({ outcome: 'succeeded', output: 'Still here.' });
  });

  it('stops at the loop limit with a reason', async () => {
    h.server.defaultChat = calls(['inventory_stats', {}]);
    const { runId } = await call(h.core, 'agents.run', { agent: 'research' });
    const run = await waitRun(h, runId);
    expect(run).toMatchObject({ outcome: 'failed', modelCalls: 8 });
    expect(run.error).toMatch(/used its 8 model calls/);
  });

  it('cancels a run in progress and records it as cancelled', async () => {
    h.server.chat.push({ type: 'hang' });
    const { runId } = await call(h.core, 'agents.run', { agent: 'research' });
    await until(() => h.server.requests.length > 0);
    expect(await call(h.core, 'agents.cancelRun', { runId })).toEqual({ cancelled: true });
    const run = await waitRun(h, runId);
    expect(run.outcome).toBe('cancelled');
    expect(h.of('agent.runFailed')).toHaveLength(0);
  });

  it('refuses to start model runs once the daily budget is spent, with the budget message', async () => {
    await call(h.core, 'settings.set', { ai: { dailyBudgetUsd: 0 } });
    const error = await callFails(h.core, 'agents.run', { agent: 'pricing' });
    expect(error).toMatchObject({ code: 'FORBIDDEN' });
    expect(error.message).toMatch(/budget of \$0\.00 is used up/);
    expect(error.hint).toMatch(/Raise the daily budget/);
    expect(h.server.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(0);
    // The rule-based health scan needs no model, so it still runs.
    const { runId } = await call(h.core, 'agents.run', { agent: 'health' });
    expect((await waitRun(h, runId)).outcome).toBe('succeeded');
  });
});
