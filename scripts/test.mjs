// `pnpm test`: build, lint, run every workspace test task (unit tests and each runtime runner), then print
// one closing line that sums them all: "Total: N passed, N failed". Each task drops its counts into
// test-results/<name>.json ({ passed, failed } or a vitest JSON report).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const results = join(root, 'test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', AMAZON_PAY_EDGE_RESULTS: results };

function run(label, command, args) {
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  return r.status === 0;
}

const built = run('build', 'pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only']);
const linted = built && run('lint', 'pnpm', ['run', 'lint']);
const tested = built && run('test', 'pnpm', ['exec', 'turbo', 'run', 'test', '--continue', '--concurrency=1']);

let passed = 0;
let failed = 0;
for (const file of readdirSync(results)
  .filter((f) => f.endsWith('.json'))
  .sort()) {
  const report = JSON.parse(readFileSync(join(results, file), 'utf8'));
  const p = report.passed ?? report.numPassedTests ?? 0;
  const f = report.failed ?? report.numFailedTests ?? 0;
  console.log(`  ${file.replace(/\.json$/, '').padEnd(28)} ${String(p).padStart(5)} passed, ${f} failed`);
  passed += p;
  failed += f;
}
if (!built) console.log('build failed');
if (built && !linted) console.log('lint failed');
if (built && !tested) console.log('a test task failed');
if (!built || !linted || !tested) failed = Math.max(failed, 1);
console.log(`Total: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && passed > 0 ? 0 : 1);
