// The one "Web APIs only" lint: no `node:` imports, Buffer, process or require in the source of
// @amazon-pay-edge/core and of @amazon-pay-edge/sandbox (except the sandbox's Node entries), and core's
// built entry points bundle with esbuild --platform=neutral with no externals. Also: no line in any
// packages/*/src file longer than 120 characters.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
/** Source folders that must run on Web APIs alone, and the files in them that are Node entry points. */
const WEB_ONLY = [
  { src: join(root, 'packages/core/src'), nodeEntries: new Set() },
  { src: join(root, 'packages/sandbox/src'), nodeEntries: new Set(['node.ts', 'demo.ts']) },
];
const rules = [
  [/\bfrom\s+['"]node:|import\(\s*['"]node:|\bimport\s+['"]node:/, 'imports a node: module'],
  [/\bBuffer\b/, 'uses Buffer (use Uint8Array and the helpers in encoding.ts)'],
  [/\bprocess\b/, 'uses process'],
  [/\brequire\s*\(/, 'calls require'],
  [
    /\bfrom\s+['"](fs|path|crypto|os|http|https|net|tls|stream|util|url|zlib|events|child_process|worker_threads)['"]/,
    'imports a Node built-in',
  ],
];

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

const problems = [];
for (const file of WEB_ONLY.flatMap(({ src, nodeEntries }) =>
  files(src).filter((f) => !nodeEntries.has(relative(src, f))),
)) {
  const lines = readFileSync(file, 'utf8').split('\n');
  lines.forEach((line, i) => {
    const code = line
      .replace(/\/\/.*$/, '')
      .replace(/^\s*\*.*$/, '')
      .replace(/\/\*.*?\*\//g, '');
    for (const [pattern, what] of rules) {
      if (pattern.test(code)) problems.push(`${relative(root, file)}:${i + 1} ${what}: ${line.trim()}`);
    }
  });
}

// Prettier does not wrap strings or comments: no source line of any package may pass the print width.
const MAX_LINE = 120;
for (const pkg of readdirSync(join(root, 'packages'))) {
  const src = join(root, 'packages', pkg, 'src');
  if (!existsSync(src)) continue;
  for (const file of files(src)) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (line.length > MAX_LINE)
          problems.push(`${relative(root, file)}:${i + 1} is ${line.length} characters long (at most ${MAX_LINE})`);
      });
  }
}

for (const entry of ['index.js', 'signer.js', 'errors.js', 'ipn/index.js', 'internal.js']) {
  try {
    await build({
      entryPoints: [join(root, 'packages/core/dist', entry)],
      bundle: true,
      platform: 'neutral',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
  } catch (error) {
    problems.push(
      `dist/${entry} does not bundle for --platform=neutral: ${error.message.split('\n').slice(0, 4).join(' ')}`,
    );
  }
}

if (problems.length) {
  console.error(`web-only lint: ${problems.length} problem(s)\n` + problems.join('\n'));
  process.exit(1);
}
console.log(
  'web-only lint: no Node APIs in packages/core/src and packages/sandbox/src (bar its Node entries); ' +
    'core dist bundles with --platform=neutral; no line over 120 characters in packages/*/src',
);
