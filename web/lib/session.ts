/**
 * The signed-in session lives in sessionStorage: it survives a reload (the history test reloads)
 * but not the tab, so a bearer token is not left behind on a shared machine.
 */
import type { Session } from './api';

const KEY = 'sluice.session';

export function loadSession(now = Date.now()): Session | null {
  try {
    const raw = sessionStorage.getItem(KEY);
    if (!raw) {
      return null;
    }
    const session = JSON.parse(raw) as Session;
    if (!session.token || (session.expiresAt !== undefined && session.expiresAt * 1000 <= now)) {
      sessionStorage.removeItem(KEY);
      return null;
    }
    return session;
  } catch {
    return null;
  }
}

export function saveSession(session: Session): void {
  sessionStorage.setItem(KEY, JSON.stringify(session));
}

export function clearSession(): void {
  sessionStorage.removeItem(KEY);
}

/** Where the API lives: the page's own origin unless a dev build points elsewhere. */
export const API_BASE = (process.env.NEXT_PUBLIC_SLUICE_API ?? '').replace(/\/$/, '');

export const MAX_PROMPT_CHARS = 8000;
