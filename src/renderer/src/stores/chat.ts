/**
 * The chat as the renderer sees it. Core owns every reply; this store only mirrors it:
 * it re-attaches to replies in progress (`chat.active`) whenever the connection comes up
 * and applies `chat.delta` by offset, so nothing is shown twice or lost after a reload.
 */
import { create } from 'zustand';
import type {
  ApiError,
  ChatDeltaEvent,
  ChatMessage,
  Conversation,
  ConversationView,
  ReplyStarted,
  Result,
  SearchHit,
} from '@shared/api';
import { api } from '../api/client';
import { disconnectedError } from './connection';

interface ChatStore {
  conversations: Conversation[];
  listError: ApiError | null;
  currentId: string | null;
  view: ConversationView | null;
  viewError: ApiError | null;
  /** Text of replies in progress by message id, as far as it has arrived. */
  live: Record<string, string>;
  /** An error from the last action (send, stop, rename…), shown above the composer. */
  actionError: ApiError | null;
  query: string;
  hits: SearchHit[] | null;
  searchError: ApiError | null;
  /** null while unknown; false when the provider needs an API key and none is stored. */
  providerReady: boolean | null;

  attach(): () => void;
  refresh(): Promise<void>;
  checkProvider(): Promise<void>;
  select(conversationId: string | null): Promise<void>;
  newConversation(): Promise<void>;
  send(text: string): Promise<boolean>;
  stop(): Promise<void>;
  regenerate(): Promise<void>;
  editAndResend(messageId: string, text: string): Promise<boolean>;
  rename(conversationId: string, title: string): Promise<boolean>;
  remove(conversationId: string): Promise<void>;
  search(query: string): Promise<void>;
  exportFile(format: 'markdown' | 'json'): Promise<{ fileName: string; mimeType: string; text: string } | null>;
}

const upsert = (list: Conversation[], c: Conversation) =>
  [c, ...list.filter((x) => x.id !== c.id)].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));

/** Puts a message into the thread as core does: one that replaces another cuts the thread there. */
function placeMessage(messages: ChatMessage[], message: ChatMessage): ChatMessage[] {
  const at = messages.findIndex((m) => m.id === message.id);
  if (at >= 0) return messages.map((m, i) => (i === at ? message : m));
  const cut = message.replaces ? messages.findIndex((m) => m.id === message.replaces) : -1;
  return [...(cut >= 0 ? messages.slice(0, cut) : messages), message];
}

const CURRENT_KEY = 'flipsync.chat.current';
const remembered = () => {
  try {
    return window.sessionStorage.getItem(CURRENT_KEY);
  } catch {
    return null;
  }
};
const remember = (id: string | null) => {
  try {
    if (id) window.sessionStorage.setItem(CURRENT_KEY, id);
    else window.sessionStorage.removeItem(CURRENT_KEY);
  } catch {
    // Storage can be unavailable (private mode); reopening the conversation is a nicety.
  }
};

export const useChatStore = create<ChatStore>((set, get) => {
  let listTimer: ReturnType<typeof setTimeout> | null = null;
  /** Reloads the list shortly after a burst of changes (previews, order). */
  const reloadListSoon = () => {
    if (listTimer) return;
    listTimer = setTimeout(() => {
      listTimer = null;
      void loadList();
    }, 100);
  };
  const loadList = async () => {
    const r = await api.call('chat.conversations.list', {});
    set(r.ok ? { conversations: r.data, listError: null } : { listError: r.error });
  };
  /** Counts changes events made to the open view, so an answer older than them is not applied. */
  let viewChanges = 0;
  const loadView = async (id: string): Promise<void> => {
    const before = viewChanges;
    const r = await api.call('chat.messages.list', { conversationId: id });
    if (get().currentId !== id) return;
    // An event changed the view while this was in flight (a rename, a reply): ask again.
    if (before !== viewChanges) return loadView(id);
    set(r.ok ? { view: r.data, viewError: null } : { viewError: r.error, view: null });
  };
  const reattach = async () => {
    const r = await api.call('chat.active', {});
    if (!r.ok) return;
    const live = { ...get().live };
    for (const a of r.data) if ((live[a.messageId]?.length ?? 0) < a.text.length) live[a.messageId] = a.text;
    set({ live });
  };
  const onDelta = (d: ChatDeltaEvent) => {
    const { live, view } = get();
    const known = live[d.messageId] ?? view?.messages.find((m) => m.id === d.messageId)?.text ?? '';
    if (d.offset > known.length) {
      // We missed a part (a reconnect between events): ask core for the text so far.
      void reattach();
      return;
    }
    if (d.offset + d.text.length <= known.length) return;
    set({ live: { ...live, [d.messageId]: known.slice(0, d.offset) + d.text } });
  };
  const onMessage = ({ message }: { message: ChatMessage }) => {
    const { view, currentId, live } = get();
    if (message.status !== 'streaming' && live[message.id] !== undefined) {
      const { [message.id]: _done, ...rest } = live;
      void _done;
      set({ live: rest });
    }
    if (view && message.conversationId === currentId) {
      viewChanges++;
      set({ view: { ...view, messages: placeMessage(view.messages, message) } });
      // Totals (tokens, cost) come from core once the reply has its usage.
      if (message.role === 'assistant' && message.status !== 'streaming') void loadView(message.conversationId);
    }
    reloadListSoon();
  };
  /** Runs an action that changes the chat; refused, with the reason shown, while disconnected. */
  const act = async <T>(call: () => Promise<Result<T>>): Promise<T | null> => {
    const offline = disconnectedError();
    const r = offline ? { ok: false as const, error: offline } : await call();
    if (!r.ok) {
      set({ actionError: r.error });
      return null;
    }
    set({ actionError: null });
    return r.data;
  };
  const started = (r: ReplyStarted | null) => {
    if (r && get().currentId !== r.conversationId) void get().select(r.conversationId);
    return r !== null;
  };

  return {
    conversations: [],
    listError: null,
    currentId: null,
    view: null,
    viewError: null,
    live: {},
    actionError: null,
    query: '',
    hits: null,
    searchError: null,
    providerReady: null,

    attach: () => {
      const offs = [
        api.on('chat.delta', onDelta),
        api.on('chat.message', onMessage),
        api.on('chat.conversation', (e) => {
          const { conversations, currentId, view } = get();
          if (e.change === 'deleted') {
            set({ conversations: conversations.filter((c) => c.id !== e.conversationId) });
            if (currentId === e.conversationId) set({ currentId: null, view: null });
          } else if (e.conversation) {
            set({ conversations: upsert(conversations, e.conversation) });
            if (view && currentId === e.conversationId) {
              viewChanges++;
              set({ view: { ...view, conversation: e.conversation } });
            }
          }
        }),
        api.on('settings.changed', () => void get().checkProvider()),
      ];
      return () => offs.forEach((off) => off());
    },
    refresh: async () => {
      await Promise.all([loadList(), reattach(), get().checkProvider()]);
      // After a reload, reopen the conversation this tab had open.
      const id = get().currentId ?? remembered();
      if (id && get().conversations.some((c) => c.id === id)) {
        if (get().currentId !== id) set({ currentId: id });
        await loadView(id);
      }
    },
    checkProvider: async () => {
      const r = await api.call('ai.keyStatus', {});
      if (r.ok) set({ providerReady: r.data.stored || !r.data.required });
    },
    select: async (conversationId) => {
      remember(conversationId);
      set({ currentId: conversationId, view: null, viewError: null, actionError: null });
      if (conversationId) await loadView(conversationId);
    },
    newConversation: async () => {
      const c = await act(() => api.call('chat.conversations.create', {}));
      if (c) await get().select(c.id);
    },
    send: async (text) =>
      started(
        await act(() =>
          api.call('chat.send', { text, ...(get().currentId ? { conversationId: get().currentId! } : {}) }),
        ),
      ),
    stop: async () => {
      const id = get().currentId;
      if (id) await act(() => api.call('chat.stop', { conversationId: id }));
    },
    regenerate: async () => {
      const id = get().currentId;
      if (id) started(await act(() => api.call('chat.regenerate', { conversationId: id })));
    },
    editAndResend: async (messageId, text) => {
      const id = get().currentId;
      return !!id && started(await act(() => api.call('chat.editAndResend', { conversationId: id, messageId, text })));
    },
    rename: async (conversationId, title) =>
      (await act(() => api.call('chat.conversations.rename', { conversationId, title }))) !== null,
    remove: async (conversationId) => {
      await act(() => api.call('chat.conversations.delete', { conversationId }));
    },
    search: async (query) => {
      set({ query });
      if (!query.trim()) return set({ hits: null, searchError: null });
      const r = await api.call('chat.conversations.search', { query });
      if (get().query !== query) return;
      set(r.ok ? { hits: r.data, searchError: null } : { searchError: r.error });
    },
    exportFile: async (format) => {
      const id = get().currentId;
      return id ? act(() => api.call('chat.export', { conversationId: id, format })) : null;
    },
  };
});
