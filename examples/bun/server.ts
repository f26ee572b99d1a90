/**
 * A checkout endpoint on Bun: `bun run server.ts` (the key comes from AMAZON_PAY_PRIVATE_KEY). IPN claims live
 * in Redis (REDIS_URL, through Bun's built-in client), so every instance processes a notification once.
 */
import { RedisClient } from 'bun';
import { createRedisIpnStore } from '@amazon-pay-edge/core/ipn/stores/redis';
import { configFromEnv, createCheckoutApp } from '@amazon-pay-edge/example-checkout-app';

/** REDIS_URL: redis://host:6379, rediss://… or redis+unix:///run/redis.sock. Unset: in memory, one instance only. */
function ipnStoreFrom(url: string | undefined) {
  if (!url) {
    console.warn('REDIS_URL is not set: IPN claims are kept in memory (run one instance only).');
    return undefined;
  }
  const redis = new RedisClient(url);
  return createRedisIpnStore({ command: ([name, ...args]) => redis.send(name!, args) });
}

const app = createCheckoutApp({ ...configFromEnv(Bun.env), ipnStore: ipnStoreFrom(Bun.env.REDIS_URL) });
const server = Bun.serve({ port: Number(Bun.env.PORT ?? 3000), hostname: Bun.env.HOST ?? '127.0.0.1', fetch: app });
console.log(`listening on ${server.port}`);
