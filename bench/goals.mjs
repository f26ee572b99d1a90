// The goals from issue 6, as data: where each figure lives in results.json and the bar it must clear.

const at = (results, path) => path.split('.').reduce((o, k) => o?.[k], results);

export const GOALS = [
  {
    goal: 'SDK signed-request path vs raw WebCrypto sign, sequential',
    path: 'signing.ratios.sdkOverWebcryptoSequential',
    target: '≥ 0.95x',
    met: (v) => v >= 0.95,
  },
  {
    goal: 'SDK signed-request path vs raw WebCrypto sign, 8 in flight',
    path: 'signing.ratios.sdkOverWebcryptoInflight8',
    target: '≥ 0.95x',
    met: (v) => v >= 0.95,
  },
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
    goal: 'Per-request overhead without RSA (µs)',
    path: 'overhead.figures.sdkPathWithoutRsa.median',
    target: '< 30 µs',
    met: (v) => v < 30,
  },
  {
    goal: 'Cold start SDK / raw import + sign, Node',
    path: 'coldStart.node.sdkOverRaw',
    target: '≤ 1.2x',
    met: (v) => v <= 1.2,
  },
  {
    goal: 'Cold start SDK / raw import + sign, Bun',
    path: 'coldStart.bun.sdkOverRaw',
    target: '≤ 1.2x',
    met: (v) => v <= 1.2,
  },
  {
    goal: 'Cold start SDK / raw import + sign, Deno',
    path: 'coldStart.deno.sdkOverRaw',
    target: '≤ 1.2x',
    met: (v) => v <= 1.2,
  },
  {
    goal: 'Cold start SDK / raw import + sign, workerd',
    path: 'coldStart.workerd.sdkOverRaw',
    target: '≤ 1.2x',
    met: (v) => v <= 1.2,
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
  return GOALS.map(({ goal, path, target, met }) => {
    const value = at(results, path);
    return {
      goal,
      figure: path,
      value: value ?? null,
      target,
      met: typeof value === 'number' && Number.isFinite(value) ? met(value) : 'not measured',
    };
  });
}
