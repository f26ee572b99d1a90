/**
 * Amazon Pay's canonical request and string-to-sign (protocol notes, section 1), as pure synchronous
 * functions. The rules follow the .NET and Java SDKs, which ship the published test vectors.
 */
import { sha256 } from './sha256.js';
import { AmazonPayInvalidArgumentError } from '../errors.js';
import { toHex, utf8 } from '../encoding.js';

/** One query parameter value; numbers and booleans are sent as their text. */
export type QueryValue = string | number | boolean;
/** Query parameters; arrays repeat the name, `undefined`/`null` leave the parameter out. */
export type QueryParams = Readonly<Record<string, QueryValue | readonly QueryValue[] | null | undefined>>;

/** What the canonical request is built from: the request as it is (or was) sent. */
export interface CanonicalRequestInput {
  method: string;
  /** The path before encoding, e.g. `/sandbox/v2/charges/S01-123`. Each segment is RFC 3986-encoded here. */
  path: string;
  query?: QueryParams | undefined;
  /** Exactly the headers to sign (names in any case). */
  headers: Readonly<Record<string, string>>;
  /** The exact body bytes sent; a string is hashed as UTF-8. Absent means the empty body. */
  body?: string | Uint8Array | undefined;
}

const NOT_UNRESERVED = /[!'()*]/g;

/** RFC 3986 percent-encoding: everything but `A-Za-z0-9-_.~`, as UTF-8 bytes, upper-case hex. */
export function encodeRfc3986(value: string): string {
  let encoded: string;
  try {
    encoded = encodeURIComponent(value);
  } catch (cause) {
    throw new AmazonPayInvalidArgumentError(
      'string',
      'A path segment or query value contains a lone UTF-16 surrogate and cannot be encoded as ' +
        'UTF-8; pass well-formed text.',
      { cause },
    );
  }
  return encoded.replace(NOT_UNRESERVED, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}

/** Collapses runs of `/`, encodes each segment, and always starts with `/`. */
export function canonicalUri(path: string): string {
  if (path === '') return '/';
  const collapsed = path.replace(/\/{2,}/g, '/');
  const encoded = collapsed.split('/').map(encodeRfc3986).join('/');
  return encoded.startsWith('/') ? encoded : '/' + encoded;
}

/** Encoded `name=value` pairs sorted by name, then value (code-unit order); the URL sends the same string. */
export function canonicalQuery(query: QueryParams | undefined): string {
  if (!query) return '';
  const pairs: [string, string][] = [];
  for (const name of Object.keys(query)) {
    const value = query[name];
    if (value === undefined || value === null) continue;
    const values = Array.isArray(value) ? (value as readonly QueryValue[]) : [value as QueryValue];
    const encodedName = encodeRfc3986(name);
    for (const v of values) pairs.push([encodedName, encodeRfc3986(String(v))]);
  }
  pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0));
  return pairs.map(([n, v]) => `${n}=${v}`).join('&');
}

/** Lower-cased, sorted header names and their trimmed, whitespace-collapsed values. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): { block: string; signedHeaders: string } {
  const merged = new Map<string, string>();
  for (const name of Object.keys(headers)) {
    const key = name.toLowerCase();
    const value = String(headers[name]).trim().replace(/\s+/g, ' ');
    const prior = merged.get(key);
    merged.set(key, prior === undefined ? value : `${prior},${value}`);
  }
  const names = [...merged.keys()].sort();
  let block = '';
  for (const n of names) block += `${n}:${merged.get(n)}\n`;
  return { block, signedHeaders: names.join(';') };
}

/** Lower-case hex SHA-256 of the exact bytes (a string is taken as UTF-8). */
export function sha256Hex(data: string | Uint8Array): string {
  return toHex(sha256(typeof data === 'string' ? utf8(data) : data));
}

/** The canonical request: method, URI, query, headers, signed header names and the body hash, one per line. */
export function canonicalRequest(input: CanonicalRequestInput): string {
  return canonicalRequestWithHeaders(input).canonical;
}

/** The canonical request and its SignedHeaders list, computed together (the signer needs both). */
export function canonicalRequestWithHeaders(input: CanonicalRequestInput): {
  canonical: string;
  signedHeaders: string;
} {
  const { block, signedHeaders } = canonicalHeaders(input.headers);
  const canonical = [
    input.method.toUpperCase(),
    canonicalUri(input.path),
    canonicalQuery(input.query),
    block,
    signedHeaders,
    sha256Hex(input.body ?? ''),
  ].join('\n');
  return { canonical, signedHeaders };
}

/** `ALGORITHM "\n" hex(sha256(canonicalRequest))`, no trailing newline. */
export function stringToSign(algorithm: string, canonical: string): string {
  return `${algorithm}\n${sha256Hex(canonical)}`;
}
