// 3. Cold start: the first signature in a fresh process (Node, Bun, Deno) or a fresh workerd isolate,
// raw WebCrypto importKey + sign vs this SDK's client + first getSignedHeaders.
import { join } from 'node:path';
import { BENCH_DIR, binPath, PAYLOAD, STRING_TO_SIGN, verifyPss } from '../lib/fixtures.mjs';
import { bundleToFile } from '../lib/bundle.mjs';
import { runJson } from '../lib/child.mjs';
import { median } from '../lib/stats.mjs';
import { cpuMs, cpuTimeAvailable, workerdPid } from '../lib/workerd-cpu.mjs';
import { bundleProbe, startWorkerd } from '../lib/workerd.mjs';
import { verifySignedRequest } from '../lib/verify-signed.mjs';

/** Runtimes that run the probe bundle; each gets a fresh process per measurement. */
const RUNTIMES = [
  { name: 'node', command: () => process.execPath, args: (file, mode) => [file, mode] },
  { name: 'bun', command: () => binPath('bun'), args: (file, mode) => [file, mode] },
  {
    name: 'deno',
    command: () => binPath('deno'),
    args: (file, mode) => ['run', '--no-prompt', '--no-config', file, mode],
  },
];
// sdk = the WebStoreClient class (the goal figure); lean = core/ops, which skips the key diagnosis.
const MODES = ['raw', 'sdk', 'lean'];

/** raw: the Base64 signature of the fixed string to sign; sdk/lean: the signed headers, verified as a request. */
function checkOutput(keys, mode, output) {
  if (mode === 'raw') return verifyPss(keys.publicKey, Buffer.from(STRING_TO_SIGN), Buffer.from(output, 'base64'));
  return (
    typeof output === 'object' &&
    output !== null &&
    verifySignedRequest(keys.publicKey, {
      method: 'POST',
      path: '/v2/checkoutSessions',
      body: JSON.stringify(PAYLOAD),
      headers: output,
    })
  );
}

const round2 = (x) => Number(x.toFixed(2));

async function processColdStarts({ keys, reps, tempDir }) {
  const file = await bundleToFile(join(tempDir, 'cold-probe.mjs'), {
    entry: join(BENCH_DIR, 'probes', 'cold-probe.mjs'),
    define: {
      __BENCH_PEM__: JSON.stringify(keys.pem),
      __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD),
      __BENCH_STS__: JSON.stringify(STRING_TO_SIGN),
    },
  });
  // Deno caches into DENO_DIR: keep that inside our temp folder, out of the home folder.
  const env = { DENO_DIR: join(tempDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const times = {};
  for (let rep = 0; rep < reps; rep++) {
    for (const rt of RUNTIMES) {
      const modes = MODES.map((_, i) => MODES[(i + rep) % MODES.length]);
      for (const mode of modes) {
        const result = await runJson(rt.command(), rt.args(file, mode), { env, timeoutMs: 30_000 });
        if (!checkOutput(keys, mode, result.output))
          throw new Error(`${rt.name} ${mode} cold-start probe returned an invalid signature.`);
        (times[`${rt.name}.${mode}`] ??= []).push(result.ms);
        (times[`${rt.name}.${mode}.first`] ??= []).push(result.firstPhaseMs);
        (times[`${rt.name}.${mode}.second`] ??= []).push(result.secondPhaseMs);
      }
    }
  }
  const out = {};
  for (const rt of RUNTIMES) {
    const raw = median(times[`${rt.name}.raw`]);
    const sdk = median(times[`${rt.name}.sdk`]);
    const lean = median(times[`${rt.name}.lean`]);
    const phase = (key) => round2(median(times[`${rt.name}.${key}`]));
    out[rt.name] = {
      rawMs: round2(raw),
      sdkMs: round2(sdk),
      sdkOverRaw: round2(sdk / raw),
      leanMs: round2(lean),
      leanOverRaw: round2(lean / raw),
      // Medians of each phase (they need not add up to the medians above).
      phases: {
        rawImportMs: phase('raw.first'),
        rawSignMs: phase('raw.second'),
        sdkConstructMs: phase('sdk.first'),
        sdkFirstGetSignedHeadersMs: phase('sdk.second'),
        leanConstructMs: phase('lean.first'),
        leanFirstGetSignedHeadersMs: phase('lean.second'),
      },
      rawRuns: times[`${rt.name}.raw`].map(round2),
      sdkRuns: times[`${rt.name}.sdk`].map(round2),
      leanRuns: times[`${rt.name}.lean`].map(round2),
    };
  }
  return out;
}

async function workerdColdStarts({ keys, reps, tempDir }) {
  const scriptPath = await bundleProbe(tempDir, 'cold-worker.mjs');
  const first = async (mode) => {
    const mf = await startWorkerd(scriptPath, tempDir, { MODE: mode, PRIVATE_KEY: keys.pem });
    try {
      await mf.ready;
      const pid = cpuTimeAvailable() ? workerdPid() : undefined;
      const cpu0 = pid && cpuMs(pid);
      const t0 = performance.now();
      const response = await mf.dispatchFetch('http://localhost/');
      const body = await response.json();
      const ms = performance.now() - t0;
      const cpu1 = pid && cpuMs(pid);
      if (body.process !== 'undefined')
        throw new Error('workerd ran with Node compatibility on; the cold start would not prove a Web-API-only core.');
      if (mode !== 'noop' && !checkOutput(keys, mode, body.output))
        throw new Error(`workerd ${mode} probe returned an invalid signature.`);
      return {
        ms,
        cpuMs: cpu1 ? cpu1.mainMs - cpu0.mainMs : NaN,
        cpuAllThreadsMs: cpu1 ? cpu1.allMs - cpu0.allMs : NaN,
      };
    } finally {
      await mf.dispose();
    }
  };
  await first('noop'); // warms Node's side of dispatchFetch (undici), untimed
  const times = { noop: [], raw: [], sdk: [], lean: [] };
  const cpu = { noop: [], raw: [], sdk: [], lean: [] };
  const cpuAll = { noop: [], raw: [], sdk: [], lean: [] };
  const order = ['noop', 'raw', 'sdk', 'lean'];
  for (let rep = 0; rep < reps; rep++) {
    for (let i = 0; i < order.length; i++) {
      const mode = order[(i + rep) % order.length];
      const sample = await first(mode);
      times[mode].push(sample.ms);
      cpu[mode].push(sample.cpuMs);
      cpuAll[mode].push(sample.cpuAllThreadsMs);
    }
  }
  const noop = median(times.noop);
  const raw = median(times.raw) - noop;
  const sdk = median(times.sdk) - noop;
  const lean = median(times.lean) - noop;
  const runs = (t) => Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.map(round2)]));
  const cpuMeasured = cpu.sdk.every(Number.isFinite);
  const cpuFirst = (t, mode) => round2(median(t[mode]));
  return {
    noopDispatchMs: round2(noop),
    rawMs: round2(raw),
    sdkMs: round2(sdk),
    sdkOverRaw: round2(sdk / raw),
    leanMs: round2(lean),
    leanOverRaw: round2(lean / raw),
    method: 'first dispatchFetch to a fresh Miniflare instance, minus the same for a no-op worker (medians)',
    runs: runs(times),
    // CPU of the first request to the fresh isolate: workerd's main thread (where the isolate runs), from
    // /proc schedstat around the dispatch. "minusNoop" takes away what any first request costs (HTTP, routing).
    firstRequestCpu: cpuMeasured
      ? {
          unit: 'CPU milliseconds of the first request (median), workerd main thread',
          noopMs: cpuFirst(cpu, 'noop'),
          rawMs: cpuFirst(cpu, 'raw'),
          sdkMs: cpuFirst(cpu, 'sdk'),
          leanMs: cpuFirst(cpu, 'lean'),
          rawMinusNoopMs: round2(median(cpu.raw) - median(cpu.noop)),
          sdkMinusNoopMs: round2(median(cpu.sdk) - median(cpu.noop)),
          sdkOverRawMinusNoop: round2((median(cpu.sdk) - median(cpu.noop)) / (median(cpu.raw) - median(cpu.noop))),
          leanMinusNoopMs: round2(median(cpu.lean) - median(cpu.noop)),
          leanOverRawMinusNoop: round2((median(cpu.lean) - median(cpu.noop)) / (median(cpu.raw) - median(cpu.noop))),
          allThreads: {
            noopMs: cpuFirst(cpuAll, 'noop'),
            rawMs: cpuFirst(cpuAll, 'raw'),
            sdkMs: cpuFirst(cpuAll, 'sdk'),
            leanMs: cpuFirst(cpuAll, 'lean'),
          },
          runs: runs(cpu),
        }
      : { unavailable: 'per-thread CPU time needs Linux /proc/PID/task/TID/schedstat, absent here' },
  };
}

export async function coldStarts({ keys, reps, workerdReps, tempDir }) {
  const processes = await processColdStarts({ keys, reps, tempDir });
  const workerd = await workerdColdStarts({ keys, reps: workerdReps, tempDir });
  return {
    unit: 'milliseconds from PEM text to the first signature (median of fresh processes / isolates)',
    repetitions: { processes: reps, workerd: workerdReps },
    ...processes,
    workerd,
  };
}
