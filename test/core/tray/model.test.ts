import { describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../src/shared/api';
import { buildTrayModel, syncLine, type TrayEntry } from '../../../src/main/core/tray/model';

const sync = (over: Partial<SyncStatus>): SyncStatus => ({
  state: 'off',
  upToDate: false,
  lastSyncedAt: null,
  pending: 0,
  url: '',
  hasCredentials: false,
  databases: [],
  ...over,
});
const items = (entries: TrayEntry[]) =>
  entries.flatMap((e) => (e.type === 'item' ? [{ id: e.id, label: e.label, enabled: e.enabled }] : []));

describe('tray menu model', () => {
  it('without agents: the fixed entries, agent commands disabled with a reason, no badge', () => {
    const model = buildTrayModel({ pending: null, agents: null, sync: sync({}), healthRunning: false });
    expect(items(model.entries)).toEqual([
      { id: 'open', label: 'Open FlipSync', enabled: true },
      { id: 'approvals', label: 'Approvals', enabled: true },
      { id: 'runHealth', label: 'Run inventory health now', enabled: false },
      { id: 'pauseAgents', label: 'Pause all agents', enabled: false },
      { id: 'sync', label: 'Sync: not set up', enabled: true },
      { id: 'quit', label: 'Quit FlipSync', enabled: true },
    ]);
    const health = model.entries.find((e) => e.type === 'item' && e.id === 'runHealth');
    expect(health).toMatchObject({ reason: 'Agents are not available in this build yet.' });
    expect(model.badge).toEqual({ count: 0, text: '' });
    expect(model.tooltip).toBe('FlipSync\nSync: not set up');
  });

  it('with agents: the waiting count in the label, tooltip and badge; Resume once all are paused', () => {
    const running = buildTrayModel({
      pending: 3,
      agents: { total: 5, paused: 1, running: 1 },
      sync: sync({ state: 'active', upToDate: true, url: 'https://c.example' }),
      healthRunning: false,
    });
    expect(items(running.entries).map((i) => i.label)).toEqual([
      'Open FlipSync',
      'Approvals (3)',
      'Run inventory health now',
      'Pause all agents',
      'Sync: up to date',
      'Quit FlipSync',
    ]);
    expect(running.badge).toEqual({ count: 3, text: '3' });
    expect(running.tooltip).toBe('FlipSync — 3 proposals waiting\nSync: up to date');

    const paused = buildTrayModel({
      pending: 120,
      agents: { total: 5, paused: 5, running: 0 },
      sync: null,
      healthRunning: true,
    });
    expect(items(paused.entries)).toContainEqual({ id: 'resumeAgents', label: 'Resume all agents', enabled: true });
    expect(items(paused.entries)).toContainEqual({
      id: 'runHealth',
      label: 'Inventory health is running…',
      enabled: false,
    });
    expect(paused.badge).toEqual({ count: 120, text: '99+' });
  });

  it('describes every sync state in a line the seller can act on', () => {
    expect(syncLine(null)).toBe('Sync: checking…');
    expect(syncLine(sync({ url: 'https://c.example' }))).toBe('Sync: off');
    expect(syncLine(sync({ state: 'connecting' }))).toBe('Sync: connecting…');
    expect(syncLine(sync({ state: 'active', pending: 12 }))).toBe('Sync: sending 12 changes…');
    expect(syncLine(sync({ state: 'active', pending: 1 }))).toBe('Sync: sending 1 change…');
    expect(syncLine(sync({ state: 'active' }))).toBe('Sync: catching up…');
    expect(syncLine(sync({ state: 'paused-offline' }))).toBe('Sync: offline, retrying');
    expect(syncLine(sync({ state: 'error', reason: 'The server refused the password.' }))).toBe(
      'Sync error: The server refused the password.',
    );
    expect(syncLine(sync({ state: 'error', reason: 'x'.repeat(100) }))).toHaveLength('Sync error: '.length + 60);
  });
});
