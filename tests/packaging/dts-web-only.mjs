// The emitted core .d.ts type-check with Web libs only and no @types/node: once with DOM, once with
// WebWorker (the Workers / service-worker view), and once with no platform lib at all, where the only
// names allowed to be missing are the Web APIs listed below (as jose pins its ambient globals).
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDir, builtOnly, finish, publishedPackages, tests } from './lib.mjs';

/** Every global the core's public types may use. A new one (Buffer, NodeJS, ...) fails the check. */
// Request: verifySignedRequest takes the incoming Fetch `Request`; the IPN inbox is a Web handler.
export const ALLOWED_AMBIENT = [
  'AbortSignal',
  'CryptoKey',
  'Headers',
  'JsonWebKey',
  'Request',
  'RequestInit',
  'Response',
  'SubtleCrypto',
];
const LIBS = [
  { name: 'DOM', lib: ['es2022', 'dom'] },
  { name: 'WebWorker', lib: ['es2022', 'webworker'] },
  { name: 'no platform lib', lib: ['es2022'], bare: true },
];

function declarationFiles(dir) {
  return readdirSync(dir, { recursive: true })
    .filter((f) => String(f).endsWith('.d.ts'))
    .map((f) => join(dir, String(f)));
}

const checks = [];
const [core] = builtOnly(
  publishedPackages().filter((p) => p.manifest.name === '@amazon-pay-edge/core'),
  checks,
);
if (core) {
  const files = declarationFiles(join(core.dir, 'dist'));
  const work = join(buildDir, 'dts-web-only');
  mkdirSync(work, { recursive: true });
  for (const { name, lib, bare } of LIBS) {
    const tsconfig = join(work, `tsconfig.${name.replace(/\s+/g, '-')}.json`);
    const compilerOptions = {
      module: 'nodenext',
      moduleResolution: 'nodenext',
      target: 'es2022',
      lib,
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: false,
    };
    writeFileSync(tsconfig, JSON.stringify({ compilerOptions, files }, null, 2));
    const run = spawnSync(process.execPath, [join(tests, 'node_modules/typescript/bin/tsc'), '-p', tsconfig], {
      encoding: 'utf8',
    });
    const errors = run.stdout.trim().split('\n').filter(Boolean);
    if (!bare) {
      checks.push({
        name: `core .d.ts with ${name} libs only`,
        ok: run.status === 0,
        detail: errors.slice(0, 5).join(' | '),
      });
      continue;
    }
    const missing = new Set();
    const other = [];
    for (const line of errors) {
      const m = /Cannot find (?:name|namespace) '([^']+)'/.exec(line);
      if (m) missing.add(m[1]);
      else other.push(line);
    }
    const unexpected = [...missing].filter((n) => !ALLOWED_AMBIENT.includes(n));
    checks.push({
      name: `core .d.ts with ${name}: needs only ${ALLOWED_AMBIENT.join(', ')}`,
      ok: unexpected.length === 0 && other.length === 0,
      detail: [unexpected.length ? `unexpected globals: ${unexpected.join(', ')}` : '', ...other.slice(0, 3)]
        .filter(Boolean)
        .join(' | '),
    });
  }
}
finish('packaging-dts-web-only', checks, 'core .d.ts without @types/node');
