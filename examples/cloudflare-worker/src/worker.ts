/**
 * A checkout endpoint on Cloudflare Workers, Node compatibility off. The private key arrives as a secret
 * binding: `wrangler secret put AMAZON_PAY_PRIVATE_KEY < AmazonPay_SANDBOX-XXXX.pem`. IPN claims live in D1
 * (the `DB` binding of wrangler.toml), so every isolate processes a notification once.
 */
import { createD1IpnStore, type D1DatabaseLike } from '@amazon-pay-edge/core/ipn/stores/sql';
import { configFromEnv, createCheckoutApp, type EnvRecord } from '@amazon-pay-edge/example-checkout-app';

type Handler = (request: Request) => Promise<Response>;
type Env = EnvRecord & { DB: D1DatabaseLike };
// One app (one client, one imported key, one D1 store) per isolate and environment; nothing request-specific is shared.
const apps = new WeakMap<object, Promise<Handler>>();

async function appFor(env: Env): Promise<Handler> {
  const ipnStore = createD1IpnStore(env.DB);
  // CREATE TABLE IF NOT EXISTS, once per isolate; or apply ipnStore.schema with `wrangler d1 execute` at deploy time.
  await ipnStore.createTable();
  return createCheckoutApp({ ...configFromEnv(env), ipnStore });
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    let app = apps.get(env);
    if (!app) {
      app = appFor(env);
      app.catch(() => apps.delete(env)); // a failed start is retried by the next request
      apps.set(env, app);
    }
    return (await app)(request);
  },
};
