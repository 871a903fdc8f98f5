/**
 * One streamed chat completion, from the POST to the final event, surviving dropped connections.
 *
 * When the connection drops (a fetch error, the browser going offline, or no bytes for a while)
 * the answer so far is kept and the stream is re-attached with `GET /v1/streams/{X-Request-Id}`
 * and `Last-Event-ID`, with exponential backoff. {@link Answer} drops any event seen before, so
 * the text never repeats even if the server replays from an earlier point.
 */
import { Answer } from './answer';
import { Api, ApiError } from './api';
import { SseParser } from './sse';

export interface ChatRequest {
  model: string;
  messages: { role: 'user'; content: string }[];
  stream: true;
  conversation_id?: string;
}

export interface StreamHooks {
  onStart?(ids: { requestId: string | null; conversationId: string | null }): void;
  onDelta?(delta: string, answer: Answer): void;
  onReconnecting?(attempt: number, delayMs: number): void;
  onResumed?(): void;
}

export interface Connectivity {
  online(): boolean;
  /** Calls `listener` whenever the browser reports it went offline; returns an unsubscribe. */
  onOffline(listener: () => void): () => void;
  /** Resolves once the browser reports being online (at once if it is). */
  waitOnline(signal: AbortSignal): Promise<void>;
}

export interface StreamOptions {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** No bytes at all (not even a heartbeat) for this long counts as a dropped connection. */
  stallMs: number;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  random: () => number;
}

export const defaultOptions: StreamOptions = {
  maxAttempts: 8,
  baseDelayMs: 500,
  maxDelayMs: 8000,
  stallMs: 30_000,
  sleep: abortableSleep,
  random: Math.random,
};

export const browserConnectivity: Connectivity = {
  online: () => typeof navigator === 'undefined' || navigator.onLine !== false,
  onOffline(listener) {
    window.addEventListener('offline', listener);
    return () => window.removeEventListener('offline', listener);
  },
  waitOnline(signal) {
    if (browserConnectivity.online()) {
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const done = () => {
        window.removeEventListener('online', done);
        signal.removeEventListener('abort', aborted);
        resolve();
      };
      const aborted = () => {
        window.removeEventListener('online', done);
        reject(abortError());
      };
      window.addEventListener('online', done);
      signal.addEventListener('abort', aborted, { once: true });
    });
  },
};

export class ChatStream {
  readonly answer = new Answer();
  requestId: string | null = null;
  conversationId: string | null = null;
  private stopRequested = false;

  constructor(
    private readonly api: Api,
    private readonly body: ChatRequest,
    private readonly hooks: StreamHooks = {},
    private readonly connectivity: Connectivity = browserConnectivity,
    private readonly options: StreamOptions = defaultOptions,
  ) {}

  /**
   * Runs the stream to its end. Throws {@link ApiError} when the server refuses the request
   * (nothing was accepted) or when resuming fails for good; throws an AbortError when `signal`
   * aborts (the page no longer wants the answer; the server keeps generating it).
   */
  async run(signal: AbortSignal): Promise<Answer> {
    const response = await this.api.request('/v1/chat/completions', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
      body: JSON.stringify(this.body),
      signal,
    });
    this.requestId = response.headers.get('X-Request-Id');
    this.conversationId = response.headers.get('X-Conversation-Id') ?? this.body.conversation_id ?? null;
    this.hooks.onStart?.({ requestId: this.requestId, conversationId: this.conversationId });
    if (this.stopRequested) {
      void this.sendCancel();
    }
    await this.read(response, signal);

    let attempt = 0;
    while (!this.answer.finished) {
      if (!this.requestId) {
        throw new ApiError(0, 'The connection dropped, and the server gave no request id to resume from.');
      }
      attempt++;
      if (attempt > this.options.maxAttempts) {
        throw new ApiError(0, 'Lost the connection to the server and could not resume the answer.');
      }
      const delay = this.backoff(attempt);
      this.hooks.onReconnecting?.(attempt, delay);
      await this.options.sleep(delay, signal);
      await this.connectivity.waitOnline(signal);
      let resumed: Response;
      try {
        const headers: Record<string, string> = { Accept: 'text/event-stream' };
        if (this.answer.lastEventId !== '') {
          headers['Last-Event-ID'] = this.answer.lastEventId; // none yet: replay from the start
        }
        resumed = await this.api.request(`/v1/streams/${encodeURIComponent(this.requestId)}`, { headers, signal });
      } catch (e) {
        if (e instanceof ApiError && (e.isNetwork || e.status >= 500 || e.status === 429)) {
          continue; // still unreachable or overloaded: back off and try again
        }
        throw e;
      }
      this.hooks.onResumed?.();
      if (await this.read(resumed, signal)) {
        attempt = 0; // the connection worked for a while: the next drop starts from short delays
      }
    }
    return this.answer;
  }

  /** Asks the server to stop; the stream then ends with finish_reason "cancelled". */
  async stop(): Promise<void> {
    this.stopRequested = true;
    if (this.requestId) {
      await this.sendCancel();
    }
  }

  private async sendCancel(): Promise<void> {
    try {
      await this.api.cancel(this.requestId!);
    } catch (e) {
      // 404/409: the answer already ended, nothing left to stop.
      if (!(e instanceof ApiError) || e.isNetwork || e.status >= 500 || e.status === 401) {
        throw e;
      }
    }
  }

  /**
   * Reads SSE events until the body ends, fails, stalls or the browser goes offline.
   * Returns whether any new event arrived; rethrows only when `signal` aborted.
   */
  private async read(response: Response, signal: AbortSignal): Promise<boolean> {
    if (!response.body) {
      return false;
    }
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    const parser = new SseParser(this.answer.lastEventId);
    this.answer.resumeRequested = false;
    let progressed = false;
    let stall: ReturnType<typeof setTimeout> | undefined;
    const drop = () => void reader.cancel().catch(() => undefined);
    const armStall = () => {
      clearTimeout(stall);
      stall = setTimeout(drop, this.options.stallMs);
    };
    const unsubscribe = this.connectivity.onOffline(drop);
    armStall();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          break;
        }
        armStall();
        for (const event of parser.push(decoder.decode(value, { stream: true }))) {
          const before = this.answer.lastEventId;
          const delta = this.answer.apply(event);
          progressed ||= delta !== '' || this.answer.lastEventId !== before || this.answer.finished;
          if (delta !== '') {
            this.hooks.onDelta?.(delta, this.answer);
          }
        }
        if (this.answer.done || this.answer.resumeRequested) {
          drop(); // [DONE], an error or a request to re-attach: don't wait for the server to close
          break;
        }
      }
    } catch {
      // A network error mid-body: the caller resumes from the last event id (or, when the
      // page aborted, the check below reports that instead).
    } finally {
      clearTimeout(stall);
      unsubscribe();
    }
    if (signal.aborted) {
      throw abortError();
    }
    return progressed;
  }

  private backoff(attempt: number): number {
    const ceiling = Math.min(this.options.maxDelayMs, this.options.baseDelayMs * 2 ** (attempt - 1));
    // Jitter keeps many tabs that lost the same gateway from reconnecting in lockstep.
    return Math.round(ceiling * (0.5 + this.options.random() / 2));
  }
}

export function abortError(): Error {
  const error = new Error('The operation was aborted.');
  error.name = 'AbortError';
  return error;
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', aborted);
      resolve();
    }, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(abortError());
    };
    signal.addEventListener('abort', aborted, { once: true });
  });
}
