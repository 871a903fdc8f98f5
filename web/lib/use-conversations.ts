'use client';
/** The sidebar's list of conversations, newest first, fetched page by page with the server's cursor. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Api, ApiError, type ConversationSummary } from './api';

export function useConversations(api: Api, onError: (e: ApiError) => void) {
  const [items, setItems] = useState<ConversationSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);

  const refresh = useCallback(async () => {
    const mine = ++generation.current;
    setLoading(true);
    try {
      const page = await api.conversations(null);
      if (mine === generation.current) {
        setItems(page.data);
        setCursor(page.next_cursor);
        setHasMore(page.has_more);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        onError(e);
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, [api, onError]);

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
      if (e instanceof ApiError) {
        onError(e);
      }
    } finally {
      if (mine === generation.current) {
        setLoading(false);
      }
    }
  }, [api, cursor, onError]);

  const remove = useCallback(
    async (id: string) => {
      try {
        await api.deleteConversation(id);
        setItems((all) => all.filter((c) => c.id !== id));
        return true;
      } catch (e) {
        if (e instanceof ApiError) {
          onError(e);
        }
        return false;
      }
    },
    [api, onError],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);

  return { items, hasMore, loading, refresh, loadMore, remove };
}
