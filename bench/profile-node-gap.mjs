#!/usr/bin/env node
// Why the Node signing ratio sits below 0.95x: raw WebCrypto sign alone, the SDK's path, the SDK's JavaScript alone
// (a signer that answers a constant), and raw sign preceded by that JavaScript or by a busy loop of the same length.
// Process CPU (all threads) per operation and operations per second, sequential and 8 in flight, medians of rounds.
//   node bench/profile-node-gap.mjs [--rounds=5] [--n=1000]
import { WebStoreClient } from '@amazon-pay-edge/core';
import { makeKeyPair, PAYLOAD, PUBLIC_KEY_ID, SALT_LENGTH, STRING_TO_SIGN, verifyPss } from './lib/fixtures.mjs';
import { verifySignedRequest } from './lib/verify-signed.mjs';

const arg = (name, fallback) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const rounds = arg('rounds', 5);
const n = arg('n', 1000);
const keys = makeKeyPair();
const params = { name: 'RSA-PSS', saltLength: SALT_LENGTH };
const key = await crypto.subtle.importKey('pkcs8', keys.der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
const sts = new TextEncoder().encode(STRING_TO_SIGN);
const CONSTANT = new Uint8Array(256).fill(0xa5);
const base = { publicKeyId: PUBLIC_KEY_ID, region: 'us' };
const sdk = new WebStoreClient({ ...base, privateKey: keys.pem });
const jsOnly = new WebStoreClient({ ...base, signer: { sign: async () => CONSTANT } });
const request = { method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD };
const spin = (us) => {
  const end = performance.now() + us / 1000;
  while (performance.now() < end);
};

const variants = {
  raw: () => crypto.subtle.sign(params, key, sts),
  sdk: () => sdk.getSignedHeaders(request),
  sdkJavaScriptOnly: () => jsOnly.getSignedHeaders(request),
  rawAfterSdkJavaScript: async () => {
    await jsOnly.getSignedHeaders(request);
    return crypto.subtle.sign(params, key, sts);
  },
  rawAfterBusyLoop: async () => {
    spin(jsOnlyMicros);
    return crypto.subtle.sign(params, key, sts);
  },
};

// Only valid signatures count.
const headers = await variants.sdk();
const body = JSON.stringify(PAYLOAD);
if (!verifySignedRequest(keys.publicKey, { method: 'POST', path: '/v2/checkoutSessions', body, headers }))
  throw new Error('The SDK path signed wrongly.');
if (!verifyPss(keys.publicKey, Buffer.from(sts), Buffer.from(await variants.raw())))
  throw new Error('Raw sign did not verify.');

async function run(fn, count, width) {
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  let started = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (started++ < count) await fn();
    }),
  );
  const used = process.cpuUsage(cpu);
  return { cpuMicros: (used.user + used.system) / count, perSecond: count / ((performance.now() - t0) / 1000) };
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

let jsOnlyMicros = 40;
for (const fn of Object.values(variants)) await run(fn, 200, 1);
await run(variants.sdkJavaScriptOnly, 20_000, 1); // until the JIT has settled
jsOnlyMicros = Math.round(1e6 / (await run(variants.sdkJavaScriptOnly, 20_000, 1)).perSecond);

const samples = {};
for (let r = 0; r < rounds; r++)
  for (const [name, fn] of Object.entries(variants))
    for (const width of [1, 8])
      (samples[`${name}, ${width === 1 ? 'sequential' : '8 in flight'}`] ??= []).push(
        await run(fn, name === 'sdkJavaScriptOnly' ? n * 10 : n, width),
      );
console.log(`busy loop: ${jsOnlyMicros} µs (the wall time of the SDK's JavaScript alone, measured first)`);
console.log('| variant | CPU µs per op | ops per second |\n|---|--:|--:|');
for (const [name, list] of Object.entries(samples))
  console.log(
    `| ${name} | ${median(list.map((s) => s.cpuMicros)).toFixed(0)} | ${median(list.map((s) => s.perSecond)).toFixed(0)} |`,
  );
