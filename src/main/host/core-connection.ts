/**
 * The main process's side of the core process: starts it, routes calls to it and events
 * from it, answers its keychain and notification requests, and restarts it when it dies.
 * Plain Node behind a `CoreLauncher`, so tests drive it with a Node child process.
 *
 * Nothing saved is lost in a crash: core writes to LevelDB before it answers, and the new
 * core opens the same folder. A call in flight when the process died is answered with a
 * clear error (it may or may not have run); calls made while it restarts wait for it.
 */
import { fail, type Result } from '@shared/api';
import type { KeychainBackend, Notifier, SecretStore } from '../core/platform/types';
import type { TrayCommand, TrayModel } from '../core/tray/model';
import type { TrayOutcome } from '../core/tray/service';
import { CoreToShellSchema, type CoreToShell, type ShellToCore } from './protocol';
import { logger } from '../core/log';

const log = logger('shell');

/** One running core process, however it was started. */
export interface CoreChild {
  post(message: ShellToCore): void;
  onMessage(listener: (message: unknown) => void): void;
  onExit(listener: (code: number | null) => void): void;
  kill(): void;
}
export type CoreLauncher = () => CoreChild;

export type CoreState = 'starting' | 'ready' | 'restarting' | 'failed' | 'stopped';

export interface CoreConnectionOptions {
  launch: CoreLauncher;
  dataDir: string;
  appVersion: string;
  shell: 'electron' | 'browser';
  /** Which keychain protects secrets (Electron safeStorage's backend); shown in Settings. */
  keychain?: KeychainBackend;
  /** Main's keychain (Electron safeStorage); secrets go to it and never to the renderer. */
  secrets: SecretStore;
  notifier: Notifier;
  /** Crashes in a row (without a minute of running in between) before giving up. */
  maxRestarts?: number;
}

export class CoreStartError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

type Pending = { route: string; resolve: (result: Result<unknown>) => void };

export class CoreConnection {
  private child: CoreChild | null = null;
  private state: CoreState = 'stopped';
  private nextId = 0;
  private readonly calls = new Map<number, Pending>();
  private readonly trayCalls = new Map<number, (outcome: TrayOutcome) => void>();
  private readonly queued: (() => void)[] = [];
  private readonly eventListeners = new Set<(event: string, payload: unknown) => void>();
  private readonly stateListeners = new Set<(state: CoreState) => void>();
  private readonly trayListeners = new Set<(model: TrayModel) => void>();
  private tray: TrayModel | null = null;
  private crashes = 0;
  private readyAt = 0;
  private firstStart: { resolve: () => void; reject: (error: Error) => void } | null = null;
  private closing: Promise<void> | null = null;
  private restartTimer: NodeJS.Timeout | null = null;

  constructor(private readonly options: CoreConnectionOptions) {}

  /** Resolves once the core answers; rejects with what went wrong if it cannot start. */
  start(): Promise<void> {
    return new Promise((resolve, reject) => {
      this.firstStart = { resolve, reject };
      this.launch('starting');
    });
  }

  get current(): CoreState {
    return this.state;
  }

  dispatch(route: string, input: unknown): Promise<Result<unknown>> {
    return new Promise((resolve) => {
      const send = () => {
        if (this.state !== 'ready' || !this.child) return resolve(this.unavailable(route));
        const id = this.nextId++;
        this.calls.set(id, { route, resolve });
        this.child.post({ type: 'call', id, route, input });
      };
      if (this.state === 'starting' || this.state === 'restarting') this.queued.push(send);
      else send();
    });
  }

  performTray(command: TrayCommand): Promise<TrayOutcome> {
    if (this.state !== 'ready' || !this.child)
      return Promise.resolve({ ok: false, message: 'FlipSync is reconnecting to its core; try again in a moment.' });
    const id = this.nextId++;
    const child = this.child;
    return new Promise((resolve) => {
      this.trayCalls.set(id, resolve);
      child.post({ type: 'tray-perform', id, command });
    });
  }

  trayModel(): TrayModel | null {
    return this.tray;
  }

  /** Ends the core process as a crash would (smoke run and Electron test only). */
  killForTest(): void {
    this.child?.kill();
  }

  /** Test builds only: raise an event on core's bus (the core ignores it otherwise). */
  emitForTest(event: string, payload: unknown): void {
    this.child?.post({ type: 'test-emit', event, payload });
  }

  onEvent(listener: (event: string, payload: unknown) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }
  onState(listener: (state: CoreState) => void): () => void {
    this.stateListeners.add(listener);
    return () => this.stateListeners.delete(listener);
  }
  onTray(listener: (model: TrayModel) => void): () => void {
    this.trayListeners.add(listener);
    return () => this.trayListeners.delete(listener);
  }

  /** Asks core to close its databases, then waits for the process to end. */
  close(): Promise<void> {
    if (this.closing) return this.closing;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    const child = this.child;
    this.setState('stopped');
    this.closing = new Promise((resolve) => {
      if (!child) return resolve();
      // A core that cannot close its databases in time is ended; LevelDB keeps what it wrote.
      const force = setTimeout(() => child.kill(), 15_000);
      child.onExit(() => {
        clearTimeout(force);
        resolve();
      });
      child.post({ type: 'close' });
    });
    return this.closing;
  }

  private launch(state: 'starting' | 'restarting'): void {
    this.setState(state);
    const child = this.options.launch();
    this.child = child;
    child.onMessage((raw) => {
      if (this.child === child) this.receive(child, raw);
    });
    child.onExit((code) => {
      if (this.child === child) this.exited(code);
    });
    child.post({
      type: 'start',
      dataDir: this.options.dataDir,
      appVersion: this.options.appVersion,
      shell: this.options.shell,
      ...(this.options.keychain ? { keychain: this.options.keychain } : {}),
    });
  }

  private receive(child: CoreChild, raw: unknown): void {
    const parsed = CoreToShellSchema.safeParse(raw);
    if (!parsed.success) return log.warn('ignored a malformed message from the core process');
    const message: CoreToShell = parsed.data;
    switch (message.type) {
      case 'ready':
        this.readyAt = Date.now();
        this.setState('ready');
        this.firstStart?.resolve();
        this.firstStart = null;
        for (const send of this.queued.splice(0)) send();
        return;
      case 'start-failed':
        this.firstStart?.reject(new CoreStartError(message.message, message.hint));
        this.firstStart = null;
        return;
      case 'result': {
        const pending = this.calls.get(message.id);
        this.calls.delete(message.id);
        pending?.resolve(message.result as Result<unknown>);
        return;
      }
      case 'event':
        for (const listener of this.eventListeners) listener(message.event, message.payload);
        return;
      case 'tray':
        this.tray = message.model as TrayModel;
        for (const listener of this.trayListeners) listener(this.tray);
        return;
      case 'tray-result': {
        const resolve = this.trayCalls.get(message.id);
        this.trayCalls.delete(message.id);
        resolve?.(message.outcome as TrayOutcome);
        return;
      }
      case 'notify':
        this.options.notifier.notify(message.notification);
        return;
      case 'platform':
        void this.platform(child, message.id, message.request);
        return;
      case 'closed':
        return;
    }
  }

  private async platform(child: CoreChild, id: number, request: Extract<CoreToShell, { type: 'platform' }>['request']) {
    const { secrets } = this.options;
    try {
      const value =
        request.op === 'secrets.get'
          ? await secrets.get(request.name)
          : request.op === 'secrets.set'
            ? (await secrets.set(request.name, request.value), null)
            : (await secrets.delete(request.name), null);
      child.post({ type: 'platform-reply', id, ok: true, value });
    } catch (error) {
      // The keychain's own words (never the secret, which is not in them).
      child.post({ type: 'platform-reply', id, ok: false, error: error instanceof Error ? error.message : 'failed' });
    }
  }

  private exited(code: number | null): void {
    this.child = null;
    for (const [id, pending] of this.calls) {
      this.calls.delete(id);
      pending.resolve(
        fail('UNAVAILABLE', `FlipSync's core stopped while running ${pending.route}; it is restarting.`, {
          hint: 'What was saved before is safe. Check whether this change went through, then try again.',
        }),
      );
    }
    for (const [id, resolve] of this.trayCalls) {
      this.trayCalls.delete(id);
      resolve({ ok: false, message: "FlipSync's core restarted; try again." });
    }
    if (this.state === 'stopped') return;
    if (this.firstStart) {
      this.firstStart.reject(new CoreStartError(`FlipSync's core process ended while starting (exit code ${code}).`));
      this.firstStart = null;
      this.setState('failed');
      return;
    }
    log.error(`the core process ended (exit code ${code}); restarting it`);
    if (Date.now() - this.readyAt > 60_000) this.crashes = 0;
    this.crashes += 1;
    if (this.crashes > (this.options.maxRestarts ?? 5)) {
      this.setState('failed');
      for (const send of this.queued.splice(0)) send();
      return;
    }
    this.setState('restarting');
    // Back off a little on repeated crashes so a core that dies at start cannot spin the CPU.
    const delay = Math.min(250 * 2 ** (this.crashes - 1), 5_000) - 250;
    this.restartTimer = setTimeout(() => this.launch('restarting'), Math.max(0, delay));
  }

  private unavailable(route: string): Result<unknown> {
    return fail('UNAVAILABLE', `FlipSync's core is not running, so ${route} could not run.`, {
      hint: 'Restart FlipSync. What was saved before is safe.',
    });
  }

  private setState(state: CoreState): void {
    if (this.state === state) return;
    this.state = state;
    for (const listener of this.stateListeners) listener(state);
  }
}
