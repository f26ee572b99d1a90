// Cold-start probe for Node, Bun and Deno: bundled by esbuild into ONE file (with the built core and a
// throwaway key inlined), run once per fresh process. Times the first signature from the PEM text:
//   raw: PEM -> DER, crypto.subtle.importKey, crypto.subtle.sign
//   sdk: new WebStoreClient({ privateKey: pem }) and its first getSignedHeaders
//   lean: createAmazonPayClient({ privateKey: pem }) (core/ops: no key diagnosis) and its first getSignedHeaders
// Module loading is outside the timed span (both modes load the same bundle).
import { WebStoreClient } from '@amazon-pay-edge/core';
// A namespace import: compare.mjs bundles this probe with older cores too, which lack the lean shape.
import * as ops from '@amazon-pay-edge/core/ops';

/* global __BENCH_PEM__, __BENCH_PAYLOAD__, __BENCH_STS__ */
const pem = __BENCH_PEM__;
const mode = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];

function pemToDer(text) {
  const b64 = text.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}

const t0 = performance.now();
let output;
let t1; // end of the first phase: key import (raw) or client construction, which parses the PEM (sdk)
if (mode === 'raw') {
  const key = await crypto.subtle.importKey('pkcs8', pemToDer(pem), { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  t1 = performance.now();
  const signature = await crypto.subtle.sign(
    { name: 'RSA-PSS', saltLength: 32 },
    key,
    new TextEncoder().encode(__BENCH_STS__),
  );
  output = btoa(String.fromCharCode(...new Uint8Array(signature)));
} else if (mode === 'sdk') {
  const client = new WebStoreClient({ publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000', privateKey: pem, region: 'us' });
  t1 = performance.now();
  output = await client.getSignedHeaders({
    method: 'POST',
    urlFragment: 'checkoutSessions',
    payload: __BENCH_PAYLOAD__,
  });
} else if (mode === 'lean') {
  const client = ops.createAmazonPayClient({
    publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
    privateKey: pem,
    region: 'us',
  });
  t1 = performance.now();
  output = await ops.getSignedHeaders(client, {
    method: 'POST',
    urlFragment: 'checkoutSessions',
    payload: __BENCH_PAYLOAD__,
  });
} else {
  throw new Error(`mode must be raw, sdk or lean, got ${mode}`);
}
const t2 = performance.now();
console.log(JSON.stringify({ mode, ms: t2 - t0, firstPhaseMs: t1 - t0, secondPhaseMs: t2 - t1, output }));
