/**
 * A checkout endpoint on plain `node:http`. The key is loaded from a file by the adapter
 * (AMAZON_PAY_PRIVATE_KEY_PATH), so the PEM never sits in the environment.
 * Run: node dist/server.js (after `pnpm build`).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { loadPrivateKey } from '@amazon-pay-edge/node';
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

/** node:http -> Fetch API and back: the app itself is one Web-standard handler. */
async function toRequest(req: IncomingMessage, origin: string): Promise<Request> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const body = chunks.length ? Buffer.concat(chunks) : undefined;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  return new Request(new URL(req.url ?? '/', origin), { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body });
}

async function send(res: ServerResponse, response: Response): Promise<void> {
  res.writeHead(response.status, Object.fromEntries(response.headers));
  res.end(Buffer.from(await response.arrayBuffer()));
}

export function startServer(env: NodeJS.ProcessEnv = process.env, port = Number(env['PORT'] ?? 3000), host = env['HOST'] ?? '127.0.0.1') {
  const keyPath = env['AMAZON_PAY_PRIVATE_KEY_PATH'];
  const app = createCheckoutApp(configFromEnv(env, keyPath ? loadPrivateKey(keyPath) : undefined));
  const server = createServer((req, res) => {
    toRequest(req, `http://${req.headers.host ?? host}`)
      .then(app)
      .then((response) => send(res, response))
      .catch((error: unknown) => {
        console.error(error);
        res.writeHead(500).end();
      });
  });
  return new Promise<{ url: string; close: () => Promise<void> }>((resolve) => {
    server.listen(port, host, () => {
      const address = server.address();
      const actual = typeof address === 'object' && address ? address.port : port;
      resolve({ url: `http://${host}:${actual}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

// Started as a script (node dist/server.js), not imported for startServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startServer();
  console.log(`listening on ${url}`);
}
