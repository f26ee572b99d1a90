import { generateKeyPairSync, constants, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AmazonPayKeyError, WebStoreClient, fromEnv, loadPrivateKey, stringToSign } from '../src/index.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
const dir = mkdtempSync(join(tmpdir(), 'ape-node-'));
const pemPath = join(dir, 'AmazonPay_SANDBOX-A.pem');
writeFileSync(pemPath, privateKey.export({ type: 'pkcs1', format: 'pem' }), { mode: 0o600 });
const derPath = join(dir, 'key.der');
writeFileSync(derPath, privateKey.export({ type: 'pkcs8', format: 'der' }), { mode: 0o600 });

async function signsAndVerifies(key: unknown) {
  const client = new WebStoreClient({ publicKeyId: 'SANDBOX-A', privateKey: key as string, region: 'us' });
  const signature = await client.generateButtonSignature('{"a":1}');
  return verify(
    'sha256',
    Buffer.from(stringToSign('AMZN-PAY-RSASSA-PSS-V2', '{"a":1}')),
    { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 },
    Buffer.from(signature, 'base64'),
  );
}

describe('@amazon-pay-edge/node key loading', () => {
  it.each([
    ['a PEM file path', pemPath],
    ['a DER file path', derPath],
    ['PEM text', pem],
    ['a KeyObject', privateKey],
    ['a Buffer', Buffer.from(pem)],
  ])('clients accept %s', async (_name, key) => {
    expect(await signsAndVerifies(key)).toBe(true);
  });

  it('loadPrivateKey reads a path and returns bytes the core accepts', () => {
    expect(loadPrivateKey(pemPath)).toBeInstanceOf(Uint8Array);
    expect(loadPrivateKey(pem)).toBe(pem);
  });

  it('names a missing path in the error', () => {
    const missing = join(dir, 'nope.pem');
    expect(() => loadPrivateKey(missing)).toThrow(AmazonPayKeyError);
    expect(() => new WebStoreClient({ publicKeyId: 'SANDBOX-A', privateKey: missing, region: 'us' })).toThrow(
      `"${missing}" does not exist`,
    );
    expect(() => loadPrivateKey(dir)).toThrow('is not a file');
  });

  it('rejects public and non-RSA KeyObjects', () => {
    expect(() => loadPrivateKey(publicKey)).toThrow(expect.objectContaining({ reason: 'PUBLIC_KEY' }));
    expect(() => loadPrivateKey(generateKeyPairSync('ed25519').privateKey)).toThrow(
      expect.objectContaining({ reason: 'NOT_RSA' }),
    );
  });

  it('fromEnv unescapes \\n and reports a missing variable', async () => {
    const env = { AMAZON_PAY_PRIVATE_KEY: pem.replace(/\n/g, '\\n') };
    expect(fromEnv('AMAZON_PAY_PRIVATE_KEY', env)).toBe(pem);
    expect(await signsAndVerifies(fromEnv('AMAZON_PAY_PRIVATE_KEY', env))).toBe(true);
    expect(() => fromEnv('MISSING', {})).toThrow(/MISSING is not set/);
  });
});

describe('key text taken for a path is never echoed', () => {
  const body = pem
    .split('\n')
    .filter((l) => l && !l.startsWith('-----'))
    .join('');
  const lines = pem.split('\n').filter((l) => l.length > 40 && !l.startsWith('-----'));
  const surfaces = (e: unknown) => {
    const err = e as Error & { cause?: unknown };
    return [String(err), err.message, String(err.stack), JSON.stringify(err), String(err.cause ?? '')].join('\n');
  };
  it.each([
    ['a bare Base64 PKCS#8 body', body],
    ['a bare Base64 body with line breaks', lines.join('\n')],
    ['PEM with damaged armour', pem.replace('-----BEGIN PRIVATE KEY-----', '----BEGIN PRIVATE KEY----')],
    ['PEM with the armour cut off', lines.slice(0, 5).join('\n') + '\n-----END PRIVATE KEY-----'],
    ['one line of a key', lines[3]!],
  ])('%s -> AmazonPayKeyError that says so and shows none of it', (_name, text) => {
    let error: unknown;
    try {
      new WebStoreClient({ publicKeyId: 'SANDBOX-A', privateKey: text, region: 'us' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AmazonPayKeyError);
    const shown = surfaces(error);
    for (const line of lines) expect(shown).not.toContain(line.slice(8, 40));
  });

  it('a bare Base64 body is reported as key text, not as a missing file', () => {
    expect(() => loadPrivateKey(body)).toThrow(/looks like key text, not a path/);
  });

  it('a real missing path is still named', () => {
    expect(() => loadPrivateKey('/no/such/key.pem')).toThrow(/"\/no\/such\/key\.pem" does not exist/);
  });
});
