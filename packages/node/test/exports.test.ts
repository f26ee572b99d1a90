// Every entry point this package exports that takes a private key also takes a file path: core's versions
// (which cannot read files and say "use @amazon-pay-edge/node") must never leak through `export *`.
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@amazon-pay-edge/core';
import { describe, expect, it } from 'vitest';
import * as node from '../src/index.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const dir = mkdtempSync(join(tmpdir(), 'ape-node-exports-'));
const keyPath = join(dir, 'private.pem');
writeFileSync(keyPath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
const missing = join(dir, 'missing.pem');

type ClientClass = new (config: node.NodeClientConfig) => core.AmazonPayClient;
const isClientClass = (value: unknown): value is ClientClass =>
  typeof value === 'function' && (value === core.AmazonPayClient || value.prototype instanceof core.AmazonPayClient);

const clientClasses = Object.entries(node).filter((entry): entry is [string, ClientClass] => isClientClass(entry[1]));
const keyFunctions = { preparePrivateKey: node.preparePrivateKey, importPrivateKey: node.importPrivateKey };

function verifies(payload: string, signature: string): boolean {
  const data = Buffer.from(core.stringToSign('AMZN-PAY-RSASSA-PSS-V2', payload));
  const options = { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 };
  return verify('sha256', data, options, Buffer.from(signature, 'base64'));
}

describe('@amazon-pay-edge/node exports', () => {
  it('shadows every client class and key function of core that takes a private key', () => {
    expect(clientClasses.map(([name]) => name).sort()).toEqual(['AmazonPayClient', 'InStoreClient', 'WebStoreClient']);
    for (const [name, value] of clientClasses) expect(value, name).not.toBe(core[name as keyof typeof core]);
    for (const [name, value] of Object.entries(keyFunctions))
      expect(value, name).not.toBe(core[name as keyof typeof core]);
  });

  it.each(clientClasses)('%s takes a key file path and signs with it', async (_name, Client) => {
    const client = new Client({ publicKeyId: 'SANDBOX-A', privateKey: keyPath, region: 'us' });
    expect(client).toBeInstanceOf(core.AmazonPayClient);
    expect(verifies('{"a":1}', await client.generateButtonSignature('{"a":1}'))).toBe(true);
  });

  it('preparePrivateKey and importPrivateKey take a key file path', async () => {
    expect(node.preparePrivateKey(keyPath).format).toMatch(/^PKCS#8 PEM/);
    const key = await node.importPrivateKey(keyPath);
    expect(key.algorithm.name).toBe('RSA-PSS');
    expect(key.extractable).toBe(false);
  });

  it('a missing path names the file and never sends the user back to this package', async () => {
    const attempts: Array<[string, () => unknown]> = [
      ...clientClasses.map(([name, Client]): [string, () => unknown] => [
        name,
        () => new Client({ publicKeyId: 'SANDBOX-A', privateKey: missing, region: 'us' }),
      ]),
      ['preparePrivateKey', () => node.preparePrivateKey(missing)],
      ['importPrivateKey', () => node.importPrivateKey(missing)],
      [
        'a relative path',
        () => new node.WebStoreClient({ publicKeyId: 'SANDBOX-A', privateKey: './keys/private.pem', region: 'us' }),
      ],
    ];
    for (const [name, attempt] of attempts) {
      const error = await Promise.resolve()
        .then(attempt)
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      expect(error, name).toBeInstanceOf(core.AmazonPayKeyError);
      expect((error as Error).message, name).toMatch(/does not exist/);
      expect((error as Error).message, name).not.toContain('@amazon-pay-edge/node');
    }
  });

  it('core itself still points a file path at this package', () => {
    expect(() => core.preparePrivateKey('./keys/private.pem')).toThrow('@amazon-pay-edge/node');
  });
});
