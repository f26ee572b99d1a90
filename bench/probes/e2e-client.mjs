// End-to-end child: one SDK per process (the official SDK's overrideServiceUrl turns TLS checks off in
// its process, so it must never share one with ours). Sends getCharge with 8 in flight to the loopback
// server and prints { rps, p50Ms, p99Ms, ... } as JSON.
//   node e2e-client.mjs <edge|official> <port> <keyPath> <requests> <warmup> <inFlight>
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [which, port, keyPath, requests, warmup, inFlight] = process.argv.slice(2);
const CHARGE_ID = 'S01-5105180-3221187-C056351';
const PUBLIC_KEY_ID = 'SANDBOX-AEXAMPLEBENCHKEY0000000';

async function makeCall() {
  if (which === 'edge') {
    const { WebStoreClient } = await import('@amazon-pay-edge/node');
    const client = new WebStoreClient({
      publicKeyId: PUBLIC_KEY_ID,
      privateKey: keyPath,
      region: 'us',
      baseUrl: `https://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    return async () => (await client.getCharge(CHARGE_ID)).data;
  }
  if (which === 'official') {
    const { WebStoreClient } = createRequire(import.meta.url)('@amazonpay/amazon-pay-api-sdk-nodejs');
    const client = new WebStoreClient({
      publicKeyId: PUBLIC_KEY_ID,
      privateKey: readFileSync(keyPath),
      region: 'us',
      sandbox: true,
      algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
      overrideServiceUrl: `127.0.0.1:${port}`,
    });
    return async () => (await client.getCharge(CHARGE_ID)).data;
  }
  throw new Error(`first argument must be edge or official, got ${which}`);
}

const call = await makeCall();
const latencies = [];
async function drive(count, record) {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      const t0 = performance.now();
      const data = await call();
      if (data?.chargeId !== CHARGE_ID) throw new Error('unexpected response body');
      if (record) latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Number(inFlight) }, lane));
}

await drive(Number(warmup), false);
const t0 = performance.now();
await drive(Number(requests), true);
const seconds = (performance.now() - t0) / 1000;
latencies.sort((a, b) => a - b);
const at = (q) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
console.log(
  JSON.stringify({
    which,
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: latencies.at(-1),
  }),
);
