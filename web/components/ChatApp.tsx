'use client';
import { useEffect, useState } from 'react';
import type { Session } from '../lib/api';
import { clearSession, loadSession, saveSession } from '../lib/session';
import { ChatScreen } from './ChatScreen';
import { SignIn } from './SignIn';

/** Signs in (dev token or a pasted one), then shows the chat. */
export function ChatApp() {
  const [session, setSession] = useState<Session | null>(null);
  const [ready, setReady] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    // sessionStorage exists only in the browser, not during the static export's prerender.
    setSession(loadSession());
    setReady(true);
  }, []);

  if (!ready) {
    return <main className="splash" aria-busy="true">Loading…</main>;
  }
  if (!session) {
    return (
      <SignIn
        notice={notice}
        onSignedIn={(s) => {
          saveSession(s);
          setNotice(null);
          setSession(s);
        }}
      />
    );
  }
  return (
    <ChatScreen
      session={session}
      onSignOut={(reason) => {
        clearSession();
        setNotice(reason ?? null);
        setSession(null);
      }}
    />
  );
}
