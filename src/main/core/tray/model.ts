/**
 * The tray menu as data, computed from core state. The shell turns it into a native menu;
 * tests read it directly.
 */
import type { SyncStatus } from '@shared/api';
import { badgeFor, type Badge } from '../notifications/badge';
import type { AgentsSummary } from './agents-port';

export type TrayCommand = 'open' | 'approvals' | 'runHealth' | 'pauseAgents' | 'resumeAgents' | 'sync' | 'quit';

export type TrayEntry =
  | {
      type: 'item';
      id: TrayCommand;
      label: string;
      enabled: boolean;
      /** Why it is disabled, for a tooltip or a log. */
      reason?: string;
      /** The page the shell opens for it (none for commands core runs, or Quit). */
      view?: string;
    }
  | { type: 'separator' };

export interface TrayState {
  /** Proposals waiting; null when the agents feature is not attached. */
  pending: number | null;
  agents: AgentsSummary | null;
  sync: SyncStatus | null;
  /** A health scan started from the tray has not finished yet. */
  healthRunning: boolean;
}

export interface TrayModel {
  tooltip: string;
  badge: Badge;
  entries: TrayEntry[];
}

const NO_AGENTS = 'Agents are not available in this build yet.';

export function syncLine(sync: SyncStatus | null): string {
  if (!sync) return 'Sync: checking…';
  switch (sync.state) {
    case 'off':
      return sync.url ? 'Sync: off' : 'Sync: not set up';
    case 'connecting':
      return 'Sync: connecting…';
    case 'active':
      if (sync.upToDate) return 'Sync: up to date';
      return sync.pending > 0
        ? `Sync: sending ${sync.pending} ${sync.pending === 1 ? 'change' : 'changes'}…`
        : 'Sync: catching up…';
    case 'paused-offline':
      return 'Sync: offline, retrying';
    case 'error': {
      const reason = sync.reason ?? 'needs attention';
      return `Sync error: ${reason.length > 60 ? `${reason.slice(0, 59)}…` : reason}`;
    }
  }
}

export function buildTrayModel(state: TrayState): TrayModel {
  const badge = badgeFor(state.pending);
  const { agents } = state;
  const allPaused = !!agents && agents.total > 0 && agents.paused >= agents.total;
  const pauseEntry: TrayEntry = allPaused
    ? { type: 'item', id: 'resumeAgents', label: 'Resume all agents', enabled: true }
    : {
        type: 'item',
        id: 'pauseAgents',
        label: 'Pause all agents',
        enabled: !!agents && agents.total > 0,
        ...(agents ? (agents.total > 0 ? {} : { reason: 'There are no agents to pause.' }) : { reason: NO_AGENTS }),
      };
  const healthEntry: TrayEntry = {
    type: 'item',
    id: 'runHealth',
    label: state.healthRunning ? 'Inventory health is running…' : 'Run inventory health now',
    enabled: !!agents && !state.healthRunning,
    ...(agents ? {} : { reason: NO_AGENTS }),
  };
  const sync = syncLine(state.sync);
  const waiting =
    state.pending === null
      ? ''
      : state.pending === 1
        ? ' — 1 proposal waiting'
        : state.pending > 0
          ? ` — ${state.pending} proposals waiting`
          : '';
  return {
    tooltip: `FlipSync${waiting}\n${sync}`,
    badge,
    entries: [
      { type: 'item', id: 'open', label: 'Open FlipSync', enabled: true },
      {
        type: 'item',
        id: 'approvals',
        label: state.pending === null ? 'Approvals' : `Approvals (${state.pending})`,
        enabled: true,
        view: 'approvals',
      },
      { type: 'separator' },
      healthEntry,
      pauseEntry,
      { type: 'separator' },
      { type: 'item', id: 'sync', label: sync, enabled: true, view: 'settings' },
      { type: 'separator' },
      { type: 'item', id: 'quit', label: 'Quit FlipSync', enabled: true },
    ],
  };
}
