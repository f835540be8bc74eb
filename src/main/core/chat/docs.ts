/**
 * Chat documents. A message is its own document (`msg:<conversation ulid>:<ulid>`), written
 * once for a user message and a few times while a reply streams; regenerate and
 * edit-and-resend add new messages that say which one they replace, so no earlier version
 * is ever overwritten.
 */
import { decodeTime, monotonicFactory } from 'ulid';
import type { ChatMessage, Conversation } from '@shared/api';

export interface ConversationDoc {
  _id: string; // conv:<ulid>
  _rev?: string;
  type: 'conversation';
  title: string;
  titleBy: Conversation['titleBy'];
  createdAt: string;
}

export type MessageDoc = Omit<ChatMessage, 'id'> & {
  _id: string; // msg:<conversation ulid>:<ulid>
  _rev?: string;
  type: 'message';
};

const nextUlid = monotonicFactory();

export const newConversationId = () => `conv:${nextUlid()}`;
export const conversationUlid = (conversationId: string) => conversationId.slice('conv:'.length);
export const newMessageId = (conversationId: string) => `msg:${conversationUlid(conversationId)}:${nextUlid()}`;

/** The key range holding one conversation's messages, oldest first. */
export const messageRange = (conversationId: string) => ({
  startkey: `msg:${conversationUlid(conversationId)}:`,
  endkey: `msg:${conversationUlid(conversationId)}:\uffff`,
});

export const createdAtOf = (id: string): string =>
  new Date(decodeTime(id.slice(id.lastIndexOf(':') + 1))).toISOString();

export function toMessage(doc: MessageDoc): ChatMessage {
  const { _id, _rev, type, ...rest } = doc;
  void _rev;
  void type;
  return { id: _id, ...rest };
}

export function toMessageDoc(message: ChatMessage, rev?: string): MessageDoc {
  const { id, ...rest } = message;
  return { _id: id, ...(rev ? { _rev: rev } : {}), type: 'message', ...rest };
}

/**
 * The thread the seller sees: messages in order, where a message that replaces an earlier
 * one cuts the thread back to just before it (a regenerated reply, an edited question and
 * everything that followed it).
 */
export function visibleThread<M extends { id: string; replaces?: string }>(messages: M[]): M[] {
  const thread: M[] = [];
  for (const message of messages) {
    if (message.replaces) {
      const at = thread.findIndex((m) => m.id === message.replaces);
      if (at >= 0) thread.length = at;
    }
    thread.push(message);
  }
  return thread;
}

export const PREVIEW_CHARS = 140;

export function preview(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > PREVIEW_CHARS ? `${flat.slice(0, PREVIEW_CHARS - 1)}…` : flat;
}
