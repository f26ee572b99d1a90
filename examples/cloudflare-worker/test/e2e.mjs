// The Worker example end to end in workerd (Miniflare), Node compatibility off: src/worker.ts bundled by
// esbuild for a neutral platform (so no Node built-in can sneak in), the key as a string binding as
// `wrangler secret put` gives it, and every call the Worker makes to Amazon Pay (API, IPN certificate)
// answered by the in-process sandbox through Miniflare's outboundService. The sandbox delivers its IPNs
// to the Worker's /ipn with dispatchFetch. IPN claims live in D1 (wrangler.toml's binding, Miniflare's real
// SQLite-backed D1), shared by a second isolate of the same Worker that the walk also delivers to.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';
import { Miniflare } from 'miniflare';
import {
  cannotStart,
  exampleEnv,
  inProcessSandbox,
  makeKeys,
  probe,
  PUBLIC_URL,
  report,
  run,
  walkCheckout,
} from '@amazon-pay-edge/example-e2e';

const NAME = 'example-cloudflare-worker';
const here = new URL('..', import.meta.url).pathname;
// The test runs the Worker with wrangler.toml's own compatibility date and flags.
const wrangler = readFileSync(`${here}wrangler.toml`, 'utf8');
const compatibilityDate = wrangler.match(/^compatibility_date\s*=\s*"([^"]+)"/m)?.[1];
const compatibilityFlags = JSON.parse(wrangler.match(/^compatibility_flags\s*=\s*(\[[^\]]*\])/m)?.[1] ?? '[]');
const d1 = wrangler.match(/\[\[d1_databases\]\][^[]*?binding\s*=\s*"(\w+)"[^[]*?database_id\s*=\s*"([^"]+)"/);

/** Miniflare's undici Request/Response and the sandbox's global ones are different classes: copy across. */
async function toGlobalRequest(request) {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return new Request(request.url, { method: request.method, headers: [...request.headers], body });
}

/** workerd's binary, found the way Miniflare finds it (its install script must have run). */
function workerdProbe() {
  try {
    const workerd = createRequire(realpathSync(`${here}node_modules/miniflare/package.json`)).resolve(
      'workerd/package.json',
    );
    return probe(join(workerd, '..', 'bin', 'workerd'));
  } catch (error) {
    return { error: `miniflare/workerd is not installed (pnpm install): ${error.message}` };
  }
}

const workerd = workerdProbe();
if (workerd.error) cannotStart(NAME, workerd.error);
else
  await run(NAME, async () => {
    if (!compatibilityDate || !compatibilityFlags.includes('no_nodejs_compat'))
      throw new Error('wrangler.toml must set compatibility_date and no_nodejs_compat');
    if (!d1) throw new Error('wrangler.toml must bind a D1 database ([[d1_databases]] binding, database_id)');
    const bundle = await build({
      entryPoints: [`${here}src/worker.ts`],
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      write: false,
      logLevel: 'silent',
    });
    const keys = makeKeys();
    let mf;
    const { sandbox, requests, client } = inProcessSandbox(keys, {
      ipn: {
        deliver: async (request) => {
          const answer = await mf.dispatchFetch(`${PUBLIC_URL}/ipn`, {
            method: 'POST',
            headers: [...request.headers],
            body: await request.text(),
          });
          await answer.arrayBuffer();
          return new Response(null, { status: answer.status });
        },
      },
    });
    const outbound = [];
    // Two isolates of the same Worker (as Cloudflare runs many), one D1 database between them.
    const worker = (name) => ({
      name,
      modules: true,
      script: bundle.outputFiles[0].text,
      compatibilityDate,
      compatibilityFlags,
      // Strings only, as wrangler vars and secrets arrive. No AMAZON_PAY_BASE_URL: the Worker calls
      // https://pay-api.amazon.com exactly as in production, and outboundService answers for Amazon.
      bindings: exampleEnv(keys, { AMAZON_PAY_PRIVATE_KEY: keys.privatePem, IPN_TEST_CERT_HOST: 'pay-api.amazon.com' }),
      d1Databases: { [d1[1]]: d1[2] },
      outboundService: async (request) => {
        outbound.push(new URL(request.url).host);
        return sandbox.fetch(await toGlobalRequest(request));
      },
    });
    mf = new Miniflare({ workers: [worker('shop'), worker('shop-2')] });
    const second = await mf.getWorker('shop-2');
    try {
      const result = await walkCheckout({
        call: async (method, path, body) => {
          const response = await mf.dispatchFetch(PUBLIC_URL + path, { method, body });
          return { status: response.status, body: await response.text() };
        },
        // The buyer's browser on Amazon's pages (the sandbox's approval page on the same origin).
        visit: (url) => sandbox.fetch(url, { redirect: 'manual' }),
        sandbox,
        client,
        requests,
        publicKeyId: keys.publicKeyId,
        publicUrl: PUBLIC_URL,
        ipn: true,
        otherInstance: async (method, path, body) => {
          const response = await second.fetch(PUBLIC_URL + path, { method, body });
          return { status: response.status, body: await response.text() };
        },
      });
      // Runner-level check: the claims are rows of the D1 database, marked done.
      const rows = await (
        await mf.getD1Database(d1[1], 'shop')
      )
        .prepare("SELECT count(*) AS n FROM amazon_pay_ipn_inbox WHERE state = 'done'")
        .first('n');
      const notifications = new Set(sandbox.ipnDeliveries.map((d) => d.message.NotificationId)).size;
      if (rows === notifications && rows > 0) result.passed++;
      else {
        result.failed++;
        result.failures.push(`runner: D1 holds ${rows} done claims for ${notifications} notifications`);
      }
      // Runner-level check: the Worker called Amazon Pay's production host, answered only through outboundService.
      const hosts = [...new Set(outbound)];
      if (hosts.length === 1 && hosts[0] === 'pay-api.amazon.com') result.passed++;
      else {
        result.failed++;
        result.failures.push(
          `runner: the Worker called ${hosts.join(', ') || 'nothing'}, expected only pay-api.amazon.com`,
        );
      }
      report(
        NAME,
        result,
        `${workerd.version} (Miniflare), ${compatibilityDate}, ${compatibilityFlags.join(' ')}, bundle ${bundle.outputFiles[0].text.length} B, IPN store D1`,
      );
    } finally {
      await mf.dispose();
    }
  });
