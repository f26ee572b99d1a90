// A small node:http server for this example: serves public/ and forwards the Amazon Pay paths (/v2/*,
// /sandbox-ui/*) to a sandbox on the same origin, so the service worker's client uses
// `baseUrl: location.origin`. The test uses createExampleServer; `node serve.mjs` runs it by hand with
// a local sandbox and a throwaway key pair (the private key is written to a 0600 temp file to paste in).
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join } from 'node:path';
import process from 'node:process';
import { fetchListener } from '@amazon-pay-edge/node';

const PUBLIC = new URL('./public/', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const STATIC = new Set(['/index.html', '/page.js', '/sw.js']);
const FORWARDED = /^\/(v2|sandbox|live|sandbox-ui)\//;

/**
 * The example's site as one Fetch handler: Amazon Pay paths go to `amazonPay`, the rest are the page's files.
 * @param {(request: Request) => Promise<Response>} amazonPay answers the forwarded paths (e.g. sandbox.fetch)
 * @returns {(request: Request) => Promise<Response>}
 */
export function exampleSite(amazonPay) {
  return async (request) => {
    const path = new URL(request.url).pathname;
    if (FORWARDED.test(path)) return amazonPay(request);
    const file = path === '/' ? '/index.html' : path;
    if (!STATIC.has(file)) return new Response(null, { status: 404 });
    return new Response(readFileSync(new URL(file.slice(1), PUBLIC)), {
      headers: { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' },
    });
  };
}

/** @param {(request: Request) => Promise<Response>} amazonPay answers the forwarded paths (e.g. sandbox.fetch) */
export async function createExampleServer(amazonPay, { port = 0 } = {}) {
  // @amazon-pay-edge/node's adapter: exact body bytes in, each header of the Response out.
  const server = createServer(fetchListener(exampleSite(amazonPay)));
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((resolve) => (server.closeAllConnections(), server.close(resolve))),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { createSandbox } = await import('@amazon-pay-edge/sandbox');
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const publicKeyId = 'SANDBOX-AEXAMPLESW00000000000000';
  const sandbox = createSandbox({ keys: { [publicKeyId]: publicKey.export({ type: 'spki', format: 'pem' }) } });
  const keyFile = join(mkdtempSync(join(tmpdir(), 'ape-sw-')), 'private.pem');
  writeFileSync(keyFile, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const { url } = await createExampleServer(sandbox.fetch, { port: Number(process.env.PORT ?? 8080) });
  console.log(`listening on ${url} (local sandbox on the same origin)`);
  console.log(`public key id ${publicKeyId}; private key to paste: ${keyFile}`);
}
