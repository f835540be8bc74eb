import { describe, expect, it } from 'vitest';
import type { EventPayload, SyncStatus } from '../../../src/shared/api';
import type { AgentsControl } from '../../../src/main/core/tray/agents-port';
import type { TrayModel } from '../../../src/main/core/tray/model';
import { TrayService } from '../../../src/main/core/tray/service';
import { coreForEachTest } from '../../support/core';

/** A stand-in for the agents feature: real counters the commands change. */
class AgentsDouble implements AgentsControl {
  pending = 0;
  paused = 0;
  readonly total = 5;
  healthRuns = 0;
  failNext: string | null = null;
  pendingProposals = async () => this.pending;
  summary = async () => ({ total: this.total, paused: this.paused, running: 0 });
  runInventoryHealth = async () => {
    if (this.failNext) throw new Error(this.failNext);
    this.healthRuns++;
    this.pending += 2;
  };
  pauseAll = async () => void (this.paused = this.total);
  resumeAll = async () => void (this.paused = 0);
}

const label = (model: TrayModel, id: string) => {
  const entry = model.entries.find((e) => e.type === 'item' && e.id === id);
  return entry?.type === 'item' ? entry.label : undefined;
};

describe('tray in a running core', () => {
  const h = coreForEachTest();

  it('shows the real sync state and follows sync status events', async () => {
    expect(label(h.core.tray.model(), 'sync')).toBe('Sync: not set up');
    const seen: TrayModel[] = [];
    h.core.tray.onChange((m) => seen.push(m));
    const status = await h.core.dispatch('sync.status', {}, { transport: 'in-process' });
    if (!status.ok) throw new Error(status.error.message);
    const current = status.data as EventPayload<'sync.status'>;
    h.core.events.emit('sync.status', { ...current, state: 'error', reason: 'The server refused the password.' });
    expect(label(h.core.tray.model(), 'sync')).toBe('Sync error: The server refused the password.');
    expect(seen).toHaveLength(1);
  });

  it('runs agent commands through the attached agents feature and re-reads the numbers on agent events', async () => {
    // Its own tray on the core's bus, so the agents feature h.core attaches does not interfere.
    const syncStatus = async () => {
      const status = await h.core.dispatch('sync.status', {}, { transport: 'in-process' });
      if (!status.ok) throw new Error(status.error.message);
      return status.data as SyncStatus;
    };
    const tray = new TrayService({ events: h.core.events, syncStatus });
    await tray.start();
    const agents = new AgentsDouble();
    expect(await tray.perform('runHealth')).toEqual({
      ok: false,
      message: 'Agents are not available in this build yet.',
    });
    await tray.attachAgents(agents);
    expect(label(tray.model(), 'approvals')).toBe('Approvals (0)');

    agents.pending = 4;
    (h.core.events.emit as (name: string, payload: unknown) => void)('proposal.created', { id: 'p1' });
    await tray.refresh();
    expect(label(tray.model(), 'approvals')).toBe('Approvals (4)');
    expect(tray.model().badge.count).toBe(4);

    expect(await tray.perform('runHealth')).toEqual({ ok: true });
    expect(agents.healthRuns).toBe(1);
    expect(label(tray.model(), 'approvals')).toBe('Approvals (6)');

    expect(await tray.perform('pauseAgents')).toEqual({ ok: true });
    expect(label(tray.model(), 'resumeAgents')).toBe('Resume all agents');
    expect(await tray.perform('pauseAgents')).toMatchObject({ ok: false });
    expect(await tray.perform('resumeAgents')).toEqual({ ok: true });
    expect(label(tray.model(), 'pauseAgents')).toBe('Pause all agents');

    agents.failNext = 'The inventory database is busy.';
    expect(await tray.perform('runHealth')).toEqual({
      ok: false,
      message: '"Run inventory health now" failed: The inventory database is busy.',
    });
    expect(label(tray.model(), 'runHealth')).toBe('Run inventory health now');
    tray.close();
  });

  it('answers the shell-side commands with the view to open, or quit', async () => {
    expect(await h.core.tray.perform('approvals')).toEqual({ ok: true, view: 'approvals' });
    expect(await h.core.tray.perform('sync')).toEqual({ ok: true, view: 'settings' });
    expect(await h.core.tray.perform('open')).toEqual({ ok: true });
    expect(await h.core.tray.perform('quit')).toEqual({ ok: true, quit: true });
  });
});
