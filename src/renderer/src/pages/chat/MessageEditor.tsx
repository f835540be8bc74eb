import { useState } from 'react';
import type { ChatMessage } from '@shared/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useChatStore } from '../../stores/chat';

/**
 * Edits one of the seller's messages and sends it again. Core answers the edit in place of
 * everything after it, so when later turns of the seller's would go, it asks first; editing
 * the last message of theirs only replaces its own reply and does not ask.
 */
export function MessageEditor({
  message,
  busy,
  replaces,
  onClose,
}: {
  message: ChatMessage;
  busy: boolean;
  /** How many later messages the edit would replace; 0 when none of them is the seller's. */
  replaces: number;
  onClose(): void;
}) {
  const [text, setText] = useState(message.text);
  const [asking, setAsking] = useState(false);
  const send = async () => {
    setAsking(false);
    if (await useChatStore.getState().editAndResend(message.id, text)) onClose();
  };
  const submit = () => {
    if (!text.trim() || busy) return;
    if (replaces > 0) setAsking(true);
    else void send();
  };
  const later = `${replaces} later message${replaces === 1 ? '' : 's'}`;
  return (
    <li className="message user editing">
      <label className="sr-only" htmlFor={`edit-${message.id}`}>
        Edit your message
      </label>
      <textarea
        id={`edit-${message.id}`}
        value={text}
        rows={Math.min(10, text.split('\n').length + 1)}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            submit();
          } else if (e.key === 'Escape') onClose();
        }}
      />
      <div className="message-actions">
        <button type="button" onClick={submit} disabled={!text.trim() || busy}>
          Save and send
        </button>
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Replace the later messages?"
          body={`This replaces the ${later} after this one with the answer to your edited message; they are removed from this conversation.`}
          confirm="Replace"
          onConfirm={() => void send()}
          onCancel={() => setAsking(false)}
        />
      )}
    </li>
  );
}
