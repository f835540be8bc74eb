import { useState } from 'react';
import { useChatStore } from '../../stores/chat';

/**
 * The one live line of the chat: says that a reply is being written and when it is done,
 * so a screen reader announces those two moments instead of every streamed token.
 */
export function ReplyStatus() {
  const last = useChatStore((s) => s.view?.messages.at(-1));
  const streaming = last?.role === 'assistant' && last.status === 'streaming';
  const [seen, setSeen] = useState<{ id: string | null; streaming: boolean }>({ id: null, streaming: false });
  const [text, setText] = useState('');
  const id = last?.id ?? null;
  if (id !== seen.id || streaming !== seen.streaming) {
    // Only a reply seen streaming here is announced as finished: opening an old
    // conversation announces nothing.
    const finished = id === seen.id && seen.streaming && !streaming;
    setSeen({ id, streaming });
    setText(
      streaming
        ? 'FlipSync is writing a reply…'
        : finished
          ? last?.status === 'failed'
            ? 'The reply failed.'
            : last?.status === 'stopped'
              ? 'Reply stopped.'
              : 'Reply finished.'
          : '',
    );
  }
  return (
    <p className="visually-hidden" role="status" data-testid="reply-status">
      {text}
    </p>
  );
}
