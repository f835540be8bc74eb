import { forwardRef, useState } from 'react';
import type { Conversation } from '@shared/api';
import { useChatStore } from '../../stores/chat';
import { ErrorRef } from '../../components/ErrorRef';

function Row({ conversation, current }: { conversation: Conversation; current: boolean }) {
  const { select, rename, remove } = useChatStore.getState();
  const [title, setTitle] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const save = async () => {
    if (title !== null && (await rename(conversation.id, title))) setTitle(null);
  };
  if (title !== null) {
    return (
      <li className="conversation editing">
        <input
          aria-label="Conversation title"
          value={title}
          autoFocus
          onChange={(e) => setTitle(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
            if (e.key === 'Escape') setTitle(null);
          }}
        />
        <button type="button" onClick={() => void save()}>
          Save
        </button>
      </li>
    );
  }
  return (
    <li className={`conversation${current ? ' current' : ''}`}>
      <button
        type="button"
        className="open"
        aria-current={current ? 'true' : undefined}
        onClick={() => void select(conversation.id)}
      >
        <span className="title">{conversation.title}</span>
        <span className="preview muted">{conversation.lastMessage?.preview ?? 'No messages yet'}</span>
      </button>
      {current && (
        <div className="row-actions">
          <button type="button" onClick={() => setTitle(conversation.title)}>
            Rename
          </button>
          {confirming ? (
            <>
              <button type="button" className="danger" onClick={() => void remove(conversation.id)}>
                Delete for good
              </button>
              <button type="button" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Conversations, newest first, and search over titles and messages (Ctrl/Cmd+K). */
export const ConversationList = forwardRef<HTMLInputElement>(function ConversationList(_props, searchRef) {
  const conversations = useChatStore((s) => s.conversations);
  const currentId = useChatStore((s) => s.currentId);
  const query = useChatStore((s) => s.query);
  const hits = useChatStore((s) => s.hits);
  const searchError = useChatStore((s) => s.searchError);
  const listError = useChatStore((s) => s.listError);
  const { search, select, newConversation } = useChatStore.getState();

  return (
    <aside className="conversations" aria-label="Conversations">
      <h1 id="page-title">Chat</h1>
      <button type="button" className="new" onClick={() => void newConversation()}>
        New conversation
      </button>
      <input
        ref={searchRef}
        type="search"
        aria-label="Search conversations"
        placeholder="Search (Ctrl+K)"
        value={query}
        onChange={(e) => void search(e.target.value)}
        onKeyDown={(e) => e.key === 'Escape' && void search('')}
      />
      {searchError && (
        <p className="error" role="alert">
          {searchError.message}
          <ErrorRef error={searchError} />
        </p>
      )}
      {listError && (
        <p className="error" role="alert">
          {listError.message}
          <ErrorRef error={listError} />
        </p>
      )}
      {hits ? (
        <ul className="list" aria-label="Search results" data-testid="search-results">
          {hits.length === 0 && <li className="muted">Nothing matches “{query}”.</li>}
          {hits.map((hit) => (
            <li
              key={hit.conversationId}
              className={`conversation${hit.conversationId === currentId ? ' current' : ''}`}
            >
              <button type="button" className="open" onClick={() => void select(hit.conversationId)}>
                <span className="title">{hit.title}</span>
                <span className="preview muted">{hit.snippet}</span>
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="list">
          {conversations.length === 0 && <li className="muted">No conversations yet.</li>}
          {conversations.map((c) => (
            <Row key={c.id} conversation={c} current={c.id === currentId} />
          ))}
        </ul>
      )}
    </aside>
  );
});
