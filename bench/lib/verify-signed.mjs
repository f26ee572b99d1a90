// Checks that a benchmarked path produced a request Amazon Pay would accept: rebuild the canonical request
// from the signed headers (core's canonicalisation; the published vectors cover it) and verify RSA-PSS
// with the public key through node:crypto, not through the code under test.
import { canonicalRequest, stringToSign } from '@amazon-pay-edge/core/signer';
import { verifyPss } from './fixtures.mjs';

const AUTHORIZATION = /^(\S+) PublicKeyId=([^,]+), SignedHeaders=([^,]+), Signature=(\S+)$/;

/**
 * @param {import('node:crypto').KeyObject} publicKey
 * @param {{ method: string, path: string, body?: string, headers: Record<string, string | string[] | undefined> }} request
 *   path is the encoded path as sent; header names lower-case (node:http) or any case (SDK output)
 */
export function verifySignedRequest(publicKey, { method, path, body = '', headers }) {
  const lower = Object.fromEntries(
    Object.entries(headers).map(([k, v]) => [k.toLowerCase(), Array.isArray(v) ? v.join(',') : v]),
  );
  const m = AUTHORIZATION.exec(lower.authorization ?? '');
  if (!m) return false;
  const [, algorithm, , signedHeaders, signature] = m;
  const signed = {};
  for (const name of signedHeaders.split(';')) signed[name] = lower[name] ?? '';
  const decodedPath = path.split('?')[0].split('/').map(decodeURIComponent).join('/');
  const canonical = canonicalRequest({ method, path: decodedPath, headers: signed, body });
  const salt = algorithm === 'AMZN-PAY-RSASSA-PSS-V2' ? 32 : 20;
  return verifyPss(publicKey, Buffer.from(stringToSign(algorithm, canonical)), Buffer.from(signature, 'base64'), salt);
}
