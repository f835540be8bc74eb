/**
 * The notification policy: which bus events become desktop notifications, and when.
 *
 * Per kind: the first event waits `gatherMs` for more of the same, then one notification
 * says it all ("5 proposals are waiting"); after that the kind rests for `cooldownMs`, and
 * whatever arrives meanwhile is summed up when the rest ends. During quiet hours nothing is
 * shown; what gathered is shown when they end. Kinds the seller turned off are dropped.
 * The shell only displays what this decides, through the platform's notifier.
 */
import { DEFAULT_SETTINGS, type NotificationSettings } from '@shared/api';
import type { EventBus } from '../events';
import type { Notifier } from '../platform/types';
import type { SettingsStore } from '../settings/store';
import {
  NOTIFICATION_KINDS,
  VIEW_OF_KIND,
  readEvent,
  summarise,
  type NotificationKind,
  type Occurrence,
} from './kinds';
import { isQuiet, quietEndsAt, type QuietHours } from './quiet-hours';
import { logger } from '../log';

const log = logger('notifications');

export interface NotificationRequest {
  kind: NotificationKind;
  title: string;
  body: string;
  /** The page a click opens. */
  view: string;
  /** How many events this one notification stands for. */
  count: number;
  at: string;
}

export interface PolicyOptions {
  notifier: Notifier;
  gatherMs?: number;
  cooldownMs?: number;
  now?: () => Date;
}

type Phase = 'gathering' | 'cooling' | 'quiet';
const HISTORY = 50;

export class NotificationPolicy {
  private settings: NotificationSettings = DEFAULT_SETTINGS.notifications;
  /** The seller's currency, for the amounts of what sold. */
  private currency = DEFAULT_SETTINGS.general.currency;
  private readonly batches = new Map<NotificationKind, Map<string, Occurrence>>();
  private readonly timers = new Map<NotificationKind, { phase: Phase; handle: NodeJS.Timeout }>();
  /** The last `onceKey` shown per kind, so a state is announced once, not on every status. */
  private readonly announced = new Map<NotificationKind, string>();
  private readonly history: NotificationRequest[] = [];
  private readonly unsubscribers: (() => void)[] = [];
  private readonly gatherMs: number;
  private readonly cooldownMs: number;
  private readonly now: () => Date;

  constructor(private readonly options: PolicyOptions) {
    this.gatherMs = options.gatherMs ?? 2_000;
    this.cooldownMs = options.cooldownMs ?? 60_000;
    this.now = options.now ?? (() => new Date());
  }

  /** Follows the bus and the seller's notification settings. */
  async attach(events: EventBus, settings: SettingsStore): Promise<void> {
    const current = await settings.get();
    this.currency = current.general.currency;
    this.configure(current.notifications);
    this.unsubscribers.push(
      events.on('settings.changed', (next) => {
        this.currency = next.general.currency;
        this.configure(next.notifications);
      }),
      events.onAny((name, payload) => this.handle(name, payload)),
    );
  }

  configure(next: NotificationSettings): void {
    const quietChanged =
      next.quietHours !== this.settings.quietHours ||
      next.quietStart !== this.settings.quietStart ||
      next.quietEnd !== this.settings.quietEnd;
    this.settings = next;
    for (const kind of NOTIFICATION_KINDS) {
      if (!next[kind]) this.drop(kind);
      // Held for quiet hours that changed: decide again now.
      else if (quietChanged && this.timers.get(kind)?.phase === 'quiet') this.schedule(kind, 'gathering', 0);
    }
  }

  handle(eventName: string, payload: unknown): void {
    const reading = readEvent(eventName, payload, this.currency);
    if (!reading) return;
    if ('cleared' in reading) {
      // The state ended (sync works again): forget it, and do not announce a stale error.
      this.announced.delete(reading.cleared);
      this.drop(reading.cleared);
      return;
    }
    const { occurrence } = reading;
    const { kind } = occurrence;
    if (!this.settings[kind]) return;
    if (occurrence.onceKey !== undefined) {
      if (this.announced.get(kind) === occurrence.onceKey) return;
      this.announced.set(kind, occurrence.onceKey);
    }
    let batch = this.batches.get(kind);
    if (!batch) this.batches.set(kind, (batch = new Map()));
    batch.set(occurrence.key, occurrence);
    if (!this.timers.has(kind)) this.schedule(kind, 'gathering', this.gatherMs);
  }

  /** What was asked of the notifier, newest last (the last 50). */
  recent(): NotificationRequest[] {
    return [...this.history];
  }

  /** How many events are gathered and not shown yet, per kind. */
  pending(): Partial<Record<NotificationKind, number>> {
    const out: Partial<Record<NotificationKind, number>> = {};
    for (const [kind, batch] of this.batches) if (batch.size > 0) out[kind] = batch.size;
    return out;
  }

  close(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const { handle } of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
    this.batches.clear();
  }

  private quiet(): QuietHours {
    const { quietHours, quietStart, quietEnd } = this.settings;
    return { enabled: quietHours, start: quietStart, end: quietEnd };
  }

  private schedule(kind: NotificationKind, phase: Phase, ms: number): void {
    const existing = this.timers.get(kind);
    if (existing) clearTimeout(existing.handle);
    const handle = setTimeout(() => this.flush(kind), ms);
    handle.unref?.();
    this.timers.set(kind, { phase, handle });
  }

  private drop(kind: NotificationKind): void {
    this.batches.delete(kind);
    const timer = this.timers.get(kind);
    if (timer && timer.phase !== 'cooling') {
      clearTimeout(timer.handle);
      this.timers.delete(kind);
    }
  }

  private flush(kind: NotificationKind): void {
    this.timers.delete(kind);
    const batch = this.batches.get(kind);
    if (!batch || batch.size === 0 || !this.settings[kind]) {
      this.batches.delete(kind);
      return;
    }
    const now = this.now();
    const quiet = this.quiet();
    if (isQuiet(now, quiet)) {
      this.schedule(kind, 'quiet', Math.max(0, quietEndsAt(now, quiet).getTime() - now.getTime()));
      return;
    }
    this.batches.delete(kind);
    const occurrences = [...batch.values()];
    const { title, body } = summarise(kind, occurrences);
    const request: NotificationRequest = {
      kind,
      title,
      body,
      view: VIEW_OF_KIND[kind],
      count: occurrences.length,
      at: now.toISOString(),
    };
    this.history.push(request);
    if (this.history.length > HISTORY) this.history.shift();
    try {
      this.options.notifier.notify({ title, body, view: request.view });
    } catch (error) {
      // A notifier that fails (no notification daemon) must not stop the others or the bus.
      log.error('the notifier failed', error);
    }
    this.schedule(kind, 'cooling', this.cooldownMs);
  }
}
