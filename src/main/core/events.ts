import type { EventName, EventPayload } from '@shared/api';
import { logger } from './log';

const log = logger('events');

type AnyListener = (event: EventName, payload: unknown) => void;

/**
 * The one event bus of core. Transports subscribe with `onAny` and forward everything;
 * core features subscribe to the events they care about.
 */
export class EventBus {
  private readonly listeners = new Set<AnyListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) {
      try {
        listener(event, payload);
      } catch (error) {
        // One broken subscriber must not stop the others from hearing the event.
        log.error(`a listener of ${event} failed`, error);
      }
    }
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    return this.onAny((name, payload) => {
      if (name === event) listener(payload as EventPayload<E>);
    });
  }

  onAny(listener: AnyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
