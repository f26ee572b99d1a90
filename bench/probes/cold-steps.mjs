// Cold-start profile: the SDK's first signature taken apart into its steps (core's own functions, called in the
// order getSignedHeaders calls them), with a timestamp between each, in a fresh process. A sampling profiler
// disturbs a 10 ms span too much to attribute it; this does not. Mode `digest` hashes with crypto.subtle.digest.
//   bundled and run by bench/profile-cold.mjs
import { WebStoreClient } from '@amazon-pay-edge/core';
import {
  amazonPayHeaders,
  canonicalRequest,
  importPreparedKey,
  preparePrivateKey,
  sha256Hex,
  stringToSign,
} from '@amazon-pay-edge/core/signer';
import { toBase64, toHex } from '@amazon-pay-edge/core/internal';

/* global __BENCH_PEM__, __BENCH_PAYLOAD__ */
const mode = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
const marks = [['start', performance.now()]];
const mark = (name) => marks.push([name, performance.now()]);

const subtle = crypto.subtle;
mark('crypto.subtle');
const prepared = preparePrivateKey(__BENCH_PEM__);
mark('preparePrivateKey');
new WebStoreClient({ publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000', privateKey: __BENCH_PEM__, region: 'us' });
mark('rest of constructor');
const idempotencyKey = crypto.randomUUID().replace(/-/g, '').slice(0, 32);
mark('randomUUID');
const body = JSON.stringify(__BENCH_PAYLOAD__, (_k, v) => v);
mark('JSON body');
const headers = amazonPayHeaders({ host: 'pay-api.amazon.com', region: 'na', date: Date.now(), idempotencyKey });
mark('amazonPayHeaders');
const hex = async (s) =>
  mode === 'digest' ? toHex(new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(s)))) : sha256Hex(s);
const bodyHash = await hex(body);
mark('body hash');
// The canonical request around the body hash (an empty body here, then the hash appended where it belongs).
const canonical = canonicalRequest({ method: 'POST', path: '/v2/checkoutSessions', headers, body: '' }).slice(0, -64);
mark('canonical request');
const sts =
  mode === 'digest'
    ? `AMZN-PAY-RSASSA-PSS-V2\n${await hex(canonical + bodyHash)}`
    : stringToSign('AMZN-PAY-RSASSA-PSS-V2', canonical + bodyHash);
mark('string-to-sign hash');
const key = await importPreparedKey(prepared, subtle);
mark('importKey');
const signature = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, new TextEncoder().encode(sts));
mark('sign');
toBase64(new Uint8Array(signature));
mark('Base64');
const steps = {};
for (let i = 1; i < marks.length; i++) steps[marks[i][0]] = marks[i][1] - marks[i - 1][1];
console.log(JSON.stringify({ steps, total: marks.at(-1)[1] - marks[0][1] }));
