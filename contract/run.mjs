// The contract suite's test task: the type-level check (tsc), then the runtime cases (vitest, JSON report
// into test-results/contract.json like every other task), then one summary line: how many documented
// facts were checked and from which sources. Each case's name starts with its source id in brackets.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const results = process.env.AMAZON_PAY_EDGE_RESULTS ?? join(here, '..', 'test-results');
mkdirSync(results, { recursive: true });
const out = join(results, 'contract.json');
const sources = JSON.parse(readFileSync(join(here, 'sources.json'), 'utf8'));

const run = (cmd, args) => spawnSync(cmd, args, { cwd: here, stdio: 'inherit' }).status === 0;
// The samples-into-types check is compile-time: a wrong member is a tsc error.
const typed = run('npx', ['tsc', '-p', 'tsconfig.json', '--noEmit']);
console.log(
  typed ? 'contract: type-level check (Amazon samples vs SDK types) passed' : 'contract: type-level check FAILED',
);
const tested = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`]);

const report = JSON.parse(readFileSync(out, 'utf8'));
const bySource = new Map();
for (const file of report.testResults ?? []) {
  for (const t of file.assertionResults ?? []) {
    for (const id of (t.title.match(/^\[([^\]]+)\]/)?.[1] ?? 'unsourced').split(',')) {
      bySource.set(id.trim(), (bySource.get(id.trim()) ?? 0) + 1);
    }
  }
}
const unknown = [...bySource.keys()].filter((id) => !sources[id]);
const listed = [...bySource].sort((a, b) => b[1] - a[1]).map(([id, n]) => `${sources[id]?.cite ?? id} (${n})`);
console.log(
  `Contract: ${report.numTotalTests} documented facts checked (${report.numPassedTests} passed, ${report.numFailedTests} failed)` +
    ` from ${bySource.size} sources: ${listed.join('; ')}`,
);
if (unknown.length) console.log(`contract: cases cite unknown sources: ${unknown.join(', ')}`);
process.exit(typed && tested && unknown.length === 0 ? 0 : 1);
