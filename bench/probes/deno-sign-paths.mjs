// Deno signing paths, measured inside one Deno process (bundled by esbuild with the built core):
// WebCrypto vs node:crypto (Deno's Node compatibility) vs the system OpenSSL through FFI, raw and through
// the SDK's getSignedHeaders (with a `subtle` stand-in for the two native paths).
//   deno run --allow-ffi=<libcrypto> deno-sign-paths.mjs <libcryptoPath|-> <rounds> <ops>
import * as nodeCrypto from 'node:crypto';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { canonicalRequest, stringToSign } from '@amazon-pay-edge/core/signer';
import { concurrentRate, interleave, medianRatio, sequentialRate, summary, syncRate } from '../lib/stats.mjs';
import { nodeCryptoSubtle, openSslFfi } from './subtle-shims.mjs';

/* global __BENCH_PEM__, __BENCH_PUBLIC_PEM__, __BENCH_PAYLOAD__, __BENCH_STS__ */
const [libcrypto, roundsArg, opsArg] = globalThis.Deno.args;
const rounds = Number(roundsArg);
const ops = Number(opsArg);
const SALT = 32;
const der = (pem) =>
  Uint8Array.from(atob(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
const sts = new TextEncoder().encode(__BENCH_STS__);
const pss = { name: 'RSA-PSS', saltLength: SALT };

const webKey = await crypto.subtle.importKey('pkcs8', der(__BENCH_PEM__), { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
  'sign',
]);
const publicKey = await crypto.subtle.importKey(
  'spki',
  der(__BENCH_PUBLIC_PEM__),
  { name: 'RSA-PSS', hash: 'SHA-256' },
  false,
  ['verify'],
);
const nodeKey = {
  key: nodeCrypto.createPrivateKey(__BENCH_PEM__),
  padding: nodeCrypto.constants.RSA_PKCS1_PSS_PADDING,
  saltLength: SALT,
};
const ffi = libcrypto && libcrypto !== '-' ? openSslFfi(libcrypto) : undefined;
const ffiKey = ffi?.loadPkcs8(der(__BENCH_PEM__));

const client = (subtle) =>
  new WebStoreClient({
    publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000',
    privateKey: __BENCH_PEM__,
    region: 'us',
    subtle,
  });
const clients = {
  webcrypto: client(undefined),
  nodeCrypto: client(nodeCryptoSubtle(nodeCrypto, { threadPool: false })),
  ...(ffi ? { ffiOpenssl: client(ffi.subtle) } : {}),
};
const signedHeaders = (c) => () =>
  c.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: __BENCH_PAYLOAD__ });

const raw = {
  webcrypto: () => crypto.subtle.sign(pss, webKey, sts),
  nodeCryptoSync: () => nodeCrypto.sign('sha256', sts, nodeKey),
  nodeCryptoCallback: () =>
    new Promise((resolve, reject) => nodeCrypto.sign('sha256', sts, nodeKey, (e, s) => (e ? reject(e) : resolve(s)))),
  ...(ffi
    ? { ffiSync: () => ffi.signSync(ffiKey, SALT, sts), ffiNonblocking: () => ffi.signAsync(ffiKey, SALT, sts) }
    : {}),
};

// Every path must produce a signature that verifies before its speed means anything.
const verifySts = async (sig) => crypto.subtle.verify(pss, publicKey, sig, sts);
async function verifyHeaders(headers) {
  const [, algorithm, signed, signature] = /^(\S+) PublicKeyId=[^,]+, SignedHeaders=([^,]+), Signature=(\S+)$/.exec(
    headers.authorization,
  );
  const picked = Object.fromEntries(signed.split(';').map((n) => [n, headers[n]]));
  const canonical = canonicalRequest({
    method: 'POST',
    path: '/v2/checkoutSessions',
    headers: picked,
    body: JSON.stringify(__BENCH_PAYLOAD__),
  });
  return crypto.subtle.verify(
    pss,
    publicKey,
    der(signature),
    new TextEncoder().encode(stringToSign(algorithm, canonical)),
  );
}
const verified = {};
for (const [name, fn] of Object.entries(raw)) verified[`raw.${name}`] = await verifySts(await fn());
for (const [name, c] of Object.entries(clients))
  verified[`sdk.${name}`] = await verifyHeaders(await signedHeaders(c)());
if (Object.values(verified).some((ok) => !ok)) throw new Error(`signature check failed: ${JSON.stringify(verified)}`);

const variants = [
  { name: 'raw.webcrypto.sequential', run: (n) => sequentialRate(raw.webcrypto, n) },
  { name: 'raw.webcrypto.inflight8', run: (n) => concurrentRate(raw.webcrypto, n) },
  { name: 'raw.nodeCrypto.sequential', run: (n) => syncRate(raw.nodeCryptoSync, n) },
  { name: 'raw.nodeCrypto.inflight8', run: (n) => concurrentRate(raw.nodeCryptoCallback, n) },
  ...(ffi
    ? [
        { name: 'raw.ffiOpenssl.sequential', run: (n) => syncRate(raw.ffiSync, n) },
        { name: 'raw.ffiOpenssl.inflight8', run: (n) => concurrentRate(raw.ffiNonblocking, n) },
      ]
    : []),
  ...Object.entries(clients).flatMap(([name, c]) => [
    { name: `sdk.${name}.sequential`, run: (n) => sequentialRate(signedHeaders(c), n) },
    { name: `sdk.${name}.inflight8`, run: (n) => concurrentRate(signedHeaders(c), n) },
  ]),
];
for (const v of variants) await v.run(Math.max(10, ops >> 2));
const results = await interleave(rounds, variants, (v) => v.run(ops));
const ratio = (a, b) => (results[a] && results[b] ? Number(medianRatio(results[a], results[b]).toFixed(2)) : null);

console.log(
  JSON.stringify({
    deno: globalThis.Deno.version,
    ffi: ffi ? libcrypto : 'unavailable',
    verified,
    figures: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, summary(v, 0)])),
    ratios: {
      nodeCryptoOverWebcryptoSequential: ratio('raw.nodeCrypto.sequential', 'raw.webcrypto.sequential'),
      nodeCryptoOverWebcryptoInflight8: ratio('raw.nodeCrypto.inflight8', 'raw.webcrypto.inflight8'),
      ffiOverWebcryptoSequential: ratio('raw.ffiOpenssl.sequential', 'raw.webcrypto.sequential'),
      ffiOverWebcryptoInflight8: ratio('raw.ffiOpenssl.inflight8', 'raw.webcrypto.inflight8'),
      sdkFfiOverSdkWebcryptoSequential: ratio('sdk.ffiOpenssl.sequential', 'sdk.webcrypto.sequential'),
      sdkFfiOverSdkWebcryptoInflight8: ratio('sdk.ffiOpenssl.inflight8', 'sdk.webcrypto.inflight8'),
      sdkNodeCryptoOverSdkWebcryptoSequential: ratio('sdk.nodeCrypto.sequential', 'sdk.webcrypto.sequential'),
      sdkNodeCryptoOverSdkWebcryptoInflight8: ratio('sdk.nodeCrypto.inflight8', 'sdk.webcrypto.inflight8'),
      sdkWebcryptoOverRawWebcryptoSequential: ratio('sdk.webcrypto.sequential', 'raw.webcrypto.sequential'),
      sdkWebcryptoOverRawWebcryptoInflight8: ratio('sdk.webcrypto.inflight8', 'raw.webcrypto.inflight8'),
    },
  }),
);
ffi?.close();
