// 2. Per-request overhead without RSA: the SDK path with a `subtle` whose sign() resolves a constant
// 256-byte signature, so only canonicalisation, hashing and header building remain; and the SHA-256
// choice (@noble/hashes, what core uses, vs crypto.subtle.digest vs node:crypto createHash).
import { createHash } from 'node:crypto';
import { sha256 } from '@noble/hashes/sha2.js';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { amazonPayHeaders, canonicalRequest, stringToSign } from '@amazon-pay-edge/core/signer';
import { PAYLOAD, PUBLIC_KEY_ID } from '../lib/fixtures.mjs';
import { interleave, medianRatio, microsPerCall, summary } from '../lib/stats.mjs';

const CONSTANT_SIGNATURE = new Uint8Array(256).fill(0xa5).buffer;

/** WebCrypto for key import, a constant for sign(): RSA drops out of the measurement. */
const noRsaSubtle = {
  importKey: (...args) => crypto.subtle.importKey(...args),
  sign: async () => CONSTANT_SIGNATURE.slice(0),
};

export async function perRequestOverhead({ keys, rounds, calls }) {
  const client = new WebStoreClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.pem, region: 'us', subtle: noRsaSubtle });
  const body = JSON.stringify(PAYLOAD);
  const headers = amazonPayHeaders({ host: 'pay-api.amazon.com', region: 'na', date: Date.now(), idempotencyKey: 'a'.repeat(32) });
  const canonical = canonicalRequest({ method: 'POST', path: '/v2/checkoutSessions', headers, body });
  // About 300 bytes: the size of what core hashes per request (body, then canonical request).
  const input = new TextEncoder().encode(canonical).slice(0, 300);

  const headersOut = await client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD });
  if (!headersOut.authorization?.includes('Signature=pa')) throw new Error('The injected subtle was not used; the overhead figure would include RSA.');

  const variants = [
    { name: 'sdkPathWithoutRsa', isAsync: true, fn: () => client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD }), share: 1 },
    { name: 'canonicalRequestAndStringToSign', isAsync: false, fn: () => stringToSign('AMZN-PAY-RSASSA-PSS-V2', canonicalRequest({ method: 'POST', path: '/v2/checkoutSessions', headers, body })), share: 1 },
    { name: 'sha256.noble', isAsync: false, fn: () => sha256(input), share: 1 },
    { name: 'sha256.nodeCreateHash', isAsync: false, fn: () => createHash('sha256').update(input).digest(), share: 1 },
    // About 100x slower per call (a thread-pool round trip), so fewer calls give the same wall time.
    { name: 'sha256.subtleDigest', isAsync: true, fn: () => crypto.subtle.digest('SHA-256', input), share: 0.1 },
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
      subtleDigestOverNoble: Number(medianRatio(raw['sha256.subtleDigest'], raw['sha256.noble']).toFixed(1)),
      nobleOverNodeCreateHash: Number(medianRatio(raw['sha256.noble'], raw['sha256.nodeCreateHash']).toFixed(2)),
    },
  };
}
