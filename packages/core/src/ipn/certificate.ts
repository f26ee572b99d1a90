/**
 * X.509 PEM certificate -> SubjectPublicKeyInfo and validity period, by a small DER walk over the reader
 * in signing/der.ts. Deliberately not jose's `importX509`: that would add jose (and its X.509/ASN.1 code)
 * to every Worker bundle for the three fields needed here.
 */
import { AmazonPayIpnError } from '../errors.js';
import { fromBase64 } from '../encoding.js';
import { children, oidToString, readTlv, readWhole, type Tlv } from '../signing/der.js';

/** The parts of an SNS signing certificate the verifier uses. */
export interface IpnCertificate {
  /** DER SubjectPublicKeyInfo, ready for `crypto.subtle.importKey('spki', ...)`. */
  spki: Uint8Array<ArrayBuffer>;
  /** Validity period, epoch milliseconds (inclusive). */
  notBefore: number;
  notAfter: number;
}

const TAG = {
  SEQUENCE: 0x30,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OID: 0x06,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  VERSION: 0xa0,
} as const;
const RSA_ENCRYPTION = '1.2.840.113549.1.1.1';

function invalid(message: string): never {
  throw new AmazonPayIpnError('CERT_INVALID', `The SNS signing certificate ${message}`);
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\s]+)-----END CERTIFICATE-----/;

/** The first CERTIFICATE block of a PEM text, decoded. */
export function pemCertificateToDer(pem: string): Uint8Array {
  const match = PEM_CERTIFICATE.exec(pem);
  if (!match) invalid('is not a PEM "CERTIFICATE" block: SigningCertURL must point at an SNS certificate.');
  const der = fromBase64(match[1]!);
  if (!der) invalid('has garbled Base64 inside its PEM block.');
  return der;
}

function expect(tlv: Tlv | undefined, tag: number, what: string): Tlv {
  if (!tlv || tlv.tag !== tag) invalid(`is not a valid X.509 certificate (bad ${what}).`);
  return tlv;
}

function digits(bytes: Uint8Array, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const d = bytes[i]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return n;
}

/** UTCTime `YYMMDDHHMMSSZ` or GeneralizedTime `YYYYMMDDHHMMSSZ` (the RFC 5280 forms) -> epoch ms. */
export function readX509Time(bytes: Uint8Array, tlv: Tlv): number {
  const length = tlv.end - tlv.start;
  const yearDigits = tlv.tag === TAG.UTC_TIME ? 2 : tlv.tag === TAG.GENERALIZED_TIME ? 4 : 0;
  if (yearDigits === 0 || length !== yearDigits + 11 || bytes[tlv.end - 1] !== 0x5a /* Z */) return NaN;
  let year = digits(bytes, tlv.start, yearDigits);
  // RFC 5280 4.1.2.5.1: a two-digit year >= 50 is 19YY, otherwise 20YY.
  if (yearDigits === 2) year += year >= 50 ? 1900 : 2000;
  const at = tlv.start + yearDigits;
  const [month, day, hour, minute, second] = [0, 2, 4, 6, 8].map((offset) => digits(bytes, at + offset, 2)) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59 && second <= 59)) return NaN;
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; such a date is not valid DER either.
  return new Date(ms).getUTCDate() === day ? ms : NaN;
}

/**
 * Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }
 * TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, issuer, validity, subject,
 *                               subjectPublicKeyInfo, ... }
 */
export function parseCertificateDer(der: Uint8Array): IpnCertificate {
  const certificate = expect(readWhole(der), TAG.SEQUENCE, 'Certificate');
  const tbs = expect(readTlv(der, certificate.start, certificate.end), TAG.SEQUENCE, 'tbsCertificate');
  const fields = children(der, tbs);
  if (!fields) invalid('is not a valid X.509 certificate (truncated tbsCertificate).');
  const offset = fields[0]?.tag === TAG.VERSION ? 1 : 0;
  expect(fields[offset], TAG.INTEGER, 'serialNumber');
  expect(fields[offset + 1], TAG.SEQUENCE, 'signature algorithm');
  expect(fields[offset + 2], TAG.SEQUENCE, 'issuer');
  expect(fields[offset + 4], TAG.SEQUENCE, 'subject');
  const validity = expect(fields[offset + 3], TAG.SEQUENCE, 'validity');
  const spki = expect(fields[offset + 5], TAG.SEQUENCE, 'subjectPublicKeyInfo');

  const times = children(der, validity);
  const notBefore = times?.length === 2 ? readX509Time(der, times[0]!) : NaN;
  const notAfter = times?.length === 2 ? readX509Time(der, times[1]!) : NaN;
  if (Number.isNaN(notBefore) || Number.isNaN(notAfter)) invalid('has an unreadable validity period.');

  const [algorithm, key] = children(der, spki) ?? [];
  const oid = algorithm?.tag === TAG.SEQUENCE ? children(der, algorithm)?.[0] : undefined;
  if (oid?.tag !== TAG.OID || key?.tag !== TAG.BIT_STRING) invalid('has a malformed subjectPublicKeyInfo.');
  const algorithmOid = oidToString(der, oid);
  if (algorithmOid !== RSA_ENCRYPTION)
    invalid(`holds a non-RSA public key (algorithm ${algorithmOid}); SNS signs with RSA.`);

  // A Tlv records where its content starts; its tag byte sits right after the previous sibling (subject).
  // slice() copies, so the key bytes own a fresh ArrayBuffer.
  const spkiTagOffset = fields[offset + 4]!.end;
  return { spki: der.slice(spkiTagOffset, spki.end), notBefore, notAfter };
}

/** PEM text -> certificate facts; throws AmazonPayIpnError('CERT_INVALID') on anything unexpected. */
export function parseCertificatePem(pem: string): IpnCertificate {
  return parseCertificateDer(pemCertificateToDer(pem));
}
