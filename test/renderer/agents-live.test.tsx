/**
 * The Agents page follows a run from core's events alone: a run started elsewhere (here the
 * way a chat handoff starts one) joins its agent's card and run list, and each step appears
 * in the open run detail as core saves it, with no `agents.*` call in between (no polling).
 * The model's answers wait at a gate the test opens, so each step arrives when the test says.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../src/main/core/core';
import { API_KEY_SECRET } from '../../src/main/core/ai/connection';
import { setTransport, type ConnectionState, type Transport } from '../../src/renderer/src/api/transport';
import { AgentsPage } from '../../src/renderer/src/pages/agents/AgentsPage';
import { useAgents } from '../../src/renderer/src/stores/agents';
import { inProcess, startCore } from '../support/core';
import { startOpenAiServer, type OpenAiServer } from '../support/openai-server';
import { tempDir } from '../support/temp-dir';

const slow = { timeout: 10_000 };

/** A proxy in front of the scripted server that holds each request until `open()`. */
async function startGate(target: OpenAiServer) {
  const held: (() => void)[] = [];
  let opened = 0;
  const server = http.createServer((req, res) => {
    const forward = () => {
      const upstream = http.request(
        { host: '127.0.0.1', port: target.port, path: req.url, method: req.method, headers: req.headers },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      req.pipe(upstream);
    };
    if (opened > 0) {
      opened--;
      forward();
    } else held.push(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    held: () => held.length,
    /** Lets the next request through (now, or when it arrives). */
    open() {
      const next = held.shift();
      if (next) next();
      else opened++;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A connection the test can cut: while it is not open, events are lost, as on a dropped WebSocket. */
function link() {
  const listeners = new Set<(s: ConnectionState) => void>();
  let state: ConnectionState = 'open';
  return {
    listeners,
    isOpen: () => state === 'open',
    set(next: ConnectionState) {
      state = next;
      for (const listener of listeners) listener(next);
    },
  };
}

/** Answers of `route` that the test holds back (already computed by core) until it releases them. */
interface Hold {
  route: string | null;
  held: (() => void)[];
}

/** The real router in this process, counting every route the page calls. */
function countingTransport(core: Core, routes: string[], wire: ReturnType<typeof link>, hold: Hold): Transport {
  return {
    kind: 'test',
    call: async (route, input) => {
      routes.push(route);
      const sent = JSON.parse(JSON.stringify(input ?? null));
      const answer = JSON.parse(JSON.stringify(await core.dispatch(route, sent, inProcess)));
      if (route === hold.route) await new Promise<void>((resolve) => hold.held.push(resolve));
      return answer;
    },
    on: (event, listener) => core.events.onAny((name, payload) => wire.isOpen() && name === event && listener(payload)),
    onState: (listener) => {
      wire.listeners.add(listener);
      listener('open');
      return () => wire.listeners.delete(listener);
    },
  };
}

describe('Agents page: runs followed from events', { timeout: 30_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let core: Core;
  let server: OpenAiServer;
  let gate: Awaited<ReturnType<typeof startGate>>;
  let routes: string[];
  let connection: ReturnType<typeof link>;
  let hold: Hold;
  beforeEach(async () => {
    dir = await tempDir();
    server = await startOpenAiServer();
    gate = await startGate(server);
    core = await startCore(dir.path);
    await core.platform.secrets.set(API_KEY_SECRET, 'sk-test-agents-live-0123456789');
    await core.dispatch(
      'settings.set',
      { ai: { preset: 'custom', baseUrl: gate.baseUrl, model: 'gpt-4o-mini' } },
      inProcess,
    );
    routes = [];
    connection = link();
    hold = { route: null, held: [] };
    setTransport(countingTransport(core, routes, connection, hold));
    useAgents.setState(useAgents.getInitialState());
  });
  afterEach(async () => {
    for (const release of hold.held.splice(0)) release();
    cleanup();
    setTransport(null);
    // Let a run still waiting at the gate end, so core closes without a hanging request.
    for (let i = 0; i < 4; i++) gate.open();
    await core.close();
    await gate.close();
    await server.close();
    await dir.remove();
  });

  const agentCalls = (from: number) => routes.slice(from).filter((r) => r.startsWith('agents.'));
  const stepsIn = (detail: HTMLElement) =>
    within(detail)
      .queryAllByRole('listitem')
      .filter((li) => li.className.startsWith('step'));

  it('shows a run started elsewhere, then each step as it is saved, without asking core', async () => {
    server.chat.push(
      {
        type: 'chat',
        toolCalls: [{ name: 'inventory_stats', arguments: '{}' }],
        usage: { prompt: 90, completion: 10 },
      },
      { type: 'chat', content: 'You have no items yet.', usage: { prompt: 120, completion: 12 } },
    );
    const user = userEvent.setup();
    render(<AgentsPage />);
    const card = await screen.findByTestId('agent-research', {}, slow);
    await user.click(within(card).getByRole('button', { name: 'Show recent runs (0)' }));
    await within(card).findByText(/No runs yet/, {}, slow);

    // Core starts the run, as a chat handoff does: the page learns of it only from events.
    const quiet = routes.length;
    const { runId, done } = await core.agents.run('research', 'chat', 'How many items do I have?');
    const row = await within(card).findByTestId(`run-${runId}`, {}, slow);
    expect(screen.getByTestId('agent-status-research').textContent).toBe('Running');
    expect(screen.getByTestId('agent-runs-research').textContent).toBe('1');
    expect(row.textContent).toMatch(/Running.*from chat/);
    expect(agentCalls(quiet)).toEqual([]);

    // Open it: one read of the run as recorded so far.
    await user.click(within(row).getByRole('button', { expanded: false }));
    const detail = await within(row).findByTestId(`run-detail-${runId}`, {}, slow);
    expect(detail.textContent).toMatch(/No steps recorded yet/);
    await waitFor(() => expect(gate.held()).toBe(1), slow);
    const watching = routes.length;

    // The model asks for a tool: its call and the tool's result appear, each from its event.
    gate.open();
    await waitFor(
      () => expect(stepsIn(detail).map((li) => li.className)).toEqual(['step step-model', 'step step-tool']),
      slow,
    );
    expect(stepsIn(detail)[0]!.textContent).toMatch(/gpt-4o-mini .* asked for inventory_stats/);
    expect(stepsIn(detail)[1]!.textContent).toMatch(/inventory_stats ok/);
    await waitFor(() => expect(gate.held()).toBe(1), slow);
    expect(screen.getByTestId('run-outcome').textContent).toBe('Running');
    expect(agentCalls(watching)).toEqual([]);

    // The answer: the last step, then the ending reloads what core computes from the run.
    gate.open();
    await done;
    await waitFor(() => expect(within(detail).getByTestId('run-outcome').textContent).toBe('Succeeded'), slow);
    expect(stepsIn(detail).map((li) => li.className)).toEqual(['step step-model', 'step step-tool', 'step step-model']);
    expect(detail.textContent).toMatch(/You have no items yet\./);
    await waitFor(() => expect(screen.getByTestId('agent-status-research').textContent).toBe('Idle'), slow);
    expect(screen.getByTestId('agent-success-research').textContent).toBe('100%');
  });

  it('reloads once after the connection comes back, since events sent meanwhile were lost', async () => {
    render(<AgentsPage />);
    await screen.findByTestId('agent-research', {}, slow);
    await waitFor(() => expect(routes).toContain('agents.list'), slow);
    const before = routes.length;
    // A run starts and ends while the page is cut off: no event reaches it.
    connection.set('closed');
    await core.agents.run('health', 'button').then((r) => r.done);
    expect(screen.getByTestId('agent-runs-health').textContent).toBe('0');
    expect(agentCalls(before)).toEqual([]);
    connection.set('connecting');
    connection.set('open');
    await waitFor(() => expect(screen.getByTestId('agent-runs-health').textContent).toBe('1'), slow);
    expect(agentCalls(before)).toEqual(['agents.list']);
  });

  it('keeps the steps announced while the run detail was on its way', async () => {
    server.chat.push(
      {
        type: 'chat',
        toolCalls: [{ name: 'inventory_stats', arguments: '{}' }],
        usage: { prompt: 90, completion: 10 },
      },
      { type: 'chat', content: 'No items.', usage: { prompt: 120, completion: 12 } },
    );
    const user = userEvent.setup();
    render(<AgentsPage />);
    const card = await screen.findByTestId('agent-research', {}, slow);
    await user.click(within(card).getByRole('button', { name: 'Show recent runs (0)' }));
    await within(card).findByText(/No runs yet/, {}, slow);
    const { runId, done } = await core.agents.run('research', 'button');
    const row = await within(card).findByTestId(`run-${runId}`, {}, slow);

    // The detail is read before any step exists; its answer is held while two steps are saved.
    hold.route = 'agents.runDetail';
    await user.click(within(row).getByRole('button', { expanded: false }));
    await waitFor(() => expect(hold.held).toHaveLength(1), slow);
    await waitFor(() => expect(gate.held()).toBe(1), slow);
    gate.open();
    await waitFor(async () => {
      expect(await core.agents.runs.steps(runId)).toHaveLength(2);
    }, slow);
    hold.route = null;
    hold.held.shift()!();

    const detail = await within(row).findByTestId(`run-detail-${runId}`, {}, slow);
    await waitFor(() => expect(stepsIn(detail)).toHaveLength(2), slow);
    expect(within(detail).getByTestId('run-outcome').textContent).toBe('Running');
    gate.open();
    await done;
  });
});
