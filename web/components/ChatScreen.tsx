'use client';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Api, type Session } from '../lib/api';
import { API_BASE } from '../lib/session';
import { type ConversationChanged, useChat } from '../lib/use-chat';
import { useConversations } from '../lib/use-conversations';
import { BannerView, useCountdown } from './BannerView';
import { Composer } from './Composer';
import { MessageList } from './MessageList';
import { Sidebar } from './Sidebar';

/** Persistence lags the stream a little; the list is fetched again after this long. */
const LIST_SETTLE_MS = 2000;

export function ChatScreen({ session, onSignOut }: { session: Session; onSignOut: (reason?: string) => void }) {
  const api = useMemo(() => new Api(API_BASE, () => session.token), [session.token]);
  const listChanged = useRef<ConversationChanged>(() => undefined);
  const onConversationChanged = useCallback<ConversationChanged>((started) => listChanged.current(started), []);
  const chat = useChat(api, onConversationChanged);
  const conversations = useConversations(api, chat.showError);
  listChanged.current = (started) => {
    if (started) {
      const now = Math.floor(Date.now() / 1000);
      conversations.addLocal({ id: started.id, title: started.title, created_at: now, updated_at: now });
      return;
    }
    // The persistence role writes the finished turn shortly after the answer ends: look again.
    void conversations.refresh();
    setTimeout(() => void conversations.refresh(), LIST_SETTLE_MS);
  };
  const [drawerOpen, setDrawerOpen] = useState(false);
  const rateLimited = useCountdown(chat.rateLimitedUntil) > 0;
  // The drawer hides the control that had focus; hand focus to where the person goes next.
  const closeDrawerTo = (id: string) => {
    setDrawerOpen(false);
    requestAnimationFrame(() => document.getElementById(id)?.focus());
  };

  return (
    <div className="layout">
      <header className="topbar">
        <button
          type="button"
          id="menu-toggle"
          className="ghost menu-toggle"
          aria-expanded={drawerOpen}
          aria-controls="sidebar"
          onClick={() => setDrawerOpen((o) => !o)}
        >
          Chats
        </button>
        <span className="brand">Sluice</span>
        <span className="user-name" title="Signed in user">
          {session.user}
        </span>
        <button type="button" className="ghost" onClick={() => onSignOut()}>
          Sign out
        </button>
      </header>
      <Sidebar
        open={drawerOpen}
        items={conversations.items}
        hasMore={conversations.hasMore}
        loading={conversations.loading}
        error={conversations.error}
        activeId={chat.conversationId}
        onNew={() => {
          chat.newChat();
          closeDrawerTo('prompt');
        }}
        onOpen={(id) => {
          void chat.open(id);
          closeDrawerTo('prompt');
        }}
        onDelete={async (id) => {
          if (await conversations.remove(id)) {
            if (id === chat.conversationId) {
              chat.newChat();
            }
          }
        }}
        onMore={() => void conversations.loadMore()}
        onReload={() => void conversations.refresh()}
        onClose={() => closeDrawerTo('menu-toggle')}
      />
      <main className="chat" aria-label="Chat" data-conversation-id={chat.conversationId ?? ''}>
        <BannerView
          banner={chat.banner}
          rateLimitedUntil={chat.rateLimitedUntil}
          onDismiss={() => chat.setBanner(null)}
          onSignIn={() => onSignOut('Sign in again to continue.')}
        />
        <MessageList messages={chat.messages} loading={chat.loading} onRetry={chat.retry} busy={chat.inFlight || rateLimited} />
        <Composer
          inFlight={chat.inFlight}
          rateLimitedUntil={chat.rateLimitedUntil}
          onSend={chat.send}
          onStop={chat.stop}
        />
      </main>
    </div>
  );
}
