// JSR: `deno publish --dry-run` for every package with a jsr.json (core), the way a release publishes it.
// Slow types and every other problem are errors; `--allow-slow-types` is never passed. Also checked: the
// jsr.json version equals package.json's (changesets bumps only package.json; scripts/sync-jsr-version.mjs
// copies it), and the file list holds the TypeScript sources, README and LICENSE, but no build output or tests.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { finish, publishedPackages, tests } from './lib.mjs';

const checks = [];
const deno = join(tests, 'node_modules/.bin/deno');
// Its own DENO_DIR outside the package, so the cache can never be listed for publishing.
const denoDir = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-jsr-'));
try {
  for (const { dir, manifest } of publishedPackages().filter((pkg) => existsSync(join(pkg.dir, 'jsr.json')))) {
    const jsr = JSON.parse(readFileSync(join(dir, 'jsr.json'), 'utf8'));
    checks.push({
      name: `${jsr.name}: jsr.json names the npm package`,
      ok: jsr.name === manifest.name,
      detail: jsr.name,
    });
    checks.push({
      name: `${jsr.name}: jsr.json version is package.json's`,
      ok: jsr.version === manifest.version,
      detail: `${jsr.version} vs ${manifest.version}`,
    });
    // --allow-dirty: a developer's uncommitted edits; --sloppy-imports: the sources import './x.js' for x.ts
    // (the tsc/Node convention), which deno publish rewrites to the real file names.
    const run = spawnSync(deno, ['publish', '--dry-run', '--allow-dirty', '--sloppy-imports'], {
      cwd: dir,
      encoding: 'utf8',
      env: { ...process.env, DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeout: 120_000,
    });
    const output = `${run.stdout}\n${run.stderr}`;
    const problems = output.split('\n').filter((line) => /^(error|warning)(\[|:)/.test(line.trim()));
    checks.push({
      name: `${jsr.name}: deno publish --dry-run succeeds with no errors or warnings (slow types included)`,
      ok: run.status === 0 && /Dry run complete/.test(output) && problems.length === 0,
      detail: problems.slice(0, 5).join(' | ') || (run.status === 0 ? '' : output.slice(-500)),
    });
    const files = [...output.matchAll(/file:\/\/(\S+)/g)].map((m) => m[1].slice(dir.length + 1));
    for (const wanted of ['README.md', 'LICENSE', 'src/index.ts']) {
      checks.push({ name: `${jsr.name}: publishes ${wanted}`, ok: files.includes(wanted) });
    }
    const stray = files.filter((file) => /^(dist|test|node_modules)\//.test(file));
    checks.push({
      name: `${jsr.name}: publishes no build output, tests or node_modules`,
      ok: files.length > 0 && stray.length === 0,
      detail: stray.slice(0, 5).join(', '),
    });
  }
} finally {
  rmSync(denoDir, { recursive: true, force: true });
}
if (checks.length === 0) checks.push({ name: 'a package has a jsr.json', ok: false });
finish('packaging-jsr', checks, 'deno publish --dry-run');
