// A stand-in for the Sluice gateway, for running the web client's end-to-end tests without the
// Java stack. It implements the HTTP contract the page relies on (dev token, models, streamed
// chat completions with resume by Last-Event-ID, cancel, conversations) and serves the static
// export from web/out at "/", the way the gateway does. Answers are generated word by word on a
// timer, independently of any one connection, so a dropped client can re-attach and continue.
//
//   node e2e/mock-server.mjs [--port 0] [--token-ms 40] [--no-dev]
import { randomUUID } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.txt': 'text/plain', '.json': 'application/json', '.svg': 'image/svg+xml', '.ico': 'image/x-icon', '.png': 'image/png', '.woff2': 'font/woff2' };
const SENTENCES = [
  'Once upon a time there was a little fox who lived near a quiet river.',
  'Every morning the fox walked to the water and watched the boats go by.',
  'One day a small bird landed on a rock and asked the fox where the boats were going.',
  'The fox did not know, so they decided to follow the river together.',
  'They passed tall trees, a sleepy town and a bridge painted bright red.',
  'At the end of the day they reached the sea, and the bird laughed with joy.',
  'The fox smiled too, because the best journeys are the ones you share with a friend.',
];

function b64url(value) {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** An answer of about `words` words; a prompt asking for code gets a fenced block as well. */
export function answerFor(prompt, words = 120) {
  let text = '';
  for (let i = 0; text.split(' ').length < words; i++) {
    text += (text ? ' ' : '') + SENTENCES[i % SENTENCES.length];
    if (i % 3 === 2) {
      text += '\n\n';
    }
  }
  text = text.replace(/ \n\n /g, '\n\n').trim();
  if (/code/i.test(prompt)) {
    text = 'Here is a **small** example:\n\n```js\nfunction greet(name) {\n  return `Hello, ${name}!`;\n}\n```\n\n' + text;
  }
  return text;
}

/** Splits text into word-sized pieces that keep their leading whitespace, like model tokens. */
function pieces(text) {
  return text.match(/\s*\S+/g) ?? [];
}

export function startMockServer({ port = 0, staticDir = join(here, '..', 'out'), tokenMs = 40, dev = true, words = 120, persistLagMs = 400 } = {}) {
  // id -> {id, owner, title, created_at, updated_at, messages, persisted}. Like the real stack, a
  // turn reaches history only after its answer is complete and the persistence role wrote it
  // (persistLagMs later); a conversation is listed from its first stored turn on.
  const conversations = new Map();
  const streams = new Map(); // request id -> response state
  const stats = { chatRequests: 0, resumes: [], cancels: 0 };
  let order = 0;

  function user(req) {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer ([\w-]+)\.([\w-]+)\.mock$/.exec(header);
    if (!match) {
      return null;
    }
    try {
      const claims = JSON.parse(Buffer.from(match[2], 'base64url').toString());
      return claims.exp * 1000 > Date.now() ? claims.sub : null;
    } catch {
      return null;
    }
  }

  function json(res, status, body, headers = {}) {
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
  }

  function error(res, status, message, type, code, headers) {
    json(res, status, { error: { message, type, param: null, code } }, headers);
  }

  function chunk(state, content, finish) {
    return { id: state.chunkId, object: 'chat.completion.chunk', created: state.created, model: 'stories260K', choices: [{ index: 0, delta: content === null ? {} : { content }, finish_reason: finish }] };
  }

  function emit(state, data) {
    const seq = data === '[DONE]' ? null : state.events.length; // the role chunk is 0, like the gateway's
    const frame = (seq === null ? '' : `id: ${seq}\n`) + `data: ${typeof data === 'string' ? data : JSON.stringify(data)}\n\n`;
    state.events.push({ seq, frame });
    for (const res of state.listeners) {
      res.write(frame);
      if (data === '[DONE]') {
        res.end();
      }
    }
  }

  function finish(state, reason) {
    clearInterval(state.timer);
    state.finished = true;
    emit(state, chunk(state, null, reason));
    emit(state, '[DONE]');
    setTimeout(() => {
      const conversation = conversations.get(state.conversationId);
      if (conversation) {
        const now = Math.floor(Date.now() / 1000);
        conversation.messages.push({ role: 'user', content: state.prompt, created_at: state.created });
        conversation.messages.push({ role: 'assistant', content: state.text, created_at: now });
        conversation.updated_at = now;
        conversation.seq = ++order;
        conversation.persisted = true;
      }
    }, persistLagMs).unref();
    // Like the real bridge, keep a finished stream re-attachable for a while.
    setTimeout(() => streams.delete(state.requestId), 5 * 60_000).unref();
  }

  function attach(req, res, state, after) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      'X-Request-Id': state.requestId,
      'X-Conversation-Id': state.conversationId,
      'Access-Control-Expose-Headers': 'X-Request-Id, X-Conversation-Id',
    });
    res.write('retry: 2000\n\n');
    for (const event of state.events) {
      if (event.seq === null || event.seq > after) {
        res.write(event.frame);
      }
    }
    if (state.finished) {
      res.end();
      return;
    }
    state.listeners.add(res);
    const heartbeat = setInterval(() => res.write(': ping\n\n'), 5000);
    res.on('close', () => {
      clearInterval(heartbeat);
      state.listeners.delete(res);
    });
  }

  async function body(req) {
    let raw = '';
    for await (const part of req) {
      raw += part;
    }
    return raw ? JSON.parse(raw) : {};
  }

  async function chat(req, res, sub) {
    let request;
    try {
      request = await body(req);
    } catch {
      return error(res, 400, 'The request body is not valid JSON.', 'invalid_request_error', 'invalid_json');
    }
    stats.chatRequests++;
    const prompt = request.messages?.at(-1)?.content;
    if (typeof prompt !== 'string' || prompt.trim() === '') {
      return error(res, 400, 'messages must end with a user message.', 'invalid_request_error', 'invalid_messages');
    }
    if (prompt.length > 8000) {
      return error(res, 400, 'The message is longer than 8000 characters.', 'invalid_request_error', 'prompt_too_long');
    }
    if (/ignore (all )?previous instructions/i.test(prompt)) {
      return error(res, 400, 'The prompt looks like an attempt to override the system instructions.', 'invalid_request_error', 'content_blocked');
    }
    let conversation = request.conversation_id ? conversations.get(request.conversation_id) : undefined;
    if (request.conversation_id && (!conversation || conversation.owner !== sub)) {
      return error(res, 404, 'No such conversation.', 'invalid_request_error', 'conversation_not_found');
    }
    if (!conversation) {
      const now = Math.floor(Date.now() / 1000);
      conversation = { id: randomUUID(), owner: sub, title: prompt.slice(0, 48), created_at: now, updated_at: now, seq: 0, messages: [], persisted: false };
      conversations.set(conversation.id, conversation);
    }
    const state = {
      requestId: randomUUID(),
      chunkId: `chatcmpl-${randomUUID()}`,
      created: Math.floor(Date.now() / 1000),
      conversationId: conversation.id,
      prompt,
      owner: sub,
      events: [],
      listeners: new Set(),
      text: '',
      finished: false,
      cancelled: false,
    };
    streams.set(state.requestId, state);
    emit(state, { ...chunk(state, '', null), choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
    const queue = pieces(answerFor(prompt, words));
    state.timer = setInterval(() => {
      if (state.cancelled) {
        return finish(state, 'cancelled');
      }
      const next = queue.shift();
      if (next === undefined) {
        return finish(state, 'stop');
      }
      state.text += next;
      emit(state, chunk(state, next, null));
    }, tokenMs);
    attach(req, res, state, -1);
  }

  function serveStatic(req, res, path) {
    const file = normalize(join(staticDir, path === '/' ? 'index.html' : decodeURIComponent(path)));
    if (!file.startsWith(staticDir) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(res);
  }

  async function handle(req, res) {
    const url = new URL(req.url, 'http://mock');
    const path = url.pathname;
    if (path === '/dev/token' && req.method === 'GET') {
      const name = url.searchParams.get('user') ?? '';
      if (!dev) {
        return error(res, 404, 'Not found', 'invalid_request_error', 'not_found');
      }
      if (!/^[A-Za-z0-9._@-]{1,64}$/.test(name)) {
        return error(res, 400, 'user must be 1-64 letters, digits, ., _, @ or -', 'invalid_request_error', 'invalid_user');
      }
      const exp = Math.floor(Date.now() / 1000) + 3600;
      return json(res, 200, { token: `${b64url({ alg: 'none' })}.${b64url({ sub: name, exp })}.mock`, user: name, expires_at: exp });
    }
    if (path === '/actuator/health') {
      return json(res, 200, { status: 'UP' });
    }
    if (!path.startsWith('/v1/')) {
      return serveStatic(req, res, path);
    }
    const sub = user(req);
    if (!sub) {
      return error(res, 401, 'Missing or invalid bearer token.', 'authentication_error', 'invalid_token');
    }
    let m;
    if (path === '/v1/models' && req.method === 'GET') {
      return json(res, 200, { object: 'list', data: [{ id: 'stories260K', object: 'model', created: 0, owned_by: 'sluice' }] });
    }
    if (path === '/v1/chat/completions' && req.method === 'POST') {
      return chat(req, res, sub);
    }
    if ((m = /^\/v1\/streams\/([^/]+)$/.exec(path)) && req.method === 'GET') {
      const state = streams.get(m[1]);
      if (!state || state.owner !== sub) {
        return error(res, 404, 'No such stream.', 'invalid_request_error', 'stream_not_found');
      }
      const header = req.headers['last-event-id'];
      const after = header === undefined || header === '' ? -1 : Number(header);
      stats.resumes.push({ requestId: state.requestId, after });
      return attach(req, res, state, after);
    }
    if ((m = /^\/v1\/streams\/([^/]+)\/cancel$/.exec(path)) && req.method === 'POST') {
      const state = streams.get(m[1]);
      if (!state || state.owner !== sub) {
        return error(res, 404, 'No such stream.', 'invalid_request_error', 'stream_not_found');
      }
      stats.cancels++;
      state.cancelled = true;
      res.writeHead(202);
      return res.end();
    }
    if (path === '/v1/conversations' && req.method === 'GET') {
      const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 20) || 20);
      const before = url.searchParams.get('before');
      let mine = [...conversations.values()].filter((c) => c.owner === sub && c.persisted).sort((a, b) => b.seq - a.seq);
      if (before) {
        const at = mine.findIndex((c) => c.id === before);
        mine = at < 0 ? [] : mine.slice(at + 1);
      }
      const page = mine.slice(0, limit);
      const hasMore = mine.length > limit;
      return json(res, 200, {
        object: 'list',
        data: page.map(({ id, title, created_at, updated_at }) => ({ id, title, created_at, updated_at })),
        has_more: hasMore,
        next_cursor: hasMore ? page.at(-1).id : null,
      });
    }
    if ((m = /^\/v1\/conversations\/([^/]+)$/.exec(path))) {
      const conversation = conversations.get(m[1]);
      if (!conversation || conversation.owner !== sub || !conversation.persisted) {
        return error(res, 404, 'No such conversation.', 'invalid_request_error', 'conversation_not_found');
      }
      if (req.method === 'GET') {
        return json(res, 200, { id: conversation.id, title: conversation.title, messages: conversation.messages });
      }
      if (req.method === 'DELETE') {
        conversations.delete(conversation.id);
        res.writeHead(204);
        return res.end();
      }
    }
    return error(res, 404, 'Not found', 'invalid_request_error', 'not_found');
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      if (!res.headersSent) {
        error(res, 500, String(e?.message ?? e), 'server_error', 'internal');
      } else {
        res.destroy();
      }
    });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      const { port: actual } = server.address();
      resolve({
        url: `http://127.0.0.1:${actual}`,
        stats,
        close: () =>
          new Promise((done) => {
            for (const state of streams.values()) {
              clearInterval(state.timer);
            }
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(name);
    return i < 0 ? fallback : process.argv[i + 1];
  };
  const server = await startMockServer({ port: Number(arg('--port', 0)), tokenMs: Number(arg('--token-ms', 40)), dev: !process.argv.includes('--no-dev') });
  console.log(`mock Sluice gateway on ${server.url}`);
}
