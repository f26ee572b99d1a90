/**
 * Registered public keys: `{ [publicKeyId]: SPKI PEM | CryptoKey }`, checked when the sandbox is created
 * and imported for RSA-PSS verification once, on first use.
 */
import { importPublicKey } from '@amazon-pay-edge/core/internal';
import type { PublicKeyInput } from '@amazon-pay-edge/core';
import { SandboxConfigError } from '../errors.js';

export type { PublicKeyInput };

const SPKI_PEM = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/;

/** Checks the shape of every key now, so a bad configuration fails at `createSandbox`, not at the first request. */
export function checkKeys(keys: unknown): Map<string, PublicKeyInput> {
  if (!keys || typeof keys !== 'object' || Array.isArray(keys)) {
    throw new SandboxConfigError(
      'keys',
      'Pass keys: { [publicKeyId]: publicKeyPem } with the SPKI public key ("-----BEGIN PUBLIC ' +
        'KEY-----") of each key pair that may call the sandbox.',
    );
  }
  const out = new Map<string, PublicKeyInput>();
  for (const [id, value] of Object.entries(keys as Record<string, unknown>)) {
    if (!id || /[\s,=]/.test(id))
      throw new SandboxConfigError(
        'keys',
        `The public key id ${JSON.stringify(id)} is not usable: it must be non-empty without whitespace, "," or "=".`,
      );
    if (typeof value === 'string') {
      if (/-----BEGIN (RSA |ENCRYPTED )?PRIVATE KEY-----/.test(value)) {
        throw new SandboxConfigError(
          'keys',
          `keys[${JSON.stringify(id)}] is a PRIVATE key. Register the public key only: \`openssl ` +
            `pkey -in private.pem -pubout\` prints it.`,
        );
      }
      if (/-----BEGIN RSA PUBLIC KEY-----/.test(value)) {
        throw new SandboxConfigError(
          'keys',
          `keys[${JSON.stringify(id)}] is a PKCS#1 public key; give the SPKI form ("BEGIN PUBLIC ` +
            `KEY"): \`openssl rsa -RSAPublicKey_in -in key.pem -pubout\`.`,
        );
      }
      if (!SPKI_PEM.test(value)) {
        throw new SandboxConfigError(
          'keys',
          `keys[${JSON.stringify(id)}] is not an SPKI PEM public key ("-----BEGIN PUBLIC ` +
            `KEY-----" ... "-----END PUBLIC KEY-----").`,
        );
      }
    } else if (!(typeof CryptoKey !== 'undefined' && value instanceof CryptoKey && value.type === 'public')) {
      throw new SandboxConfigError(
        'keys',
        `keys[${JSON.stringify(id)}] must be an SPKI PEM string or a public RSA-PSS CryptoKey.`,
      );
    }
    out.set(id, value);
  }
  if (out.size === 0)
    throw new SandboxConfigError('keys', 'Register at least one public key: keys: { "SANDBOX-AXXXX": publicKeyPem }.');
  return out;
}

/** Imports (once) and returns the verification key for a key id, or undefined if it is not registered. */
export function keyring(
  keys: Map<string, PublicKeyInput>,
  subtle: SubtleCrypto,
): (id: string) => Promise<CryptoKey> | undefined {
  const imported = new Map<string, Promise<CryptoKey>>();
  return (id) => {
    const input = keys.get(id);
    if (input === undefined) return undefined;
    let key = imported.get(id);
    if (!key) {
      key = importPublicKey(input, subtle);
      imported.set(id, key);
    }
    return key;
  };
}
