// The one way the bench runs a probe in workerd: bundled by esbuild with the bench's defines, in a Miniflare
// instance with Node compatibility explicitly off (each probe reports `typeof process` so runners can check).
import { join } from 'node:path';
import { BENCH_DIR, benchRequire, PAYLOAD, STRING_TO_SIGN } from './fixtures.mjs';
import { bundleToFile } from './bundle.mjs';

/** The defines every signing probe reads. */
export const PROBE_DEFINES = {
  __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD),
  __BENCH_STS__: JSON.stringify(STRING_TO_SIGN),
};

/** Bundles `probes/<probe>` into `tempDir` and returns its path. */
export function bundleProbe(tempDir, probe, define = PROBE_DEFINES) {
  return bundleToFile(join(tempDir, probe), { entry: join(BENCH_DIR, 'probes', probe), define });
}

/** A Miniflare instance running the bundled script at `scriptPath` with `bindings`; Node compatibility off. */
export async function startWorkerd(scriptPath, tempDir, bindings) {
  const { Miniflare } = await import(benchRequire.resolve('miniflare'));
  return new Miniflare({
    modules: true,
    scriptPath,
    modulesRoot: tempDir, // module names are relative to this (the default, cwd, may not contain the temp folder)
    compatibilityDate: '2026-04-01',
    compatibilityFlags: [], // explicit: Node compatibility off
    bindings,
  });
}
