'use client';
/**
 * The sidebar's list of conversations, newest first, fetched page by page with the server's
 * cursor. A failed load is shown in the sidebar itself (the chat may still work); only a 401
 * goes to `onUnauthorized`, the page-wide banner.
 *
 * History is written by the persistence role after an answer completes, so a conversation just
 * started is not listed yet: the page adds it locally and keeps it until the server lists it.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Api, ApiError, type ConversationSummary } from './api';

/** How long a locally added conversation waits to be listed by the server before it is dropped. */
const PENDING_MS = 60_000;

export function useConversations(api: Api, onUnauthorized: (e: ApiError) => void) {
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);
  const pending = useRef(new Map<string, { summary: ConversationSummary; addedAt: number }>());

  /** The server's page with the conversations it does not list yet in front. */
  const withPending = useCallback((server: ConversationSummary[]) => {
    const now = Date.now();
    for (const [id, entry] of pending.current) {
      if (server.some((c) => c.id === id) || now - entry.addedAt > PENDING_MS) {
        pending.current.delete(id);
      }
    }
    return [...[...pending.current.values()].map((p) => p.summary).reverse(), ...server];
  }, []);

  const fail = useCallback(
    (e: unknown) => {
      if (e instanceof ApiError && e.status === 401) {
        onUnauthorized(e);
      } else {
        setError(e instanceof ApiError ? e.message : 'Could not load conversations.');
      }
    },
    [onUnauthorized],
  );

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await api.conversations(null);
      if (mine === generation.current) {
        setItems(withPending(page.data));
        setError(null);
        setCursor(page.next_cursor);
        setHasMore(page.has_more);
      }
    } catch (e) {
      fail(e);
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, [api, fail, withPending]);

  const addLocal = useCallback((summary: ConversationSummary) => {
    pending.current.set(summary.id, { summary, addedAt: Date.now() });
    setItems((all) => (all.some((c) => c.id === summary.id) ? all : [summary, ...all]));
  }, []);

  const loadMore = useCallback(async () => {
    if (!cursor) {
      return;
    }
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await api.conversations(cursor);
      if (mine === generation.current) {
        setItems((all) => [...all, ...page.data.filter((c) => !all.some((a) => a.id === c.id))]);
        setCursor(page.next_cursor);
        setHasMore(page.has_more);
      }
    } catch (e) {
      fail(e);
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, [api, cursor, fail]);

  const remove = useCallback(
    async (id: string) => {
      try {
        await api.deleteConversation(id);
        pending.current.delete(id);
        setItems((all) => all.filter((c) => c.id !== id));
        return true;
      } catch (e) {
        fail(e);
        return false;
      }
    },
    [api, fail],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { items, hasMore, loading, error, refresh, loadMore, remove, addLocal };
}
