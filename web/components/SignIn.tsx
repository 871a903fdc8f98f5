'use client';
import { type FormEvent, useMemo, useState } from 'react';
import { Api, ApiError, type Session, sessionFromJwt } from '../lib/api';
import { API_BASE } from '../lib/session';

/**
 * Dev mode mints a token for any user name (`GET /dev/token`). Elsewhere that endpoint is 404 and
 * the person pastes a token (a JWT) issued by the identity provider the gateway trusts.
 */
export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (s: Session) => void }) {
  const api = useMemo(() => new Api(API_BASE, () => null), []);
  const [user, setUser] = useState('');
  const [token, setToken] = useState('');
  const [devOff, setDevOff] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function devSignIn(e: FormEvent) {
    e.preventDefault();
    const name = user.trim();
    if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
      setError('Use 1 to 64 letters, digits, dots, dashes, underscores or @.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const session = await api.devToken(name);
      if (session) {
        onSignedIn(session);
      } else {
        setDevOff(true);
        setError('Dev sign-in is switched off on this server. Paste a token from your identity provider below.');
      }
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Sign-in failed.');
    } finally {
      setBusy(false);
    }
  }

  function tokenSignIn(e: FormEvent) {
    e.preventDefault();
    if (token.trim() === '') {
      setError('Paste a token first.');
      return;
    }
    onSignedIn(sessionFromJwt(token));
  }

  return (
    <main className="signin">
      <h1>Sluice</h1>
      <p className="muted">Sign in to start chatting.</p>
      {notice && (
        <p className="banner banner-auth" role="alert">
          {notice}
        </p>
      )}
      {error && (
        <p className="banner banner-server" role="alert">
          {error}
        </p>
      )}
      {!devOff && (
        <form onSubmit={devSignIn} className="card">
          <label htmlFor="user">User name (dev mode)</label>
          <input id="user" name="user" autoComplete="username" value={user} onChange={(e) => setUser(e.target.value)} required autoFocus />
          <button type="submit" className="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      )}
      <details className="card" open={devOff}>
        <summary>Sign in with a token from your identity provider</summary>
        <form onSubmit={tokenSignIn}>
          <label htmlFor="token">Access token (JWT)</label>
          <textarea id="token" rows={4} value={token} onChange={(e) => setToken(e.target.value)} spellCheck={false} />
          <button type="submit" className="primary">
            Use token
          </button>
        </form>
      </details>
    </main>
  );
}
