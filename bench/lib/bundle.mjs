// esbuild, from bench's own dependency: one-file ESM bundles of the built packages.
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, benchRequire } from './fixtures.mjs';

const esbuild = benchRequire('esbuild');

/**
 * Bundles `entry` (a path, or { contents } for source text resolved from bench/) and returns the code.
 * @param {{ entry: string | { contents: string }, platform?: 'neutral' | 'node' | 'browser', minify?: boolean,
 *   define?: Record<string, string>, format?: 'esm' | 'cjs', external?: string[] }} options
 */
export async function bundle({
  entry,
  platform = 'neutral',
  minify = false,
  define = {},
  format = 'esm',
  external = [],
}) {
  const source =
    typeof entry === 'string'
      ? { entryPoints: [entry] }
      : { stdin: { contents: entry.contents, resolveDir: BENCH_DIR, sourcefile: 'entry.mjs', loader: 'js' } };
  const result = await esbuild.build({
    ...source,
    bundle: true,
    write: false,
    format,
    platform,
    target: 'es2022',
    minify,
    define,
    external,
    metafile: true,
    logLevel: 'silent',
    // neutral platform: resolve package.json "exports" with the default/import conditions only
    ...(platform === 'neutral' ? { mainFields: ['module', 'main'], conditions: ['worker', 'workerd'] } : {}),
  });
  const code = result.outputFiles[0].text;
  return { code, metafile: result.metafile };
}

export async function bundleToFile(path, options) {
  const { code } = await bundle(options);
  writeFileSync(path, code);
  return path;
}

export function gzipSize(code) {
  return gzipSync(Buffer.from(code), { level: 9 }).length;
}
