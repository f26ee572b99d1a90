#!/usr/bin/env node
// workerd's warm signed-request CPU, split: where the SDK's CPU per signature goes beyond raw WebCrypto's. One
// Miniflare isolate (Node compatibility off); each variant's CPU from workerd's main-thread schedstat, interleaved
// rounds, medians. Variants: probes/warm-split-worker.mjs.
//   node bench/profile-workerd-warm.mjs [--reps=15] [--n=400]
import { makeKeyPair, makeTempDir } from './lib/fixtures.mjs';
import { bundleProbe, startWorkerd } from './lib/workerd.mjs';
import { cpuMs, workerdPid } from './lib/workerd-cpu.mjs';
const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? 15);
const tempDir = makeTempDir();
const keys = makeKeyPair();
const mf = await startWorkerd(await bundleProbe(tempDir, 'warm-split-worker.mjs'), tempDir, { PRIVATE_KEY: keys.pem });
await mf.ready;
const pid = workerdPid();
const V = ['raw', 'sdk', 'rawThenNoRsa', 'rawSigner', 'noRsa', 'twoDigests'];
const res = Object.fromEntries(V.map((v) => [v, []]));
const N = Number(process.argv.find((a) => a.startsWith('--n='))?.slice(4) ?? 400);
for (const v of V) await (await mf.dispatchFetch(`http://x/?variant=${v}&n=100`)).json();
for (let r = 0; r < reps; r++)
  for (const v of r % 2 ? [...V].reverse() : V) {
    const a = cpuMs(pid).mainMs;
    await (await mf.dispatchFetch(`http://x/?variant=${v}&n=${N}`)).json();
    const b = cpuMs(pid).mainMs;
    res[v].push(((b - a) * 1000) / N);
  }
const med = (x) => [...x].sort((p, q) => p - q)[x.length >> 1];
for (const v of V) console.log(v.padEnd(14), med(res[v]).toFixed(1), 'CPU µs/op');
await mf.dispose();
