/** A checkout endpoint on Bun: `bun run server.ts` (the key comes from AMAZON_PAY_PRIVATE_KEY). */
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

const app = createCheckoutApp(configFromEnv(Bun.env));
const server = Bun.serve({ port: Number(Bun.env.PORT ?? 3000), hostname: Bun.env.HOST ?? '127.0.0.1', fetch: app });
console.log(`listening on ${server.port}`);
