/**
 * Folds the chat-completion chunk events of one response into the answer text.
 *
 * The same response may be read over several connections (the first POST, then resumes with
 * Last-Event-ID). The server should replay only events after that id, but a proxy, a retried
 * request or a server that replays from an earlier offset must never make text appear twice,
 * so every event carrying a sequence number is applied at most once.
 */
import type { SseEvent } from './sse';

export type FinishReason = 'stop' | 'length' | 'cancelled' | string;

export interface StreamError {
  message: string;
  type?: string;
  code?: string | null;
}

interface ChunkPayload {
  choices?: { delta?: { content?: string | null }; finish_reason?: string | null }[];
  error?: StreamError;
}

/**
 * Errors that end one connection but not the answer: the gateway sends `slow_consumer` when this
 * client fell too far behind, and expects a re-attach with Last-Event-ID.
 */
const RESUMABLE_ERRORS = new Set(['slow_consumer']);

export class Answer {
  text = '';
  finishReason: FinishReason | undefined;
  error: StreamError | undefined;
  /** True once `data: [DONE]` arrived or an error ended the stream. */
  done = false;
  /** Set when the server ended this connection but asked the client to resume from its last id. */
  resumeRequested = false;
  /** The id to send as Last-Event-ID when resuming: the highest sequence number applied. */
  lastEventId = '';
  private lastSeq = -1;
  private readonly seenIds = new Set<string>();

  /** Applies one SSE event; returns the text it appended ("" for none or a duplicate). */
  apply(event: SseEvent): string {
    const data = event.data.trim();
    if (data === '[DONE]') {
      this.done = true; // idempotent, so it needs no de-duplication (whatever id it carries)
      return '';
    }
    if (event.id !== undefined && event.id !== '' && !this.firstTime(event.id)) {
      return '';
    }
    let payload: ChunkPayload;
    try {
      payload = JSON.parse(data) as ChunkPayload;
    } catch {
      return ''; // not ours to interpret; the stream goes on
    }
    if (payload.error?.code && RESUMABLE_ERRORS.has(payload.error.code)) {
      this.resumeRequested = true; // this connection is over, the answer is not: re-attach
      return '';
    }
    if (payload.error) {
      this.error = {
        message: String(payload.error.message ?? 'The server reported an error.'),
        type: payload.error.type,
        code: payload.error.code ?? null,
      };
      this.done = true;
      return '';
    }
    const choice = payload.choices?.[0];
    if (!choice) {
      return '';
    }
    const delta = choice.delta?.content ?? '';
    this.text += delta;
    if (choice.finish_reason) {
      this.finishReason = choice.finish_reason;
    }
    return delta;
  }

  /** True when the response is complete: finished, errored or [DONE]. */
  get finished(): boolean {
    return this.done || this.finishReason !== undefined;
  }

  private firstTime(id: string): boolean {
    if (/^\d+$/.test(id)) {
      const seq = Number(id);
      if (seq <= this.lastSeq) {
        return false;
      }
      this.lastSeq = seq;
      this.lastEventId = id;
      return true;
    }
    // Ids that are not plain numbers (e.g. "partition-offset") cannot be ordered: remember them.
    if (this.seenIds.has(id)) {
      return false;
    }
    this.seenIds.add(id);
    this.lastEventId = id;
    return true;
  }
}
