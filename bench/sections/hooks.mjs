// 7. Per-call overhead of observability: a whole client call (validate, sign, fetch, classify, parse) with
// a `subtle` whose sign() resolves a constant and a `fetch` that answers at once, so only the SDK's own
// work remains. Variants: hooks absent; five no-op hooks; the OpenTelemetry hooks with the API alone (no
// SDK: no-op spans), with the SDK recording every span through a BatchSpanProcessor (the production setup)
// and through a SimpleSpanProcessor (export per span), both into a discarding exporter; and the same call on
// core as it was before hooks existed (BASELINE_COMMIT, bundled from git like today's core): "absent = today".
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { BasicTracerProvider, BatchSpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { openTelemetryHooks } from '@amazon-pay-edge/otel';
import { BENCH_DIR, benchRequire, PAYLOAD, PUBLIC_KEY_ID } from '../lib/fixtures.mjs';
import { interleave, medianRatio, summary } from '../lib/stats.mjs';

/**
 * CPU microseconds (user + system of this process) per awaited call: on a machine shared with other jobs
 * this moves far less than wall time, and the differences asked for here are a few microseconds.
 */
async function cpuMicrosPerCall(fn, count) {
  const start = process.cpuUsage();
  for (let i = 0; i < count; i++) await fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / count;
}

/** The last commit of core without hooks. */
export const BASELINE_COMMIT = '073681d';

const CONSTANT_SIGNATURE = new Uint8Array(256).fill(0xa5).buffer;
const noRsaSubtle = {
  importKey: (...args) => crypto.subtle.importKey(...args),
  sign: async () => CONSTANT_SIGNATURE.slice(0),
};
const BODY = JSON.stringify({ checkoutSessionId: 'bench-session', statusDetails: { state: 'Open' } });
const instantFetch = async () =>
  new Response(BODY, {
    status: 201,
    headers: { 'content-type': 'application/json', 'x-amz-pay-request-id': 'bench-request' },
  });

/** Bundles core's source at `ref` (or the working tree) with esbuild, so both builds are made alike. */
async function bundleCore(tempDir, ref) {
  const { build } = benchRequire('esbuild');
  const root = join(BENCH_DIR, '..');
  let entry = join(root, 'packages/core/src/index.ts');
  if (ref) {
    const dir = join(tempDir, `core-${ref}`);
    mkdirSync(dir, { recursive: true });
    const tar = execFileSync('git', ['-C', root, 'archive', ref, 'packages/core/src']);
    execFileSync('tar', ['-x', '-C', dir], { input: tar });
    entry = join(dir, 'packages/core/src/index.ts');
  }
  const outfile = join(tempDir, `core-${ref ?? 'today'}.mjs`);
  await build({
    entryPoints: [entry],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    outfile,
    logLevel: 'silent',
  });
  return import(outfile);
}

const discard = { export: (_spans, done) => done({ code: 0 }), shutdown: async () => {}, forceFlush: async () => {} };

export async function hooksOverhead({ keys, tempDir, rounds, calls }) {
  const load = () => loadavg().map((x) => Number(x.toFixed(2)));
  const measured = { date: new Date().toISOString(), loadAverageAtStart: load() };
  const today = await bundleCore(tempDir, undefined);
  let baseline;
  try {
    baseline = await bundleCore(tempDir, BASELINE_COMMIT);
  } catch (error) {
    baseline = undefined; // a shallow clone without that commit: the baseline row is left out
    process.stderr.write(` (baseline ${BASELINE_COMMIT} not available: ${error.message.split('\n')[0]})`);
  }
  const config = {
    publicKeyId: PUBLIC_KEY_ID,
    privateKey: keys.pem,
    region: 'us',
    subtle: noRsaSubtle,
    fetch: instantFetch,
    userAgent: false,
  };
  const noop = () => {};
  const batch = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(discard)] });
  const simple = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(discard)] });
  const otel = (tracerProvider) =>
    new today.WebStoreClient({ ...config, hooks: openTelemetryHooks({ tracerProvider }) });
  const clients = {
    hooksAbsent: new today.WebStoreClient(config),
    noopHooks: new today.WebStoreClient({
      ...config,
      hooks: { onCallStart: noop, onAttempt: noop, onAnswer: noop, onRetry: noop, onCallEnd: noop },
    }),
    otelApiOnly: otel(trace.getTracerProvider()),
    otelBatch: otel(batch),
    otelSimple: otel(simple),
    ...(baseline ? { beforeHooks: new baseline.WebStoreClient(config) } : {}),
  };
  // Each variant must really complete a call (and the OTel one must really record).
  let recorded = 0;
  const counting = new BasicTracerProvider({
    spanProcessors: [{ onStart() {}, onEnd: () => recorded++, shutdown: async () => {}, forceFlush: async () => {} }],
  });
  await new today.WebStoreClient({
    ...config,
    hooks: openTelemetryHooks({ tracerProvider: counting }),
  }).createCheckoutSession(PAYLOAD);
  if (recorded !== 2) throw new Error(`expected 2 spans per call (call + attempt), got ${recorded}`);
  for (const client of Object.values(clients)) {
    const res = await client.createCheckoutSession(PAYLOAD);
    if (res.status !== 201 || res.data.checkoutSessionId !== 'bench-session')
      throw new Error('a bench call did not complete');
  }

  const variants = Object.entries(clients).map(([name, client]) => ({
    name,
    fn: () => client.createCheckoutSession(PAYLOAD),
  }));
  // The floor any instrumentation pays: the SDK alone starting and ending two spans with as many
  // attributes as ours carry (no SDK client call around it).
  const floorTracer = batch.getTracer('floor');
  const attrs = { a: 'x', b: 'y', c: 1, d: 'z', e: 'w', f: 2, g: 'v' };
  variants.push({
    name: 'sdkTwoSpansOnly',
    fn: async () => {
      const call = floorTracer.startSpan('call', { attributes: attrs });
      floorTracer.startSpan('attempt', { attributes: attrs }, trace.setSpan(ROOT_CONTEXT, call)).end();
      call.end();
    },
  });
  for (const v of variants) await cpuMicrosPerCall(v.fn, Math.max(50, calls / 5));
  const raw = await interleave(rounds, variants, (v) => cpuMicrosPerCall(v.fn, calls));
  const delta = (a, b) =>
    Number(
      raw[a]
        .map((x, i) => x - raw[b][i])
        .sort((p, q) => p - q)
        [Math.floor(rounds / 2)].toFixed(2),
    );
  await batch.shutdown();
  await simple.shutdown();
  return {
    measured: { ...measured, loadAverageAtEnd: load() },
    unit: 'CPU microseconds per call (median of rounds); deltas are medians of per-round differences',
    rounds,
    callsPerRound: calls,
    baselineCommit: baseline ? BASELINE_COMMIT : null,
    figures: Object.fromEntries(Object.entries(raw).map(([name, values]) => [name, summary(values, 2)])),
    deltas: {
      noopHooksMinusAbsent: delta('noopHooks', 'hooksAbsent'),
      otelApiOnlyMinusAbsent: delta('otelApiOnly', 'hooksAbsent'),
      otelBatchMinusAbsent: delta('otelBatch', 'hooksAbsent'),
      otelSimpleMinusAbsent: delta('otelSimple', 'hooksAbsent'),
      otelBatchMinusAbsentMinusSdkFloor: Number(
        (delta('otelBatch', 'hooksAbsent') - summary(raw.sdkTwoSpansOnly, 2).median).toFixed(2),
      ),
      ...(baseline ? { absentMinusBeforeHooks: delta('hooksAbsent', 'beforeHooks') } : {}),
    },
    ratios: baseline ? { absentOverBeforeHooks: Number(medianRatio(raw.hooksAbsent, raw.beforeHooks).toFixed(3)) } : {},
  };
}
