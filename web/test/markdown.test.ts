import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retryAfter, sessionFromJwt } from '../lib/api';
import { renderMarkdown } from '../lib/markdown';

test('renders fenced code blocks with their language', () => {
  const html = renderMarkdown('Here:\n\n```js\nconst a = 1 < 2;\n```\n');
  assert.match(html, /<pre><code class="language-js">const a = 1 &lt; 2;\n<\/code><\/pre>/);
});

test('shows raw HTML from the model as text', () => {
  const html = renderMarkdown('hi <img src=x onerror=alert(1)> <script>alert(1)</script>');
  assert.doesNotMatch(html, /<img|<script/);
  assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
});

test('drops javascript: links and turns images into links', () => {
  assert.doesNotMatch(renderMarkdown('[x](javascript:alert(1))'), /href/);
  const image = renderMarkdown('![cat](https://example.com/cat.png)');
  assert.doesNotMatch(image, /<img/);
  assert.match(image, /<a href="https:\/\/example.com\/cat.png"[^>]*>cat<\/a>/);
});

test('reads Retry-After as seconds or as an HTTP date', () => {
  assert.equal(retryAfter('12'), 12);
  assert.equal(retryAfter(new Date(10_000 + 5_000).toUTCString(), 10_000), 5);
  assert.equal(retryAfter(null), null);
  assert.equal(retryAfter('soon'), null);
});

test('reads the user and expiry from a pasted JWT', () => {
  const payload = Buffer.from(JSON.stringify({ sub: 'ada', exp: 2_000_000_000 })).toString('base64url');
  const session = sessionFromJwt(`Bearer h.${payload}.s`);
  assert.equal(session.user, 'ada');
  assert.equal(session.expiresAt, 2_000_000_000);
  assert.equal(session.token, `h.${payload}.s`);
});
