import { memo, useState } from 'react';
import type { ChatMessage } from '@shared/api';
import { useChatStore } from '../../stores/chat';
import { copyText, messageCost, openSettings } from './format';
import { Markdown } from './Markdown';
import { MessageEditor } from './MessageEditor';

/** Errors the seller fixes in Settings rather than by retrying. */
const SETTINGS_KINDS = new Set(['no_key', 'auth', 'config', 'ca_file', 'not_found', 'tls', 'budget']);

function useText(message: ChatMessage): string {
  const live = useChatStore((s) => s.live[message.id]);
  // Whichever is further along: the saved text or what has streamed in since.
  return live !== undefined && live.length >= message.text.length ? live : message.text;
}

/** Memoised: a delta re-renders only the message it belongs to, not the whole thread. */
export const MessageItem = memo(function MessageItem({
  message,
  isLast,
  busy,
  replaces = 0,
}: {
  message: ChatMessage;
  isLast: boolean;
  busy: boolean;
  /** For the seller's own messages: how many later messages an edit replaces (see MessageEditor). */
  replaces?: number;
}) {
  const text = useText(message);
  const [editing, setEditing] = useState(false);
  const [copied, setCopied] = useState(false);
  const { regenerate } = useChatStore.getState();
  const cost = messageCost(message);
  const who =
    message.role === 'user' ? 'You' : message.agent && message.agent !== 'assistant' ? message.agent : 'Assistant';

  const copy = async () => {
    if (await copyText(text)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    }
  };

  if (editing)
    return <MessageEditor message={message} busy={busy} replaces={replaces} onClose={() => setEditing(false)} />;

  return (
    <li
      className={`message ${message.role} ${message.status}`}
      data-testid={`message-${message.role}`}
      data-status={message.status}
    >
      <div className="message-head">
        <strong>{who}</strong>
        {message.model && <span className="muted">{message.model}</span>}
        {message.status === 'streaming' && <span className="muted">writing…</span>}
        {message.status === 'stopped' && (
          <span className="muted">{message.interrupted ? 'Interrupted when FlipSync closed' : 'Stopped'}</span>
        )}
      </div>
      <div className="message-body" data-testid="message-text">
        {message.role === 'user' ? <p className="plain">{text}</p> : <Markdown text={text} />}
      </div>
      {message.toolCalls && message.toolCalls.length > 0 && (
        <details className="tool-calls">
          <summary className="muted">
            Used {message.toolCalls.length === 1 ? '1 tool' : `${message.toolCalls.length} tools`}:{' '}
            {[...new Set(message.toolCalls.map((t) => t.name))].join(', ')}
          </summary>
          <ul>
            {message.toolCalls.map((t) => (
              <li key={t.id}>
                <code>{t.name}</code> <code className="muted">{t.arguments}</code>
              </li>
            ))}
          </ul>
        </details>
      )}
      {message.status === 'failed' && message.error && (
        <div className="message-error" role="alert">
          <p>{message.error.message}</p>
          {message.error.hint && <p className="muted">{message.error.hint}</p>}
          <div className="message-actions">
            {isLast && (
              <button type="button" onClick={() => void regenerate()} disabled={busy}>
                Retry
              </button>
            )}
            {SETTINGS_KINDS.has(message.error.kind) && (
              <button type="button" onClick={openSettings}>
                Open Settings
              </button>
            )}
          </div>
        </div>
      )}
      <div className="message-foot">
        {cost && (
          <small className="muted" data-testid="message-cost">
            {cost}
          </small>
        )}
        <div className="message-actions">
          {text && (
            <button type="button" onClick={() => void copy()}>
              {copied ? 'Copied' : 'Copy'}
            </button>
          )}
          {message.role === 'user' && (
            <button type="button" onClick={() => setEditing(true)} disabled={busy}>
              Edit
            </button>
          )}
          {message.role === 'assistant' && isLast && message.status !== 'streaming' && message.status !== 'failed' && (
            <button type="button" onClick={() => void regenerate()} disabled={busy}>
              Regenerate
            </button>
          )}
        </div>
      </div>
    </li>
  );
});
