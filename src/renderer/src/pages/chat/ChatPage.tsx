import { useEffect, useRef, type RefObject } from 'react';
import type { ChatMessage } from '@shared/api';
import { useChatStore } from '../../stores/chat';
import { useConnectionStore } from '../../stores/connection';
import { Composer } from './Composer';
import { ConversationList } from './ConversationList';
import { download, openSettings, totalsLine } from './format';
import { MessageItem } from './MessageItem';
import { ReplyStatus } from './ReplyStatus';
import './chat.css';
import { ErrorRef } from '../../components/ErrorRef';

function NoProvider() {
  return (
    <div className="notice" role="note" data-testid="no-provider">
      <strong>No AI provider is set up yet.</strong>
      <p>
        FlipSync needs an AI provider to answer: an API key for OpenAI, Azure OpenAI or OpenRouter, or a local server
        such as Ollama or LM Studio. Your conversations stay readable here either way.
      </p>
      <button type="button" className="button" onClick={openSettings}>
        Open Settings
      </button>
    </div>
  );
}

/**
 * Keeps the thread scrolled to the end while a reply grows, unless the seller scrolled up.
 * It listens to the store without re-rendering, and scrolls at most once per frame: a
 * forced layout on every delta is what makes long replies stutter.
 */
function useFollow(thread: RefObject<HTMLDivElement | null>) {
  const pinned = useRef(true);
  useEffect(() => {
    let frame = 0;
    const follow = () => {
      if (frame || !pinned.current) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        const el = thread.current;
        if (el) el.scrollTop = el.scrollHeight;
      });
    };
    follow();
    const off = useChatStore.subscribe((s, prev) => {
      if (s.live !== prev.live || s.view !== prev.view) follow();
    });
    return () => {
      off();
      cancelAnimationFrame(frame);
    };
  }, [thread]);
  return (el: HTMLDivElement) => {
    pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
  };
}

/** What an edit of message i would replace: the messages after it, if any is a later turn of the seller's. */
const laterTurns = (messages: ChatMessage[], i: number) =>
  messages.slice(i + 1).some((m) => m.role === 'user') ? messages.length - 1 - i : 0;

function Thread() {
  const view = useChatStore((s) => s.view);
  const viewError = useChatStore((s) => s.viewError);
  const thread = useRef<HTMLDivElement>(null);
  const onScroll = useFollow(thread);

  if (viewError)
    return (
      <p className="error" role="alert">
        {viewError.message}
        <ErrorRef error={viewError} />
      </p>
    );
  if (!view) return <p className="muted empty">Pick a conversation, or type below to start one.</p>;
  const last = view.messages.at(-1);
  const busy = last?.status === 'streaming';
  return (
    <div className="thread" ref={thread} onScroll={(e) => onScroll(e.currentTarget)}>
      <ol className="messages" aria-label="Thread">
        {view.messages.map((m, i) => (
          <MessageItem
            key={m.id}
            message={m}
            isLast={m.id === last?.id}
            busy={busy}
            replaces={laterTurns(view.messages, i)}
          />
        ))}
      </ol>
      {view.messages.length === 0 && <p className="muted empty">No messages yet. Ask anything below.</p>}
    </div>
  );
}

function Header() {
  const view = useChatStore((s) => s.view);
  const { exportFile } = useChatStore.getState();
  if (!view) return null;
  const save = async (format: 'markdown' | 'json') => {
    const file = await exportFile(format);
    if (file) download(file);
  };
  return (
    <header className="chat-head">
      <h2>{view.conversation.title}</h2>
      <small className="muted" data-testid="conversation-totals">
        {totalsLine(view.totals)}
      </small>
      <div className="message-actions">
        <button type="button" onClick={() => void save('markdown')}>
          Export Markdown
        </button>
        <button type="button" onClick={() => void save('json')}>
          Export JSON
        </button>
      </div>
    </header>
  );
}

export function ChatPage() {
  const connection = useConnectionStore((s) => s.state);
  const providerReady = useChatStore((s) => s.providerReady);
  const actionError = useChatStore((s) => s.actionError);
  const busy = useChatStore((s) => s.view?.messages.at(-1)?.status === 'streaming');
  const search = useRef<HTMLInputElement>(null);
  const input = useRef<HTMLTextAreaElement>(null);

  useEffect(() => useChatStore.getState().attach(), []);
  useEffect(() => {
    // (Re)load and re-attach to replies in progress whenever the connection comes (back) up.
    if (connection === 'open') void useChatStore.getState().refresh();
  }, [connection]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if (e.key === 'Escape' && useChatStore.getState().view?.messages.at(-1)?.status === 'streaming') {
        void useChatStore.getState().stop();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <section className="chat" aria-labelledby="page-title">
      <ConversationList ref={search} />
      <div className="chat-main">
        <Header />
        {providerReady === false && <NoProvider />}
        <Thread />
        <ReplyStatus />
        {actionError && (
          <p className="error" role="alert">
            {actionError.message}
            {actionError.hint && <span className="muted"> {actionError.hint}</span>}
            <ErrorRef error={actionError} />
          </p>
        )}
        <Composer ref={input} busy={busy} disabled={providerReady === false} />
      </div>
    </section>
  );
}
