/**
 * A checkout endpoint on Cloudflare Workers, Node compatibility off. The private key arrives as a secret
 * binding: `wrangler secret put AMAZON_PAY_PRIVATE_KEY < AmazonPay_SANDBOX-XXXX.pem`.
 */
import { configFromEnv, createCheckoutApp, type EnvRecord } from '@amazon-pay-edge/example-checkout-app';

type Handler = (request: Request) => Promise<Response>;
// One app (one client, one imported key) per isolate and environment; nothing request-specific is shared.
const apps = new WeakMap<object, Handler>();

export default {
  fetch(request: Request, env: EnvRecord): Promise<Response> {
    let app = apps.get(env);
    if (!app) {
      app = createCheckoutApp(configFromEnv(env));
      apps.set(env, app);
    }
    return app(request);
  },
};
