import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Answer } from '../lib/answer';
import { SseParser } from '../lib/sse';

function chunk(seq: number, content: string, finish: string | null = null): string {
  const body = { id: 'chatcmpl-1', object: 'chat.completion.chunk', choices: [{ index: 0, delta: { content }, finish_reason: finish }] };
  return `id: ${seq}\ndata: ${JSON.stringify(body)}\n\n`;
}

function feed(answer: Answer, text: string): void {
  for (const event of new SseParser().push(text)) {
    answer.apply(event);
  }
}

test('appends deltas in order and finishes on the finish reason and [DONE]', () => {
  const answer = new Answer();
  feed(answer, chunk(1, 'Once') + chunk(2, ' upon') + chunk(3, '', 'stop'));
  assert.equal(answer.text, 'Once upon');
  assert.equal(answer.finishReason, 'stop');
  assert.equal(answer.finished, true);
  assert.equal(answer.done, false);
  feed(answer, 'data: [DONE]\n\n');
  assert.equal(answer.done, true);
  assert.equal(answer.lastEventId, '3');
});

test('resumesFromLastEventIdWithoutDuplicates when the server replays earlier events', () => {
  const answer = new Answer();
  feed(answer, chunk(1, 'a') + chunk(2, 'b') + chunk(3, 'c'));
  // A resume that replays from seq 2 (e.g. the server resumed from an older offset).
  feed(answer, chunk(2, 'b') + chunk(3, 'c') + chunk(4, 'd') + chunk(5, '', 'stop'));
  assert.equal(answer.text, 'abcd');
  assert.equal(answer.lastEventId, '5');
});

test('drops repeated non-numeric ids too', () => {
  const answer = new Answer();
  const event = (id: string, content: string) => ({
    id,
    lastEventId: id,
    event: 'message',
    data: JSON.stringify({ choices: [{ delta: { content } }] }),
  });
  answer.apply(event('0-10', 'x'));
  answer.apply(event('0-11', 'y'));
  answer.apply(event('0-10', 'x'));
  assert.equal(answer.text, 'xy');
  assert.equal(answer.lastEventId, '0-11');
});

test('a mid-stream error ends the answer and keeps its message', () => {
  const answer = new Answer();
  feed(answer, chunk(1, 'half') + 'id: 2\ndata: {"error":{"message":"worker lost","type":"server_error","code":"engine_failed"}}\n\n');
  assert.equal(answer.text, 'half');
  assert.deepEqual(answer.error, { message: 'worker lost', type: 'server_error', code: 'engine_failed' });
  assert.equal(answer.finished, true);
});

test('a cancelled stream reports finish_reason cancelled', () => {
  const answer = new Answer();
  feed(answer, chunk(1, 'stop me') + chunk(2, '', 'cancelled') + 'data: [DONE]\n\n');
  assert.equal(answer.finishReason, 'cancelled');
  assert.equal(answer.text, 'stop me');
});

test('ignores data that is not JSON', () => {
  const answer = new Answer();
  feed(answer, 'data: not json\n\n' + chunk(1, 'ok'));
  assert.equal(answer.text, 'ok');
});

test('[DONE] ends the stream even when it repeats the last sequence number', () => {
  const answer = new Answer();
  feed(answer, chunk(1, 'end') + 'id: 1\ndata: [DONE]\n\n');
  assert.equal(answer.done, true);
  assert.equal(answer.text, 'end');
});
