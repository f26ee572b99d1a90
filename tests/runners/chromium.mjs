// Conformance in Chromium (Debian's /usr/bin/chromium, driven by playwright-core; never a downloaded
// browser), either in a page or inside a registered service worker that posts its result back.
// A throwaway node:http server on 127.0.0.1 serves the pages, the bundled suite and, under /amazon,
// the suite's fake Amazon Pay server; the browser reaches it with its own fetch.
// Usage: node runners/chromium.mjs <page|service-worker> <result-name>
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import { createFakeAmazonPay } from '../.build/suite.js';
import { sendFetchResponse, toFetchRequest } from '@amazon-pay-edge/node';
import { report } from './report.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// The flags toolchain.md lists (headless comes from Playwright; the profile dir is fresh per run).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESULT_TIMEOUT_MS = 120_000;

const mode = process.argv[2] ?? 'page';
const name = process.argv[3] ?? `conformance-chromium-${mode}`;
const browserDir = new URL('../.build/browser/', import.meta.url);

// `window.__conformance` is a promise of { result, lines, environment }.
const PAGES = {
  page: `<!doctype html><meta charset="utf-8"><title>conformance: page</title>
<script type="module">
  import { runSuite } from '/suite.js';
  const lines = [];
  window.__conformance = runSuite({ remote: { baseUrl: location.origin + '/amazon' }, log: (line) => lines.push(line) })
    .then((result) => ({ result, lines, environment: { scope: Object.prototype.toString.call(globalThis), secure: isSecureContext } }));
</script>`,
  'service-worker': `<!doctype html><meta charset="utf-8"><title>conformance: service worker</title>
<script type="module">
  window.__conformance = (async () => {
    const registration = await navigator.serviceWorker.register('/sw.js', { scope: '/' });
    const worker = registration.active ?? (await navigator.serviceWorker.ready).active;
    const reply = new Promise((resolve) => navigator.serviceWorker.addEventListener('message', (e) => resolve(e.data)));
    navigator.serviceWorker.startMessages(); // deliver the worker's reply even if it comes before DOMContentLoaded
    worker.postMessage({ type: 'run', baseUrl: location.origin + '/amazon' });
    return reply;
  })();
</script>`,
};
const STATIC = {
  '/suite.js': () => readFileSync(new URL('suite.js', browserDir)),
  '/sw.js': () => readFileSync(new URL('sw.js', browserDir)),
};

if (!PAGES[mode]) throw new Error(`unknown mode ${mode}; use page or service-worker`);

const fake = createFakeAmazonPay();
let amazonRequests = 0;
const server = createServer(async (req, res) => {
  try {
    const origin = `http://${req.headers.host}`;
    const path = new URL(req.url, origin).pathname;
    if (path.startsWith('/amazon/')) {
      amazonRequests++;
      return await sendFetchResponse(res, await fake.handle(await toFetchRequest(req)));
    }
    if (path === '/' || path === '/index.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(PAGES[mode]);
    }
    if (STATIC[path]) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      return res.end(STATIC[path]());
    }
    res.writeHead(404).end();
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
  }
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const profile = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => '__conformance' in window, undefined, { timeout: RESULT_TIMEOUT_MS });
  const outcome = await Promise.race([
    page.evaluate(() => window.__conformance),
    new Promise((_, reject) =>
      setTimeout(
        () => reject(new Error(`no result within ${RESULT_TIMEOUT_MS} ms; page errors: ${pageErrors.join('; ')}`)),
        RESULT_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
  const { result, lines, environment } = outcome;
  if (process.env.CONFORMANCE_VERBOSE === '1') for (const line of lines) console.log(line);
  // Runner-level checks: the suite ran in the scope it claims, and its calls came over real HTTP.
  const expectedScope = mode === 'page' ? '[object Window]' : '[object ServiceWorkerGlobalScope]';
  const runnerChecks = [
    [environment.scope === expectedScope, `scope is ${environment.scope}, expected ${expectedScope}`],
    [amazonRequests > 0, 'the browser made no request to the fake Amazon Pay server'],
    [mode === 'page' || context.serviceWorkers().length > 0, 'no service worker is registered'],
  ];
  for (const [passed, failure] of runnerChecks) {
    if (passed) result.passed++;
    else {
      result.failed++;
      result.failures.push(`runner: ${failure}`);
    }
  }
  report(name, result, `Chromium ${context.browser()?.version() ?? ''} ${mode}`.replace('  ', ' '));
} finally {
  await context?.close();
  await new Promise((resolve) => server.close(resolve));
  rmSync(profile, { recursive: true, force: true });
}
