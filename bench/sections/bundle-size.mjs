// 5. Bundle size, minified (esbuild) and gzipped (node:zlib, level 9).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from '../lib/fixtures.mjs';
import { attributeBundle } from '../lib/attribution.mjs';
import { bundle, gzipSize } from '../lib/bundle.mjs';

const BUNDLES = [
  {
    name: 'workerTypical',
    what: 'WebStoreClient + createCheckoutSession + getCheckoutSession + completeCheckoutSession + generateButtonConfig',
    entry: join(BENCH_DIR, 'probes', 'typical-worker.mjs'),
    platform: 'neutral',
  },
  {
    name: 'workerLean',
    what: "createAmazonPayClient + the same three operation functions + generateButtonConfig from '@amazon-pay-edge/core/ops'",
    entry: join(BENCH_DIR, 'probes', 'lean-worker.mjs'),
    platform: 'neutral',
  },
  {
    name: 'oneOperation',
    what: "createAmazonPayClient + createCheckoutSession from '@amazon-pay-edge/core/ops'",
    entry: {
      contents:
        "import { createAmazonPayClient, createCheckoutSession } from '@amazon-pay-edge/core/ops';\n" +
        'export default (env, p) => createCheckoutSession(createAmazonPayClient(env), p);',
    },
    platform: 'neutral',
  },
  {
    name: 'signerOnly',
    what: "importPrivateKey + amazonPayHeaders + signRequest from '@amazon-pay-edge/core/signer' (bring your own HTTP)",
    entry: {
      contents: "export { importPrivateKey, amazonPayHeaders, signRequest } from '@amazon-pay-edge/core/signer';",
    },
    platform: 'neutral',
  },
  {
    name: 'coreWhole',
    what: "everything exported by '@amazon-pay-edge/core' and its subpaths",
    entry: { contents: "export * from '@amazon-pay-edge/core'; export * as ipn from '@amazon-pay-edge/core/ipn';" },
    platform: 'neutral',
  },
  {
    name: 'sha256Core',
    what: "sha256Hex from '@amazon-pay-edge/core/signer'",
    entry: { contents: "export { sha256Hex } from '@amazon-pay-edge/core/signer';" },
    platform: 'neutral',
  },
  {
    name: 'sha256Noble',
    what: 'sha256 + bytesToHex from @noble/hashes',
    entry: {
      contents: "export { sha256 } from '@noble/hashes/sha2.js'; export { bytesToHex } from '@noble/hashes/utils.js';",
    },
    platform: 'neutral',
  },
  {
    name: 'officialNodeSdk',
    what: '@amazonpay/amazon-pay-api-sdk-nodejs@2.3.4 with axios and uuid',
    entry: { contents: "module.exports = require('@amazonpay/amazon-pay-api-sdk-nodejs');" },
    platform: 'node',
    format: 'cjs',
  },
];

/** The inputs that put the most bytes into a bundle, for reading the figure. */
function largestInputs(metafile, count = 4) {
  const output = Object.values(metafile.outputs)[0];
  return Object.entries(output.inputs)
    .map(([path, info]) => ({
      path: path.replace(/^.*node_modules\//, '').replace(/^\.\.\/packages\//, 'packages/'),
      bytes: info.bytesInOutput,
    }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

export async function bundleSizes() {
  const out = {};
  for (const b of BUNDLES) {
    const { code, metafile } = await bundle({
      entry: b.entry,
      platform: b.platform,
      format: b.format ?? 'esm',
      minify: true,
    });
    out[b.name] = {
      what: b.what,
      platform: b.platform,
      minBytes: code.length,
      gzipBytes: gzipSize(code),
      largestInputs: largestInputs(metafile),
    };
  }
  // Where each typical Worker's bytes go: min+gzip per module, measured by removal (bench/lib/attribution.mjs).
  const attribution = {};
  for (const [key, probe] of [
    ['workerTypical', 'typical-worker.mjs'],
    ['workerLean', 'lean-worker.mjs'],
  ]) {
    const { modules } = await attributeBundle(readFileSync(join(BENCH_DIR, 'probes', probe), 'utf8'));
    attribution[key] = modules.map(({ module, minBytes, gzipBytes }) => ({ module, minBytes, gzipBytes }));
  }
  return {
    unit: 'bytes, esbuild --bundle --minify, then gzip -9',
    ...out,
    attribution,
    ratios: {
      officialOverWorkerGzip: Number((out.officialNodeSdk.gzipBytes / out.workerTypical.gzipBytes).toFixed(1)),
      leanOverClassWorkerGzip: Number((out.workerLean.gzipBytes / out.workerTypical.gzipBytes).toFixed(2)),
    },
  };
}
