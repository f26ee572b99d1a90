// The Deno example end to end: `deno run --unstable-kv main.ts` as written (no bundle), resolving the workspace
// packages from node_modules offline, against the local sandbox, IPN claims in Deno KV (its local SQLite
// backend, a file in a temp folder) shared by two instances of the server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testServerExample } from '@amazon-pay-edge/example-e2e';

const here = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ape-example-deno-kv-'));
try {
  await testServerExample({
    name: 'example-deno',
    runtime: 'Deno',
    command: `${here}node_modules/.bin/deno`,
    args: [
      'run',
      '--no-prompt',
      '--no-lock',
      '--node-modules-dir=manual',
      '--unstable-kv',
      '--allow-net',
      '--allow-env',
      `--allow-read=${here},${dir}`,
      `--allow-write=${dir}`,
      'main.ts',
    ],
    cwd: here,
    env: { DENO_NO_UPDATE_CHECK: '1' },
    store: {
      engine: 'Deno KV (SQLite)',
      start: async () => ({ env: { DENO_KV_PATH: join(dir, 'ipn.sqlite3') }, stop: () => {} }),
    },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
