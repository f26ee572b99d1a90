/**
 * The sandbox's stand-in for SNS's signing certificate: an RSA key pair made with WebCrypto at first use
 * and a self-signed X.509 v3 certificate for it (sha256WithRSAEncryption), written with the DER writer in
 * der.ts. One key pair serves both SNS signature versions: it is imported once per hash.
 */
import {
  bitString,
  explicit,
  nul,
  oid,
  sequence,
  set,
  unsignedInteger,
  utf8String,
  x509Time,
  toPem,
} from '@amazon-pay-edge/core/internal';

const SHA256_WITH_RSA = '1.2.840.113549.1.1.11';
const COMMON_NAME = '2.5.4.3';
const RSA_PARAMS = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: Uint8Array.of(1, 0, 1) } as const;

export type SnsHash = 'SHA-1' | 'SHA-256';

export interface SnsSigningIdentity {
  /** PEM "CERTIFICATE", as served at `/sandbox-ui/sns-certificate.pem`. */
  certificatePem: string;
  notBefore: number;
  notAfter: number;
  /** RSASSA-PKCS1-v1_5 over the UTF-8 bytes of `text`. */
  sign(hash: SnsHash, text: string): Promise<Uint8Array>;
}

/** Makes the key pair and certificate, valid from `now - 1 day` to `now + 1 year`. */
export async function createSigningIdentity(
  subtle: SubtleCrypto,
  now: number,
  commonName: string,
): Promise<SnsSigningIdentity> {
  const pair = (await subtle.generateKey({ ...RSA_PARAMS, hash: 'SHA-256' }, true, [
    'sign',
    'verify',
  ])) as CryptoKeyPair;
  const pkcs8 = await subtle.exportKey('pkcs8', pair.privateKey);
  const spki = new Uint8Array(await subtle.exportKey('spki', pair.publicKey));
  const keys = new Map<SnsHash, Promise<CryptoKey>>([['SHA-256', Promise.resolve(pair.privateKey)]]);
  const keyFor = (hash: SnsHash): Promise<CryptoKey> => {
    let key = keys.get(hash);
    if (!key)
      keys.set(hash, (key = subtle.importKey('pkcs8', pkcs8, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign'])));
    return key;
  };
  const sign = async (hash: SnsHash, data: Uint8Array<ArrayBuffer>) =>
    new Uint8Array(await subtle.sign('RSASSA-PKCS1-v1_5', await keyFor(hash), data));

  const DAY = 24 * 60 * 60_000;
  const notBefore = Math.floor((now - DAY) / 1000) * 1000; // X.509 times have whole seconds
  const notAfter = Math.floor((now + 365 * DAY) / 1000) * 1000;
  const algorithm = sequence(oid(SHA256_WITH_RSA), nul());
  const name = sequence(set(sequence(oid(COMMON_NAME), utf8String(commonName))));
  const serial = crypto.getRandomValues(new Uint8Array(16));
  serial[0]! &= 0x7f; // positive, at most 20 octets (RFC 5280 4.1.2.2)
  const tbs = sequence(
    explicit(0, unsignedInteger(Uint8Array.of(2))),
    unsignedInteger(serial),
    algorithm,
    name,
    sequence(x509Time(notBefore), x509Time(notAfter)),
    name,
    spki,
  );
  const certificate = sequence(tbs, algorithm, bitString(await sign('SHA-256', tbs)));
  return {
    certificatePem: toPem(certificate, 'CERTIFICATE'),
    notBefore,
    notAfter,
    sign: (hash, text) => sign(hash, new TextEncoder().encode(text)),
  };
}
