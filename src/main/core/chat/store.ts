/**
 * Conversations and messages in the chat database. Reads go straight to PouchDB, so
 * messages that arrive by sync from another device show up like local ones.
 */
import type { ChatMessage, ChatTotals, Conversation, SearchHit } from '@shared/api';
import type { Database } from '../db/open';
import { AppError } from '../errors';
import {
  createdAtOf,
  messageRange,
  newConversationId,
  preview,
  toMessage,
  toMessageDoc,
  visibleThread,
  type ConversationDoc,
  type MessageDoc,
} from './docs';

/** Message ids of replies this device was streaming; `_local` documents never sync. */
const STREAMING_DOC = '_local/chat-streaming';

const isNotFound = (error: unknown) => (error as { status?: number }).status === 404;

export class ChatStore {
  constructor(readonly db: Database) {}

  async createConversation(title?: string): Promise<Conversation> {
    const id = newConversationId();
    const doc: ConversationDoc = {
      _id: id,
      type: 'conversation',
      title: title ?? 'New conversation',
      titleBy: title ? 'seller' : 'none',
      createdAt: createdAtOf(id),
    };
    await this.db.put(doc);
    return this.toConversation(doc, null);
  }

  async conversationDoc(id: string): Promise<ConversationDoc> {
    try {
      return await this.db.get<ConversationDoc>(id);
    } catch (error) {
      if (isNotFound(error)) {
        throw new AppError(
          'NOT_FOUND',
          'That conversation does not exist (it may have been deleted).',
          'Pick another conversation from the list.',
        );
      }
      throw error;
    }
  }

  async conversation(id: string): Promise<Conversation> {
    const doc = await this.conversationDoc(id);
    return this.toConversation(doc, await this.lastMessage(id));
  }

  /** Sets the title unless the seller chose one meanwhile (unless this is the seller). */
  async setTitle(id: string, title: string, by: Conversation['titleBy']): Promise<Conversation | null> {
    for (;;) {
      const doc = await this.conversationDoc(id);
      if (by !== 'seller' && doc.titleBy === 'seller') return null;
      try {
        await this.db.put({ ...doc, title, titleBy: by });
        return this.conversation(id);
      } catch (error) {
        // Someone else (sync, the seller) wrote it in between: read again and retry.
        if ((error as { status?: number }).status !== 409) throw error;
      }
    }
  }

  async listConversations(): Promise<Conversation[]> {
    const docs = await this.conversationDocs();
    const list = await Promise.all(docs.map(async (doc) => this.toConversation(doc, await this.lastMessage(doc._id))));
    return list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
  }

  async deleteConversation(id: string): Promise<void> {
    const doc = await this.conversationDoc(id);
    const messages = await this.db.allDocs({ ...messageRange(id) });
    // Messages first: a failure part-way leaves the conversation listed, so it can be deleted again.
    await this.db.bulkDocs(messages.rows.map((row) => ({ _id: row.id, _rev: row.value.rev, _deleted: true })));
    await this.db.remove(doc._id, doc._rev as string);
  }

  /** Every stored message of the conversation, replaced versions included, oldest first. */
  async allMessages(conversationId: string): Promise<ChatMessage[]> {
    const result = await this.db.allDocs<MessageDoc>({ ...messageRange(conversationId), include_docs: true });
    return result.rows.flatMap((row) => (row.doc ? [toMessage(row.doc)] : []));
  }

  async thread(conversationId: string): Promise<ChatMessage[]> {
    return visibleThread(await this.allMessages(conversationId));
  }

  async putMessage(message: ChatMessage, rev?: string): Promise<string> {
    const result = await this.db.put(toMessageDoc(message, rev));
    return result.rev;
  }

  async search(query: string, limit = 50): Promise<SearchHit[]> {
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    const matches = (text: string) => {
      const lower = text.toLowerCase();
      return words.every((w) => lower.includes(w));
    };
    const [conversations, messages] = await Promise.all([
      this.conversationDocs(),
      this.db.allDocs<MessageDoc>({ startkey: 'msg:', endkey: 'msg:\uffff', include_docs: true }),
    ]);
    const byConversation = new Map<string, ChatMessage[]>();
    for (const row of messages.rows) {
      if (!row.doc) continue;
      const message = toMessage(row.doc);
      const list = byConversation.get(message.conversationId) ?? [];
      list.push(message);
      byConversation.set(message.conversationId, list);
    }
    const hits: (SearchHit & { at: string })[] = [];
    for (const doc of conversations) {
      const thread = visibleThread(byConversation.get(doc._id) ?? []);
      const at = thread.at(-1)?.createdAt ?? doc.createdAt;
      if (matches(doc.title)) {
        hits.push({ conversationId: doc._id, title: doc.title, snippet: preview(thread[0]?.text ?? ''), at });
        continue;
      }
      const found = thread.findLast((m) => matches(m.text));
      if (found) {
        hits.push({
          conversationId: doc._id,
          title: doc.title,
          messageId: found.id,
          snippet: snippet(found.text, words[0] ?? ''),
          at,
        });
      }
    }
    return hits
      .sort((a, b) => b.at.localeCompare(a.at))
      .slice(0, limit)
      .map(({ at, ...hit }) => (void at, hit));
  }

  async totals(conversationId: string, messages?: ChatMessage[]): Promise<ChatTotals> {
    const all = messages ?? (await this.allMessages(conversationId));
    const totals: ChatTotals = { promptTokens: 0, completionTokens: 0, costUsd: 0, unpricedReplies: 0 };
    for (const m of all) {
      if (m.role !== 'assistant' || !m.usage) continue;
      totals.promptTokens += m.usage.promptTokens;
      totals.completionTokens += m.usage.completionTokens;
      if (typeof m.costUsd === 'number') totals.costUsd += m.costUsd;
      else totals.unpricedReplies += 1;
    }
    return totals;
  }

  async streamingIds(): Promise<{ ids: string[]; rev?: string }> {
    try {
      const doc = await this.db.get<{ ids: string[] }>(STREAMING_DOC);
      return { ids: doc.ids, rev: doc._rev };
    } catch (error) {
      if (isNotFound(error)) return { ids: [] };
      throw error;
    }
  }

  async setStreamingIds(ids: string[]): Promise<void> {
    const current = await this.streamingIds();
    await this.db.put({ _id: STREAMING_DOC, ...(current.rev ? { _rev: current.rev } : {}), ids });
  }

  async messageDoc(id: string): Promise<MessageDoc | null> {
    try {
      return await this.db.get<MessageDoc>(id);
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  private async conversationDocs(): Promise<ConversationDoc[]> {
    const result = await this.db.allDocs<ConversationDoc>({
      startkey: 'conv:',
      endkey: 'conv:\uffff',
      include_docs: true,
    });
    return result.rows.flatMap((row) => (row.doc ? [row.doc] : []));
  }

  private async lastMessage(conversationId: string): Promise<ChatMessage | null> {
    const range = messageRange(conversationId);
    const result = await this.db.allDocs<MessageDoc>({
      startkey: range.endkey,
      endkey: range.startkey,
      descending: true,
      limit: 1,
      include_docs: true,
    });
    const doc = result.rows[0]?.doc;
    return doc ? toMessage(doc) : null;
  }

  private toConversation(doc: ConversationDoc, last: ChatMessage | null): Conversation {
    return {
      id: doc._id,
      title: doc.title,
      titleBy: doc.titleBy,
      createdAt: doc.createdAt,
      updatedAt: last?.createdAt ?? doc.createdAt,
      lastMessage: last ? { role: last.role, preview: preview(last.text) } : null,
    };
  }
}

/** Text around the first occurrence of `word`, on one line. */
function snippet(text: string, word: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = Math.max(0, flat.toLowerCase().indexOf(word));
  const start = Math.max(0, at - 50);
  const end = Math.min(flat.length, at + word.length + 90);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}
