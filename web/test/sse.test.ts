import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SseParser } from '../lib/sse';

test('parses id and data lines into one event per blank line', () => {
  const parser = new SseParser();
  const events = parser.push('id: 1\ndata: {"a":1}\n\nid: 2\ndata: {"a":2}\n\n');
  assert.deepEqual(
    events.map((e) => [e.id, e.data]),
    [['1', '{"a":1}'], ['2', '{"a":2}']],
  );
  assert.equal(parser.lastEventId, '2');
});

test('reassembles events split at any byte across chunks', () => {
  const stream = 'id: 7\r\ndata: hello\r\n\r\n: heartbeat\n\nid: 8\rdata: world\r\r';
  for (let cut = 0; cut <= stream.length; cut++) {
    const parser = new SseParser();
    const events = [...parser.push(stream.slice(0, cut)), ...parser.push(stream.slice(cut))];
    assert.deepEqual(
      events.map((e) => `${e.id}:${e.data}`),
      ['7:hello', '8:world'],
      `cut at ${cut}`,
    );
  }
});

test('a CRLF split between chunks ends one line, not two', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('data: a\r'), []);
  const events = parser.push('\n\r\n');
  assert.equal(events.length, 1);
  assert.equal(events[0].data, 'a');
});

test('joins multi-line data and strips only one leading space', () => {
  const events = new SseParser().push('data:x\ndata:  y\nevent: note\n\n');
  assert.equal(events[0].data, 'x\n y');
  assert.equal(events[0].event, 'note');
});

test('comments and blocks without data dispatch nothing but ids persist', () => {
  const parser = new SseParser('3');
  assert.deepEqual(parser.push(': ping\n\nid: 4\n\n'), []);
  assert.equal(parser.lastEventId, '4');
  const [event] = parser.push('data: [DONE]\n\n');
  assert.equal(event.id, undefined);
  assert.equal(event.lastEventId, '4');
});

test('keeps an unfinished event until its blank line arrives', () => {
  const parser = new SseParser();
  assert.deepEqual(parser.push('id: 1\ndata: {"x"'), []);
  assert.deepEqual(parser.push(':1}\n'), []);
  assert.equal(parser.push('\n')[0].data, '{"x":1}');
});

test('records the retry hint and ignores unknown fields', () => {
  const parser = new SseParser();
  const events = parser.push('retry: 1500\nfoo: bar\ndata: z\n\n');
  assert.equal(parser.retryMs, 1500);
  assert.equal(events[0].data, 'z');
});
