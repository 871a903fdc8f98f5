// Page helpers shared by the end-to-end checks. They find elements the way a person would (by
// label and role) wherever the page offers that, and by data-testid for the streamed answer.
import assert from 'node:assert/strict';

export const ANSWER_TIMEOUT = Number(process.env.E2E_ANSWER_TIMEOUT_MS ?? 90_000);

export async function signIn(page, user) {
  await page.goto('/');
  await page.getByLabel('User name (dev mode)').fill(user);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Message', { exact: true }).waitFor();
}

/**
 * Remembers how many answers the page shows before a send, so {@link waitForStatus} waits for
 * the new answer rather than reading the previous one's status (the stack holds the response
 * until the first event, so the new answer appears a moment after the send).
 */
export async function markSent(page) {
  await page.evaluate(() => {
    window.__answersBefore = document.querySelectorAll('[data-testid="message-assistant"]').length;
  });
}

export async function send(page, text) {
  const box = page.getByLabel('Message', { exact: true });
  await box.fill(text);
  await markSent(page);
  await box.press('Enter');
}

export const answers = (page) => page.getByTestId('message-assistant');
export const lastAnswer = (page) => answers(page).last();

/** Waits for the newest answer to reach `status`; fails at once if it ends in another way. */
export async function waitForStatus(page, status, timeout = ANSWER_TIMEOUT) {
  const handle = await page.waitForFunction(
    (s) => {
      const all = document.querySelectorAll('[data-testid="message-assistant"]');
      if (all.length <= (window.__answersBefore ?? 0)) {
        return false;
      }
      const last = all[all.length - 1];
      const now = last?.getAttribute('data-status');
      return now === s || ['done', 'stopped', 'error'].includes(now) ? { now, note: last.querySelector('.meta')?.textContent ?? '' } : false;
    },
    status,
    { timeout },
  );
  const { now, note } = await handle.jsonValue();
  assert.equal(now, status, `the answer ended as "${now}" (${note || 'no note'}), expected "${status}"`);
}

/** Waits until the newest answer shows at least `chars` characters of text. */
export async function waitForText(page, chars, timeout = ANSWER_TIMEOUT) {
  await page.waitForFunction(
    (n) => {
      const all = document.querySelectorAll('[data-testid="answer"]');
      return all.length > 0 && (all[all.length - 1].textContent ?? '').length >= n;
    },
    chars,
    { timeout },
  );
}

/** The newest answer as rendered text (innerText keeps the line breaks Markdown turned into <br>). */
export async function answerText(page) {
  return page.getByTestId('answer').last().innerText();
}

/** Records the length of the newest answer's text at every DOM change, to see it grow. */
export async function recordGrowth(page) {
  await page.evaluate(() => {
    window.__lengths = [];
    const list = document.querySelector('.message-list');
    new MutationObserver(() => {
      const all = document.querySelectorAll('[data-testid="answer"]');
      const last = all[all.length - 1];
      if (last) {
        window.__lengths.push((last.textContent ?? '').length);
      }
    }).observe(list, { subtree: true, childList: true, characterData: true });
  });
  return () => page.evaluate(() => window.__lengths);
}

/** Collapses whitespace: Markdown rendering turns line breaks into elements. */
export const normalize = (text) => text.replace(/\s+/g, ' ').trim();

/**
 * The open conversation as the server stores it, once it holds as many answers as the page shows
 * (history is written by the persistence role a moment after an answer ends).
 */
export async function storedConversation(page, timeout = 20_000) {
  const id = await page.getByRole('main', { name: 'Chat' }).getAttribute('data-conversation-id');
  assert.ok(id, 'the page knows its conversation id');
  const shown = await answers(page).count();
  const deadline = Date.now() + timeout;
  for (;;) {
    const conversation = await page.evaluate(async (cid) => {
      const { token } = JSON.parse(sessionStorage.getItem('sluice.session'));
      const response = await fetch(`/v1/conversations/${cid}`, { headers: { Authorization: `Bearer ${token}` } });
      return response.ok ? response.json() : null;
    }, id);
    const stored = conversation?.messages.filter((m) => m.role === 'assistant').length ?? 0;
    if (stored >= shown) {
      return conversation;
    }
    assert.ok(Date.now() < deadline, `the server stored ${stored} of ${shown} answers after ${timeout} ms`);
    await page.waitForTimeout(250);
  }
}

/** The newest answer as the server stored it. */
export async function storedAnswer(page) {
  return (await storedConversation(page)).messages.filter((m) => m.role === 'assistant').at(-1).content;
}

/** Fails if `text` contains a run of words that repeats back to back (a duplicated chunk). */
export function assertNoRepeatedRun(text, minWords = 4) {
  const words = normalize(text).split(' ');
  for (let size = minWords; size <= words.length / 2; size++) {
    for (let i = 0; i + 2 * size <= words.length; i++) {
      const a = words.slice(i, i + size).join(' ');
      const b = words.slice(i + size, i + 2 * size).join(' ');
      assert.notEqual(a, b, `text repeats "${a}" at word ${i}`);
    }
  }
}

/**
 * Slows this page's downloads. stories260K writes a whole answer in about half a second, and on
 * a loaded machine the browser can take it in as one read; a slower link keeps an answer
 * arriving long enough to watch it grow or to drop the connection mid-answer. The server side
 * is unaffected (its own streaming is tested by the stack's Java end-to-end tests).
 */
export async function throttleDownloads(page, bytesPerSecond) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: bytesPerSecond, uploadThroughput: -1 });
}

export function assertNoPageErrors(page) {
  assert.deepEqual(page.pageErrors.map(String), [], 'uncaught errors in the page');
}
