/**
 * A checkout endpoint on plain `node:http`. The key is loaded from a file by the adapter
 * (AMAZON_PAY_PRIVATE_KEY_PATH), so the PEM never sits in the environment. IPN claims live in PostgreSQL
 * (DATABASE_URL), so every replica of the server processes a notification once.
 * Run: node dist/server.js (after `pnpm build`).
 */
import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { createSqlIpnStore } from '@amazon-pay-edge/core/ipn/stores/sql';
import { loadPrivateKey, sendFetchResponse, toFetchRequest } from '@amazon-pay-edge/node';
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

/**
 * The IPN store on PostgreSQL through `pg` (DATABASE_URL, e.g. postgres://user@db.internal/shop, or
 * socket:/run/postgresql?db=shop); without DATABASE_URL, in memory (one process only, a warning says so).
 */
async function ipnStoreFrom(env: NodeJS.ProcessEnv) {
  const url = env['DATABASE_URL'];
  if (!url) {
    console.warn('DATABASE_URL is not set: IPN claims are kept in memory (run one instance only).');
    return { store: undefined, close: async () => {} };
  }
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  const store = createSqlIpnStore({ dialect: 'postgres', query: (sql, params) => pool.query(sql, [...params]) });
  await store.createTable(); // CREATE TABLE IF NOT EXISTS; or put store.schema in your migrations
  return { store, close: () => pool.end() };
}

export async function startServer(
  env: NodeJS.ProcessEnv = process.env,
  port = Number(env['PORT'] ?? 3000),
  host = env['HOST'] ?? '127.0.0.1',
) {
  const keyPath = env['AMAZON_PAY_PRIVATE_KEY_PATH'];
  const ipn = await ipnStoreFrom(env);
  const app = createCheckoutApp({
    ...configFromEnv(env, keyPath ? loadPrivateKey(keyPath) : undefined),
    ipnStore: ipn.store,
  });
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
      resolve({
        url: `http://${host}:${actual}`,
        close: () => new Promise<void>((done) => server.close(() => done())).then(ipn.close),
      });
    });
  });
}

// Started as a script (node dist/server.js), not imported for startServer.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { url } = await startServer();
  console.log(`listening on ${url}`);
}
