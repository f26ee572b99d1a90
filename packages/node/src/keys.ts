/**
 * Private keys for Node, Bun and Deno (through `node:fs`): a file path, PEM text, DER bytes, or a
 * `KeyObject`. The result is what `@amazon-pay-edge/core` accepts; the core itself never reads files.
 */
import type { KeyObject } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { AmazonPayConfigError, AmazonPayKeyError, type PrivateKeyInput } from '@amazon-pay-edge/core';

function isKeyObject(value: unknown): value is KeyObject {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { [Symbol.toStringTag]?: unknown })[Symbol.toStringTag] === 'KeyObject'
  );
}

/** Text that is a key rather than a path: PEM armour, a JWK, or `\n`-escaped PEM from an env var. */
function looksLikeKeyText(value: string): boolean {
  return value.includes('-----BEGIN') || value.trimStart().startsWith('{');
}

/**
 * Text that is no plausible path and may be (part of) a key: damaged armour, a bare Base64 body, line
 * breaks, or simply too long. It is never echoed in a message.
 */
function looksLikeKeyMaterial(value: string): boolean {
  const compact = value.replace(/\s+/g, '');
  return (
    /-----|PRIVATE KEY/i.test(value) ||
    /[\r\n]/.test(value.trim()) ||
    value.length > 1024 ||
    (compact.length >= 64 && /^[A-Za-z0-9+/=_-]+$/.test(compact) && !/\.[a-z]{2,4}$/i.test(compact))
  );
}

function readKeyFile(path: string): Uint8Array {
  try {
    if (!statSync(path).isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    return new Uint8Array(readFileSync(path));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const why =
      code === 'ENOENT'
        ? 'does not exist'
        : code === 'EACCES'
          ? 'is not readable (permission denied)'
          : code === 'EISDIR'
            ? 'is not a file'
            : 'cannot be read';
    // The cause is not kept: Node's fs errors quote the path, and the path may be a mistyped key.
    const shown =
      /[\u0000-\u001f\u007f]/.test(path) || path.length > 256
        ? `(a ${path.length}-character value)`
        : JSON.stringify(path);
    throw new AmazonPayKeyError(
      'NOT_FOUND',
      'file path',
      `privateKey was taken as a file path, but ${shown} ${why} (${code ?? 'error'}). Pass the ` +
        `path of the .pem file Seller Central gave you, or the PEM text itself.`,
    );
  }
}

/**
 * Accepts what the official .NET, PHP and Node SDKs accept ("PATH_OR_CONTENT_OF_MY_PRIVATE_KEY"):
 * a file path or the key text, plus DER bytes, a `KeyObject`, a JWK or a `CryptoKey`.
 */
export function loadPrivateKey(pathOrKey: PrivateKeyInput | KeyObject | Buffer): PrivateKeyInput {
  if (isKeyObject(pathOrKey)) {
    if (pathOrKey.type !== 'private') {
      throw new AmazonPayKeyError(
        'PUBLIC_KEY',
        `KeyObject (${pathOrKey.type})`,
        'This KeyObject is not a private key. Pass the private half of the pair.',
      );
    }
    if (pathOrKey.asymmetricKeyType !== 'rsa') {
      throw new AmazonPayKeyError(
        'NOT_RSA',
        `KeyObject (${pathOrKey.asymmetricKeyType})`,
        `The KeyObject is a ${pathOrKey.asymmetricKeyType} key; Amazon Pay needs an RSA key of at least 2048 bits.`,
      );
    }
    return new Uint8Array(pathOrKey.export({ type: 'pkcs8', format: 'der' }));
  }
  if (typeof pathOrKey === 'string' && pathOrKey.trim() !== '' && !looksLikeKeyText(pathOrKey)) {
    if (looksLikeKeyMaterial(pathOrKey)) {
      throw new AmazonPayKeyError(
        'MALFORMED',
        'key text',
        'privateKey looks like key text, not a path, but it is not a complete PEM (no intact ' +
          '"-----BEGIN ... PRIVATE KEY-----" armour). ' +
          'Pass the whole PEM file content, or the path of the .pem file. (The value is not shown.)',
      );
    }
    return readKeyFile(pathOrKey.trim());
  }
  return pathOrKey;
}

/**
 * Reads a PEM kept in an environment variable (often with literal `\n` escapes, as CI secret stores
 * and `.env` files keep it). Reads only; never writes to the environment.
 */
export function fromEnv(name: string, env: Record<string, string | undefined> = process.env): string {
  const value = env[name];
  if (value === undefined || value.trim() === '') {
    throw new AmazonPayConfigError(
      'privateKey',
      `Environment variable ${name} is not set or is empty; it should hold the private key PEM.`,
    );
  }
  return value.replace(/\\r\\n|\\n/g, '\n');
}
