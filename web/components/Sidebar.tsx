'use client';
import type { ConversationSummary } from '../lib/api';

function when(value: string | number): string {
  const date = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
  return Number.isNaN(date.getTime()) ? '' : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

export function Sidebar({
  open,
  items,
  hasMore,
  loading,
  error,
  activeId,
  onNew,
  onOpen,
  onDelete,
  onMore,
  onReload,
  onClose,
}: {
  open: boolean;
  items: ConversationSummary[];
  hasMore: boolean;
  loading: boolean;
  error: string | null;
  activeId: string | null;
  onNew: () => void;
  onOpen: (id: string) => void;
  onDelete: (id: string) => void;
  onMore: () => void;
  onReload: () => void;
  onClose: () => void;
}) {
  return (
    <>
      {open && <div className="scrim" onClick={onClose} aria-hidden="true" />}
      <nav
        id="sidebar"
        className={open ? 'sidebar open' : 'sidebar'}
        aria-label="Conversations"
        onKeyDown={(e) => {
          if (e.key === 'Escape' && open) {
            onClose();
          }
        }}
      >
        <button type="button" className="primary new-chat" onClick={onNew}>
          New chat
        </button>
        <h2 className="sidebar-title">Conversations</h2>
        {error && (
          <div className="sidebar-error small" role="status">
            Could not load conversations: {error}{' '}
            <button type="button" className="link" onClick={onReload}>
              Try again
            </button>
          </div>
        )}
        {items.length === 0 && !loading && !error && <p className="muted small">No conversations yet.</p>}
        <ul className="conversation-list" data-testid="conversation-list">
          {items.map((c) => {
            const title = c.title?.trim() || 'Untitled conversation';
            return (
              <li key={c.id} className={c.id === activeId ? 'conversation active' : 'conversation'}>
                <button
                  type="button"
                  className="conversation-open"
                  onClick={() => onOpen(c.id)}
                  aria-current={c.id === activeId ? 'page' : undefined}
                >
                  <span className="conversation-title">{title}</span>
                  <span className="conversation-date">{when(c.updated_at)}</span>
                </button>
                <button
                  type="button"
                  className="icon danger-text"
                  aria-label={`Delete conversation: ${title}`}
                  title="Delete"
                  onClick={() => {
                    if (window.confirm(`Delete "${title}"? This erases it from the server and cannot be undone.`)) {
                      onDelete(c.id);
                    }
                  }}
                >
                  <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path
                      fill="none"
                      stroke="currentColor"
                      strokeWidth="2"
                      strokeLinecap="round"
                      d="M4 7h16M10 11v6M14 11v6M6 7l1 13h10l1-13M9 7V4h6v3"
                    />
                  </svg>
                </button>
              </li>
            );
          })}
        </ul>
        {hasMore && (
          <button type="button" className="ghost more" onClick={onMore} disabled={loading}>
            {loading ? 'Loading…' : 'Show older'}
          </button>
        )}
      </nav>
    </>
  );
}
