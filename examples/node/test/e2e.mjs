// The Node example end to end: its built server in a child Node process, the key read from a 0600 file by
// @amazon-pay-edge/node, the local sandbox on 127.0.0.1 delivering its IPNs to the example's /ipn.
import { chmodSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { exampleEnv, freePort, httpCaller, httpVisit, makeKeys, PUBLIC_URL, report, run, servedSandbox, startProcess, walkCheckout } from '@amazon-pay-edge/example-e2e';

const NAME = 'example-node';
const here = new URL('..', import.meta.url).pathname;

await run(NAME, async () => {
  const keys = makeKeys();
  const dir = mkdtempSync(join(tmpdir(), 'ape-example-node-'));
  const keyPath = join(dir, 'private.pem');
  writeFileSync(keyPath, keys.privatePem, { mode: 0o600 });
  chmodSync(keyPath, 0o600);
  const port = await freePort();
  const served = await servedSandbox(keys, { ipn: { url: `http://127.0.0.1:${port}/ipn` } });
  let server;
  try {
    const sandboxHost = new URL(served.url).host;
    server = await startProcess({
      command: process.execPath,
      args: ['dist/server.js'],
      cwd: here,
      // No AMAZON_PAY_PRIVATE_KEY: the PEM stays in the file.
      env: exampleEnv(keys, { AMAZON_PAY_PRIVATE_KEY_PATH: keyPath, AMAZON_PAY_BASE_URL: served.url, IPN_TEST_CERT_HOST: sandboxHost, PORT: String(port), HOST: '127.0.0.1' }),
    });
    console.log(`Node ${process.version}: example on http://127.0.0.1:${port}, sandbox on ${served.url}, key file mode ${(statSync(keyPath).mode & 0o777).toString(8)}`);
    const result = await walkCheckout({
      call: httpCaller(`http://127.0.0.1:${port}`),
      visit: httpVisit,
      sandbox: served.sandbox,
      client: served.client,
      requests: served.requests,
      publicKeyId: keys.publicKeyId,
      publicUrl: PUBLIC_URL,
      ipn: true,
    });
    report(NAME, result, `Node ${process.version}, node:http child process`);
  } finally {
    await server?.stop();
    await served.close();
    rmSync(dir, { recursive: true, force: true });
  }
});
