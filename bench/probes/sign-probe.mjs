// Signing path vs raw WebCrypto in Bun and Deno (and Node, for the same code everywhere): bundled by esbuild with
// the built core and a throwaway key, run once per runtime. Interleaved rounds of four variants, sequential and
// 8 in flight; prints per-round rates and one output of each path, which the runner verifies with the public key.
//   <runtime> sign-probe.mjs <rounds> <ops>
import { WebStoreClient } from '@amazon-pay-edge/core';
import { concurrentRate, interleave, medianRatio, sequentialRate } from '../lib/stats.mjs';

/* global __BENCH_PEM__, __BENCH_PAYLOAD__, __BENCH_STS__ */
const [roundsArg, opsArg] = globalThis.Deno ? globalThis.Deno.args : globalThis.process.argv.slice(2);
const rounds = Number(roundsArg);
const ops = Number(opsArg);
const der = Uint8Array.from(atob(__BENCH_PEM__.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) =>
  c.charCodeAt(0),
);
const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
const sts = new TextEncoder().encode(__BENCH_STS__);
const client = new WebStoreClient({
  publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
  privateKey: __BENCH_PEM__,
  region: 'us',
});
const sdk = () =>
  client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: __BENCH_PAYLOAD__ });
const raw = () => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, sts);

const variants = [
  { name: 'sdk.sequential', run: (n) => sequentialRate(sdk, n) },
  { name: 'raw.sequential', run: (n) => sequentialRate(raw, n) },
  { name: 'sdk.inflight8', run: (n) => concurrentRate(sdk, n, 8) },
  { name: 'raw.inflight8', run: (n) => concurrentRate(raw, n, 8) },
];
for (const v of variants) await v.run(Math.max(20, ops >> 2)); // warm-up: JIT, key import, thread pools
const rates = await interleave(rounds, variants, (v) => v.run(ops));
const ratio = (a, b) => Number(medianRatio(rates[a], rates[b]).toFixed(3));
console.log(
  JSON.stringify({
    rates,
    ratios: {
      sdkOverRawSequential: ratio('sdk.sequential', 'raw.sequential'),
      sdkOverRawInflight8: ratio('sdk.inflight8', 'raw.inflight8'),
    },
    sdkHeaders: await sdk(),
    rawSignature: btoa(String.fromCharCode(...new Uint8Array(await raw()))),
  }),
);
