// The workerd hashing path (crypto.subtle.digest, chosen where navigator.userAgent is "Cloudflare-Workers"),
// exercised in Node by posing as workerd before the first signature in this file's module instance.
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { amazonPayHeaders, canonicalRequest, importPrivateKey, signRequest, stringToSign } from '../src/signer.js';

Object.defineProperty(globalThis, 'navigator', { value: { userAgent: 'Cloudflare-Workers' }, configurable: true });

describe('signRequest with the in-thread digest', () => {
  it('builds the same canonical request and string to sign as the synchronous hash, and a valid signature', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const key = await importPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string);
    for (const body of [undefined, '', '{"amount":"1.00","note":"é€\u{1F600}"}', new TextEncoder().encode('bytes')]) {
      const input = {
        method: 'POST',
        path: '/sandbox/v2/charges/S01-1/capture',
        query: { b: '2', a: ['x y', 'é'] },
        headers: amazonPayHeaders({ host: 'pay-api.amazon.eu', region: 'eu', date: 0, idempotencyKey: 'k1' }),
        body,
      };
      const signed = await signRequest({ key, algorithm: 'AMZN-PAY-RSASSA-PSS-V2', publicKeyId: 'ID', ...input });
      expect(signed.canonicalRequest).toBe(canonicalRequest(input));
      expect(signed.stringToSign).toBe(stringToSign('AMZN-PAY-RSASSA-PSS-V2', canonicalRequest(input)));
      const signature = Buffer.from(signed.headers['authorization']!.split('Signature=')[1]!, 'base64');
      const pss = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
      expect(verify('sha256', Buffer.from(signed.stringToSign), pss, signature)).toBe(true);
    }
  });
});
