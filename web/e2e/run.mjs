// End-to-end tests of the chat page in headless Chromium (Debian's /usr/bin/chromium driven by
// playwright-core). Point BASE_URL at a running stack (`./sluice dev` serves the page and the API
// on one origin); without BASE_URL the tests start e2e/mock-server.mjs on a free port and use the
// static export in web/out (run `npm run build` first).
//
//   BASE_URL=http://127.0.0.1:8080 node e2e/run.mjs [--grep text]
// Screenshots go to e2e/artifacts/.
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { checks } from './checks.mjs';
import { startMockServer } from './mock-server.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const artifacts = join(here, 'artifacts');
mkdirSync(artifacts, { recursive: true });
for (const stale of readdirSync(artifacts).filter((f) => f.startsWith('FAILED-'))) {
  rmSync(join(artifacts, stale));
}

const grepAt = process.argv.indexOf('--grep');
const grep = grepAt < 0 ? null : process.argv[grepAt + 1];
let baseUrl = process.env.BASE_URL?.replace(/\/$/, '');
let mock = null;
if (!baseUrl) {
  mock = await startMockServer({ tokenMs: Number(process.env.MOCK_TOKEN_MS ?? 40) });
  baseUrl = mock.url;
}
console.log(`e2e against ${baseUrl}${mock ? ' (mock gateway)' : ''}`);

// Flags: this machine has no outside network; without the background-networking flags Chromium
// keeps trying to reach Google's hosts at every start.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});

const runId = Date.now().toString(36);
let failures = 0;
let ran = 0;
const started = Date.now();
for (const [name, fn] of Object.entries(checks)) {
  if (grep && !name.includes(grep)) {
    continue;
  }
  ran++;
  const t0 = Date.now();
  const env = { browser, baseUrl, artifacts, user: `e2e-${runId}-${ran}`, mock };
  const contexts = [];
  env.newPage = async (options = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, reducedMotion: 'reduce', ...options, baseURL: baseUrl });
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    page.pageErrors = [];
    page.on('pageerror', (e) => page.pageErrors.push(e));
    return page;
  };
  try {
    await fn(env);
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name} (${Date.now() - t0} ms)\n     ${String(e?.stack ?? e).split('\n').slice(0, 6).join('\n     ')}`);
    for (const context of contexts) {
      for (const [i, page] of context.pages().entries()) {
        await page.screenshot({ path: join(artifacts, `FAILED-${name.replace(/\W+/g, '-')}-${i}.png`) }).catch(() => undefined);
      }
    }
  } finally {
    for (const context of contexts) {
      await context.close().catch(() => undefined);
    }
  }
}
await browser.close();
await mock?.close();
console.log(`${ran - failures}/${ran} passed in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${artifacts}`);
process.exit(failures === 0 && ran > 0 ? 0 : 1);
