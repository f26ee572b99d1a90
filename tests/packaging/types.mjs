// Types resolve for consumers: (1) @arethetypeswrong/cli on each packed package with the esm-only
// profile (require() and node10 are covered by commonjs.mjs, which runs them on every Node); (2) a consumer
// project with the tarballs unpacked into node_modules, type-checked by tsc under moduleResolution
// node16, nodenext and bundler with skipLibCheck off, so the shipped .d.ts are checked as well.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, builtOnly, finish, importSpecifiers, pack, publishedPackages, tests } from './lib.mjs';

const RESOLUTIONS = [
  { name: 'node16', module: 'node16', moduleResolution: 'node16' },
  { name: 'nodenext', module: 'nodenext', moduleResolution: 'nodenext' },
  { name: 'bundler', module: 'esnext', moduleResolution: 'bundler' },
];
/** Resolution kinds the esm-only profile ignores. */
const IGNORED_KINDS = new Set(['node10', 'node16-cjs']);

const checks = [];
const packages = builtOnly(publishedPackages(), checks);

for (const pkg of packages) {
  const run = spawnSync(
    join(tests, 'node_modules/.bin/attw'),
    [pack(pkg), '--profile', 'esm-only', '--format', 'json'],
    { encoding: 'utf8' },
  );
  let problems;
  try {
    problems = JSON.parse(run.stdout).analysis.problems.filter((p) => !IGNORED_KINDS.has(p.resolutionKind));
  } catch {
    problems = [{ kind: `attw did not run: ${(run.stderr || run.stdout).slice(0, 300)}` }];
  }
  const detail = problems.map((p) => `${p.kind} ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''}`.trim()).join('; ');
  checks.push({
    name: `attw --profile esm-only ${pkg.manifest.name}`,
    ok: run.status === 0 && problems.length === 0,
    detail,
  });
}

// A consumer that imports every public subpath and uses the main entry points with real types.
const consumer = join(buildDir, 'consumer');
rmSync(consumer, { recursive: true, force: true });
for (const pkg of packages) {
  const target = join(consumer, 'node_modules', pkg.manifest.name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', pack(pkg), '-C', target, '--strip-components=1']);
}
const names = new Set(packages.map((p) => p.manifest.name));
// Third-party peer dependencies (otel's @opentelemetry/api) are the consumer's to install: copy the version
// the workspace resolved, as a consumer's package manager would place it.
for (const pkg of packages) {
  for (const dep of Object.keys(pkg.manifest.peerDependencies ?? {}).filter((d) => !names.has(d))) {
    cpSync(join(pkg.dir, 'node_modules', dep), join(consumer, 'node_modules', dep), {
      recursive: true,
      dereference: true,
    });
  }
}
const lines = packages.flatMap((pkg, i) =>
  importSpecifiers(pkg).map((spec, j) => `import * as m${i}_${j} from '${spec}';\nvoid m${i}_${j};`),
);
if (names.has('@amazon-pay-edge/core')) {
  lines.push(`
import { AmazonPayKeyError, WebStoreClient, type AmazonPayResponse, type CheckoutSession } from '@amazon-pay-edge/core';
import { canonicalRequest } from '@amazon-pay-edge/core/signer';
const client = new WebStoreClient({ publicKeyId: 'SANDBOX-X', privateKey: '-----BEGIN PRIVATE KEY-----', region: 'eu' });
export async function useCore(): Promise<string | undefined> {
  const session: AmazonPayResponse<CheckoutSession> = await client.getCheckoutSession('S01-1');
  // @ts-expect-error ids are strings: proves the method types are real, not any
  await client.getCheckoutSession(1);
  const reason: string = new AmazonPayKeyError('EMPTY', 'empty', 'x').reason;
  return session.data.checkoutSessionId ?? reason + canonicalRequest({ method: 'GET', path: '/', headers: {} });
}`);
}
if (names.has('@amazon-pay-edge/node')) {
  lines.push(`
import { WebStoreClient as NodeWebStoreClient, fromEnv } from '@amazon-pay-edge/node';
export const nodeClient = new NodeWebStoreClient({ publicKeyId: 'SANDBOX-X', privateKey: './private.pem', region: 'us' });
export const fromEnvType: typeof fromEnv = fromEnv;`);
}
writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
writeFileSync(join(consumer, 'index.ts'), lines.join('\n') + '\n');
for (const resolution of RESOLUTIONS) {
  const config = {
    compilerOptions: {
      module: resolution.module,
      moduleResolution: resolution.moduleResolution,
      target: 'es2022',
      lib: ['es2022', 'dom'],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
      types: ['node'],
      typeRoots: [join(tests, 'node_modules/@types')],
    },
    files: ['index.ts'],
  };
  const tsconfig = join(consumer, `tsconfig.${resolution.name}.json`);
  writeFileSync(tsconfig, JSON.stringify(config, null, 2));
  const run = spawnSync(process.execPath, [join(tests, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
    encoding: 'utf8',
  });
  checks.push({
    name: `tsc consumer, moduleResolution ${resolution.name}`,
    ok: run.status === 0,
    detail: run.stdout.trim().split('\n').slice(0, 8).join(' | '),
  });
}
finish('packaging-types', checks, `types resolve (${[...names].join(', ')})`);
