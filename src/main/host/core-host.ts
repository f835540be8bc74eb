/**
 * The core process: starts core when the shell says where the data lives, answers calls
 * with the same router every transport uses, streams core's events and tray model, and asks
 * the shell for what only the main process has (the keychain, native notifications).
 * Plain Node behind a `HostPort`, so tests and benchmarks run it in a Node child process.
 */
import { fail } from '@shared/api';
import { createCore, type Core } from '../core/core';
import { AppError } from '../core/errors';
import type { Platform, SecretStore } from '../core/platform/types';
import type { TrayCommand } from '../core/tray/model';
import { ShellToCoreSchema, type HostPort, type PlatformOp, type ShellToCore } from './protocol';
import { logger } from '../core/log';

const log = logger('core-process');

export interface CoreHostOptions {
  port: HostPort;
  /** Electron's net.fetch in the utility process; Node's fetch elsewhere. */
  fetch: typeof fetch;
  /** Ends the process once core has closed. */
  exit: (code: number) => void;
  /** Accept `test-emit` (only the Electron end-to-end test and the smoke run set it). */
  testHooks?: boolean;
}

export function runCoreHost(options: CoreHostOptions): void {
  const { port } = options;
  let core: Core | null = null;
  let starting = false;
  let nextId = 0;
  const waiting = new Map<number, { resolve: (value: string | null) => void; reject: (error: Error) => void }>();

  const ask = (request: PlatformOp): Promise<string | null> =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      waiting.set(id, { resolve, reject });
      port.post({ type: 'platform', id, request });
    });
  const secrets: SecretStore = {
    get: (name) => ask({ op: 'secrets.get', name }),
    set: async (name, value) => void (await ask({ op: 'secrets.set', name, value })),
    delete: async (name) => void (await ask({ op: 'secrets.delete', name })),
  };

  const start = async ({ dataDir, appVersion, shell, keychain }: Extract<ShellToCore, { type: 'start' }>) => {
    const platform: Platform = {
      dataDir,
      appVersion,
      shell,
      ...(keychain ? { keychain } : {}),
      secrets,
      fetch: options.fetch,
      notifier: { notify: (notification) => port.post({ type: 'notify', notification }) },
    };
    try {
      core = await createCore(platform);
    } catch (error) {
      const known = error instanceof AppError;
      port.post({
        type: 'start-failed',
        message: known ? error.message : 'FlipSync could not open its data.',
        ...(known && error.hint ? { hint: error.hint } : {}),
      });
      if (!known) log.error('start failed', error);
      options.exit(1);
      return;
    }
    const started = core;
    started.events.onAny((event, payload) => port.post({ type: 'event', event, payload }));
    port.post({ type: 'tray', model: started.tray.model() });
    started.tray.onChange((model) => port.post({ type: 'tray', model }));
    port.post({ type: 'ready' });
  };

  port.onMessage((raw) => {
    const parsed = ShellToCoreSchema.safeParse(raw);
    if (!parsed.success) {
      log.warn('ignored a malformed message from the shell');
      return;
    }
    const message = parsed.data;
    switch (message.type) {
      case 'start':
        if (starting) return;
        starting = true;
        void start(message);
        return;
      case 'call': {
        const { id, route, input } = message;
        if (!core) {
          port.post({ type: 'result', id, result: fail('UNAVAILABLE', 'FlipSync is still starting; try again.') });
          return;
        }
        void core
          .dispatch(route, input, { transport: 'ipc' })
          .then((result) => port.post({ type: 'result', id, result }));
        return;
      }
      case 'platform-reply': {
        const pending = waiting.get(message.id);
        waiting.delete(message.id);
        if (!pending) return;
        if (message.ok) pending.resolve(message.value ?? null);
        else pending.reject(new Error(message.error ?? 'The keychain did not answer.'));
        return;
      }
      case 'tray-perform': {
        const { id, command } = message;
        if (!core)
          return port.post({ type: 'tray-result', id, outcome: { ok: false, message: 'FlipSync is starting.' } });
        void core.tray
          .perform(command as TrayCommand)
          .then((outcome) => port.post({ type: 'tray-result', id, outcome }));
        return;
      }
      case 'test-emit':
        if (options.testHooks && core)
          (core.events.emit as (e: string, p: unknown) => void)(message.event, message.payload);
        return;
      case 'close':
        void (async () => {
          try {
            await core?.close();
          } finally {
            port.post({ type: 'closed' });
            options.exit(0);
          }
        })();
        return;
    }
  });
}
