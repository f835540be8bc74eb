import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { API_KEY_SECRET } from '../../src/main/core/ai/connection';
import { startOpenAiServer } from '../support/openai-server';
import { runHealth, seedProblems } from './support/agents-seed';
import { pageForEachTest } from './support/page';

const slow = { timeout: 10_000 };
const text = (id: string) => screen.getByTestId(id).textContent;

describe('Agents page', { timeout: 30_000 }, () => {
  const h = pageForEachTest({ hash: '#/agents' });

  it('lists every agent as never run until it runs, then runs Inventory health and shows its steps', async () => {
    await seedProblems(h.core);
    const user = h.render();
    await waitFor(() => expect(screen.getAllByTestId(/^agent-status-/)).toHaveLength(6), slow);
    for (const id of ['assistant', 'health', 'pricing', 'listing', 'research', 'shipping']) {
      expect(text(`agent-status-${id}`)).toBe('Idle');
      expect(text(`agent-last-${id}`)).toBe('Never run');
      expect(text(`agent-success-${id}`)).toBe('—');
    }

    const health = screen.getByTestId('agent-health');
    expect(health.textContent).toMatch(/Rule-based: no model, no AI cost/);
    await user.click(within(health).getByRole('button', { name: 'Run now' }));
    await waitFor(() => expect(text('agent-last-health')).toMatch(/^Succeeded, .*\(Run now\)$/), slow);
    expect(text('agent-runs-health')).toBe('1');
    expect(text('agent-success-health')).toBe('100%');
    expect(text('agent-spend-health')).toBe('$0.00');
    expect(text('agent-status-health')).toBe('Idle');
    // Others did not run: their figures stay their own.
    expect(text('agent-runs-pricing')).toBe('0');

    // The new run opened with its recorded steps and the proposals it made.
    const detail = await screen.findByTestId(/^run-detail-run:/, {}, slow);
    await waitFor(() => expect(within(detail).getByTestId('run-outcome').textContent).toBe('Succeeded'), slow);
    expect(detail.textContent).toMatch(/Scanned 2 items: 1 listed too long, 1 priced below cost plus fees/);
    expect(detail.textContent).toMatch(/Mark OLD-1 down from \$40.00 to \$36.00 — pending/);
    expect(detail.textContent).toMatch(/Raise the price of LOW-1/);
    expect(within(detail).getByRole('link', { name: 'Decide them in Approvals' })).toBeTruthy();
    await waitFor(() => expect(screen.getByTestId('approvals-badge').textContent).toBe('2'), slow);
  });

  it('shows different statuses from different run histories, and a failed run with its reason', async () => {
    await runHealth(h.core);
    // Pricing calls a model; with no API key set its run fails, and the page says why.
    const user = h.render();
    await waitFor(() => expect(text('agent-runs-health')).toBe('1'), slow);
    const pricing = screen.getByTestId('agent-pricing');
    await user.click(within(pricing).getByRole('button', { name: 'Run now' }));
    await waitFor(() => expect(text('agent-status-pricing')).toBe('Last run failed'), slow);
    expect(text('agent-success-pricing')).toBe('0%');
    expect(text('agent-last-pricing')).toMatch(/^Failed/);
    expect(pricing.textContent).toMatch(/Last error: No API key is stored/);
    // The fix is one click away, and "Started…" no longer claims steps are on their way.
    expect(within(pricing).getByRole('link', { name: 'Open AI settings' }).getAttribute('href')).toBe(
      '#/settings?section=ai',
    );
    await waitFor(() => expect(pricing.textContent).not.toMatch(/Started; its steps show below/), slow);
    expect(text('agent-status-health')).toBe('Idle');
    expect(text('agent-success-health')).toBe('100%');
    const listed = await h.call('agents.list', undefined);
    expect(listed.agents.find((a) => a.id === 'pricing')).toMatchObject({ status: 'failed', runs: 1 });
  });

  it('pauses and resumes one agent and all of them, and saves autonomy', async () => {
    const user = h.render();
    await waitFor(() => expect(screen.getAllByTestId(/^agent-status-/)).toHaveLength(6), slow);
    const health = screen.getByTestId('agent-health');
    await user.click(within(health).getByRole('button', { name: 'Pause' }));
    await waitFor(() => expect(text('agent-status-health')).toBe('Paused'), slow);
    expect(within(health).getByRole('button', { name: 'Run now' })).toHaveProperty('disabled', true);
    expect(text('agent-status-pricing')).toBe('Idle');
    expect((await h.call('agents.list', undefined)).agents.find((a) => a.id === 'health')?.paused).toBe(true);

    await user.click(screen.getByRole('button', { name: 'Pause all' }));
    await waitFor(() => expect(screen.getAllByText('Paused')).toHaveLength(6), slow);
    expect(text('agents-summary')).toMatch(/All agents are paused/);
    await user.click(screen.getByRole('button', { name: 'Resume all' }));
    await waitFor(() => expect(screen.queryAllByText('Paused')).toHaveLength(0), slow);
    expect((await h.call('agents.list', undefined)).allPaused).toBe(false);

    await user.selectOptions(within(health).getByLabelText('Autonomy'), 'auto');
    const confidence = within(health).getByLabelText('Minimum confidence (%)');
    await user.clear(confidence);
    await user.type(confidence, '90');
    await user.click(within(health).getByRole('button', { name: 'Save autonomy' }));
    await waitFor(() => expect(health.textContent).toMatch(/Autonomy saved/), slow);
    const saved = await h.call('agents.get', { agent: 'health', limit: 1 });
    expect(saved.agent.autonomy).toEqual({ mode: 'auto', minConfidence: 0.9, maxAutoPriceCutPct: 10 });
    // Research only answers questions, so it has no autonomy to set.
    expect(within(screen.getByTestId('agent-research')).queryByLabelText('Autonomy')).toBeNull();
  });

  it('runs a model agent with a task and shows its model calls and tool calls with arguments and results', async () => {
    const server = await startOpenAiServer();
    try {
      await h.core.platform.secrets.set(API_KEY_SECRET, 'sk-test-agents-page-0123456789');
      await h.call('settings.set', { ai: { preset: 'custom', baseUrl: server.baseUrl, model: 'gpt-4o-mini' } });
      const { stale } = await seedProblems(h.core);
      const usage = { prompt: 100, completion: 20 };
      server.chat.push(
        { type: 'chat', toolCalls: [{ name: 'search_items', arguments: '{"listedAtLeastDays":60}' }], usage },
        {
          type: 'chat',
          toolCalls: [{ name: 'suggest_price', arguments: JSON.stringify({ itemId: stale.id }) }],
          usage,
        },
        { type: 'chat', content: 'Proposed a price for the Pyrex bowl.', usage },
      );
      const user = h.render();
      const pricing = await screen.findByTestId('agent-pricing', {}, slow);
      await user.type(within(pricing).getByLabelText('Task for Pricing'), 'Price my stale listings');
      await user.click(within(pricing).getByRole('button', { name: 'Run now' }));
      await waitFor(() => expect(text('agent-last-pricing')).toMatch(/^Succeeded/), slow);
      expect(text('agent-spend-pricing')).not.toBe('$0.00');

      const detail = await screen.findByTestId(/^run-detail-run:/, {}, slow);
      await waitFor(() => expect(within(detail).getByTestId('run-outcome').textContent).toBe('Succeeded'), slow);
      expect(detail.textContent).toMatch(/TaskPrice my stale listings/);
      expect(detail.textContent).toMatch(/Model calls3/);
      expect(detail.textContent).toMatch(/Tool calls2/);
      expect(detail.textContent).toMatch(/300 in, 60 out/);
      expect(detail.textContent).toMatch(/Proposed a price for the Pyrex bowl\./);
      const steps = within(detail)
        .getAllByRole('listitem')
        .filter((li) => li.className.startsWith('step'));
      expect(steps.map((li) => li.className)).toEqual([
        'step step-model',
        'step step-tool',
        'step step-model',
        'step step-tool',
        'step step-model',
      ]);
      expect(steps[0]!.textContent).toMatch(/gpt-4o-mini .* asked for search_items/);
      const search = steps[1]!;
      expect(search.textContent).toMatch(/search_items ok/);
      await user.click(within(search).getByText('search_items'));
      expect(search.textContent).toMatch(/"listedAtLeastDays": 60/);
      expect(search.textContent).toMatch(/OLD-1/);
      expect(steps[3]!.textContent).toMatch(/suggest_price ok/);
      expect(detail.textContent).toMatch(/Proposals from this run/);
    } finally {
      cleanup();
      await server.close();
    }
  });
});
