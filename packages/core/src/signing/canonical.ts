/**
 * Amazon Pay's canonical request and string-to-sign (protocol notes, section 1), as pure synchronous
 * functions. The rules follow the .NET and Java SDKs, which ship the published test vectors.
 */
import { digestHex, inThreadDigest, sha256HexOfBytes, sha256HexOfText } from './sha256.js';
import { AmazonPayInvalidArgumentError } from '../errors.js';

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
// Text that encodes to itself; one test is cheaper than encoding it (the usual id, name and path segment).
const UNRESERVED_ONLY = /^[A-Za-z0-9\-_.~]*$/;
const PLAIN_PATH = /^[A-Za-z0-9\-_.~/]*$/;

/** RFC 3986 percent-encoding: everything but `A-Za-z0-9-_.~`, as UTF-8 bytes, upper-case hex. */
export function encodeRfc3986(value: string): string {
  if (UNRESERVED_ONLY.test(value)) return value;
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
  if (PLAIN_PATH.test(path) && !path.includes('//')) return path.startsWith('/') ? path : '/' + path;
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

/** Whitespace to trim or collapse: a value without it is used as it is (the usual case, one regex test). */
const NEEDS_CLEANING = /^\s|\s$|[^\S ]|  /;

/** Lower-cased, sorted header names and their trimmed, whitespace-collapsed values. */
export function canonicalHeaders(headers: Readonly<Record<string, string>>): { block: string; signedHeaders: string } {
  const merged = new Map<string, string>();
  for (const name of Object.keys(headers)) {
    const key = name.toLowerCase();
    let value = String(headers[name]);
    if (NEEDS_CLEANING.test(value)) value = value.trim().replace(/\s+/g, ' ');
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
  return typeof data === 'string' ? sha256HexOfText(data) : sha256HexOfBytes(data);
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
  return assemble(input, sha256Hex(input.body ?? ''));
}

/** The one layout of the canonical request, around the body's hash. */
function assemble(input: CanonicalRequestInput, bodyHash: string): { canonical: string; signedHeaders: string } {
  const { block, signedHeaders } = canonicalHeaders(input.headers);
  const uri = canonicalUri(input.path);
  const query = canonicalQuery(input.query);
  const canonical = `${input.method.toUpperCase()}\n${uri}\n${query}\n${block}\n${signedHeaders}\n${bodyHash}`;
  return { canonical, signedHeaders };
}

/** `ALGORITHM "\n" hex(sha256(canonicalRequest))`, no trailing newline. */
export function stringToSign(algorithm: string, canonical: string): string {
  return `${algorithm}\n${sha256Hex(canonical)}`;
}

/** What a signature is computed over, with the canonical request it came from. */
export interface SigningStrings {
  canonical: string;
  signedHeaders: string;
  stringToSign: string;
}

/**
 * The canonical request and string to sign, hashed the cheapest way the platform offers: its in-thread
 * `crypto.subtle.digest` where it has one (workerd), else this package's SHA-256 synchronously, with no promise
 * (so no extra microtask hop) on that path. Both give the same strings.
 */
export function signingStrings(
  input: CanonicalRequestInput,
  algorithm: string,
): SigningStrings | Promise<SigningStrings> {
  if (!inThreadDigest()) {
    const { canonical, signedHeaders } = canonicalRequestWithHeaders(input);
    return { canonical, signedHeaders, stringToSign: stringToSign(algorithm, canonical) };
  }
  return (async () => {
    const { canonical, signedHeaders } = assemble(input, await digestHex(input.body ?? ''));
    return { canonical, signedHeaders, stringToSign: `${algorithm}\n${await digestHex(canonical)}` };
  })();
}
