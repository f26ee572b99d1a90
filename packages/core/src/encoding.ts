/** Byte helpers on Web APIs only (Uint8Array, TextEncoder): UTF-8, hex and standard Base64. */

const encoder = new TextEncoder();

/** UTF-8 bytes of a string. */
export function utf8(text: string): Uint8Array<ArrayBuffer> {
  return encoder.encode(text);
}

/** Two lower-case hex digits of each byte value. */
export const HEX: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!];
  return out;
}

/**
 * Standard Base64 with `=` padding and no line breaks. `btoa` is native everywhere this core runs; a JavaScript
 * loop was twice its cost warm and ran interpreted on a cold isolate (bench/README.md). Chunks keep
 * `fromCharCode`'s argument count far below any engine's limit.
 */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000) as unknown as number[]);
  return btoa(binary);
}

/** Well-formed standard Base64: whole quads, `=` only as the padding of the last one. */
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/**
 * Strict standard Base64 decoding (whitespace ignored). Returns `undefined` for anything that is not
 * well-formed, so callers can report "garbled" without echoing the input. The regular expression decides what is
 * well-formed and the platform's `atob` decodes: on a cold isolate a JavaScript decoding loop over a 1.6 KB PEM
 * ran interpreted and was most of the key parsing time (bench/README.md, cold start).
 */
export function fromBase64(text: string): Uint8Array | undefined {
  const clean = text.replace(/\s/g, '');
  if (clean.length === 0 || !BASE64.test(clean)) return undefined;
  const binary = atob(clean);
  const out = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
  return out;
}

/** Base64url (JWK members) decoding; `undefined` when malformed. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  let s = text.replace(/-/g, '+').replace(/_/g, '/');
  while (s.length % 4 !== 0) s += '=';
  return fromBase64(s);
}
