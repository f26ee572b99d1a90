// Heap growth over many signed requests in Node: whole createCheckoutSession calls through the client (real
// WebCrypto signatures, a fetch that answers at once), 8 in flight. Heap measured after forced GC before and
// after, and at every tenth of the run, so a leak in caches, timers or listeners shows as a trend.
//   node --expose-gc heap-probe.mjs <pemFile> <count>
import { readFileSync } from 'node:fs';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { PAYLOAD } from '../lib/fixtures.mjs';

const [pemFile, countArg] = process.argv.slice(2);
const count = Number(countArg);
if (typeof globalThis.gc !== 'function') throw new Error('Run with --expose-gc.');
const BODY = JSON.stringify({ checkoutSessionId: 'bench-session', statusDetails: { state: 'Open' } });
let firstRequest;
const client = new WebStoreClient({
  publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
  privateKey: readFileSync(pemFile, 'utf8'),
  region: 'us',
  fetch: async (url, init) => {
    firstRequest ??= { url, method: init.method, headers: init.headers, body: init.body };
    return new Response(BODY, { status: 201, headers: { 'content-type': 'application/json' } });
  },
});
const call = () => client.createCheckoutSession(PAYLOAD);

const heapMB = () => {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
async function run(n) {
  let started = 0;
  const lane = async () => {
    while (started < n) {
      started++;
      const r = await call();
      if (r.data.checkoutSessionId !== 'bench-session') throw new Error('unexpected answer');
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
}

await run(2_000); // warm-up: key import, JIT, lazy runtime modules
const resourcesBefore = process.getActiveResourcesInfo().length;
const before = heapMB();
const samples = [];
const t0 = performance.now();
for (let i = 0; i < 10; i++) {
  await run(count / 10);
  samples.push(heapMB());
}
const seconds = (performance.now() - t0) / 1000;
const after = heapMB();
console.log(
  JSON.stringify({
    count,
    seconds,
    heapBeforeMB: before,
    heapAfterMB: after,
    growthMB: after - before,
    samplesMB: samples,
    activeResourcesBefore: resourcesBefore,
    activeResourcesAfter: process.getActiveResourcesInfo().length,
    firstRequest,
  }),
);
