// The Node example end to end: its built server in a child Node process, the key read from a 0600 file by
// @amazon-pay-edge/node (no AMAZON_PAY_PRIVATE_KEY: the PEM stays in the file), the local sandbox on 127.0.0.1
// delivering its IPNs to the example's /ipn, IPN claims in a real PostgreSQL (a throwaway non-root cluster)
// shared by two instances of the server.
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { startPostgres, testServerExample } from '@amazon-pay-edge/example-e2e';

const here = new URL('..', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'ape-example-node-'));
try {
  await testServerExample({
    name: 'example-node',
    runtime: 'Node',
    version: `Node ${process.version}`,
    command: process.execPath,
    args: ['dist/server.js'],
    cwd: here,
    store: {
      engine: 'PostgreSQL',
      start: async () => {
        const db = await startPostgres();
        return {
          env: { DATABASE_URL: `socket://postgres@${db.socketDir}?db=postgres&port=${db.port}` },
          stop: db.stop,
        };
      },
    },
    keyEnv: (keys) => {
      const keyPath = join(dir, 'private.pem');
      writeFileSync(keyPath, keys.privatePem, { mode: 0o600 });
      console.log(`key file ${keyPath}, mode ${(statSync(keyPath).mode & 0o777).toString(8)}`);
      return { AMAZON_PAY_PRIVATE_KEY_PATH: keyPath };
    },
  });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
