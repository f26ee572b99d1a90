// The import graph keeps core at the bottom. Every import in packages/*/src and packages/*/test (static,
// re-export, dynamic, `import type`) is read with TypeScript's own pre-processor, and the run fails when
//   - core imports another workspace package, or a relative path outside packages/core;
//   - any other package imports another package's files by path (src/, dist/, package root) or by a
//     package subpath its exports map does not list (`@amazon-pay-edge/core/dist/x.js`, `.../src/...`).
// Public entry points, `@amazon-pay-edge/core/internal` (a listed export) and another package's test
// helpers (`../../sandbox/test/helpers.js`: test support, not a package's internals) are allowed.
// The rules are first run over a few made-up imports, so a checker that stopped flagging would fail here.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { finish, repo } from './lib.mjs';

const packagesDir = join(repo, 'packages');
const SOURCE = /\.(m?[jt]sx?|cts|cjs)$/;

/** The workspace packages under packages/: folder, name and the subpaths their exports map lists. */
function workspacePackages() {
  return readdirSync(packagesDir)
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      return { dir, name: manifest.name, exports: new Set(Object.keys(manifest.exports ?? { '.': null })) };
    });
}

function sourceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' || entry.name === 'dist' ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Module specifiers of a file, as the TypeScript compiler sees them (comments and strings ignored). */
function specifiers(text) {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

const inside = (dir, path) => path === dir || path.startsWith(dir + sep);

/** Why `specifier`, imported by `file` of package `own`, breaks the graph; undefined when it is allowed. */
export function violation(own, file, specifier, packages) {
  const isCore = own.name === '@amazon-pay-edge/core';
  if (specifier.startsWith('.')) {
    const target = resolve(dirname(file), specifier);
    if (inside(own.dir, target)) return undefined;
    if (isCore) return `core reaches outside packages/core: ${specifier}`;
    const other = packages.find((p) => inside(p.dir, target));
    if (!other) return undefined; // repo-level files (tests/, examples/) are not packages
    if (inside(join(other.dir, 'test'), target)) return undefined; // shared test helpers
    return `reaches into ${other.name}'s files (${relative(other.dir, target)}) instead of its public entry points`;
  }
  const other = packages.find((p) => specifier === p.name || specifier.startsWith(p.name + '/'));
  if (!other) return undefined; // not a workspace package
  if (isCore && other !== own) return `core imports another workspace package: ${specifier}`;
  const subpath = specifier === other.name ? '.' : `./${specifier.slice(other.name.length + 1)}`;
  if (!other.exports.has(subpath)) return `imports ${specifier}, which ${other.name}'s exports map does not list`;
  return undefined;
}

const packages = workspacePackages();
const checks = [];

// The rules themselves, over made-up imports.
const core = packages.find((p) => p.name === '@amazon-pay-edge/core');
const otel = packages.find((p) => p.name === '@amazon-pay-edge/otel');
const coreFile = join(core.dir, 'test/fixtures/ipn.ts');
const otelFile = join(otel.dir, 'test/otel.test.ts');
for (const [who, file, specifier, flagged] of [
  [core, coreFile, '../../../sandbox/src/ipn/der.js', true],
  [core, coreFile, '@amazon-pay-edge/sandbox', true],
  [core, coreFile, '../../src/signing/der.js', false],
  [otel, otelFile, '../../sandbox/src/index.js', true],
  [otel, otelFile, '@amazon-pay-edge/core/dist/index.js', true],
  [otel, otelFile, '@amazon-pay-edge/sandbox/src/index.js', true],
  [otel, otelFile, '@amazon-pay-edge/core/internal', false],
  [otel, otelFile, '@amazon-pay-edge/sandbox', false],
  [otel, otelFile, '../../sandbox/test/helpers.js', false],
]) {
  const said = violation(who, file, specifier, packages);
  checks.push({
    name: `rule: ${who.name} importing ${specifier} is ${flagged ? 'refused' : 'allowed'}`,
    ok: Boolean(said) === flagged,
    detail: said,
  });
}

// The repository.
let imports = 0;
const problems = [];
for (const pkg of packages) {
  for (const file of [...sourceFiles(join(pkg.dir, 'src')), ...sourceFiles(join(pkg.dir, 'test'))]) {
    for (const specifier of specifiers(readFileSync(file, 'utf8'))) {
      imports++;
      const said = violation(pkg, file, specifier, packages);
      if (said) problems.push(`${relative(repo, file)}: ${said}`);
    }
  }
}
checks.push({
  name: `${imports} imports in packages/*/src and packages/*/test keep core at the bottom`,
  ok: problems.length === 0,
  detail: problems.length ? `\n  ${problems.join('\n  ')}` : undefined,
});
finish('packaging-import-graph', checks);
