/**
 * Incremental parser for the text/event-stream format (WHATWG HTML, "Server-sent events").
 *
 * EventSource cannot POST or set an Authorization header, so the client reads SSE from fetch()
 * itself. Network chunks split lines and even CRLF pairs anywhere, so the parser keeps the
 * unfinished tail between calls to {@link SseParser.push}.
 */

export interface SseEvent {
  /** The `id:` field given in this event's block, if any. */
  id: string | undefined;
  /** The last event id in effect after this event (ids persist across events, as in EventSource). */
  lastEventId: string;
  /** The `event:` field, "message" when absent. */
  event: string;
  /** All `data:` lines joined with "\n". */
  data: string;
}

export class SseParser {
  private buffer = '';
  /** True when the previous chunk ended in "\r", so a leading "\n" now belongs to that line end. */
  private pendingCr = false;
  private dataLines: string[] = [];
  private hasData = false;
  private eventType = '';
  private blockId: string | undefined;
  private lastId: string;
  /** The server's `retry:` hint in milliseconds, if it sent one. */
  retryMs: number | undefined;

  constructor(lastEventId = '') {
    this.lastId = lastEventId;
  }

  get lastEventId(): string {
    return this.lastId;
  }

  /** Feeds a decoded chunk of the stream and returns the events it completed. */
  push(chunk: string): SseEvent[] {
    let text = chunk;
    if (this.pendingCr && text.startsWith('\n')) {
      text = text.slice(1);
    }
    this.pendingCr = false;
    this.buffer += text;
    const events: SseEvent[] = [];
    let start = 0;
    for (let i = 0; i < this.buffer.length; i++) {
      const c = this.buffer.charCodeAt(i);
      if (c !== 10 && c !== 13) {
        continue;
      }
      const line = this.buffer.slice(start, i);
      if (c === 13) {
        if (i + 1 < this.buffer.length) {
          if (this.buffer.charCodeAt(i + 1) === 10) {
            i++;
          }
        } else {
          this.pendingCr = true;
        }
      }
      start = i + 1;
      const event = this.line(line);
      if (event) {
        events.push(event);
      }
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      return this.dispatch();
    }
    if (line.startsWith(':')) {
      return undefined; // a comment, e.g. a heartbeat that keeps proxies from closing the stream
    }
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) {
      value = value.slice(1);
    }
    switch (field) {
      case 'data':
        this.dataLines.push(value);
        this.hasData = true;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\u0000')) {
          this.blockId = value;
          this.lastId = value;
        }
        break;
      case 'retry':
        if (/^\d+$/.test(value)) {
          this.retryMs = Number(value);
        }
        break;
      default:
        break; // unknown fields are ignored by the spec
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    const event: SseEvent | undefined = this.hasData
      ? { id: this.blockId, lastEventId: this.lastId, event: this.eventType || 'message', data: this.dataLines.join('\n') }
      : undefined;
    this.dataLines = [];
    this.hasData = false;
    this.eventType = '';
    this.blockId = undefined;
    return event;
  }
}
