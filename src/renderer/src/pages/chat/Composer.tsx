import { forwardRef, useState } from 'react';
import { useChatStore } from '../../stores/chat';

/** Enter sends, Shift+Enter adds a line. */
export const Composer = forwardRef<HTMLTextAreaElement, { busy: boolean; disabled: boolean }>(function Composer(
  { busy, disabled },
  ref,
) {
  const [text, setText] = useState('');
  const { send, stop } = useChatStore.getState();
  const submit = async () => {
    if (!text.trim() || busy || disabled) return;
    const sent = text;
    setText('');
    // Keep what the seller typed if core refused it.
    if (!(await send(sent))) setText(sent);
  };
  return (
    <form
      className="composer"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label className="sr-only" htmlFor="chat-input">
        Message
      </label>
      <textarea
        id="chat-input"
        ref={ref}
        value={text}
        rows={Math.min(8, text.split('\n').length + 1)}
        placeholder={
          disabled
            ? 'Set up an AI provider in Settings to chat.'
            : 'Ask FlipSync… (Enter sends, Shift+Enter for a new line)'
        }
        disabled={disabled}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void submit();
          }
          // Esc (stop) is handled by the page, wherever the focus is.
        }}
      />
      {busy ? (
        <button type="button" onClick={() => void stop()}>
          Stop
        </button>
      ) : (
        <button type="submit" disabled={!text.trim() || disabled}>
          Send
        </button>
      )}
    </form>
  );
});
