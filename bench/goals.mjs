// The goals from issues 6 and 16, as data: where each figure lives in results.json and the bar it must clear.

/** workerd's wall-time cold start is the first dispatch minus a no-op worker's; the goal's name says so. */
const coldSuffix = (shape, runtime) =>
  runtime !== 'workerd'
    ? ''
    : shape === 'sdk'
      ? ' (wall time of the first dispatch, minus a no-op worker)'
      : ' (wall time, minus a no-op worker)';

const at = (results, path) => path.split('.').reduce((o, k) => o?.[k], results);

export const GOALS = [
  // Issue 16: the signing path at >= 0.95x raw WebCrypto in every runtime (Node from section 1, the others from 8).
  ...[
    ['node', 'signing.ratios.sdkOverWebcryptoSequential', 'signing.ratios.sdkOverWebcryptoInflight8'],
    ['bun', 'signingRuntimes.bun.ratios.sdkOverRawSequential', 'signingRuntimes.bun.ratios.sdkOverRawInflight8'],
    ['deno', 'signingRuntimes.deno.ratios.sdkOverRawSequential', 'signingRuntimes.deno.ratios.sdkOverRawInflight8'],
    [
      'workerd',
      'signingRuntimes.workerd.ratios.sdkOverRawSequential',
      'signingRuntimes.workerd.ratios.sdkOverRawInflight8',
    ],
  ].flatMap(([runtime, sequential, inflight]) => [
    {
      goal: `SDK signed-request path vs raw WebCrypto sign, sequential, ${runtime}`,
      runtime,
      path: sequential,
      target: '≥ 0.95x',
      met: (v) => v >= 0.95,
    },
    {
      goal: `SDK signed-request path vs raw WebCrypto sign, 8 in flight, ${runtime}`,
      runtime,
      path: inflight,
      target: '≥ 0.95x',
      met: (v) => v >= 0.95,
    },
  ]),
  {
    goal: 'SDK vs official Node SDK, sequential',
    path: 'signing.ratios.sdkOverOfficialSequential',
    target: 'about 2x (read as ≥ 1.9x)',
    met: (v) => v >= 1.9,
  },
  {
    goal: 'SDK vs official Node SDK, 8 in flight',
    path: 'signing.ratios.sdkOverOfficialInflight8',
    target: '≥ 3.5x',
    met: (v) => v >= 3.5,
  },
  {
    goal: 'Per-request overhead without RSA (µs), node',
    runtime: 'node',
    path: 'overhead.figures.sdkPathWithoutRsa.median',
    target: '≤ 10 µs (issue 16; issue 6 asked < 30 µs)',
    met: (v) => v <= 10,
  },
  // Issue 16: cold start per runtime, for each API shape (the class, and core/ops without the key diagnosis), plus
  // workerd's first-request CPU time.
  ...[
    { label: 'SDK', key: 'sdk', cpuLabel: 'SDK', detail: 'coldStart.workerd.firstRequestCpu' },
    { label: 'lean shape (core/ops)', key: 'lean', cpuLabel: 'lean shape' },
  ].flatMap(({ label, key, cpuLabel, detail }) => [
    ...['node', 'bun', 'deno', 'workerd'].map((runtime) => ({
      goal: `Cold start ${label} / raw import + sign, ${runtime}${coldSuffix(key, runtime)}`,
      runtime,
      path: `coldStart.${runtime}.${key}OverRaw`,
      target: '≤ 1.2x',
      met: (v) => v <= 1.2,
    })),
    {
      goal: `Cold start in workerd: CPU time of the first request to a fresh isolate, ${cpuLabel} / raw worker (minus a no-op worker)`,
      runtime: 'workerd',
      path: `coldStart.workerd.firstRequestCpu.${key}OverRawMinusNoop`,
      ...(detail ? { detail } : {}),
      target: '≤ 1.2x',
      met: (v) => v <= 1.2,
    },
  ]),
  {
    goal: 'Heap growth over 100,000 signed requests (MB, forced GC before and after), node',
    runtime: 'node',
    path: 'heap.growthMB',
    target: '≤ a few MB (read as ≤ 5 MB)',
    met: (v) => v <= 5,
  },
  {
    goal: 'Hooks absent vs core before hooks, CPU per call',
    path: 'hooks.ratios.absentOverBeforeHooks',
    target: '≤ 1.05x (equal within noise)',
    met: (v) => v <= 1.05,
  },
  {
    goal: 'Five no-op hooks, added CPU µs per call',
    path: 'hooks.deltas.noopHooksMinusAbsent',
    target: '< 10 µs',
    met: (v) => v < 10,
  },
  {
    goal: 'OpenTelemetry on (SDK recording, batch), added CPU µs per call',
    path: 'hooks.deltas.otelBatchMinusAbsent',
    target: '< 10 µs',
    met: (v) => v < 10,
  },
  {
    goal: 'Typical Worker bundle, lean shape (core/ops), min+gzip (bytes)',
    path: 'bundle.workerLean.gzipBytes',
    target: '≤ 8 KB (8,192 bytes)',
    met: (v) => v <= 8_192,
  },
  {
    goal: 'Typical Worker bundle, WebStoreClient class, min+gzip (bytes)',
    path: 'bundle.workerTypical.gzipBytes',
    target: '≤ 8 KB (8,192 bytes)',
    met: (v) => v <= 8_192,
  },
];

/** Each goal with its figure and verdict; a section that did not run gives "not measured". */
export function evaluateGoals(results) {
  return GOALS.map(({ goal, runtime, path, detail, target, met }) => {
    const value = at(results, path);
    return {
      goal,
      ...(runtime ? { runtime } : {}),
      figure: path,
      ...(detail && at(results, detail) ? { detail: at(results, detail) } : {}),
      value: value ?? null,
      target,
      met: typeof value === 'number' && Number.isFinite(value) ? met(value) : 'not measured',
    };
  });
}
