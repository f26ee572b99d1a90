// Where a bundle's bytes go: each output byte is attributed to its source module through esbuild's source map,
// and each module's min+gzip cost is measured by removal (gzip of the whole bundle minus gzip of the bundle
// without that module's bytes), which counts what the module costs after compression, shared strings aside.
import { gzipSync } from 'node:zlib';
import { BENCH_DIR, benchRequire } from './fixtures.mjs';

const esbuild = benchRequire('esbuild');
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map segment (Base64 VLQ) into its numbers. */
function decodeSegment(text) {
  const out = [];
  let value = 0;
  let shift = 0;
  for (const ch of text) {
    const digit = B64.indexOf(ch);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

/** For each output line, the segments as [column, sourceIndex | -1], in column order. */
function segmentsByLine(mappings) {
  let source = 0;
  return mappings.split(';').map((line) => {
    let column = 0;
    return line
      .split(',')
      .filter(Boolean)
      .map((segment) => {
        const [dc, ds] = decodeSegment(segment);
        column += dc;
        if (ds === undefined) return [column, -1];
        source += ds;
        return [column, source];
      });
  });
}

const gz = (text) => gzipSync(Buffer.from(text), { level: 9 }).length;
const shortName = (path) =>
  path
    .replace(/^.*node_modules\/@amazon-pay-edge\/([^/]+)\/dist\//, '$1/')
    .replace(/^.*packages\/([^/]+)\/dist\//, '$1/')
    .replace(/^.*node_modules\//, '');

/**
 * Bundles `contents` (ESM source resolved from bench/) minified and returns, per source module, the minified
 * bytes it contributes and its min+gzip cost by removal, largest first, plus the bundle's totals.
 */
export async function attributeBundle(contents) {
  const result = await esbuild.build({
    stdin: { contents, resolveDir: BENCH_DIR, sourcefile: 'entry.mjs', loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    sourcemap: 'external',
    outdir: 'out',
    logLevel: 'silent',
  });
  const code = result.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = JSON.parse(result.outputFiles.find((f) => f.path.endsWith('.map')).text);
  const lines = code.split('\n');
  const owner = []; // per output line, per character: source index or -1
  segmentsByLine(map.mappings).forEach((segments, i) => {
    const line = lines[i] ?? '';
    const owners = new Int32Array(line.length).fill(-1);
    segments.forEach(([column, source], k) => {
      const end = segments[k + 1]?.[0] ?? line.length;
      owners.fill(source, column, end);
    });
    owner.push(owners);
  });
  const total = gz(code);
  const modules = map.sources.map((path, index) => {
    let minBytes = 0;
    const without = lines
      .map((line, i) => {
        let kept = '';
        for (let c = 0; c < line.length; c++) {
          if (owner[i]?.[c] === index) minBytes++;
          else kept += line[c];
        }
        return kept;
      })
      .join('\n');
    return { module: shortName(path), minBytes, gzipBytes: total - gz(without) };
  });
  return {
    minBytes: code.length,
    gzipBytes: total,
    modules: modules.filter((m) => m.minBytes > 0).sort((a, b) => b.gzipBytes - a.gzipBytes),
  };
}
