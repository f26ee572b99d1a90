// The Bun example end to end: `bun run server.ts` as written, against the local sandbox.
import { testServerExample } from '@amazon-pay-edge/example-e2e';

const here = new URL('..', import.meta.url).pathname;
await testServerExample({
  name: 'example-bun',
  runtime: 'Bun',
  command: `${here}node_modules/.bin/bun`,
  args: ['run', 'server.ts'],
  cwd: here,
});
