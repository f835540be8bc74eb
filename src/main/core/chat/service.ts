/**
 * The chat as core runs it: conversations, replies streamed by core (one at a time per
 * conversation), titles, search and export. Replies outlive the window that asked for them:
 * a renderer that reloads asks `active()` and keeps listening.
 */
import type { ActiveReply, ChatMessage, Conversation, ConversationView, ReplyStarted, SearchHit } from '@shared/api';
import type { AiService } from '../ai/service';
import { AppError } from '../errors';
import type { EventBus } from '../events';
import { createdAtOf, newMessageId, visibleThread } from './docs';
import { exportConversation, type ExportFile } from './export';
import type { ReplyProducer } from './producer';
import { Reply } from './reply';
import type { ChatStore } from './store';
import { firstWords, generateTitle } from './title';
import { logger } from '../log';

const log = logger('chat');

export interface ChatServiceOptions {
  store: ChatStore;
  events: EventBus;
  ai: AiService;
  producer: ReplyProducer;
}

export class ChatService {
  readonly store: ChatStore;
  private producer: ReplyProducer;
  /** Replies in progress by conversation id. */
  private readonly replies = new Map<string, Reply>();
  /** Conversations between "send" and the reply starting: a second send must wait. */
  private readonly starting = new Set<string>();
  private readonly background = new Set<Promise<unknown>>();
  private readonly closing = new AbortController();
  private streamingWrites: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ChatServiceOptions) {
    this.store = options.store;
    this.producer = options.producer;
  }

  /** Replies left `streaming` by a FlipSync that stopped mid-reply are kept as interrupted. */
  async recover(): Promise<void> {
    const { ids } = await this.store.streamingIds();
    for (const id of ids) {
      const doc = await this.store.messageDoc(id);
      if (doc?.status !== 'streaming') continue;
      await this.store.db.put({ ...doc, status: 'stopped', interrupted: true });
    }
    if (ids.length) await this.store.setStreamingIds([]);
  }

  /** Lets the agents work answer with the assistant agent's loop instead of one AI call. */
  setProducer(producer: ReplyProducer): void {
    this.producer = producer;
  }

  async create(title?: string): Promise<Conversation> {
    const conversation = await this.store.createConversation(title);
    this.options.events.emit('chat.conversation', { change: 'created', conversationId: conversation.id, conversation });
    return conversation;
  }

  list(): Promise<Conversation[]> {
    return this.store.listConversations();
  }

  async rename(conversationId: string, title: string): Promise<Conversation> {
    const conversation = (await this.store.setTitle(conversationId, title, 'seller')) as Conversation;
    this.options.events.emit('chat.conversation', { change: 'renamed', conversationId, conversation });
    return conversation;
  }

  async delete(conversationId: string): Promise<void> {
    const reply = this.replies.get(conversationId);
    if (reply) {
      reply.stop();
      await reply.finished;
    }
    await this.store.deleteConversation(conversationId);
    this.options.events.emit('chat.conversation', { change: 'deleted', conversationId });
  }

  search(query: string): Promise<SearchHit[]> {
    return this.store.search(query);
  }

  async view(conversationId: string): Promise<ConversationView> {
    const conversation = await this.store.conversation(conversationId);
    const all = await this.store.allMessages(conversationId);
    const messages = visibleThread(all).map((m) => this.withLiveText(m));
    return { conversation, messages, totals: await this.store.totals(conversationId, all) };
  }

  async send(conversationId: string | undefined, text: string): Promise<ReplyStarted> {
    const id = conversationId ?? (await this.create()).id;
    return this.exclusive(id, async () => {
      const conversation = await this.store.conversationDoc(id);
      const thread = await this.store.thread(id);
      const user = await this.addUserMessage(id, text);
      if (conversation.titleBy === 'none') await this.setTitle(id, firstWords(text), 'words');
      return this.startReply(id, [...thread, user], user);
    });
  }

  async regenerate(conversationId: string): Promise<ReplyStarted> {
    return this.exclusive(conversationId, async () => {
      const thread = await this.store.thread(conversationId);
      const last = thread.at(-1);
      if (!last) throw new AppError('BAD_REQUEST', 'There is no reply to regenerate yet.', 'Send a message first.');
      const history = last.role === 'assistant' ? thread.slice(0, -1) : thread;
      const question = history.at(-1);
      if (question?.role !== 'user') {
        throw new AppError(
          'BAD_REQUEST',
          'The last reply does not follow a message of yours.',
          'Send a message instead.',
        );
      }
      return this.startReply(conversationId, history, question, last.role === 'assistant' ? last.id : undefined);
    });
  }

  async editAndResend(conversationId: string, messageId: string, text: string): Promise<ReplyStarted> {
    return this.exclusive(conversationId, async () => {
      const thread = await this.store.thread(conversationId);
      const at = thread.findIndex((m) => m.id === messageId);
      if (at < 0 || thread[at]?.role !== 'user') {
        throw new AppError(
          'NOT_FOUND',
          'That message is not one of yours in this conversation any more.',
          'Reload the conversation and edit a message that is shown.',
        );
      }
      const user = await this.addUserMessage(conversationId, text, messageId);
      return this.startReply(conversationId, [...thread.slice(0, at), user], user);
    });
  }

  async stop(conversationId: string): Promise<boolean> {
    const reply = this.replies.get(conversationId);
    if (!reply) return false;
    reply.stop();
    await reply.finished;
    return true;
  }

  active(): ActiveReply[] {
    return [...this.replies.values()].map((r) => ({
      conversationId: r.conversationId,
      messageId: r.messageId,
      text: r.text,
    }));
  }

  async export(conversationId: string, format: 'markdown' | 'json'): Promise<ExportFile> {
    const view = await this.view(conversationId);
    return exportConversation(format, view.conversation, view.messages, view.totals);
  }

  /** Resolves when no reply or title is being written (tests, shutdown). */
  async settled(): Promise<void> {
    while (this.replies.size || this.background.size) {
      await Promise.all([...[...this.replies.values()].map((r) => r.finished), ...this.background]);
    }
  }

  async close(): Promise<void> {
    this.closing.abort();
    for (const reply of this.replies.values()) {
      reply.interrupted = true;
      reply.stop();
    }
    await this.settled().catch(() => undefined);
  }

  private withLiveText(message: ChatMessage): ChatMessage {
    const reply = this.replies.get(message.conversationId);
    return reply?.messageId === message.id ? { ...message, text: reply.text } : message;
  }

  private async exclusive<T>(conversationId: string, work: () => Promise<T>): Promise<T> {
    if (this.closing.signal.aborted) throw new AppError('UNAVAILABLE', 'FlipSync is shutting down.');
    if (this.replies.has(conversationId) || this.starting.has(conversationId)) {
      throw new AppError(
        'CONFLICT',
        'A reply is still being written in this conversation.',
        'Wait for it to finish, or press Stop (Esc) first.',
      );
    }
    this.starting.add(conversationId);
    try {
      return await work();
    } finally {
      this.starting.delete(conversationId);
    }
  }

  private async addUserMessage(conversationId: string, text: string, replaces?: string): Promise<ChatMessage> {
    const id = newMessageId(conversationId);
    const message: ChatMessage = {
      id,
      conversationId,
      role: 'user',
      text,
      createdAt: createdAtOf(id),
      status: 'done',
      ...(replaces ? { replaces } : {}),
    };
    await this.store.putMessage(message);
    this.options.events.emit('chat.message', { message });
    return message;
  }

  private async startReply(
    conversationId: string,
    history: ChatMessage[],
    question: ChatMessage,
    replaces?: string,
  ): Promise<ReplyStarted> {
    const id = newMessageId(conversationId);
    const message: ChatMessage = {
      id,
      conversationId,
      role: 'assistant',
      text: '',
      createdAt: createdAtOf(id),
      status: 'streaming',
      ...(replaces ? { replaces } : {}),
    };
    await this.updateStreaming((ids) => [...ids, id]);
    const rev = await this.store.putMessage(message);
    this.options.events.emit('chat.message', { message });
    const reply = new Reply({
      store: this.store,
      events: this.options.events,
      producer: this.producer,
      message,
      rev,
      history: history.filter((m) => m.text && m.status !== 'failed').map((m) => ({ role: m.role, text: m.text })),
      onFinish: () => {
        if (this.replies.get(conversationId) === reply) this.replies.delete(conversationId);
      },
    });
    this.replies.set(conversationId, reply);
    this.track(
      reply.finished.then(async (final) => {
        await this.updateStreaming((ids) => ids.filter((x) => x !== id));
        if (final.status === 'done' && history.length === 1)
          await this.improveTitle(conversationId, question.text, final.text);
      }),
    );
    return { conversationId, userMessageId: question.id, assistantMessageId: id };
  }

  private async improveTitle(conversationId: string, question: string, answer: string): Promise<void> {
    const doc = await this.store.conversationDoc(conversationId).catch(() => null);
    if (!doc || (doc.titleBy !== 'words' && doc.titleBy !== 'none')) return;
    try {
      const title = await generateTitle(this.options.ai, conversationId, question, answer, this.closing.signal);
      if (title) await this.setTitle(conversationId, title, 'ai');
    } catch {
      // The first words stay: a title is not worth an error in the seller's face.
    }
  }

  private async setTitle(conversationId: string, title: string, by: Conversation['titleBy']): Promise<void> {
    const conversation = await this.store.setTitle(conversationId, title, by);
    if (conversation)
      this.options.events.emit('chat.conversation', { change: 'renamed', conversationId, conversation });
  }

  /** The list of replies in progress, changed one write at a time. */
  private updateStreaming(change: (ids: string[]) => string[]): Promise<void> {
    const write = this.streamingWrites.then(async () => {
      const { ids } = await this.store.streamingIds();
      await this.store.setStreamingIds(change(ids));
    });
    this.streamingWrites = write.catch(() => undefined);
    return write;
  }

  private track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) => log.error('background work failed', error));
    this.background.add(tracked);
    void tracked.finally(() => this.background.delete(tracked));
  }
}
