// The Bun example end to end: `bun run server.ts` as written, against the local sandbox, IPN claims in a real
// redis-server (on a Unix socket in a temp folder) shared by two instances of the server.
import { startRedis, testServerExample } from '@amazon-pay-edge/example-e2e';

const here = new URL('..', import.meta.url).pathname;
await testServerExample({
  name: 'example-bun',
  runtime: 'Bun',
  command: `${here}node_modules/.bin/bun`,
  args: ['run', 'server.ts'],
  cwd: here,
  store: {
    engine: 'Redis',
    start: async () => {
      const redis = await startRedis();
      return { env: { REDIS_URL: `redis+unix://${redis.path}` }, stop: redis.stop };
    },
  },
});
