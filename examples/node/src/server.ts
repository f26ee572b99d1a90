/**
 * A checkout endpoint on plain `node:http`. The key is loaded from a file by the adapter
 * (AMAZON_PAY_PRIVATE_KEY_PATH), so the PEM never sits in the environment.
 * Run: node dist/server.js (after `pnpm build`).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { loadPrivateKey, sendFetchResponse, toFetchRequest } from '@amazon-pay-edge/node';
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

export function startServer(
  env: NodeJS.ProcessEnv = process.env,
  port = Number(env['PORT'] ?? 3000),
  host = env['HOST'] ?? '127.0.0.1',
) {
  const keyPath = env['AMAZON_PAY_PRIVATE_KEY_PATH'];
  const app = createCheckoutApp(configFromEnv(env, keyPath ? loadPrivateKey(keyPath) : undefined));
  // node:http -> Fetch API and back (@amazon-pay-edge/node's adapter): the app is one Web-standard handler.
  const server = createServer((req, res) => {
    toFetchRequest(req, { origin: `http://${host}` })
      .then(app)
      .then((response) => sendFetchResponse(res, response))
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
