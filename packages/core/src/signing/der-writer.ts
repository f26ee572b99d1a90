/**
 * A small DER writer (X.690), just enough for a self-signed X.509 certificate: SEQUENCE, SET, INTEGER, OID,
 * UTF8String, NULL, BIT STRING, UTCTime/GeneralizedTime and context tags. The SDK itself never writes a
 * certificate: the sandbox (its SNS certificate) and the tests use it through `@amazon-pay-edge/core/internal`.
 * The element encoding (tag, length, content) is `derTlv`, shared with the PKCS#1 -> PKCS#8 wrapping.
 */
import { toBase64 } from '../encoding.js';
import { concatBytes as concat, derTlv as tlv } from './der.js';

/** SEQUENCE of the items. */
export const sequence = (...items: Uint8Array[]) => tlv(0x30, ...items);
/** SET of the items. */
export const set = (...items: Uint8Array[]) => tlv(0x31, ...items);
/** NULL. */
export const nul = () => tlv(0x05);
/** UTF8String. */
export const utf8String = (text: string) => tlv(0x0c, new TextEncoder().encode(text));
/** BIT STRING with no unused bits (a signature). */
export const bitString = (bytes: Uint8Array) => tlv(0x03, Uint8Array.of(0), bytes);
/** `[n]` EXPLICIT, constructed. */
export const explicit = (n: number, inner: Uint8Array) => tlv(0xa0 | n, inner);

/** A non-negative INTEGER from big-endian bytes (a leading 0x00 keeps it positive). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? concat([Uint8Array.of(0), trimmed]) : trimmed);
}

/** OBJECT IDENTIFIER from its dotted form (`2.5.4.3`). */
export function oid(dotted: string): Uint8Array<ArrayBuffer> {
  const [a, b, ...rest] = dotted.split('.').map(Number) as [number, number, ...number[]];
  const bytes = [a * 40 + b];
  for (const part of rest) {
    const chunk = [part & 0x7f];
    for (let v = Math.floor(part / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(bytes));
}

/**
 * RFC 5280 4.1.2.5: UTCTime for the years 1950-2049, GeneralizedTime otherwise; `form` forces one (tests
 * write the form RFC 5280 does not allow, to check the parser accepts what real certificates carry).
 */
export function x509Time(at: number | Date, form?: 'utc' | 'generalized'): Uint8Array<ArrayBuffer> {
  const date = new Date(at);
  const compact = date.toISOString().slice(0, 19).replace(/[-:T]/g, '') + 'Z'; // 20300102030405Z
  const year = date.getUTCFullYear();
  const useUtc = form ? form === 'utc' : year >= 1950 && year < 2050;
  const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));
  return useUtc ? tlv(0x17, ascii(compact.slice(2))) : tlv(0x18, ascii(compact));
}

/** PEM text (64-character lines) of DER bytes under `label` (`CERTIFICATE`). */
export function toPem(der: Uint8Array, label: string): string {
  const body = toBase64(der)
    .replace(/(.{64})/g, '$1\n')
    .replace(/\n$/, '');
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}
