/**
 * A checkout endpoint in the shape Deno Deploy runs: `Deno.serve` with one handler. IPN claims live in Deno KV
 * (on Deploy the managed, replicated KV; locally a SQLite file, DENO_KV_PATH), so every isolate and region
 * processes a notification once.
 * Run: deno run --unstable-kv --allow-net --allow-env main.ts (the key comes from AMAZON_PAY_PRIVATE_KEY; add
 * --allow-read/--allow-write for DENO_KV_PATH's folder).
 */
import { createDenoKvIpnStore } from '@amazon-pay-edge/core/ipn/stores/deno-kv';
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

const kv = await Deno.openKv(Deno.env.get('DENO_KV_PATH'));
const app = createCheckoutApp({ ...configFromEnv(Deno.env.toObject()), ipnStore: createDenoKvIpnStore(kv) });
const port = Number(Deno.env.get('PORT') ?? '8000');

Deno.serve(
  { port, hostname: Deno.env.get('HOST') ?? '127.0.0.1', onListen: ({ port }) => console.log(`listening on ${port}`) },
  app,
);
