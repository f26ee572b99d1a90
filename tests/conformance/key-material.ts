/**
 * Key material made inside the suite with WebCrypto, in every runtime, plus the few DER/PEM helpers
 * needed to derive the other formats (PKCS#1 from PKCS#8, an encrypted-PKCS#8 shell). No fixtures on
 * disk: service workers and Workers have no filesystem.
 */

export interface KeyMaterial {
  /** The pair as generated (extractable, RSA-PSS / SHA-256). */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JsonWebKey;
  jwk: JsonWebKey;
  pkcs8: Uint8Array;
  /** RSAPrivateKey, unwrapped from the PKCS#8 OCTET STRING. */
  pkcs1: Uint8Array;
  spki: Uint8Array;
  /** An EC P-256 private key in PKCS#8: a well-formed key of the wrong type. */
  ecPkcs8: Uint8Array;
}

export const RSA_PSS_SHA256 = { name: 'RSA-PSS', hash: 'SHA-256' } as const;

export async function makeKeyMaterial(subtle: SubtleCrypto = crypto.subtle): Promise<KeyMaterial> {
  const pair = (await subtle.generateKey(
    { ...RSA_PSS_SHA256, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]) },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair;
  const ec = (await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const pkcs8 = new Uint8Array(await subtle.exportKey('pkcs8', pair.privateKey));
  return {
    privateKey: pair.privateKey,
    publicKey: pair.publicKey,
    publicJwk: await subtle.exportKey('jwk', pair.publicKey),
    jwk: await subtle.exportKey('jwk', pair.privateKey),
    pkcs8,
    pkcs1: pkcs8ToPkcs1(pkcs8),
    spki: new Uint8Array(await subtle.exportKey('spki', pair.publicKey)),
    ecPkcs8: new Uint8Array(await subtle.exportKey('pkcs8', ec.privateKey)),
  };
}

// --- DER: just enough to read a PrivateKeyInfo and to write a few TLVs ---

interface Tlv {
  tag: number;
  /** Start and end of the contents. */
  start: number;
  end: number;
}

function readTlv(der: Uint8Array, offset: number): Tlv {
  const tag = der[offset]!;
  let length = der[offset + 1]!;
  let start = offset + 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + der[start + i]!;
    start += octets;
  }
  if (start + length > der.length) throw new Error('DER length runs past the end');
  return { tag, start, end: start + length };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let at = parent.start; at < parent.end; at = out[out.length - 1]!.end) out.push(readTlv(der, at));
  return out;
}

/** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier, OCTET STRING privateKey }. */
export function pkcs8ToPkcs1(pkcs8: Uint8Array): Uint8Array {
  const parts = children(pkcs8, readTlv(pkcs8, 0));
  const octets = parts[2];
  if (!octets || octets.tag !== 0x04) throw new Error('not a PKCS#8 PrivateKeyInfo');
  return pkcs8.slice(octets.start, octets.end);
}

export function derTlv(tag: number, ...contents: Uint8Array[]): Uint8Array {
  const length = contents.reduce((n, c) => n + c.length, 0);
  const lengthBytes: number[] = [];
  if (length < 0x80) lengthBytes.push(length);
  else {
    for (let n = length; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
    lengthBytes.unshift(0x80 | lengthBytes.length);
  }
  const out = new Uint8Array(1 + lengthBytes.length + length);
  out[0] = tag;
  out.set(lengthBytes, 1);
  let at = 1 + lengthBytes.length;
  for (const c of contents) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** EncryptedPrivateKeyInfo with PBES2 (1.2.840.113549.1.5.13) around random bytes: the shape `openssl pkcs8 -topk8` writes. */
export function encryptedPkcs8Shell(): Uint8Array {
  const pbes2 = new Uint8Array([0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05, 0x0d]);
  const algorithm = derTlv(0x30, derTlv(0x06, pbes2), derTlv(0x30));
  return derTlv(0x30, algorithm, derTlv(0x04, crypto.getRandomValues(new Uint8Array(64))));
}

// --- Base64 and PEM armour ---

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

export function pem(label: string, der: Uint8Array, eol = '\n'): string {
  const lines = toBase64(der).match(/.{1,64}/g) ?? [];
  return [`-----BEGIN ${label}-----`, ...lines, `-----END ${label}-----`, ''].join(eol);
}
