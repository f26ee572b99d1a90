import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { AmazonPayKeyError, WebStoreClient, importPrivateKey, preparePrivateKey, signString } from '../src/index.js';
import { accepted, otherPkcs8Pem, pkcs8Pem, publicKeyObject, rejected, secretFragments } from './fixtures/keys.js';
import { verifyPss } from './fixtures/server.js';

describe('accepted key formats', () => {
  it.each(accepted)('%s imports, signs, and verifies with the public key', async (_name, make) => {
    const key = await importPrivateKey(make() as never);
    expect(key.extractable).toBe(false);
    expect(key.algorithm.name).toBe('RSA-PSS');
    for (const [algorithm, salt] of [
      ['AMZN-PAY-RSASSA-PSS', 20],
      ['AMZN-PAY-RSASSA-PSS-V2', 32],
    ] as const) {
      const signature = await signString(key, algorithm, `${algorithm}\nabc`);
      expect(verifyPss(publicKeyObject, `${algorithm}\nabc`, signature, salt)).toBe(true);
    }
  });

  it('accepts an RSA-PSS CryptoKey as is', async () => {
    const key = await crypto.subtle.importKey(
      'pkcs8',
      (await import('./fixtures/keys.js')).pkcs8Der,
      { name: 'RSA-PSS', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    expect(await importPrivateKey(key)).toBe(key);
  });

  it('rejects a CryptoKey imported for another algorithm, naming the fix', async () => {
    const key = await crypto.subtle.importKey(
      'pkcs8',
      (await import('./fixtures/keys.js')).pkcs8Der,
      { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
      false,
      ['sign'],
    );
    expect(() => preparePrivateKey(key)).toThrow(/RSA-PSS/);
    try {
      preparePrivateKey(key);
    } catch (e) {
      expect((e as AmazonPayKeyError).reason).toBe('WRONG_ALGORITHM');
    }
  });
});

describe('rejected key formats', () => {
  const fragments = secretFragments();
  it.each(rejected)('%s -> %s', (name, make, reason) => {
    let error: unknown;
    try {
      preparePrivateKey(make() as never);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonPayKeyError);
    const keyError = error as AmazonPayKeyError;
    expect(keyError.name).toBe('AmazonPayKeyError');
    expect(keyError.code).toBe('ERR_AMAZON_PAY_KEY');
    expect(keyError.reason).toBe(reason);
    expect(keyError.format.length).toBeGreaterThan(0);
    expect(keyError.message.length).toBeGreaterThan(30);
    for (const f of fragments) expect(keyError.message).not.toContain(f);
    expect(name).toBeTruthy();
  });

  it('tells OpenSSH users the exact conversion command', () => {
    const make = rejected.find(([n]) => n === 'OpenSSH private key')![1];
    expect(() => preparePrivateKey(make() as string)).toThrow(/ssh-keygen -p -m PKCS8 -f <file>/);
  });

  it('a client rejects a bad key at construction, before any request', () => {
    let calls = 0;
    expect(
      () =>
        new WebStoreClient({
          publicKeyId: 'SANDBOX-AAAA',
          privateKey: rejected[2]![1]() as string,
          region: 'us',
          fetch: async () => {
            calls++;
            return new Response('{}');
          },
        }),
    ).toThrow(AmazonPayKeyError);
    expect(calls).toBe(0);
  });
});

describe('no key material leaks', () => {
  it('JSON.stringify and util.inspect of a client show no key', () => {
    const client = new WebStoreClient({ publicKeyId: 'SANDBOX-AAAA', privateKey: pkcs8Pem, region: 'eu' });
    const shown = JSON.stringify(client) + inspect(client, { showHidden: true, depth: 10 }) + String(client);
    for (const f of secretFragments()) expect(shown).not.toContain(f);
    expect(shown).toContain('SANDBOX-AAAA');
    expect(shown).not.toContain('PRIVATE KEY');
  });

  it('an unrelated key signs but does not verify', async () => {
    const key = await importPrivateKey(otherPkcs8Pem);
    const signature = await signString(key, 'AMZN-PAY-RSASSA-PSS-V2', 'x');
    expect(verifyPss(publicKeyObject, 'x', signature, 32)).toBe(false);
  });
});
