// The service-worker example end to end in Chromium (Debian's /usr/bin/chromium via playwright-core):
// serve.mjs serves public/ and forwards Amazon Pay's paths to the in-process sandbox on the same origin;
// the page imports the key (non-extractable) and installs it in the service worker; the walk then drives
// the checkout through the page's own fetch('/api/...'), which the service worker answers.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { chromium } from 'playwright-core';
import {
  cannotStart,
  httpVisit,
  inProcessSandbox,
  makeKeys,
  probe,
  report,
  run,
  STORE_ID,
  walkCheckout,
} from '@amazon-pay-edge/example-e2e';
import { createExampleServer } from '../serve.mjs';

const NAME = 'example-service-worker';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
// toolchain.md's flags (headless comes from Playwright; the profile is fresh per run).
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const STEP_TIMEOUT_MS = 15_000;

const version = probe(CHROMIUM);
if (version.error) cannotStart(NAME, version.error);
else
  await run(NAME, async () => {
    const keys = makeKeys();
    const { sandbox, requests, client: directClient } = inProcessSandbox(keys);
    // Only the service worker's client calls Amazon Pay through this origin (the test's client calls sandbox.fetch directly).
    const forwarded = [];
    const site = await createExampleServer((request) => {
      forwarded.push(`${request.method} ${new URL(request.url).pathname}`);
      return sandbox.fetch(request);
    });
    const profile = mkdtempSync(join(tmpdir(), 'ape-example-sw-'));
    let context;
    try {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
        timeout: STEP_TIMEOUT_MS,
      });
      context.setDefaultTimeout(STEP_TIMEOUT_MS);
      const page = context.pages()[0] ?? (await context.newPage());
      const pageErrors = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      await page.goto(`${site.url}/`);
      await page.waitForFunction(() => 'amazonPayEdgeExample' in window);
      const settings = {
        client: { publicKeyId: keys.publicKeyId, region: 'us' },
        storeId: STORE_ID,
        publicUrl: site.url,
        amount: '49.90',
        currencyCode: 'USD',
      };
      await page.evaluate(
        ([pem, config]) => window.amazonPayEdgeExample.installMerchantKey(pem, config),
        [keys.privatePem, settings],
      );

      const result = await walkCheckout({
        // The page's own fetch: the service worker answers /api/*.
        call: (method, path, body) =>
          page.evaluate(
            async ([m, p, b]) => {
              const response = await fetch(`/api${p}`, { method: m, body: b });
              return { status: response.status, body: await response.text() };
            },
            [method, path, body],
          ),
        visit: httpVisit,
        sandbox,
        client: directClient,
        requests,
        publicKeyId: keys.publicKeyId,
        publicUrl: site.url,
        ipn: false, // a service worker cannot receive Amazon's server-to-server IPNs
      });

      // Runner-level checks: what the browser holds and who signed.
      const held = await page.evaluate(async () => {
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open('amazon-pay-edge-example');
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const record = await new Promise((resolve, reject) => {
          const get = db.transaction('merchant').objectStore('merchant').get('current');
          get.onsuccess = () => resolve(get.result);
          get.onerror = () => reject(get.error);
        });
        db.close();
        const key = record?.key;
        const exported = key
          ? await crypto.subtle.exportKey('pkcs8', key).then(
              () => 'exported',
              (e) => e.name,
            )
          : 'no key';
        return {
          isCryptoKey: key instanceof CryptoKey,
          type: key?.type,
          extractable: key?.extractable,
          pemStored: JSON.stringify(record?.config ?? {}).includes('PRIVATE KEY'),
          exported,
        };
      });
      const controlled = await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL ?? '');
      for (const [ok, failure] of [
        [controlled.endsWith('/sw.js'), `the page is not controlled by /sw.js (${controlled || 'no controller'})`],
        [
          held.isCryptoKey && held.type === 'private' && held.extractable === false && !held.pemStored,
          `IndexedDB holds ${JSON.stringify(held)}, expected a private, non-extractable CryptoKey and no PEM`,
        ],
        [
          held.exported === 'InvalidAccessError',
          `exporting the stored key gave ${held.exported}, expected InvalidAccessError`,
        ],
        [
          forwarded.includes('POST /v2/checkoutSessions') === false &&
            forwarded.some((r) => /^POST \/v2\/checkoutSessions\/[^/]+\/complete$/.test(r)),
          `the service worker's calls did not reach the sandbox through this origin: ${forwarded.join(', ')}`,
        ],
        [pageErrors.length === 0, `page errors: ${pageErrors.join('; ')}`],
      ]) {
        if (ok) result.passed++;
        else {
          result.failed++;
          result.failures.push(`runner: ${failure}`);
        }
      }
      report(NAME, result, `Chromium ${context.browser()?.version() ?? version.version} service worker`);
    } finally {
      await context?.close();
      await site.close();
      rmSync(profile, { recursive: true, force: true });
    }
  });
