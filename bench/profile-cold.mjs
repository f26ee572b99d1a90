#!/usr/bin/env node
// Cold-start profile per runtime: runs probes/cold-steps.mjs in fresh Node, Bun and Deno processes, with the
// JavaScript SHA-256 and with crypto.subtle.digest, interleaved, and prints the median of each step (ms).
//   node bench/profile-cold.mjs [--reps=N]
import { join } from 'node:path';
import { BENCH_DIR, binPath, makeKeyPair, makeTempDir, PAYLOAD } from './lib/fixtures.mjs';
import { bundleToFile } from './lib/bundle.mjs';
import { runJson } from './lib/child.mjs';
import { median } from './lib/stats.mjs';
import { table } from './lib/format.mjs';

const reps = Number(process.argv.find((a) => a.startsWith('--reps='))?.slice(7) ?? 9);
const tempDir = makeTempDir();
const keys = makeKeyPair();
const file = await bundleToFile(join(tempDir, 'cold-steps.mjs'), {
  entry: join(BENCH_DIR, 'probes', 'cold-steps.mjs'),
  define: { __BENCH_PEM__: JSON.stringify(keys.pem), __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD) },
});
const env = { DENO_DIR: join(tempDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
const runtimes = {
  node: (m) => [process.execPath, [file, m]],
  bun: (m) => [binPath('bun'), [file, m]],
  deno: (m) => [binPath('deno'), ['run', '--no-prompt', '--no-config', file, m]],
};
const columns = [];
const results = {};
for (const [rt, cmd] of Object.entries(runtimes))
  for (const mode of ['js', 'digest']) {
    columns.push(`${rt} ${mode === 'js' ? 'JS SHA-256' : 'digest'}`);
    results[columns.at(-1)] = {};
  }
for (let r = 0; r < reps; r++)
  for (const [rt, cmd] of Object.entries(runtimes))
    for (const mode of r % 2 ? ['digest', 'js'] : ['js', 'digest']) {
      const [c, a] = cmd(mode);
      const { steps, total } = await runJson(c, a, { env, timeoutMs: 30_000 });
      const col = results[`${rt} ${mode === 'js' ? 'JS SHA-256' : 'digest'}`];
      for (const [k, v] of Object.entries({ ...steps, total })) (col[k] ??= []).push(v);
    }
const names = Object.keys(results[columns[0]]);
console.log(
  table(
    `Cold start by step (ms, median of ${reps} fresh processes)`,
    ['step', ...columns],
    names.map((n) => [n, ...columns.map((c) => Number(median(results[c][n]).toFixed(2)))]),
  ),
);
