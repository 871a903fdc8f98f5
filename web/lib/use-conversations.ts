'use client';
/**
 * The sidebar's list of conversations, newest first, fetched page by page with the server's
 * cursor. A failed load is shown in the sidebar itself (the chat may still work); only a 401
 * goes to `onUnauthorized`, the page-wide banner.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Api, ApiError, type ConversationSummary } from './api';

export function useConversations(api: Api, onUnauthorized: (e: ApiError) => void) {
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const generation = useRef(0);

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
        setItems(page.data);
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
  }, [api, fail]);

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

  return { items, hasMore, loading, error, refresh, loadMore, remove };
}
