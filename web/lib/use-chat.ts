'use client';
/**
 * The chat pane's state: messages of the open conversation, the one request in flight, and the
 * banner a person can act on. Only one request runs at a time; a ref (not state) guards it so two
 * clicks in the same frame cannot both start one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Answer } from './answer';
import { Api, ApiError } from './api';
import { ChatStream } from './chat-stream';

export type MessageStatus = 'sending' | 'sent' | 'failed' | 'streaming' | 'reconnecting' | 'done' | 'stopped' | 'error';

export interface UiMessage {
  key: string;
  role: 'user' | 'assistant';
  content: string;
  status: MessageStatus;
  /** Why a message failed or how an answer ended, in words. */
  note?: string;
  /** A failed message the same request could still get through (not a blocked or invalid one). */
  retryable?: boolean;
}

export type BannerKind = 'auth' | 'rate' | 'blocked' | 'server' | 'network';

export interface Banner {
  kind: BannerKind;
  message: string;
}

/** After Stop, wait this long for the server's "cancelled" end before giving up on the stream. */
const STOP_GRACE_MS = 10_000;

let keys = 0;
const nextKey = () => `m${++keys}`;

/** `started` names a conversation the server just created (not listed in history yet). */
export type ConversationChanged = (started?: { id: string; title: string }) => void;

export function useChat(api: Api, onConversationChanged: ConversationChanged) {
  const [messages, setMessages] = useState<UiMessage[]>([]);
  const [conversationId, setConversationId] = useState<string | null>(null);
  const [inFlight, setInFlight] = useState(false);
  const [banner, setBanner] = useState<Banner | null>(null);
  const [rateLimitedUntil, setRateLimitedUntil] = useState(0);
  const [loading, setLoading] = useState(false);
  const busy = useRef(false);
  const conversationRef = useRef<string | null>(null);
  const model = useRef<string | null>(null);
  const stream = useRef<ChatStream | null>(null);
  const abort = useRef<AbortController | null>(null);

  const patch = useCallback((key: string, change: Partial<UiMessage>) => {
    setMessages((all) => all.map((m) => (m.key === key ? { ...m, ...change } : m)));
  }, []);

  const showError = useCallback((e: ApiError) => {
    if (e.status === 401) {
      setBanner({ kind: 'auth', message: 'Your sign-in has expired or is not valid. Sign in again to continue.' });
    } else if (e.status === 429) {
      const seconds = e.retryAfterSec ?? 10;
      setRateLimitedUntil(Date.now() + seconds * 1000);
      setBanner({ kind: 'rate', message: e.message || 'Too many requests.' });
    } else if (e.code === 'content_blocked') {
      setBanner({ kind: 'blocked', message: e.message });
    } else if (e.isNetwork) {
      setBanner({ kind: 'network', message: e.message });
    } else {
      setBanner({ kind: 'server', message: `The server could not answer (${e.status}): ${e.message}` });
    }
  }, []);

  /** Leaves the current answer to the server (it keeps generating and saves it) and stops reading. */
  const detach = useCallback(() => {
    abort.current?.abort();
    abort.current = null;
    stream.current = null;
  }, []);

  const send = useCallback(
    async (text: string, replaceKey?: string) => {
      if (busy.current || Date.now() < rateLimitedUntil) {
        return false;
      }
      busy.current = true;
      setInFlight(true);
      setBanner(null);
      const userKey = nextKey();
      const answerKey = nextKey();
      setMessages((all) => [
        ...all.filter((m) => m.key !== replaceKey),
        { key: userKey, role: 'user', content: text, status: 'sending' },
      ]);
      const controller = new AbortController();
      abort.current = controller;
      let started = false;
      try {
        model.current ??= await api.firstModel();
        const chat = new ChatStream(
          api,
          {
            model: model.current,
            messages: [{ role: 'user', content: text }],
            stream: true,
            ...(conversationRef.current ? { conversation_id: conversationRef.current } : {}),
          },
          {
            onStart: ({ conversationId: id }) => {
              started = true;
              patch(userKey, { status: 'sent' });
              setMessages((all) => [...all, { key: answerKey, role: 'assistant', content: '', status: 'streaming' }]);
              if (id && id !== conversationRef.current) {
                const isNew = conversationRef.current === null;
                conversationRef.current = id;
                setConversationId(id);
                onConversationChanged(isNew ? { id, title: text.trim().slice(0, 80) } : undefined);
              }
            },
            onDelta: (_delta: string, answer: Answer) => patch(answerKey, { content: answer.text, status: 'streaming' }),
            onReconnecting: () => patch(answerKey, { status: 'reconnecting', note: 'Connection lost, reconnecting…' }),
            onResumed: () => patch(answerKey, { status: 'streaming', note: undefined }),
          },
        );
        stream.current = chat;
        const answer = await chat.run(controller.signal);
        patch(answerKey, ending(answer));
        if (answer.error?.code === 'content_blocked') {
          setBanner({ kind: 'blocked', message: answer.error.message });
        }
      } catch (e) {
        if ((e as Error)?.name === 'AbortError') {
          return true; // the person opened another conversation; the server finishes this one
        }
        const error = e instanceof ApiError ? e : new ApiError(0, String((e as Error)?.message ?? e));
        if (started) {
          patch(answerKey, { status: 'error', note: error.message });
        } else {
          patch(userKey, { status: 'failed', note: refusal(error), retryable: error.isNetwork || error.status === 429 || error.status >= 500 });
        }
        showError(error);
      } finally {
        if (abort.current === controller) {
          abort.current = null;
          stream.current = null;
          busy.current = false;
          setInFlight(false);
          onConversationChanged();
        }
      }
      return true;
    },
    [api, onConversationChanged, patch, rateLimitedUntil, showError],
  );

  const retry = useCallback(
    (key: string) => {
      const failed = messages.find((m) => m.key === key);
      if (failed) {
        void send(failed.content, key);
      }
    },
    [messages, send],
  );

  const stop = useCallback(async () => {
    const current = stream.current;
    const controller = abort.current;
    if (!current || !controller) {
      return;
    }
    try {
      await current.stop();
    } catch (e) {
      if (e instanceof ApiError) {
        showError(e);
      }
    }
    // If the server never confirms, stop reading anyway so the page is usable again.
    setTimeout(() => {
      if (abort.current === controller) {
        detach();
        busy.current = false;
        setInFlight(false);
        const note = 'Stopped reading: the server did not confirm the stop, so it may still finish this answer';
        setMessages((all) => all.map((m) => (m.status === 'streaming' || m.status === 'reconnecting' ? { ...m, status: 'stopped', note } : m)));
      }
    }, STOP_GRACE_MS);
  }, [detach, showError]);

  const reset = useCallback(() => {
    detach();
    busy.current = false;
    setInFlight(false);
    setBanner(null);
  }, [detach]);

  const newChat = useCallback(() => {
    reset();
    conversationRef.current = null;
    setConversationId(null);
    setMessages([]);
  }, [reset]);

  const open = useCallback(
    async (id: string) => {
      reset();
      conversationRef.current = id;
      setConversationId(id);
      setMessages([]);
      setLoading(true);
      try {
        const conversation = await api.conversation(id);
        if (conversationRef.current !== id) {
          return;
        }
        setMessages(
          conversation.messages
            .filter((m) => m.role === 'user' || m.role === 'assistant')
            .map((m) => ({ key: nextKey(), role: m.role as 'user' | 'assistant', content: m.content ?? '', status: 'done' })),
        );
      } catch (e) {
        if (e instanceof ApiError) {
          showError(e);
        }
      } finally {
        setLoading(false);
      }
    },
    [api, reset, showError],
  );

  useEffect(() => () => abort.current?.abort(), []);

  return { messages, conversationId, inFlight, banner, setBanner, showError, rateLimitedUntil, loading, send, retry, stop, newChat, open };
}

function ending(answer: Answer): Partial<UiMessage> {
  if (answer.error) {
    const blocked = answer.error.code === 'content_blocked';
    return { status: 'error', note: blocked ? `Blocked: ${answer.error.message}` : answer.error.message };
  }
  switch (answer.finishReason) {
    case 'cancelled':
      return { status: 'stopped', note: 'Stopped' };
    case 'length':
      return { status: 'done', note: 'Cut off at the length limit' };
    default:
      return { status: 'done', note: undefined };
  }
}

function refusal(e: ApiError): string {
  if (e.code === 'content_blocked') {
    return `Blocked: ${e.message}`;
  }
  if (e.status === 429) {
    return 'Not sent: rate limited';
  }
  if (e.status === 401) {
    return 'Not sent: sign in again';
  }
  return e.isNetwork ? 'Not sent: no connection' : `Not sent: ${e.message}`;
}
