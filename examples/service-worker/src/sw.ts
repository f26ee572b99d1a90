/**
 * The service worker: keeps the merchant configuration and a NON-EXTRACTABLE CryptoKey (posted by the
 * page, stored in IndexedDB so it survives the worker being stopped), and answers the page's `/api/*`
 * requests with the shared checkout handler (`/api/review` -> `/review`). Requests to Amazon Pay go to
 * `config.client.baseUrl`. For trusted, self-hosted environments only: see the README's warning.
 */
/// <reference lib="webworker" />
import { createCheckoutApp, type CheckoutAppConfig } from '@amazon-pay-edge/example-checkout-app';
import type { LeanClientConfig } from '@amazon-pay-edge/core/ops';

declare const self: ServiceWorkerGlobalScope;

/** What the page posts: everything but the key, and the key as a CryptoKey (structured-cloneable). */
export type MerchantSettings = Omit<CheckoutAppConfig, 'client' | 'onIpn'> & {
  client: Omit<LeanClientConfig, 'privateKey'>;
};
export interface InstallMessage {
  type: 'install';
  config: MerchantSettings;
  key: CryptoKey;
}
type Handler = (request: Request) => Promise<Response>;

const DB_NAME = 'amazon-pay-edge-example';
const STORE = 'merchant';
const RECORD = 'current';

function database(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB_NAME, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function inStore<T>(mode: IDBTransactionMode, use: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await database();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = use(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
  } finally {
    db.close();
  }
}

function checkInstall(data: unknown): InstallMessage {
  const message = data as Partial<InstallMessage> | null;
  if (!message || message.type !== 'install' || !message.config)
    throw new Error('Post { type: "install", config, key }.');
  const key = message.key;
  if (!(key instanceof CryptoKey) || key.type !== 'private')
    throw new Error('key must be the private CryptoKey from importPrivateKey; never post the PEM text.');
  // An extractable key could be read back out of this origin's storage: refuse it.
  if (key.extractable) throw new Error('key must be non-extractable (import it with importPrivateKey).');
  return message as InstallMessage;
}

function appFor({ config, key }: InstallMessage): Handler {
  return createCheckoutApp({
    ...config,
    client: { ...config.client, baseUrl: config.client.baseUrl ?? self.location.origin, privateKey: key },
  });
}

// One app per installed key; rebuilt from IndexedDB after the browser restarts the worker.
let app: Promise<Handler | undefined> | undefined;
const currentApp = () =>
  (app ??= inStore<InstallMessage | undefined>('readonly', (s) => s.get(RECORD)).then((saved) =>
    saved ? appFor(saved) : undefined,
  ));

self.addEventListener('install', (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('message', (event) => {
  const reply = (answer: { ok: boolean; error?: string }) => event.ports[0]?.postMessage(answer);
  event.waitUntil(
    (async () => {
      try {
        const message = checkInstall(event.data);
        const handler = appFor(message); // checks the configuration before anything is stored
        await inStore('readwrite', (s) => s.put({ type: 'install', config: message.config, key: message.key }, RECORD));
        app = Promise.resolve(handler);
        reply({ ok: true });
      } catch (error) {
        reply({ ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    })(),
  );
});

async function answer(request: Request, url: URL): Promise<Response> {
  const handler = await currentApp();
  if (!handler) {
    return new Response(JSON.stringify({ error: 'No merchant key is installed: open the page and install it.' }), {
      status: 503,
      headers: { 'content-type': 'application/json' },
    });
  }
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.arrayBuffer();
  return handler(
    new Request(new URL(url.pathname.slice('/api'.length) + url.search, url.origin), {
      method: request.method,
      headers: request.headers,
      body,
    }),
  );
}

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin === self.location.origin && url.pathname.startsWith('/api/'))
    event.respondWith(answer(event.request, url));
});
