// The end-to-end test of an example that is a server script in a runtime of its own (Deno, Bun): start the
// sandbox on 127.0.0.1 with its IPNs going to the example's /ipn, start the runtime on a free port with the
// key in AMAZON_PAY_PRIVATE_KEY (the way a host's secret store hands it over), walk the checkout over HTTP.
import {
  cannotStart,
  exampleEnv,
  freePort,
  httpCaller,
  httpVisit,
  makeKeys,
  probe,
  PUBLIC_URL,
  report,
  run,
  servedSandbox,
  startProcess,
} from './harness.mjs';
import { walkCheckout } from './walk.mjs';

/**
 * `keyEnv` says how the example gets its key (default: the PEM in AMAZON_PAY_PRIVATE_KEY).
 * @param {{ name: string, runtime: string, command: string, args: string[], cwd: string, env?: Record<string, string>,
 *   keyEnv?: (keys: ReturnType<typeof makeKeys>) => Record<string, string>, version?: string }} o
 */
export async function testServerExample({
  name,
  runtime,
  command,
  args,
  cwd,
  env = {},
  keyEnv = (keys) => ({ AMAZON_PAY_PRIVATE_KEY: keys.privatePem }),
  version: knownVersion,
}) {
  const probed = knownVersion ? { version: knownVersion } : probe(command);
  if (probed.error) return cannotStart(name, probed.error);
  // `deno --version` names itself, `bun --version` prints the bare number.
  const version = probed.version.toLowerCase().startsWith(runtime.toLowerCase())
    ? probed.version
    : `${runtime} ${probed.version}`;
  await run(name, async () => {
    const keys = makeKeys();
    const port = await freePort();
    const served = await servedSandbox(keys, { ipn: { url: `http://127.0.0.1:${port}/ipn` } });
    let server;
    try {
      server = await startProcess({
        command,
        args,
        cwd,
        env: {
          ...exampleEnv(keys, {
            ...keyEnv(keys),
            AMAZON_PAY_BASE_URL: served.url,
            IPN_TEST_CERT_HOST: new URL(served.url).host,
          }),
          PORT: String(port),
          HOST: '127.0.0.1',
          ...env,
        },
      });
      console.log(`${version}: example on http://127.0.0.1:${port}, sandbox on ${served.url}`);
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
      report(name, result, version);
    } finally {
      await server?.stop();
      await served.close();
    }
  });
}
