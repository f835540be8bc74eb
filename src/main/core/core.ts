/**
 * Core: all of FlipSync's behaviour, with no Electron in it. A shell (Electron or browser
 * mode) creates one core per data folder and forwards calls and events.
 */
import { openDatabase, type Database } from './db/open';
import { EventBus } from './events';
import { createRouter, type CallContext, type Dispatch, type Handlers } from './router';
import { SettingsStore } from './settings/store';
import { appInfo } from './app/info';
import type { Platform } from './platform/types';

export interface Core {
  dispatch: Dispatch;
  events: EventBus;
  platform: Platform;
  close(): Promise<void>;
}

export async function createCore(platform: Platform): Promise<Core> {
  const startedAt = new Date();
  const events = new EventBus();
  const local = await openDatabase(platform.dataDir, 'local');
  const databases: Record<string, Database> = { local };
  const settings = new SettingsStore(local, events);

  const handlers: Handlers = {
    'app.info': () => appInfo(platform, startedAt, databases),
    'settings.get': () => settings.get(),
    'settings.set': (patch) => settings.set(patch),
  };
  const dispatch = createRouter(handlers);

  let closed = false;
  return {
    dispatch,
    events,
    platform,
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(Object.values(databases).map((db) => db.close()));
    },
  };
}

export type { CallContext };
