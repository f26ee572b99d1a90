/**
 * A checkout endpoint in the shape Deno Deploy runs: `Deno.serve` with one handler.
 * Run: deno run --allow-net --allow-env main.ts (the key comes from AMAZON_PAY_PRIVATE_KEY).
 */
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

const app = createCheckoutApp(configFromEnv(Deno.env.toObject()));
const port = Number(Deno.env.get('PORT') ?? '8000');

Deno.serve(
  { port, hostname: Deno.env.get('HOST') ?? '127.0.0.1', onListen: ({ port }) => console.log(`listening on ${port}`) },
  app,
);
