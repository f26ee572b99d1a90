// 8. The signing path vs raw WebCrypto in every runtime: Bun and Deno run one probe process each, workerd one
// Miniflare isolate (Node's figures are section 1's). Same request, same key, interleaved rounds.
import { join } from 'node:path';
import { BENCH_DIR, binPath, PAYLOAD, STRING_TO_SIGN, verifyPss } from '../lib/fixtures.mjs';
import { bundleToFile } from '../lib/bundle.mjs';
import { runJson } from '../lib/child.mjs';
import { interleave, medianRatio, summary } from '../lib/stats.mjs';
import { verifySignedRequest } from '../lib/verify-signed.mjs';
import { cpuMs, cpuTimeAvailable, workerdPid } from '../lib/workerd-cpu.mjs';
import { bundleProbe, startWorkerd } from '../lib/workerd.mjs';

const RUNTIMES = [
  { name: 'bun', command: () => binPath('bun'), args: (file, r, n) => [file, r, n] },
  {
    name: 'deno',
    command: () => binPath('deno'),
    args: (file, r, n) => ['run', '--no-prompt', '--no-config', file, r, n],
  },
];
const ratio3 = (a, b) => Number(medianRatio(a, b).toFixed(2));

function check(keys, runtime, sdkHeaders, rawSignature) {
  const body = JSON.stringify(PAYLOAD);
  const sdkOk = verifySignedRequest(keys.publicKey, {
    method: 'POST',
    path: '/v2/checkoutSessions',
    body,
    headers: sdkHeaders,
  });
  const rawOk = verifyPss(keys.publicKey, Buffer.from(STRING_TO_SIGN), Buffer.from(rawSignature ?? '', 'base64'));
  if (!sdkOk || !rawOk)
    throw new Error(`${runtime}: a signature did not verify; the figures would measure a broken path.`);
}

async function probeRuntimes({ keys, tempDir, rounds, ops }) {
  const file = await bundleToFile(join(tempDir, 'sign-probe.mjs'), {
    entry: join(BENCH_DIR, 'probes', 'sign-probe.mjs'),
    define: {
      __BENCH_PEM__: JSON.stringify(keys.pem),
      __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD),
      __BENCH_STS__: JSON.stringify(STRING_TO_SIGN),
    },
  });
  const env = { DENO_DIR: join(tempDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const out = {};
  for (const rt of RUNTIMES) {
    const result = await runJson(rt.command(), rt.args(file, String(rounds), String(ops)), { env, timeoutMs: 300_000 });
    check(keys, rt.name, result.sdkHeaders, result.rawSignature);
    out[rt.name] = {
      figures: Object.fromEntries(Object.entries(result.rates).map(([k, v]) => [k, summary(v, 0)])),
      ratios: result.ratios,
    };
  }
  return out;
}

async function workerdSigning({ keys, tempDir, rounds, ops }) {
  const mf = await startWorkerd(await bundleProbe(tempDir, 'sign-worker.mjs'), tempDir, { PRIVATE_KEY: keys.pem });
  try {
    await mf.ready;
    const pid = cpuTimeAvailable() ? workerdPid() : undefined;
    const request = async (variant, n, width) => {
      const before = pid && cpuMs(pid);
      const t0 = performance.now();
      const body = await (await mf.dispatchFetch(`http://localhost/?variant=${variant}&n=${n}&width=${width}`)).json();
      const ms = performance.now() - t0;
      const after = pid && cpuMs(pid);
      if (body.process !== 'undefined') throw new Error('workerd ran with Node compatibility on.');
      return { ms, cpuMs: after ? after.mainMs - before.mainMs : NaN, output: body.output };
    };
    const sdk = await request('sdk', 1, 1);
    const raw = await request('raw', 1, 1);
    check(keys, 'workerd', sdk.output, raw.output);
    const variants = [
      { name: 'sdk.sequential', variant: 'sdk', width: 1 },
      { name: 'raw.sequential', variant: 'raw', width: 1 },
      { name: 'sdk.inflight8', variant: 'sdk', width: 8 },
      { name: 'raw.inflight8', variant: 'raw', width: 8 },
    ];
    for (const v of variants) await request(v.variant, Math.max(20, ops >> 2), v.width); // warm-up
    const cpuPerSign = {};
    const rates = await interleave(rounds, variants, async (v) => {
      const { ms, cpuMs: cpu } = await request(v.variant, ops, v.width);
      (cpuPerSign[v.name] ??= []).push((cpu * 1000) / ops);
      return ops / (ms / 1000);
    });
    return {
      method: 'one request runs the signatures; rate = signatures / wall time of the dispatch (timed from outside)',
      figures: Object.fromEntries(Object.entries(rates).map(([k, v]) => [k, summary(v, 0)])),
      ratios: {
        sdkOverRawSequential: ratio3(rates['sdk.sequential'], rates['raw.sequential']),
        sdkOverRawInflight8: ratio3(rates['sdk.inflight8'], rates['raw.inflight8']),
      },
      cpuMicrosPerSignature: Object.values(cpuPerSign)[0]?.every(Number.isFinite)
        ? Object.fromEntries(Object.entries(cpuPerSign).map(([k, v]) => [k, summary(v, 1)]))
        : 'unavailable (needs Linux /proc schedstat)',
    };
  } finally {
    await mf.dispose();
  }
}

export async function signingRuntimes({ keys, tempDir, rounds, ops, workerdOps }) {
  return {
    unit: 'signed requests (sdk) or RSA-PSS-2048 signatures (raw) per second, median of rounds',
    rounds,
    opsPerRound: ops,
    ...(await probeRuntimes({ keys, tempDir, rounds, ops })),
    workerd: await workerdSigning({ keys, tempDir, rounds, ops: workerdOps }),
  };
}
