/**
 * The lean key path: PKCS#8 or PKCS#1 PEM and DER, an RSA JWK or an RSA-PSS `CryptoKey` go straight to
 * WebCrypto, with none of the format diagnosis of `keys.ts` (OpenSSH, encrypted, EC, public keys,
 * certificates ...) in the bundle. What the fast path cannot take is refused with an `AmazonPayKeyError`
 * that points to the diagnosis (`preparePrivateKey`, `amazon-pay-edge check-key`), never with key material.
 */
import { fromBase64 } from '../encoding.js';
import type { KeyErrorReason } from '../errors.js';
import { wrapPkcs1InPkcs8 } from './der.js';
import { checkModulus, cleanJwk, fail, KEY_ALGORITHM, unescapeNewlines, type PrivateKeyInput } from './keys.js';

/** Where the exact reason is found when the fast path refuses a key. */
const DIAGNOSE =
  'For the exact reason and the fix, call preparePrivateKey(privateKey) from @amazon-pay-edge/core ' +
  '(the WebStoreClient class does it at construction) or run `npx amazon-pay-edge check-key <file>`.';

const PEM = /-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\s]*)-----END \1?PRIVATE KEY-----/;

function refuse(reason: KeyErrorReason, format: string, cause?: unknown): never {
  fail(
    reason,
    format,
    `The private key (${format}) is not a PKCS#8/PKCS#1 PEM or DER RSA key, an RSA JWK or an RSA-PSS CryptoKey ` +
      `that WebCrypto imports. ${DIAGNOSE}`,
    cause,
  );
}

type Source =
  { kind: 'pkcs8' | 'pkcs1'; der: Uint8Array } | { kind: 'jwk'; jwk: JsonWebKey } | { kind: 'key'; key: CryptoKey };

/** Sorts the input into what WebCrypto imports, synchronously; anything else is refused here. */
function sourceOf(input: PrivateKeyInput): Source {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) {
    fail(
      'EMPTY',
      'empty',
      'No private key was given (privateKey is empty). Pass the PEM text, DER bytes, a JWK or a CryptoKey.',
    );
  }
  let text: string | undefined;
  if (typeof input === 'string') text = unescapeNewlines(input).trim();
  else if (input instanceof ArrayBuffer || ArrayBuffer.isView(input)) {
    const bytes =
      input instanceof ArrayBuffer
        ? new Uint8Array(input)
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    const first = bytes.find((b) => b > 0x20);
    if (first !== 0x2d /* - */ && first !== 0x7b /* { */) return { kind: 'pkcs8', der: bytes };
    text = new TextDecoder().decode(bytes).trim();
  } else if (typeof CryptoKey === 'function' && input instanceof CryptoKey) {
    const algorithm = input.algorithm as RsaHashedKeyAlgorithm;
    if (
      input.type !== 'private' ||
      algorithm.name !== 'RSA-PSS' ||
      algorithm.hash?.name !== 'SHA-256' ||
      !input.usages.includes('sign')
    ) {
      refuse('WRONG_ALGORITHM', `CryptoKey (${algorithm.name}, ${input.type})`);
    }
    return { kind: 'key', key: input };
  } else if (typeof input === 'object' && (input as JsonWebKey).kty === 'RSA') {
    return { kind: 'jwk', jwk: cleanJwk(input as JsonWebKey) };
  }
  if (text === undefined) refuse('UNSUPPORTED', typeof input);
  if (text.startsWith('{')) {
    try {
      return sourceOf(JSON.parse(text) as JsonWebKey);
    } catch (cause) {
      if (cause instanceof SyntaxError) refuse('MALFORMED', 'JSON');
      throw cause;
    }
  }
  const pem = PEM.exec(text);
  const der = fromBase64(pem ? pem[2]! : text);
  if (!der) refuse(text.includes('-----BEGIN') ? 'UNSUPPORTED' : 'MALFORMED', pem ? 'PEM' : 'text');
  return { kind: pem?.[1] ? 'pkcs1' : 'pkcs8', der };
}

/**
 * The lean path's key: sorted synchronously (a refusal throws now), imported once on first use as a
 * non-extractable RSA-PSS key whose modulus is checked (at least 2048 bits). DER that is not PKCS#8 is tried
 * as PKCS#1. Returns the function that yields the shared import.
 */
export function fastKey(input: PrivateKeyInput, subtle: SubtleCrypto): () => Promise<CryptoKey> {
  const source = sourceOf(input);
  const importDer = (der: Uint8Array) => subtle.importKey('pkcs8', der.slice(), KEY_ALGORITHM, false, ['sign']);
  let key: Promise<CryptoKey> | undefined;
  const load = async (): Promise<CryptoKey> => {
    let imported: CryptoKey;
    try {
      imported =
        source.kind === 'key'
          ? source.key
          : source.kind === 'jwk'
            ? await subtle.importKey('jwk', source.jwk, KEY_ALGORITHM, false, ['sign'])
            : source.kind === 'pkcs1'
              ? await importDer(wrapPkcs1InPkcs8(source.der))
              : await importDer(source.der).catch(() => importDer(wrapPkcs1InPkcs8(source.der)));
    } catch (cause) {
      refuse('MALFORMED', source.kind === 'jwk' ? 'JWK' : 'DER', cause); // WebCrypto's error carries no key bytes
    }
    checkModulus((imported.algorithm as RsaHashedKeyAlgorithm).modulusLength, 'RSA key');
    return imported;
  };
  return () => (key ??= load());
}
