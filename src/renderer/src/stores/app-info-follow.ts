/**
 * Keeps the status bar's database counts current: events that mean documents were written
 * reload app.info, at most once per REFRESH_MS, so an import or a sync of thousands of
 * documents costs a handful of reloads, and the last change is always shown.
 */
import type { EventName } from '@shared/api';
import { api } from '../api/client';
import { useAppInfoStore } from './app-info';

export const REFRESH_MS = 1000;

const DATA_EVENTS: EventName[] = [
  'inventory.changed',
  'analytics.changed',
  'chat.message',
  'chat.conversation',
  'agent.runFinished',
  'agent.runFailed',
  'proposal.created',
  'proposal.resolved',
];

/** Starts following; returns the function that stops it. */
export function followDataCounts(): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending = false;
  const reload = () => void useAppInfoStore.getState().load();
  const changed = () => {
    if (timer) {
      pending = true;
      return;
    }
    reload();
    timer = setTimeout(function settle() {
      if (!pending) return void (timer = null);
      pending = false;
      reload();
      timer = setTimeout(settle, REFRESH_MS);
    }, REFRESH_MS);
  };
  const offs = DATA_EVENTS.map((event) => api.on(event, changed));
  return () => {
    offs.forEach((off) => off());
    if (timer) clearTimeout(timer);
  };
}
