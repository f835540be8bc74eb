/**
 * Runs announce themselves: `agent.runStarted` once the run document is saved, one
 * `agent.runStep` per saved step in the order saved, then `agent.runFinished`; for runs
 * started by the button, the schedule and a chat handoff alike. The payloads are what
 * `agents.runDetail` answers afterwards, so a page can follow a run from events alone.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../../../src/shared/api';
import { HealthScheduler } from '../../../src/main/core/agents/scheduler';
import { call } from '../inventory/helpers';
import { calls, daysAgo, says, startAgentsHarness, waitRun, type AgentsHarness } from './harness';

type RunEvent =
  | { name: 'agent.runStarted'; payload: EventPayload<'agent.runStarted'> }
  | { name: 'agent.runStep'; payload: EventPayload<'agent.runStep'> }
  | { name: 'agent.runFinished'; payload: EventPayload<'agent.runFinished'> };

describe('run events: started, each step, finished — from the real runtime', () => {
  let h: AgentsHarness;
  /** Reads started from inside the listeners: each must find the document already saved. */
  let reads: Promise<string>[];
  beforeEach(async () => {
    h = await startAgentsHarness();
    reads = [];
    const db = h.core.agents.runs.db;
    const read = (id: string) =>
      reads.push(
        db.get(id).then(
          () => 'saved',
          () => `${id} missing when announced`,
        ),
      );
    h.core.events.onAny((name, payload) => {
      if (name === 'agent.runStarted') read((payload as EventPayload<typeof name>).runId);
      if (name === 'agent.runStep') read((payload as EventPayload<typeof name>).step.id);
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const eventsOf = (runId: string): RunEvent[] =>
    h.events.filter(
      (e): e is RunEvent =>
        (e.name === 'agent.runStarted' || e.name === 'agent.runStep' || e.name === 'agent.runFinished') &&
        (e.payload as { runId: string }).runId === runId,
    );

  /** started, steps…, finished, each matching the run detail as recorded. */
  async function expectAnnounced(runId: string) {
    const detail = await call(h.core, 'agents.runDetail', { runId });
    const seen = eventsOf(runId);
    expect(seen.map((e) => e.name)).toEqual([
      'agent.runStarted',
      ...detail.steps.map(() => 'agent.runStep'),
      'agent.runFinished',
    ]);
    const [started, ...rest] = seen;
    const finished = rest.pop();
    if (started?.name !== 'agent.runStarted' || finished?.name !== 'agent.runFinished') throw new Error('order');
    expect(started.payload).toEqual({
      runId,
      agent: detail.run.agent,
      trigger: detail.run.trigger,
      at: detail.run.startedAt,
      // The run as saved at its start: what the detail says, before it ended.
      run: {
        ...detail.run,
        outcome: 'running',
        finishedAt: null,
        output: null,
        error: null,
        usage: { promptTokens: 0, completionTokens: 0 },
        costUsd: 0,
        modelCalls: 0,
        toolCalls: 0,
        proposals: 0,
        answeredBy: null,
      },
    });
    // JSON round trip, as over IPC or the WebSocket.
    const steps = JSON.parse(JSON.stringify(rest.map((e) => e.payload)));
    expect(steps).toEqual(detail.steps.map((step) => ({ runId, agent: detail.run.agent, step, at: step.at })));
    expect(finished.payload).toMatchObject({ runId, agent: detail.run.agent, outcome: detail.run.outcome });
    // Every document was readable when its event went out: saved first, announced after.
    for (const r of await Promise.all(reads)) expect(r).toBe('saved');
    return detail;
  }

  it('a button run of a model agent: started, model/tool/model steps in order, finished', async () => {
    await h.item({ sku: 'CAM-1', title: 'Canon AE-1 camera', status: 'listed', listPrice: 120, listedAt: daysAgo(3) });
    h.server.chat.push(calls(['search_items', { q: 'canon' }]), says('One Canon camera, listed at 120.'));
    const { runId } = await call(h.core, 'agents.run', { agent: 'research', input: 'What Canon items do I have?' });
    await waitRun(h, runId);
    const detail = await expectAnnounced(runId);
    expect(detail.steps.map((s) => s.kind)).toEqual(['model', 'tool', 'model']);
    expect(detail.run).toMatchObject({ trigger: 'button', outcome: 'succeeded' });
  });

  it('a scheduled health scan announces its start and its notes', async () => {
    await h.item({ sku: 'OLD-1', title: 'Old lamp', status: 'listed', listPrice: 40, cost: 5, listedAt: daysAgo(200) });
    let clock = Date.now();
    const scheduler = new HealthScheduler(h.core.agents, h.core.agents.settings, h.core.events, () => clock, 1e9);
    await scheduler.start();
    clock += 7 * 24 * 3_600_000;
    const runId = await scheduler.tick();
    scheduler.stop();
    expect(runId).toBeTruthy();
    const detail = await expectAnnounced(runId!);
    expect(detail.run.trigger).toBe('schedule');
    expect(detail.steps.some((s) => s.kind === 'note')).toBe(true);
  });

  it('a chat handoff announces the specialist run inside the assistant run, each in its own order', async () => {
    h.server.chat.push(
      calls(['handoff', { agent: 'research', task: 'How many items do I have?' }]),
      calls(['inventory_stats', {}]),
      says('You have no items yet.'),
      says('Research says you have no items yet.'),
    );
    const conversation = await call(h.core, 'chat.conversations.create', {} as never);
    await call(h.core, 'chat.send', {
      conversationId: (conversation as { id: string }).id,
      text: 'How many?',
    } as never);
    await h.core.chat.settled();

    const starts = h.of('agent.runStarted');
    expect(starts.map((s) => [s.agent, s.trigger])).toEqual([
      ['assistant', 'chat'],
      ['research', 'chat'],
    ]);
    const [assistant, research] = starts;
    const child = await expectAnnounced(research!.runId);
    expect(child.run.parentRunId).toBe(assistant!.runId);
    const parent = await expectAnnounced(assistant!.runId);
    expect(parent.steps.map((s) => s.kind)).toEqual(['model', 'tool', 'model']);
    // The specialist started while the assistant's handoff tool call was under way.
    const order = h.events.map((e) => e);
    const childStart = order.findIndex((e) => e.name === 'agent.runStarted' && e.payload === research);
    const handoffStep = order.findIndex(
      (e) =>
        e.name === 'agent.runStep' &&
        (e.payload as EventPayload<'agent.runStep'>).step.kind === 'tool' &&
        (e.payload as EventPayload<'agent.runStep'>).runId === assistant!.runId,
    );
    expect(childStart).toBeGreaterThan(-1);
    expect(childStart).toBeLessThan(handoffStep);
  });
});
