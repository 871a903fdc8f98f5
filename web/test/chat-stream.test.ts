import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Api, ApiError } from '../lib/api';
import { ChatStream, type Connectivity, type StreamOptions } from '../lib/chat-stream';

const WORDS = ['Once', ' upon', ' a', ' time', ' there', ' was', ' a', ' fox', '.'];

function events(): string[] {
  const out = WORDS.map(
    (w, i) => `id: ${i + 1}\ndata: ${JSON.stringify({ object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content: w }, finish_reason: null }] })}\n\n`,
  );
  out.push(`id: ${WORDS.length + 1}\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
  out.push('data: [DONE]\n\n');
  return out;
}

/** A body that sends `parts` one read at a time, then ends or fails like a dropped TCP connection. */
function body(parts: string[], fail: boolean): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let next = 0;
  return new ReadableStream({
    pull(controller) {
      if (next < parts.length) {
        controller.enqueue(encoder.encode(parts[next++]));
      } else if (fail) {
        controller.error(new TypeError('network error'));
      } else {
        controller.close();
      }
    },
  });
}

function sse(parts: string[], fail = false, headers: Record<string, string> = {}): Response {
  return new Response(body(parts, fail), { status: 200, headers: { 'Content-Type': 'text/event-stream', ...headers } });
}

interface Call {
  url: string;
  method: string;
  headers: Headers;
}

function harness(handler: (call: Call, n: number) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetchFn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const call = { url: String(input), method: init?.method ?? 'GET', headers: new Headers(init?.headers) };
    calls.push(call);
    return handler(call, calls.length);
  };
  return { calls, api: new Api('', () => 'tok', fetchFn as typeof fetch) };
}

const online: Connectivity = { online: () => true, onOffline: () => () => undefined, waitOnline: async () => undefined };
const fast: StreamOptions = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 4, stallMs: 5_000, sleep: async () => undefined, random: () => 0.5 };
const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hi' }], stream: true as const };

test('streams a whole answer over the first connection', async () => {
  const { api, calls } = harness(() => sse(events(), false, { 'X-Request-Id': 'r1', 'X-Conversation-Id': 'c1' }));
  const deltas: string[] = [];
  const stream = new ChatStream(api, request, { onDelta: (d) => deltas.push(d) }, online, fast);
  const answer = await stream.run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.deepEqual(deltas, WORDS);
  assert.equal(stream.conversationId, 'c1');
  assert.equal(calls[0].headers.get('Authorization'), 'Bearer tok');
  assert.equal(calls.length, 1);
});

test('resumes after a dropped connection with Last-Event-ID and no duplicated text', async () => {
  const all = events();
  const { api, calls } = harness((call, n) => {
    if (n === 1) {
      return sse(all.slice(0, 4), true, { 'X-Request-Id': 'r1' });
    }
    // The server replays one event before Last-Event-ID: the client must drop it.
    const last = Number(call.headers.get('Last-Event-ID'));
    return sse(all.slice(last - 1));
  });
  const reconnects: number[] = [];
  const stream = new ChatStream(api, request, { onReconnecting: (a) => reconnects.push(a) }, online, fast);
  const answer = await stream.run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(calls[1].url, '/v1/streams/r1');
  assert.equal(calls[1].headers.get('Last-Event-ID'), '4');
  assert.deepEqual(reconnects, [1]);
});

test('keeps retrying through server errors until the stream is back', async () => {
  const all = events();
  const { api, calls } = harness((_call, n) => {
    if (n === 1) {
      return sse(all.slice(0, 2), true, { 'X-Request-Id': 'r2' });
    }
    if (n === 2) {
      return new Response('{"error":{"message":"down"}}', { status: 503 });
    }
    if (n === 3) {
      throw new TypeError('Failed to fetch');
    }
    return sse(all.slice(2));
  });
  const answer = await new ChatStream(api, request, {}, online, fast).run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(calls.length, 4);
});

test('gives up after the configured number of failed resumes', async () => {
  const { api } = harness((_c, n) => (n === 1 ? sse(events().slice(0, 1), true, { 'X-Request-Id': 'r3' }) : new Response('', { status: 502 })));
  await assert.rejects(new ChatStream(api, request, {}, online, fast).run(new AbortController().signal), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.isNetwork, true);
    return true;
  });
});

test('going offline drops the connection and resumes once online again', async () => {
  const all = events();
  let goOffline: () => void = () => undefined;
  let isOnline = true;
  let backOnline: () => void = () => undefined;
  const connectivity: Connectivity = {
    online: () => isOnline,
    onOffline: (fn) => {
      goOffline = fn;
      return () => undefined;
    },
    waitOnline: () => (isOnline ? Promise.resolve() : new Promise((resolve) => (backOnline = () => resolve()))),
  };
  const encoder = new TextEncoder();
  const { api, calls } = harness((call, n) => {
    if (n === 1) {
      // Sends three events, then hangs like a connection whose network vanished.
      const hanging = new ReadableStream<Uint8Array>({
        start(controller) {
          all.slice(0, 3).forEach((p) => controller.enqueue(encoder.encode(p)));
        },
      });
      return new Response(hanging, { headers: { 'X-Request-Id': 'r4' } });
    }
    return sse(all.slice(Number(call.headers.get('Last-Event-ID'))));
  });
  const stream = new ChatStream(api, request, {
    onDelta: (_d, answer) => {
      if (answer.lastEventId === '3') {
        isOnline = false;
        setTimeout(goOffline, 0);
      }
    },
    onReconnecting: () => setTimeout(() => ((isOnline = true), backOnline()), 5),
  }, connectivity, fast);
  const answer = await stream.run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(calls[1].headers.get('Last-Event-ID'), '3');
});

test('a refused request throws the server error with Retry-After', async () => {
  const { api } = harness(() => new Response(JSON.stringify({ error: { message: 'Slow down', type: 'rate_limit', code: 'rate_limited' } }), { status: 429, headers: { 'Retry-After': '7' } }));
  await assert.rejects(new ChatStream(api, request, {}, online, fast).run(new AbortController().signal), (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 429);
    assert.equal(e.retryAfterSec, 7);
    assert.equal(e.message, 'Slow down');
    return true;
  });
});

test('a stop pressed before the response started is sent once the request id is known', async () => {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const all = events();
  const { api, calls } = harness(async (call) => {
    if (call.url.endsWith('/cancel')) {
      return new Response(null, { status: 202 });
    }
    await gate;
    return sse([all[0], `id: 2\ndata: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'cancelled' }] })}\n\n`, 'data: [DONE]\n\n'], false, { 'X-Request-Id': 'r5' });
  });
  const stream = new ChatStream(api, request, {}, online, fast);
  const running = stream.run(new AbortController().signal);
  await stream.stop();
  release();
  const answer = await running;
  assert.equal(answer.finishReason, 'cancelled');
  assert.ok(calls.some((c) => c.url === '/v1/streams/r5/cancel' && c.method === 'POST'));
});

test('aborting the page signal stops reading without resuming', async () => {
  const controller = new AbortController();
  const { api, calls } = harness(() => sse(events().slice(0, 2), true, { 'X-Request-Id': 'r6' }));
  const stream = new ChatStream(api, request, { onDelta: () => controller.abort() }, online, fast);
  await assert.rejects(stream.run(controller.signal), (e: Error) => e.name === 'AbortError');
  assert.equal(calls.length, 1);
});

test('a connection that goes silent is dropped after the stall timeout and resumed', async () => {
  const all = events();
  const encoder = new TextEncoder();
  const { api, calls } = harness((call, n) => {
    if (n === 1) {
      const silent = new ReadableStream<Uint8Array>({
        start(controller) {
          all.slice(0, 2).forEach((p) => controller.enqueue(encoder.encode(p)));
        },
      });
      return new Response(silent, { headers: { 'X-Request-Id': 'r7' } });
    }
    return sse(all.slice(Number(call.headers.get('Last-Event-ID'))));
  });
  const answer = await new ChatStream(api, request, {}, online, { ...fast, stallMs: 30 }).run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(calls[1].headers.get('Last-Event-ID'), '2');
});

test('a drop before the first event resumes without a Last-Event-ID header', async () => {
  const all = events();
  const { api, calls } = harness((_call, n) => (n === 1 ? sse([], true, { 'X-Request-Id': 'r8' }) : sse(all)));
  const answer = await new ChatStream(api, request, {}, online, fast).run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(calls[1].headers.has('Last-Event-ID'), false);
});

test('the gateway preamble (retry, role-only chunk with id 0, usage chunk) adds no text', async () => {
  const role = `id: 0\ndata: ${JSON.stringify({ choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] })}\n\n`;
  const usage = `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 9, total_tokens: 12 } })}\n\n`;
  const all = events();
  const { api } = harness(() => sse(['retry: 2000\n\n', role, ...all.slice(0, -1), usage, all.at(-1)!], false, { 'X-Request-Id': 'r9' }));
  const answer = await new ChatStream(api, request, {}, online, fast).run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(answer.finishReason, 'stop');
  assert.equal(answer.done, true);
});

test('a slow_consumer error re-attaches from the last event instead of ending the answer', async () => {
  const all = events();
  const slow = `data: ${JSON.stringify({ error: { message: 'The client read too slowly', type: 'server_error', code: 'slow_consumer' } })}\n\n`;
  const { api, calls } = harness((call, n) =>
    n === 1 ? sse([...all.slice(0, 5), slow], false, { 'X-Request-Id': 'r10' }) : sse(all.slice(Number(call.headers.get('Last-Event-ID')))),
  );
  const answer = await new ChatStream(api, request, {}, online, fast).run(new AbortController().signal);
  assert.equal(answer.text, WORDS.join(''));
  assert.equal(answer.error, undefined);
  assert.equal(calls[1].headers.get('Last-Event-ID'), '5');
});
