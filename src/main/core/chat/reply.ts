/**
 * One reply in progress, owned by core: it reads the producer, sends the text to the
 * renderer in batches (at most one `chat.delta` per ~16 ms), and saves what has arrived
 * every ~250 ms and at the end, so a crash loses at most a quarter of a second of text.
 */
import type { ChatMessage } from '@shared/api';
import { AiError } from '../ai/errors';
import type { EventBus } from '../events';
import type { ReplyDone, ReplyProducer } from './producer';
import type { ChatStore } from './store';
import { logger } from '../log';

const log = logger('chat');

export const DELTA_BATCH_MS = 16;
export const SAVE_EVERY_MS = 250;

export interface ReplyOptions {
  store: ChatStore;
  events: EventBus;
  producer: ReplyProducer;
  /** The assistant message as first saved (status `streaming`, empty text). */
  message: ChatMessage;
  rev: string;
  history: { role: 'user' | 'assistant'; text: string }[];
  /** Runs just before the final `chat.message`, so a listener may start the next reply at once. */
  onFinish?: () => void;
}

export class Reply {
  readonly controller = new AbortController();
  /** Everything received so far. */
  text = '';
  /** Set when FlipSync is closing, so the stop is recorded as an interruption. */
  interrupted = false;
  readonly finished: Promise<ChatMessage>;
  private emitted = 0;
  private lastFlush = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private saveTimer: NodeJS.Timeout | null = null;
  private rev: string;
  private writes: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReplyOptions) {
    this.rev = options.rev;
    this.finished = this.run();
  }

  get messageId(): string {
    return this.options.message.id;
  }

  get conversationId(): string {
    return this.options.message.conversationId;
  }

  stop(): void {
    this.controller.abort();
  }

  private async run(): Promise<ChatMessage> {
    const { producer, message, history } = this.options;
    const signal = this.controller.signal;
    let final: ChatMessage;
    try {
      let done: ReplyDone | null = null;
      for await (const event of producer({
        conversationId: message.conversationId,
        messageId: message.id,
        history,
        signal,
      })) {
        if (event.type === 'text') {
          if (!event.text) continue;
          this.text += event.text;
          this.scheduleFlush();
          this.scheduleSave();
        } else {
          done = event;
        }
      }
      if (signal.aborted) throw new AiError('cancelled', 'The reply was stopped.');
      final = {
        ...message,
        text: this.text,
        status: 'done',
        ...(done?.model ? { model: done.model } : {}),
        ...(done?.usage ? { usage: done.usage } : {}),
        ...(done && done.costUsd !== undefined ? { costUsd: done.costUsd } : {}),
        ...(done?.agent ? { agent: done.agent } : {}),
        ...(done?.toolCalls?.length ? { toolCalls: done.toolCalls } : {}),
      };
    } catch (error) {
      final = { ...message, text: this.text, ...this.failure(error, signal.aborted) };
    }
    this.clearTimers();
    this.flush();
    try {
      await this.save(final);
    } catch (error) {
      // The text reached the renderer; the seller should still see it even if the disk refused it.
      log.error('could not save the finished reply', error);
    }
    this.options.onFinish?.();
    this.options.events.emit('chat.message', { message: final });
    return final;
  }

  private failure(error: unknown, aborted: boolean): Pick<ChatMessage, 'status' | 'error' | 'interrupted'> {
    const cancelled = aborted || (error instanceof AiError && error.kind === 'cancelled');
    if (cancelled) return { status: 'stopped', ...(this.interrupted ? { interrupted: true } : {}) };
    if (error instanceof AiError) {
      // The seller sees the summary; the log keeps the whole error (redacted by its rule).
      log.warn(`the reply failed: ${error.message}`, error, { kind: error.kind });
      return { status: 'failed', error: error.info() };
    }
    log.error('the reply failed unexpectedly', error);
    return {
      status: 'failed',
      error: { kind: 'unknown', message: 'The reply failed unexpectedly.', hint: 'Try again; details are in the log.' },
    };
  }

  /** Leading edge when the stream is sparse, then at most one event per batch window. */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    const wait = this.lastFlush + DELTA_BATCH_MS - performance.now();
    if (wait <= 0) this.flush();
    else this.flushTimer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = null;
    if (this.emitted >= this.text.length) return;
    const { conversationId, id } = this.options.message;
    const offset = this.emitted;
    this.emitted = this.text.length;
    this.lastFlush = performance.now();
    this.options.events.emit('chat.delta', { conversationId, messageId: id, text: this.text.slice(offset), offset });
  }

  private scheduleSave(): void {
    if (this.saveTimer) return;
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      this.save({ ...this.options.message, text: this.text }).catch((error: unknown) =>
        log.error('could not save the reply in progress', error),
      );
    }, SAVE_EVERY_MS);
  }

  private clearTimers(): void {
    if (this.saveTimer) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  /** Writes run one after another, each on the revision the previous one made. */
  private save(message: ChatMessage): Promise<void> {
    const write = this.writes.then(async () => {
      this.rev = await this.options.store.putMessage(message, this.rev);
    });
    this.writes = write.catch(() => undefined);
    return write;
  }
}
