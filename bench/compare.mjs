#!/usr/bin/env node
// Before/after for a change to core's request path, side by side in one run: core's source at a base commit and
// today's working tree, each bundled by esbuild the same way, measured in interleaved rounds.
//   node bench/compare.mjs [baseRef] [--reps=N]
// Prints JSON: Node per-request CPU without RSA; cold start (fresh process) in Node, Bun and Deno; workerd
// first-request CPU (fresh isolate) and warm CPU per signed request.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import {
  BENCH_DIR,
  benchRequire,
  binPath,
  makeKeyPair,
  makeTempDir,
  PAYLOAD,
  STRING_TO_SIGN,
} from './lib/fixtures.mjs';
import { runJson } from './lib/child.mjs';
import { median } from './lib/stats.mjs';
import { cpuMs, workerdPid } from './lib/workerd-cpu.mjs';
import { startWorkerd } from './lib/workerd.mjs';

const base = process.argv.slice(2).find((a) => !a.startsWith('--')) ?? '7db6874';
const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? 9);
const { build } = benchRequire('esbuild');
const root = join(BENCH_DIR, '..');
const tempDir = makeTempDir();
const keys = makeKeyPair();
const r2 = (x) => Number(x.toFixed(2));
const load = () => loadavg().map((v) => r2(v));

const srcDir = { today: join(root, 'packages/core/src') };
// The probes' `lean` mode is not run here, and cores older than the lean shape have no ops.ts: both sides get an empty
// core/ops, so base and today bundle the same probe code (in workerd the first request parses the whole bundle).
const NO_OPS = join(tempDir, 'no-ops.mjs');
writeFileSync(NO_OPS, 'export {};\n');
{
  const dir = join(tempDir, `core-${base}`);
  mkdirSync(dir, { recursive: true });
  execFileSync('tar', ['-x', '-C', dir], {
    input: execFileSync('git', ['-C', root, 'archive', base, 'packages/core/src']),
  });
  srcDir.base = join(dir, 'packages/core/src');
}
const define = {
  __BENCH_PEM__: JSON.stringify(keys.pem),
  __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD),
  __BENCH_STS__: JSON.stringify(STRING_TO_SIGN),
};
/** Both sides of every comparison are bundled with these settings. */
const esbuildTo = (entry, outfile, extra = {}) =>
  build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
    ...extra,
  });
async function bundle(probe, which) {
  const outfile = join(tempDir, `${which}-${probe}`);
  await esbuildTo(join(BENCH_DIR, 'probes', probe), outfile, {
    define,
    alias: {
      '@amazon-pay-edge/core/ops': NO_OPS,
      '@amazon-pay-edge/core': join(srcDir[which], 'index.ts'),
    },
  });
  return outfile;
}

// A. Node, warm: getSignedHeaders with a constant-signature subtle, CPU µs per call.
async function warmNode() {
  const SIG = new Uint8Array(256).fill(0xa5).buffer;
  const subtle = { importKey: (...a) => crypto.subtle.importKey(...a), sign: async () => SIG.slice(0) };
  const clients = {};
  for (const which of ['base', 'today']) {
    const outfile = join(tempDir, `core-${which}.mjs`);
    await esbuildTo(join(srcDir[which], 'index.ts'), outfile);
    const { WebStoreClient } = await import(outfile);
    clients[which] = new WebStoreClient({
      publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
      privateKey: keys.pem,
      region: 'us',
      subtle,
    });
  }
  const call = (c) => c.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD });
  const measure = async (c, n) => {
    const u0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < n; i++) await call(c);
    const u = process.cpuUsage(u0);
    return { cpu: (u.user + u.system) / n, wall: ((performance.now() - t0) * 1000) / n };
  };
  for (const c of Object.values(clients)) await measure(c, 5000);
  const out = { base: { cpu: [], wall: [] }, today: { cpu: [], wall: [] } };
  for (let r = 0; r < reps; r++)
    for (const which of r % 2 ? ['today', 'base'] : ['base', 'today']) {
      const m = await measure(clients[which], 3000);
      out[which].cpu.push(m.cpu);
      out[which].wall.push(m.wall);
    }
  return {
    unit: 'µs per getSignedHeaders without RSA (median of rounds)',
    base: { cpu: r2(median(out.base.cpu)), wall: r2(median(out.base.wall)) },
    today: { cpu: r2(median(out.today.cpu)), wall: r2(median(out.today.wall)) },
  };
}

// B. Cold start in fresh processes: raw, SDK at base, SDK today.
async function coldProcesses() {
  const files = { base: await bundle('cold-probe.mjs', 'base'), today: await bundle('cold-probe.mjs', 'today') };
  const env = { DENO_DIR: join(tempDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  const runtimes = {
    node: (f, m) => [process.execPath, [f, m]],
    bun: (f, m) => [binPath('bun'), [f, m]],
    deno: (f, m) => [binPath('deno'), ['run', '--no-prompt', '--no-config', f, m]],
  };
  const variants = [
    ['raw', 'today', 'raw'],
    ['sdkBase', 'base', 'sdk'],
    ['sdkToday', 'today', 'sdk'],
  ];
  const out = {};
  for (const [rt, cmd] of Object.entries(runtimes)) {
    const t = {};
    for (let r = 0; r < reps; r++)
      for (let i = 0; i < variants.length; i++) {
        const [name, which, mode] = variants[(i + r) % variants.length];
        const [c, a] = cmd(files[which], mode);
        const res = await runJson(c, a, { env, timeoutMs: 30_000 });
        (t[name] ??= []).push(res.ms);
      }
    const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
    out[rt] = {
      rawMs: r2(m.raw),
      sdkBaseMs: r2(m.sdkBase),
      sdkTodayMs: r2(m.sdkToday),
      baseOverRaw: r2(m.sdkBase / m.raw),
      todayOverRaw: r2(m.sdkToday / m.raw),
    };
  }
  return out;
}

// C. workerd: first-request CPU of a fresh isolate, and warm CPU per signed request.
async function workerd() {
  const cold = { base: await bundle('cold-worker.mjs', 'base'), today: await bundle('cold-worker.mjs', 'today') };
  const make = (scriptPath, bindings) => startWorkerd(scriptPath, tempDir, bindings);
  const first = async (scriptPath, mode) => {
    const mf = await make(scriptPath, { MODE: mode, PRIVATE_KEY: keys.pem });
    try {
      await mf.ready;
      const pid = workerdPid();
      const a = cpuMs(pid);
      await (await mf.dispatchFetch('http://localhost/')).json();
      return cpuMs(pid).mainMs - a.mainMs;
    } finally {
      await mf.dispose();
    }
  };
  await first(cold.today, 'noop');
  const variants = [
    ['noop', cold.today, 'noop'],
    ['raw', cold.today, 'raw'],
    ['sdkBase', cold.base, 'sdk'],
    ['sdkToday', cold.today, 'sdk'],
  ];
  const t = {};
  for (let r = 0; r < reps; r++)
    for (let i = 0; i < variants.length; i++) {
      const [name, file, mode] = variants[(i + r) % variants.length];
      (t[name] ??= []).push(await first(file, mode));
    }
  const m = Object.fromEntries(Object.entries(t).map(([k, v]) => [k, median(v)]));
  const firstRequestCpuMs = {
    noop: r2(m.noop),
    raw: r2(m.raw),
    sdkBase: r2(m.sdkBase),
    sdkToday: r2(m.sdkToday),
    baseOverRawMinusNoop: r2((m.sdkBase - m.noop) / (m.raw - m.noop)),
    todayOverRawMinusNoop: r2((m.sdkToday - m.noop) / (m.raw - m.noop)),
  };
  // Warm: one isolate per core version, CPU µs per signed request (and per raw signature).
  const warm = {};
  for (const which of ['base', 'today']) {
    const mf = await make(await bundle('sign-worker.mjs', which), { PRIVATE_KEY: keys.pem });
    try {
      await mf.ready;
      const pid = workerdPid();
      const per = async (variant, n) => {
        const a = cpuMs(pid);
        await (await mf.dispatchFetch(`http://localhost/?variant=${variant}&n=${n}&width=1`)).json();
        return ((cpuMs(pid).mainMs - a.mainMs) * 1000) / n;
      };
      await per('sdk', 200);
      await per('raw', 200);
      const v = { sdk: [], raw: [] };
      for (let r = 0; r < reps; r++) for (const k of ['sdk', 'raw']) v[k].push(await per(k, 200));
      warm[which] = {
        sdkCpuMicros: r2(median(v.sdk)),
        rawCpuMicros: r2(median(v.raw)),
        sdkOverRawCpu: r2(median(v.sdk) / median(v.raw)),
      };
    } finally {
      await mf.dispose();
    }
  }
  return { firstRequestCpuMs, warm };
}

const started = { date: new Date().toISOString(), load: load() };
const result = {
  base,
  reps,
  started,
  warmNode: await warmNode(),
  cold: await coldProcesses(),
  workerd: await workerd(),
};
result.loadAtEnd = load();
console.log(JSON.stringify(result, null, 2));
