// Medians, percentiles and the interleaved-rounds driver every section uses. Runtime-neutral (Node, Bun, Deno).

export function median(values) {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile of a copy of `values` (q in [0, 1]). */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/**
 * Runs every variant once per round, rotating the starting variant each round, so slow drift of a noisy
 * machine (other jobs, thermal, GC) lands on all variants alike. Returns { [name]: number[] } (one per round).
 */
export async function interleave(rounds, variants, measure) {
  const out = Object.fromEntries(variants.map((v) => [v.name, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[(i + r) % variants.length];
      out[v.name].push(await measure(v, r));
    }
  }
  return out;
}

/** Per-round ratio a/b, then the median: drift within a round cancels out of each ratio. */
export function medianRatio(a, b) {
  return median(a.map((x, i) => x / b[i]));
}

/** Operations per second of an async `fn`, awaited one after another. */
export async function sequentialRate(fn, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) await fn();
  return count / ((performance.now() - t0) / 1000);
}

/** Operations per second of a synchronous `fn` (no await between calls). */
export function syncRate(fn, count) {
  const t0 = performance.now();
  for (let i = 0; i < count; i++) fn();
  return count / ((performance.now() - t0) / 1000);
}

/** Operations per second with `width` calls in flight at all times until `count` have completed. */
export async function concurrentRate(fn, count, width = 8) {
  let started = 0;
  const lane = async () => {
    while (started < count) {
      started++;
      await fn();
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: width }, lane));
  return count / ((performance.now() - t0) / 1000);
}

/** Microseconds per call of a synchronous or asynchronous `fn`. */
export async function microsPerCall(fn, count, isAsync) {
  const t0 = performance.now();
  if (isAsync) for (let i = 0; i < count; i++) await fn();
  else for (let i = 0; i < count; i++) fn();
  return ((performance.now() - t0) * 1000) / count;
}

/** Summary of one variant's per-round values. */
export function summary(values, digits = 1) {
  const round = (x) => Number(x.toFixed(digits));
  return {
    median: round(median(values)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
    rounds: values.map(round),
  };
}
