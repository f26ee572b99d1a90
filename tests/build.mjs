// Builds what the runners load, from conformance/*.ts, into .build/ (git-ignored):
//   suite.js        the suite with @amazon-pay-edge/core left as an import: Node, Bun and Deno resolve the built package
//   worker.js       the suite and the built core in one ES module, for workerd
//   edge.js         the suite and the built core in one classic script, for Vercel's Edge Runtime VM
//   browser/*.js    the suite bundled for a Chromium page (ES module) and a classic service worker (IIFE)
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = `${here}.build`;
const common = { bundle: true, target: 'es2022', logLevel: 'warning', absWorkingDir: here, legalComments: 'none' };

export async function buildAll() {
  rmSync(out, { recursive: true, force: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: ['conformance/suite.ts'],
      outfile: `${out}/suite.js`,
      format: 'esm',
      platform: 'neutral',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: ['runners/worker-entry.ts'],
      outfile: `${out}/worker.js`,
      format: 'esm',
      platform: 'neutral',
    }),
    build({
      ...common,
      entryPoints: ['runners/edge-entry.ts'],
      outfile: `${out}/edge.js`,
      format: 'iife',
      platform: 'browser',
    }),
    build({
      ...common,
      entryPoints: ['conformance/suite.ts'],
      outfile: `${out}/browser/suite.js`,
      format: 'esm',
      platform: 'browser',
    }),
    build({
      ...common,
      entryPoints: ['ipn-stores/contract.ts'],
      outfile: `${out}/ipn-contract.js`,
      format: 'esm',
      platform: 'neutral',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: ['hono/check.ts'],
      outfile: `${out}/hono-check.js`,
      format: 'esm',
      platform: 'neutral',
      packages: 'external',
    }),
    build({
      ...common,
      entryPoints: ['hono/worker.ts'],
      outfile: `${out}/hono-worker.js`,
      format: 'esm',
      platform: 'neutral',
    }),
    build({
      ...common,
      entryPoints: ['runners/service-worker-entry.ts'],
      outfile: `${out}/browser/sw.js`,
      format: 'iife',
      platform: 'browser',
    }),
  ]);
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildAll();
