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

const PUBLIC = new URL('./public/', import.meta.url);
const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const STATIC = new Set(['/index.html', '/page.js', '/sw.js']);
const FORWARDED = /^\/(v2|sandbox|live|sandbox-ui)\//;

async function toWebRequest(req, origin) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    for (const v of [value].flat()) if (v !== undefined) headers.append(name, v);
  const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : Buffer.concat(chunks);
  return new Request(origin + req.url, { method: req.method, headers, body });
}

/** @param {(request: Request) => Promise<Response>} amazonPay answers the forwarded paths (e.g. sandbox.fetch) */
export async function createExampleServer(amazonPay, { port = 0 } = {}) {
  const server = createServer(async (req, res) => {
    try {
      const origin = `http://${req.headers.host}`;
      const path = new URL(req.url, origin).pathname;
      if (FORWARDED.test(path)) {
        const response = await amazonPay(await toWebRequest(req, origin));
        const body = Buffer.from(await response.arrayBuffer());
        res.writeHead(response.status, Object.fromEntries(response.headers));
        return res.end(body);
      }
      const file = path === '/' ? '/index.html' : path;
      if (!STATIC.has(file)) return res.writeHead(404).end();
      res.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-store' });
      res.end(readFileSync(new URL(file.slice(1), PUBLIC)));
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' }).end(String(error?.message ?? error));
    }
  });
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
