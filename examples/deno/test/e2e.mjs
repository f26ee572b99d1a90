// The Deno example end to end: `deno run main.ts` as written (no bundle), resolving the workspace
// packages from node_modules offline, against the local sandbox.
import { testServerExample } from '@amazon-pay-edge/example-e2e';

const here = new URL('..', import.meta.url).pathname;
await testServerExample({
  name: 'example-deno',
  runtime: 'Deno',
  command: `${here}node_modules/.bin/deno`,
  args: ['run', '--no-prompt', '--no-lock', '--node-modules-dir=manual', '--allow-net', '--allow-env', 'main.ts'],
  cwd: here,
  env: { DENO_NO_UPDATE_CHECK: '1' },
});
