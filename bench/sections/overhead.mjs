// 2. Per-request overhead without RSA: the SDK path with a `subtle` whose sign() resolves a constant
// 256-byte signature, so only canonicalisation, hashing and header building remain; and the SHA-256
// choice, each to lower-case hex as the canonical request needs it: core's own synchronous SHA-256 vs
// @noble/hashes vs crypto.subtle.digest vs node:crypto createHash (the last is not open to a Web-API core).
import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { amazonPayHeaders, canonicalRequest, sha256Hex, stringToSign } from '@amazon-pay-edge/core/signer';
import { PAYLOAD, PUBLIC_KEY_ID } from '../lib/fixtures.mjs';
import { interleave, medianRatio, microsPerCall, summary } from '../lib/stats.mjs';

const CONSTANT_SIGNATURE = new Uint8Array(256).fill(0xa5).buffer;

/** WebCrypto for key import, a constant for sign(): RSA drops out of the measurement. */
const noRsaSubtle = {
  importKey: (...args) => crypto.subtle.importKey(...args),
  sign: async () => CONSTANT_SIGNATURE.slice(0),
};

export async function perRequestOverhead({ keys, rounds, calls }) {
  const client = new WebStoreClient({
    publicKeyId: PUBLIC_KEY_ID,
    privateKey: keys.pem,
    region: 'us',
    subtle: noRsaSubtle,
  });
  const body = JSON.stringify(PAYLOAD);
  const headers = amazonPayHeaders({
    host: 'pay-api.amazon.com',
    region: 'na',
    date: Date.now(),
    idempotencyKey: 'a'.repeat(32),
  });
  const canonical = canonicalRequest({ method: 'POST', path: '/v2/checkoutSessions', headers, body });
  // About 300 bytes: the size of what core hashes per request (body, then canonical request).
  const input = new TextEncoder().encode(canonical).slice(0, 300);

  const expected = createHash('sha256').update(input).digest('hex');
  if (sha256Hex(input) !== expected || bytesToHex(sha256(input)) !== expected)
    throw new Error('A SHA-256 implementation disagrees with node:crypto.');

  const headersOut = await client.getSignedHeaders({
    method: 'POST',
    urlFragment: 'checkoutSessions',
    payload: PAYLOAD,
  });
  if (!headersOut.authorization?.includes('Signature=pa'))
    throw new Error('The injected subtle was not used; the overhead figure would include RSA.');

  const variants = [
    {
      name: 'sdkPathWithoutRsa',
      isAsync: true,
      fn: () => client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD }),
      share: 1,
    },
    {
      name: 'canonicalRequestAndStringToSign',
      isAsync: false,
      fn: () =>
        stringToSign(
          'AMZN-PAY-RSASSA-PSS-V2',
          canonicalRequest({ method: 'POST', path: '/v2/checkoutSessions', headers, body }),
        ),
      share: 1,
    },
    // `share` scales the call count so each variant runs for a similar, not too short, time per round.
    { name: 'sha256.core', isAsync: false, fn: () => sha256Hex(input), share: 4 },
    { name: 'sha256.noble', isAsync: false, fn: () => bytesToHex(sha256(input)), share: 4 },
    {
      name: 'sha256.nodeCreateHash',
      isAsync: false,
      fn: () => createHash('sha256').update(input).digest('hex'),
      share: 4,
    },
    {
      name: 'sha256.subtleDigest',
      isAsync: true,
      fn: async () => bytesToHex(new Uint8Array(await crypto.subtle.digest('SHA-256', input))),
      share: 0.2,
    },
  ];
  const count = (v) => Math.max(50, Math.round(calls * v.share));
  for (const v of variants) await microsPerCall(v.fn, count(v), v.isAsync);
  const raw = await interleave(rounds, variants, (v) => microsPerCall(v.fn, count(v), v.isAsync));

  return {
    unit: 'microseconds per call (median of rounds)',
    rounds,
    callsPerRound: Object.fromEntries(variants.map((v) => [v.name, count(v)])),
    hashInputBytes: input.length,
    figures: Object.fromEntries(Object.entries(raw).map(([name, values]) => [name, summary(values, 2)])),
    ratios: {
      // Time ratios: above 1 means the first is slower.
      nobleOverCore: Number(medianRatio(raw['sha256.noble'], raw['sha256.core']).toFixed(2)),
      subtleDigestOverCore: Number(medianRatio(raw['sha256.subtleDigest'], raw['sha256.core']).toFixed(1)),
      coreOverNodeCreateHash: Number(medianRatio(raw['sha256.core'], raw['sha256.nodeCreateHash']).toFixed(2)),
    },
  };
}
