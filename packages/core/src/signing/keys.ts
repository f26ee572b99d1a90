/**
 * Private key input -> non-extractable RSA-PSS CryptoKey. Formats are detected synchronously (so a
 * client rejects a bad key at construction, before anything is sent); the WebCrypto import is async.
 * Messages name the detected format and the fix, and never include key material.
 */
import { AmazonPayKeyError, type KeyErrorReason } from '../errors.js';
import { fromBase64, fromBase64Url } from '../encoding.js';
import { children, integerBits, oidToString, readWhole, wrapPkcs1InPkcs8, type Tlv } from './der.js';

/** What a client accepts as `privateKey`. */
export type PrivateKeyInput = string | Uint8Array | ArrayBuffer | JsonWebKey | CryptoKey;

/** A private key whose format was detected and checked, ready for the WebCrypto import. */
export type PreparedKey =
  | { kind: 'pkcs8'; der: Uint8Array; format: string }
  | { kind: 'jwk'; jwk: JsonWebKey; format: string }
  | { kind: 'cryptoKey'; key: CryptoKey; format: string };

/** The smallest RSA modulus Amazon Pay accepts, in bits. */
export const MIN_MODULUS_BITS = 2048;
const RSA_OID = '1.2.840.113549.1.1.1';
const KEY_ALGORITHM = { name: 'RSA-PSS', hash: 'SHA-256' } as const;

const NEW_KEY_HINT =
  'Use the PKCS#8 file Seller Central downloads (-----BEGIN PRIVATE KEY-----), or create a key with ' +
  '`openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem` and register its public key.';

const OID_NAMES: Record<string, string> = {
  '1.2.840.10045.2.1': 'EC',
  '1.3.101.112': 'Ed25519',
  '1.3.101.113': 'Ed448',
  '1.3.101.110': 'X25519',
  '1.2.840.10040.4.1': 'DSA',
  '1.2.840.113549.1.1.10': 'RSASSA-PSS (id-RSASSA-PSS)',
  '1.2.840.113549.1.5.13': 'PBES2 (encrypted)',
};

function fail(reason: KeyErrorReason, format: string, message: string, cause?: unknown): never {
  throw new AmazonPayKeyError(reason, format, message, cause === undefined ? undefined : { cause });
}

function notRsa(algorithm: string, format: string): never {
  fail(
    'NOT_RSA',
    format,
    `The private key is a ${algorithm} key (${format}); Amazon Pay signs with RSA-PSS and needs ` +
      `an RSA key of at least 2048 bits. ${NEW_KEY_HINT}`,
  );
}

function checkModulus(bits: number, format: string): void {
  if (bits < MIN_MODULUS_BITS) {
    fail(
      'TOO_SMALL',
      format,
      `The RSA key has a ${bits}-bit modulus; Amazon Pay needs at least ${MIN_MODULUS_BITS} bits. ${NEW_KEY_HINT}`,
    );
  }
}

/** RSAPrivateKey (PKCS#1): version, n, e, d, p, q, dp, dq, qi. Returns the modulus size in bits. */
function pkcs1ModulusBits(der: Uint8Array, format: string): number {
  const top = readWhole(der);
  const parts = top && top.tag === 0x30 ? children(der, top) : undefined;
  if (!parts || parts.length < 9 || parts.some((p, i) => i < 9 && p.tag !== 0x02)) {
    fail(
      'MALFORMED',
      format,
      `The ${format} key is not a well-formed RSA private key (its DER structure is truncated or ` +
        `damaged). ${NEW_KEY_HINT}`,
    );
  }
  return integerBits(der, parts[1]!);
}

function algorithmOid(der: Uint8Array, algId: Tlv | undefined): string | undefined {
  if (!algId || algId.tag !== 0x30) return undefined;
  const oid = children(der, algId)?.[0];
  return oid && oid.tag === 0x06 ? oidToString(der, oid) : undefined;
}

/** Classifies DER bytes and returns PKCS#8 bytes for an RSA private key, or throws a typed error. */
function prepareDer(der: Uint8Array, source: 'PEM' | 'DER', label?: string): PreparedKey {
  const top = readWhole(der);
  const parts = top && top.tag === 0x30 ? children(der, top) : undefined;
  const shown = label ? `PEM "${label}"` : source === 'DER' ? 'DER bytes' : 'PEM';
  if (!parts || parts.length === 0) {
    fail(
      'MALFORMED',
      shown,
      `The key (${shown}) is truncated or is not DER: its ASN.1 structure does not parse. Check ` +
        `that the whole file was copied. ${NEW_KEY_HINT}`,
    );
  }
  const [first, second, third] = parts;
  // PKCS#8 PrivateKeyInfo: INTEGER version, AlgorithmIdentifier, OCTET STRING.
  if (first!.tag === 0x02 && second?.tag === 0x30 && third?.tag === 0x04) {
    const oid = algorithmOid(der, second);
    const format = `PKCS#8 (${source})`;
    if (oid !== RSA_OID) notRsa(OID_NAMES[oid ?? ''] ?? `non-RSA (OID ${oid})`, format);
    checkModulus(pkcs1ModulusBits(der.subarray(third.start, third.end), format), format);
    return { kind: 'pkcs8', der, format };
  }
  // EncryptedPrivateKeyInfo: AlgorithmIdentifier, OCTET STRING.
  if (first!.tag === 0x30 && second?.tag === 0x04 && parts.length === 2) {
    fail(
      'ENCRYPTED',
      `encrypted PKCS#8 (${source})`,
      'The private key is encrypted with a passphrase (encrypted PKCS#8). WebCrypto cannot decrypt it; ' +
        'write an unencrypted copy with `openssl pkcs8 -in encrypted.pem -nocrypt -topk8 -out ' +
        'private.pem` (keep it in a secret store).',
    );
  }
  // SubjectPublicKeyInfo: AlgorithmIdentifier, BIT STRING.
  if (first!.tag === 0x30 && second?.tag === 0x03 && parts.length === 2) {
    fail(
      'PUBLIC_KEY',
      `public key (SPKI, ${source})`,
      'This is a public key, not the private key. Pass the private key file that belongs to your ' +
        'public key id (the one Seller Central let you download when the key was created).',
    );
  }
  // Certificate: TBSCertificate, AlgorithmIdentifier, BIT STRING.
  if (first!.tag === 0x30 && second?.tag === 0x30 && third?.tag === 0x03) {
    fail(
      'CERTIFICATE',
      `X.509 certificate (${source})`,
      'This is an X.509 certificate, not a private key. Pass the private key file that belongs to your public key id.',
    );
  }
  if (parts.every((p) => p.tag === 0x02)) {
    if (parts.length >= 9) {
      const format = `PKCS#1 RSA private key (${source})`;
      checkModulus(pkcs1ModulusBits(der, format), format);
      return { kind: 'pkcs8', der: wrapPkcs1InPkcs8(der), format };
    }
    if (parts.length === 2) {
      fail(
        'PUBLIC_KEY',
        `PKCS#1 RSA public key (${source})`,
        'This is an RSA public key, not the private key. Pass the private key that belongs to your public key id.',
      );
    }
    if (parts.length === 6) notRsa('DSA', `DSA private key (${source})`);
  }
  // SEC1 ECPrivateKey: INTEGER 1, OCTET STRING, ...
  if (first!.tag === 0x02 && second?.tag === 0x04) notRsa('EC', `SEC1 EC private key (${source})`);
  fail('UNSUPPORTED', shown, `The key (${shown}) is DER but not a format this SDK knows. ${NEW_KEY_HINT}`);
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/;

function preparePem(text: string): PreparedKey {
  const match = PEM_RE.exec(text);
  if (!match) {
    const begin = /-----BEGIN ([A-Z0-9 ]+)-----/.exec(text);
    fail(
      'MALFORMED',
      begin ? `PEM "${begin[1]}"` : 'PEM',
      `The PEM ${begin ? `"${begin[1]}" ` : ''}has no matching -----END----- line: the key looks ` +
        `truncated. Copy the whole file, including the END line.`,
    );
  }
  const label = match[1]!;
  const body = match[2]!;
  switch (label) {
    case 'OPENSSH PRIVATE KEY':
      fail(
        'OPENSSH',
        'OpenSSH private key',
        'This is an OpenSSH private key (-----BEGIN OPENSSH PRIVATE KEY-----, what `ssh-keygen` ' +
          'writes by default), which WebCrypto cannot import. ' +
          'Convert the file in place with `ssh-keygen -p -m PKCS8 -f <file>` (it then starts ' +
          'with -----BEGIN PRIVATE KEY-----), ' +
          'or create a new key with `openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out private.pem`.',
      );
    case 'ENCRYPTED PRIVATE KEY':
      return prepareDer(decodePemBody(body, label), 'PEM', label);
    case 'EC PRIVATE KEY':
      notRsa('EC', `PEM "${label}"`);
    case 'DSA PRIVATE KEY':
      notRsa('DSA', `PEM "${label}"`);
    case 'PUBLIC KEY':
    case 'RSA PUBLIC KEY':
      fail(
        'PUBLIC_KEY',
        `PEM "${label}"`,
        'This is a public key, not the private key. Pass the private key file that belongs to ' +
          'your public key id (Seller Central offers it for download once, when the key is created).',
      );
    case 'CERTIFICATE':
    case 'X509 CERTIFICATE':
    case 'TRUSTED CERTIFICATE':
      fail(
        'CERTIFICATE',
        `PEM "${label}"`,
        'This is an X.509 certificate, not a private key. Pass the private key file that belongs ' +
          'to your public key id.',
      );
    case 'RSA PRIVATE KEY': {
      if (/Proc-Type:\s*4,ENCRYPTED/i.test(body)) {
        fail(
          'ENCRYPTED',
          'encrypted PKCS#1 PEM',
          'The RSA private key is encrypted with a passphrase (Proc-Type: 4,ENCRYPTED). Write an ' +
            'unencrypted PKCS#8 copy with ' +
            '`openssl pkcs8 -topk8 -nocrypt -in encrypted.pem -out private.pem` and keep it in a secret store.',
        );
      }
      const prepared = prepareDer(decodePemBody(body, label), 'PEM', label);
      return { ...prepared, format: 'PKCS#1 PEM (BEGIN RSA PRIVATE KEY)' };
    }
    case 'PRIVATE KEY': {
      const prepared = prepareDer(decodePemBody(body, label), 'PEM', label);
      return { ...prepared, format: 'PKCS#8 PEM (BEGIN PRIVATE KEY)' };
    }
    default:
      fail(
        'UNSUPPORTED',
        `PEM "${label}"`,
        `A PEM "${label}" block is not a private key format this SDK can use. ${NEW_KEY_HINT}`,
      );
  }
}

function decodePemBody(body: string, label: string): Uint8Array {
  const der = fromBase64(body);
  if (!der) {
    fail(
      'MALFORMED',
      `PEM "${label}"`,
      `The Base64 inside the PEM "${label}" block is garbled (characters outside Base64, or a ` +
        `cut-off line). Copy the file again without editing it.`,
    );
  }
  return der;
}

function prepareJwk(jwk: JsonWebKey): PreparedKey {
  const format = 'JWK';
  if (jwk.kty !== 'RSA') notRsa(String(jwk.kty ?? 'unknown'), `JWK (kty ${String(jwk.kty)})`);
  if (typeof jwk.d !== 'string') {
    fail('PUBLIC_KEY', 'public JWK', 'This JWK is a public key (it has no "d" member). Pass the private JWK.');
  }
  const n = typeof jwk.n === 'string' ? fromBase64Url(jwk.n) : undefined;
  if (!n || typeof jwk.e !== 'string')
    fail('MALFORMED', format, 'The RSA JWK is missing or has a malformed "n" or "e" member.');
  let i = 0;
  while (i < n.length && n[i] === 0) i++;
  checkModulus((n.length - i) * 8 - (n.length > i ? Math.clz32(n[i]!) - 24 : 0), format);
  // Drop alg/use/key_ops: an "RS256" or "PS512" label would make an RSA-PSS/SHA-256 import fail.
  const { kty, n: nn, e, d, p, q, dp, dq, qi } = jwk;
  const clean: JsonWebKey = { kty, n: nn, e, d };
  if (p !== undefined) Object.assign(clean, { p, q, dp, dq, qi });
  return { kind: 'jwk', jwk: clean, format };
}

function isCryptoKey(value: object): value is CryptoKey {
  return 'algorithm' in value && 'usages' in value && 'type' in value && 'extractable' in value;
}

function prepareCryptoKey(key: CryptoKey): PreparedKey {
  // An object that merely looks like a CryptoKey would fail deep inside subtle.sign at the first call.
  const RealCryptoKey = (globalThis as { CryptoKey?: abstract new () => CryptoKey }).CryptoKey;
  if (typeof RealCryptoKey === 'function' && !(key instanceof RealCryptoKey)) {
    fail(
      'UNSUPPORTED',
      'CryptoKey look-alike',
      'privateKey has the fields of a CryptoKey but is not one. Pass a key from crypto.subtle.importKey.',
    );
  }
  const format = `CryptoKey (${key.algorithm.name}, ${key.type})`;
  if (key.type !== 'private')
    fail('PUBLIC_KEY', format, 'This CryptoKey is not a private key. Pass the private half of the pair.');
  const algorithm = key.algorithm as RsaHashedKeyAlgorithm;
  if (algorithm.name !== 'RSA-PSS' || algorithm.hash?.name !== 'SHA-256' || !key.usages.includes('sign')) {
    fail(
      'WRONG_ALGORITHM',
      format,
      "The CryptoKey must be imported as { name: 'RSA-PSS', hash: 'SHA-256' } with usage 'sign'. " +
        'Re-import it with those parameters (extractable: false is fine).',
    );
  }
  checkModulus(algorithm.modulusLength, format);
  return { kind: 'cryptoKey', key, format };
}

/** Detects the key's format and checks it, synchronously. Throws `AmazonPayKeyError`. */
export function preparePrivateKey(input: PrivateKeyInput): PreparedKey {
  if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) {
    fail(
      'EMPTY',
      'empty',
      'No private key was given (privateKey is empty). Pass the PEM text, DER bytes, a JWK or a CryptoKey.',
    );
  }
  if (typeof input === 'string') return prepareText(input);
  if (input instanceof ArrayBuffer) return prepareBytes(new Uint8Array(input));
  if (ArrayBuffer.isView(input)) return prepareBytes(new Uint8Array(input.buffer, input.byteOffset, input.byteLength));
  if (typeof input === 'object') {
    if (isCryptoKey(input)) return prepareCryptoKey(input);
    if ('kty' in input) return prepareJwk(input);
    if (
      (input as { type?: unknown }).type === 'private' &&
      typeof (input as { export?: unknown }).export === 'function'
    ) {
      fail(
        'UNSUPPORTED',
        'KeyObject',
        'A KeyObject from the Node crypto module cannot be used by the Web-API core. Use the ' +
          'clients from @amazon-pay-edge/node, which accept KeyObjects, or pass the PEM text.',
      );
    }
  }
  fail(
    'UNSUPPORTED',
    typeof input,
    `privateKey must be PEM text, DER bytes, an RSA private JWK or a CryptoKey; got ${typeof input}.`,
  );
}

function prepareBytes(bytes: Uint8Array): PreparedKey {
  if (bytes.length === 0) fail('EMPTY', 'empty', 'The private key bytes are empty.');
  // PEM or JSON text handed over as bytes (e.g. a file read without an encoding).
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i++;
  if (bytes[i] === 0x2d /* - */ || bytes[i] === 0x7b /* { */) return prepareText(new TextDecoder().decode(bytes));
  return prepareDer(bytes, 'DER');
}

function prepareText(raw: string): PreparedKey {
  // Env vars often carry the PEM with literal "\n" escapes (and Windows line endings); a PEM body never contains a
  // backslash.
  const text = raw.replace(/\\r\\n|\\n|\\r/g, '\n').replace(/\r\n?/g, '\n');
  if (text.includes('-----BEGIN')) return preparePem(text);
  const trimmed = text.trim();
  if (trimmed.startsWith('PuTTY-User-Key-File')) {
    fail(
      'UNSUPPORTED',
      'PuTTY private key',
      'This is a PuTTY .ppk key. Export it with `puttygen key.ppk -O private-openssh-new -o key` ' +
        'and then `ssh-keygen -p -m PKCS8 -f key`.',
    );
  }
  if (/^(ssh-rsa|ssh-ed25519|ecdsa-sha2-\S+|ssh-dss) /.test(trimmed)) {
    fail(
      'PUBLIC_KEY',
      'OpenSSH public key',
      'This is an OpenSSH public key, not a private key. Pass the private key that belongs to your public key id.',
    );
  }
  if (trimmed.startsWith('{')) {
    let jwk: JsonWebKey;
    try {
      jwk = JSON.parse(trimmed) as JsonWebKey;
    } catch {
      fail(
        'MALFORMED',
        'JSON',
        'The private key looks like JSON (a JWK) but does not parse. Pass the JWK as an object or valid JSON text.',
      );
    }
    return prepareJwk(jwk);
  }
  if (/^(\.{0,2}\/|[A-Za-z]:\\|~\/)|\.(pem|key|der|txt)$/i.test(trimmed)) {
    fail(
      'UNSUPPORTED',
      'file path',
      'privateKey looks like a file path; the Web-API core cannot read files. Read the file ' +
        'yourself, or use the clients from @amazon-pay-edge/node, which accept a path.',
    );
  }
  const der = fromBase64(trimmed);
  if (der) return prepareDer(der, 'DER');
  fail(
    'MALFORMED',
    'unknown text',
    'The private key is neither PEM (no -----BEGIN line), a JWK, nor Base64 DER. Pass the ' +
      'contents of the .pem file Seller Central gave you.',
  );
}

/** Imports a prepared key as a non-extractable RSA-PSS signing key. */
export async function importPreparedKey(prepared: PreparedKey, subtle: SubtleCrypto): Promise<CryptoKey> {
  if (prepared.kind === 'cryptoKey') return prepared.key;
  try {
    return prepared.kind === 'pkcs8'
      ? await subtle.importKey('pkcs8', prepared.der.slice(), KEY_ALGORITHM, false, ['sign'])
      : await subtle.importKey('jwk', prepared.jwk, KEY_ALGORITHM, false, ['sign']);
  } catch (cause) {
    // The cause comes from WebCrypto and carries no key bytes.
    fail(
      'MALFORMED',
      prepared.format,
      `WebCrypto rejected the ${prepared.format} key as an RSA-PSS signing key. The key may be ` +
        `damaged. ${NEW_KEY_HINT}`,
      cause,
    );
  }
}

/** One-step convenience: detect, check and import. */
export async function importPrivateKey(
  input: PrivateKeyInput,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<CryptoKey> {
  return importPreparedKey(preparePrivateKey(input), subtle);
}
