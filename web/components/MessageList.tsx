'use client';
import { memo, useEffect, useMemo, useRef } from 'react';
import { renderMarkdown } from '../lib/markdown';
import type { UiMessage } from '../lib/use-chat';

/** Follows the newest text while the reader is at the bottom; leaves them alone if they scrolled up. */
function useStickToBottom(dep: unknown) {
  const box = useRef<HTMLDivElement>(null);
  const pinned = useRef(true);
  useEffect(() => {
    const el = box.current;
    if (el && pinned.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [dep]);
  const onScroll = () => {
    const el = box.current;
    if (el) {
      pinned.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    }
  };
  return { box, onScroll };
}

export function MessageList({
  messages,
  loading,
  busy,
  onRetry,
}: {
  messages: UiMessage[];
  loading: boolean;
  busy: boolean;
  onRetry: (key: string) => void;
}) {
  const last = messages[messages.length - 1];
  const { box, onScroll } = useStickToBottom(`${messages.length}:${last?.content.length}:${last?.status}`);
  return (
    <div className="messages" ref={box} onScroll={onScroll} aria-busy={loading}>
      {messages.length === 0 && !loading && (
        <div className="empty">
          <h2>What shall we write?</h2>
          <p className="muted">Answers stream in as the model writes them. Your conversations are kept on the server.</p>
        </div>
      )}
      {loading && <p className="muted center">Loading conversation…</p>}
      <ol className="message-list" aria-label="Messages">
        {messages.map((m) => (
          <Message key={m.key} message={m} onRetry={onRetry} canRetry={!busy} />
        ))}
      </ol>
    </div>
  );
}

const Message = memo(function Message({ message, onRetry, canRetry }: { message: UiMessage; onRetry: (key: string) => void; canRetry: boolean }) {
  const live = message.status === 'streaming' || message.status === 'reconnecting';
  const html = useMemo(() => (message.role === 'assistant' ? renderMarkdown(message.content) : ''), [message.role, message.content]);
  return (
    <li className={`message ${message.role} status-${message.status}`} data-testid={`message-${message.role}`} data-status={message.status}>
      <span className="visually-hidden">{message.role === 'user' ? 'You said:' : 'Assistant:'}</span>
      {message.role === 'user' ? (
        <div className="bubble user-text">{message.content}</div>
      ) : (
        // aria-busy holds screen readers back until the answer is complete, then it is read once.
        <div className="bubble" aria-live="polite" aria-busy={live}>
          <div className={live ? 'markdown streaming' : 'markdown'} data-testid="answer" dangerouslySetInnerHTML={{ __html: html }} />
          {message.content === '' && live && <span className="muted">Thinking…</span>}
        </div>
      )}
      {(message.note || message.status === 'failed' || message.status === 'sending') && (
        <div className="meta" role={message.status === 'failed' || message.status === 'error' ? 'status' : undefined}>
          {message.status === 'sending' ? 'Sending…' : message.note}
          {message.status === 'failed' && message.retryable && (
            <button type="button" className="link" onClick={() => onRetry(message.key)} disabled={!canRetry}>
              Retry
            </button>
          )}
        </div>
      )}
    </li>
  );
});
