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
 * `keyEnv` says how the example gets its key (default: the PEM in AMAZON_PAY_PRIVATE_KEY). `store` starts the
 * real engine of the example's IPN store and says how the example reaches it (environment variables); the
 * example then runs as two instances sharing it, and the walk checks the second one sees what the first did.
 * @param {{ name: string, runtime: string, command: string, args: string[], cwd: string, env?: Record<string, string>,
 *   keyEnv?: (keys: ReturnType<typeof makeKeys>) => Record<string, string>, version?: string,
 *   store?: { engine: string, start: () => Promise<{ env: Record<string, string>, stop: () => void | Promise<void> }> } }} o
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
  store,
}) {
  const probed = knownVersion ? { version: knownVersion } : probe(command);
  if (probed.error) return cannotStart(name, probed.error);
  // `deno --version` names itself, `bun --version` prints the bare number.
  const version = probed.version.toLowerCase().startsWith(runtime.toLowerCase())
    ? probed.version
    : `${runtime} ${probed.version}`;
  let engine;
  if (store) {
    try {
      engine = await store.start();
    } catch (error) {
      return cannotStart(name, error.message, `${store.engine} (the example's IPN store)`);
    }
  }
  await run(name, async () => {
    const keys = makeKeys();
    const port = await freePort();
    const served = await servedSandbox(keys, { ipn: { url: `http://127.0.0.1:${port}/ipn` } });
    const servers = [];
    const start = async (at) =>
      servers.push(
        await startProcess({
          command,
          args,
          cwd,
          env: {
            ...exampleEnv(keys, {
              ...keyEnv(keys),
              AMAZON_PAY_BASE_URL: served.url,
              IPN_TEST_CERT_HOST: new URL(served.url).host,
            }),
            PORT: String(at),
            HOST: '127.0.0.1',
            ...engine?.env,
            ...env,
          },
        }),
      );
    try {
      await start(port);
      const otherPort = engine ? await freePort() : undefined;
      if (otherPort) await start(otherPort);
      console.log(
        `${version}: example on http://127.0.0.1:${port}${otherPort ? ` and :${otherPort}` : ''}, sandbox on ${served.url}` +
          (store ? `, IPN store on ${store.engine}` : ''),
      );
      const result = await walkCheckout({
        call: httpCaller(`http://127.0.0.1:${port}`),
        visit: httpVisit,
        sandbox: served.sandbox,
        client: served.client,
        requests: served.requests,
        publicKeyId: keys.publicKeyId,
        publicUrl: PUBLIC_URL,
        ipn: true,
        otherInstance: otherPort ? httpCaller(`http://127.0.0.1:${otherPort}`) : undefined,
      });
      report(name, result, store ? `${version}, IPN store ${store.engine}` : version);
    } finally {
      for (const server of servers) await server.stop();
      await served.close();
      await engine?.stop();
    }
  });
}
