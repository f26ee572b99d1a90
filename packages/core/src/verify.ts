/**
 * `verifySignedRequest`: checks an incoming signed request the way Amazon Pay does — for code that sits
 * between a client and Amazon (a proxy, a queue) and for the local sandbox and the test fakes, which all
 * use this one implementation. The canonical request is rebuilt from what arrived (decoded path and
 * query, the signed headers, the exact body bytes) and the RSA-PSS signature verified with WebCrypto.
 */
import { fromBase64 } from './encoding.js';
import { AmazonPayError } from './errors.js';
import { ALGORITHMS, isSigningAlgorithm, type SigningAlgorithm } from './signing/algorithms.js';
import { parseAuthorization } from './signing/authorization.js';
import { canonicalRequest, stringToSign } from './signing/canonical.js';
import { parseAmzDate } from './signing/date.js';
import { receivedPath, receivedQuery } from './signing/received.js';

/**
 * Headers that change what a request does must be signed whenever they are sent: otherwise a captured request
 * replayed with a fresh unsigned idempotency key (or another auth token) would act again.
 */
export const SIGNED_WHEN_PRESENT: readonly string[] = ['x-amz-pay-idempotency-key', 'x-amz-pay-authtoken'];
/** The headers Amazon Pay requires in every request, each listed in `SignedHeaders`. */
export const REQUIRED_SIGNED_HEADERS = [
  'accept',
  'content-type',
  'x-amz-pay-date',
  'x-amz-pay-host',
  'x-amz-pay-region',
] as const;
/** How old `x-amz-pay-date` may be: Amazon Pay refuses requests signed more than 15 minutes ago. */
export const MAX_SIGNATURE_AGE_MS = 15 * 60_000;

/** Why a signed request was refused; stable, for `switch` statements. */
export type SignatureErrorReason =
  | 'MISSING_AUTHORIZATION'
  | 'MALFORMED_AUTHORIZATION'
  | 'UNSUPPORTED_ALGORITHM'
  | 'MISSING_HEADER'
  | 'UNSIGNED_HEADER'
  | 'BAD_DATE'
  | 'FUTURE_DATE'
  | 'STALE_DATE'
  | 'UNKNOWN_KEY_ID'
  | 'BAD_KEY'
  | 'BAD_SIGNATURE';

/**
 * A signed request failed verification. `reason` says which check refused it. A changed body, a changed
 * signed header, a changed path or query and a signature made with another key all give `BAD_SIGNATURE`:
 * the signature covers them together, so no verifier can tell them apart.
 */
export class AmazonPaySignatureError extends AmazonPayError {
  override name = 'AmazonPaySignatureError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_SIGNATURE';
  readonly reason: SignatureErrorReason;
  /** The header concerned (`MISSING_HEADER`, `UNSIGNED_HEADER`, date reasons), when there is one. */
  readonly header: string | undefined;
  /** The key id from the `authorization` header, once it parsed. */
  readonly publicKeyId: string | undefined;
  /** The string to sign rebuilt from the request (`BAD_SIGNATURE`), as Amazon echoes it; no secret. */
  readonly stringToSign: string | undefined;
  constructor(
    reason: SignatureErrorReason,
    message: string,
    facts: { header?: string; publicKeyId?: string; stringToSign?: string; cause?: unknown } = {},
  ) {
    super('ERR_AMAZON_PAY_SIGNATURE', message, facts.cause === undefined ? undefined : { cause: facts.cause });
    this.reason = reason;
    this.header = facts.header;
    this.publicKeyId = facts.publicKeyId;
    this.stringToSign = facts.stringToSign;
  }
}

/** A public key: SPKI PEM text (`-----BEGIN PUBLIC KEY-----`) or a public RSA-PSS `CryptoKey`. */
export type PublicKeyInput = string | CryptoKey;

/** The keys to check signatures with, and the clock rules. */
export interface VerifySignedRequestOptions {
  /**
   * Public key id -> public key. A function may look keys up elsewhere; it returns `undefined` for an
   * unknown id. PEM keys are imported once per options object.
   */
  keys:
    | Readonly<Record<string, PublicKeyInput>>
    | ((publicKeyId: string) => PublicKeyInput | Promise<PublicKeyInput | undefined> | undefined);
  /** The current time in ms (default `Date.now`): the sandbox passes its own, shiftable clock. */
  now?: (() => number) | undefined;
  /** How far in the future `x-amz-pay-date` may be, for clock skew between the two sides (default 0). */
  toleranceMs?: number | undefined;
  /** How old `x-amz-pay-date` may be (default 15 minutes, as Amazon Pay). */
  maxAgeMs?: number | undefined;
  /** The body bytes when the caller has read them already (the request's body is then not read). */
  body?: Uint8Array | undefined;
  subtle?: SubtleCrypto | undefined;
}

/** What a good signature tells: who signed, how, and what exactly was signed. */
export interface VerifiedRequest {
  publicKeyId: string;
  algorithm: SigningAlgorithm;
  /** Lower-case names of the signed headers, and their values as received. */
  signedHeaders: Record<string, string>;
  /** `x-amz-pay-date` in ms since the epoch. */
  date: number;
  canonicalRequest: string;
  stringToSign: string;
  /** The body bytes the signature covers (read from the request unless given in the options). */
  body: Uint8Array;
}

// Imported PEM keys, per `keys` table (or function), so a long-lived verifier imports each key once.
const importedKeys = new WeakMap<object, Map<string, Promise<CryptoKey>>>();
const SPKI_PEM = /-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\s]+)-----END PUBLIC KEY-----/;

function refuse(
  reason: SignatureErrorReason,
  message: string,
  facts?: ConstructorParameters<typeof AmazonPaySignatureError>[2],
): never {
  throw new AmazonPaySignatureError(reason, message, facts);
}

/** Imports SPKI PEM text as an RSA-PSS verification key (a `CryptoKey` is returned as it is). */
export async function importPublicKey(input: PublicKeyInput, subtle: SubtleCrypto = crypto.subtle): Promise<CryptoKey> {
  if (typeof input !== 'string') return input;
  const der = fromBase64(SPKI_PEM.exec(input)?.[1] ?? '');
  if (!der) throw new TypeError('not an SPKI PEM public key');
  return subtle.importKey('spki', der.slice(), { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']);
}

async function publicKeyFor(
  options: VerifySignedRequestOptions,
  publicKeyId: string,
  subtle: SubtleCrypto,
): Promise<CryptoKey> {
  const { keys } = options;
  const cannotImport = (cause: unknown) =>
    refuse(
      'BAD_KEY',
      `The public key registered for ${publicKeyId} cannot be imported: give an RSA public key as SPKI PEM.`,
      { publicKeyId, cause },
    );
  const own = typeof keys !== 'function' && Object.prototype.hasOwnProperty.call(keys, publicKeyId);
  const input =
    typeof keys === 'function'
      ? await Promise.resolve(keys(publicKeyId)).catch(cannotImport)
      : own
        ? keys[publicKeyId]
        : undefined;
  if (input === undefined)
    refuse('UNKNOWN_KEY_ID', `The public key id ${publicKeyId} is not known to this verifier.`, { publicKeyId });
  if (typeof input !== 'string') return input;
  let cache = importedKeys.get(keys);
  if (!cache) importedKeys.set(keys, (cache = new Map()));
  let key = cache.get(input);
  if (!key) cache.set(input, (key = importPublicKey(input, subtle)));
  return key.catch(cannotImport);
}

/**
 * Verifies a signed Amazon Pay API request. Resolves with who signed it and what was signed; rejects with
 * `AmazonPaySignatureError` (a stable `reason`) when anything is wrong, before trusting any of it.
 */
export async function verifySignedRequest(
  request: Request,
  options: VerifySignedRequestOptions,
): Promise<VerifiedRequest> {
  const subtle = options.subtle ?? crypto.subtle;
  const authorization = request.headers.get('authorization');
  if (authorization === null || authorization.trim() === '')
    refuse('MISSING_AUTHORIZATION', 'The authorization header is missing.', { header: 'authorization' });
  const auth = parseAuthorization(authorization);
  if (!auth) {
    refuse(
      'MALFORMED_AUTHORIZATION',
      'The authorization header is not "<algorithm> PublicKeyId=<id>, SignedHeaders=<a;b;c>, Signature=<base64>".',
      {
        header: 'authorization',
      },
    );
  }
  const { publicKeyId } = auth;
  if (!isSigningAlgorithm(auth.algorithm)) {
    refuse(
      'UNSUPPORTED_ALGORITHM',
      `The algorithm ${JSON.stringify(auth.algorithm)} is not ${Object.keys(ALGORITHMS).join(' or ')}.`,
      { publicKeyId },
    );
  }
  const listed = new Set(auth.signedHeaders);
  const mustSign = [...REQUIRED_SIGNED_HEADERS, ...SIGNED_WHEN_PRESENT.filter((name) => request.headers.has(name))];
  for (const name of mustSign) {
    const value = request.headers.get(name);
    if (value === null || value.trim() === '')
      refuse('MISSING_HEADER', `The ${name} header is missing or empty.`, { header: name, publicKeyId });
    if (!listed.has(name))
      refuse('UNSIGNED_HEADER', `The ${name} header must be listed in SignedHeaders.`, { header: name, publicKeyId });
  }
  const signedHeaders: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = request.headers.get(name);
    if (value === null)
      refuse('MISSING_HEADER', `The signed header ${name} is missing from the request.`, { header: name, publicKeyId });
    signedHeaders[name] = value;
  }

  const dateText = signedHeaders['x-amz-pay-date']!.trim();
  const date = parseAmzDate(dateText);
  if (Number.isNaN(date))
    refuse('BAD_DATE', `x-amz-pay-date ${dateText} is not of the form yyyyMMddTHHmmssZ.`, {
      header: 'x-amz-pay-date',
      publicKeyId,
    });
  const now = (options.now ?? Date.now)();
  if (date - now > (options.toleranceMs ?? 0)) {
    refuse('FUTURE_DATE', `x-amz-pay-date ${dateText} is in the future.`, { header: 'x-amz-pay-date', publicKeyId });
  }
  if (now - date > (options.maxAgeMs ?? MAX_SIGNATURE_AGE_MS)) {
    refuse('STALE_DATE', `x-amz-pay-date ${dateText} is too old.`, { header: 'x-amz-pay-date', publicKeyId });
  }

  const key = await publicKeyFor(options, publicKeyId, subtle);
  const url = new URL(request.url);
  const body = options.body ?? new Uint8Array(await request.arrayBuffer());
  const canonical = canonicalRequest({
    method: request.method,
    path: receivedPath(url.pathname),
    query: receivedQuery(url.search),
    headers: signedHeaders,
    body,
  });
  const toSign = stringToSign(auth.algorithm, canonical);
  const signature = fromBase64(auth.signature);
  const params = { name: 'RSA-PSS', saltLength: ALGORITHMS[auth.algorithm].saltLength };
  const good =
    signature !== undefined &&
    (await subtle.verify(params, key, signature.slice(), new TextEncoder().encode(toSign)).catch(() => false));
  if (!good)
    refuse('BAD_SIGNATURE', `The signature does not verify with the public key of ${publicKeyId}.`, {
      publicKeyId,
      stringToSign: toSign,
    });
  return {
    publicKeyId,
    algorithm: auth.algorithm,
    signedHeaders,
    date,
    canonicalRequest: canonical,
    stringToSign: toSign,
    body,
  };
}
