// The generated API reference opened in Chromium (Debian's /usr/bin/chromium through playwright-core, as
// tests/runners/chromium.mjs does): the pages for the client, the errors and the IPN entry point render,
// with their members, their TSDoc and TypeDoc's script-built navigation, and without page errors.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import * as core from '@amazon-pay-edge/core';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] || '/usr/bin/chromium';
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const site = new URL('../dist/api/', import.meta.url).pathname;
const TYPES: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};
const available = existsSync(CHROMIUM_PATH);
// On a dev machine without Chromium the test is skipped with a line saying so; in CI it must run.
if (!available && !process.env['CI']) console.log(`site test skipped: no Chromium at ${CHROMIUM_PATH}`);

// The IPN page: createIpnHandler where core has it, otherwise the verifier it is built on.
const IPN_ENTRY = 'createIpnHandler' in core ? 'createIpnHandler' : 'createIpnVerifier';

const PAGES = [
  {
    path: 'classes/index.WebStoreClient.html',
    title: 'WebStoreClient',
    members: ['createCheckoutSession', 'generateButtonConfig', 'apiCall'],
  },
  {
    path: 'classes/index.AmazonPayClient.html',
    title: 'AmazonPayClient',
    members: ['generateButtonSignature', 'getSignedHeaders'],
    text: ['Pass algorithm to renderButton too'],
  },
  {
    path: 'classes/errors.AmazonPayApiError.html',
    title: 'AmazonPayApiError',
    members: ['status', 'reasonCode', 'retryable'],
  },
  {
    path: 'modules/errors.html',
    title: 'errors',
    members: ['AmazonPayApiError', 'AmazonPayConfigError', 'AmazonPayInvalidArgumentError', 'AmazonPayTimeoutError'],
  },
  { path: `functions/index.${IPN_ENTRY}.html`, title: IPN_ENTRY, members: [] },
  {
    path: 'interfaces/index.IntegratorConfig.html',
    title: 'IntegratorConfig',
    members: ['id', 'version', 'platformVersion'],
  },
];

describe.skipIf(!available && !process.env['CI'])('API reference in Chromium', () => {
  let server: Server;
  let origin: string;
  let context: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-docs-'));

  beforeAll(async () => {
    expect(existsSync(join(site, 'index.html')), 'run `pnpm docs` (the docs build) first').toBe(true);
    server = createServer((req, res) => {
      const path =
        normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)).replace(/^\/+/, '') || 'index.html';
      const file = join(site, path);
      if (!file.startsWith(site) || !existsSync(file)) {
        res.writeHead(404).end();
        return;
      }
      res
        .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
        .end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: ARGS,
    });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    await new Promise((resolve) => server?.close(resolve));
    rmSync(profile, { recursive: true, force: true });
  });

  it.each(PAGES)(
    '$path renders',
    async ({ path, title, members, text }) => {
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      const failed: string[] = [];
      page.on('requestfailed', (request) => failed.push(request.url()));
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(`${response.status()} ${response.url()}`);
      });
      const response = await page.goto(`${origin}/${path}`);
      expect(response?.status()).toBe(200);
      expect(await page.locator('h1').first().innerText()).toContain(title);
      for (const member of members) {
        await expect
          .poll(() =>
            page
              .locator(`#${member.toLowerCase()}, a[href$="#${member.toLowerCase()}"], a:text-is("${member}")`)
              .count(),
          )
          .toBeGreaterThan(0);
      }
      for (const phrase of text ?? []) expect(await page.locator('body').innerText()).toContain(phrase);
      // The site navigation is built by TypeDoc's script from assets/navigation.js: proof that scripts ran.
      await expect.poll(() => page.locator('.tsd-navigation a').count(), { timeout: 10_000 }).toBeGreaterThan(5);
      expect(errors).toEqual([]);
      expect(failed).toEqual([]);
      await page.close();
    },
    60_000,
  );
});
