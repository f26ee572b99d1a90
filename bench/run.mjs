#!/usr/bin/env node
// Runs every benchmark in one process, prints Markdown tables, writes results.json, and (full runs only)
// refreshes the table in README.md.  Usage: node bench/run.mjs [--quick] [--only=signing,overhead,...]
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { evaluateGoals } from './goals.mjs';
import { BENCH_DIR, makeKeyPair, makeTempDir } from './lib/fixtures.mjs';
import { renderReport } from './lib/report.mjs';
import { bundleSizes } from './sections/bundle-size.mjs';
import { coldStarts } from './sections/cold-start.mjs';
import { denoSigningPaths } from './sections/deno-signing.mjs';
import { endToEnd } from './sections/end-to-end.mjs';
import { machineFacts, opensslSpeed } from './sections/machine.mjs';
import { ipnThroughput } from './sections/ipn.mjs';
import { perRequestOverhead } from './sections/overhead.mjs';
import { hooksOverhead } from './sections/hooks.mjs';
import { signingThroughput } from './sections/signing.mjs';
import { signingRuntimes } from './sections/signing-runtimes.mjs';
import { heapGrowth } from './sections/heap.mjs';

const quick = process.argv.includes('--quick');
const only = process.argv
  .find((a) => a.startsWith('--only='))
  ?.slice('--only='.length)
  .split(',');

/** Counts per section: full runs finish in about 2-3 minutes on 2 cores, quick runs in well under one. */
const SIZES = quick
  ? {
      opensslSeconds: 1,
      signing: { rounds: 3, ops: 60 },
      overhead: { rounds: 3, calls: 1000 },
      hooks: { rounds: 3, calls: 500 },
      cold: { reps: 2, workerdReps: 2 },
      e2e: { rounds: 2, requests: 100, warmup: 20 },
      deno: { rounds: 2, ops: 40 },
      ipn: { count: 200, inFlight: 8 },
      signingRuntimes: { rounds: 2, ops: 40, workerdOps: 40 },
      heap: { count: 10_000 },
    }
  : {
      opensslSeconds: 3,
      signing: { rounds: 9, ops: 400 },
      overhead: { rounds: 9, calls: 5000 },
      hooks: { rounds: 9, calls: 3000 },
      cold: { reps: 21, workerdReps: 11 },
      e2e: { rounds: 5, requests: 600, warmup: 100 },
      deno: { rounds: 7, ops: 200 },
      ipn: { count: 2000, inFlight: 8 },
      signingRuntimes: { rounds: 7, ops: 200, workerdOps: 200 },
      heap: { count: 100_000 },
    };

const keys = makeKeyPair();
const tempDir = makeTempDir();

// Order: light sections first, then the CPU-bound ones; each section runs alone.
const SECTIONS = [
  { key: 'reference', run: () => opensslSpeed(SIZES.opensslSeconds) },
  { key: 'bundle', run: () => bundleSizes() },
  { key: 'signing', run: () => signingThroughput({ keys, ...SIZES.signing }) },
  { key: 'overhead', run: () => perRequestOverhead({ keys, ...SIZES.overhead }) },
  { key: 'hooks', run: () => hooksOverhead({ keys, tempDir, ...SIZES.hooks }) },
  { key: 'signingRuntimes', run: () => signingRuntimes({ keys, tempDir, ...SIZES.signingRuntimes }) },
  { key: 'coldStart', run: () => coldStarts({ keys, tempDir, ...SIZES.cold }) },
  { key: 'deno', run: () => denoSigningPaths({ keys, tempDir, ...SIZES.deno }) },
  { key: 'endToEnd', run: () => endToEnd({ keys, tempDir, ...SIZES.e2e }) },
  { key: 'ipn', run: () => ipnThroughput(SIZES.ipn) },
  { key: 'heap', run: () => heapGrowth({ keys, tempDir, ...SIZES.heap }) },
];

const results = { machine: machineFacts(), quick, sizes: SIZES };
let failures = 0;
for (const section of SECTIONS) {
  if (only && !only.includes(section.key)) continue;
  const t0 = performance.now();
  process.stderr.write(`bench: ${section.key} ...`);
  try {
    results[section.key] = await section.run();
    process.stderr.write(` ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  } catch (error) {
    failures++;
    results[section.key] = { error: error instanceof Error ? error.message : String(error) };
    process.stderr.write(` FAILED\n${error?.stack ?? error}\n`);
  }
}
results.machine.loadAverageAtEnd = loadavg().map((v) => Number(v.toFixed(2)));
results.goals = evaluateGoals(results);

const report = renderReport(results);
console.log(report);

// Quick and partial runs never overwrite the full run's results.json or README table; `--merge` (with a full-size
// `--only=` run) replaces just those sections in results.json.
const full = !quick && !only;
if (!quick && only && process.argv.includes('--merge') && existsSync(join(BENCH_DIR, 'results.json'))) {
  const saved = JSON.parse(readFileSync(join(BENCH_DIR, 'results.json'), 'utf8'));
  for (const key of only) if (results[key]) saved[key] = results[key];
  writeFileSync(join(BENCH_DIR, 'results.json'), JSON.stringify(saved, null, 2) + '\n');
  process.stderr.write(`bench: merged ${only.join(', ')} into results.json\n`);
}
const out = join(BENCH_DIR, full ? 'results.json' : 'results.quick.json');
writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
if (full) {
  const readme = join(BENCH_DIR, 'README.md');
  const START = '<!-- results:start -->';
  const END = '<!-- results:end -->';
  const text = existsSync(readme) ? readFileSync(readme, 'utf8') : '';
  const [before, rest] = text.split(START);
  if (rest !== undefined && rest.includes(END)) {
    const next = `${before}${START}\n${report}\n${END}${rest.slice(rest.indexOf(END) + END.length)}`;
    // The repository's formatter (a root dev dependency) lays the tables out, so `pnpm lint` stays green.
    const prettier = await import('prettier');
    const config = await prettier.resolveConfig(readme);
    writeFileSync(readme, await prettier.format(next, { ...config, filepath: readme }));
  } else process.stderr.write(`bench: README.md has no ${START} ... ${END} block; the table was not copied there\n`);
}
process.stderr.write(`bench: wrote ${out}${failures ? `; ${failures} section(s) failed` : ''}\n`);
process.exitCode = failures ? 1 : 0;
