/**
 * Verifies a request the way Amazon Pay does: the required headers are present and signed, the date is
 * well-formed and neither in the future nor older than 15 minutes, host and region match the URL, the key
 * id is registered and allowed on this path, and the RSA-PSS signature over the canonical request rebuilt
 * from what was received (decoded path, query, signed headers, exact body bytes) verifies.
 */
import { ALGORITHMS, canonicalRequest, isEnvironmentSpecificKeyId, isSigningAlgorithm, parseAmzDate, stringToSign, type SigningAlgorithm } from '@amazon-pay-edge/core/signer';
import { ApiError } from '../errors.js';
import { MINUTE } from '../clock.js';
import { parseAuthorization } from './authorization.js';
import { decodeBase64 } from './keys.js';

export type Environment = 'Sandbox' | 'Live';

export const REQUIRED_SIGNED_HEADERS = ['accept', 'content-type', 'x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region'] as const;
export const MAX_DATE_AGE_MS = 15 * MINUTE;

const REGION_ALIASES: Record<string, 'na' | 'eu' | 'jp'> = { na: 'na', us: 'na', eu: 'eu', de: 'eu', uk: 'eu', jp: 'jp' };

/** The region a host implies: Amazon's hosts by top-level domain; any other host (localhost, a test name) allows all three. */
function regionOfHost(hostname: string): 'na' | 'eu' | 'jp' | undefined {
  if (/(^|\.)amazon\.com$/.test(hostname)) return 'na';
  if (/(^|\.)amazon\.eu$/.test(hostname)) return 'eu';
  if (/(^|\.)amazon\.jp$/.test(hostname)) return 'jp';
  return undefined;
}

export interface ApiPath {
  /** `sandbox` or `live` when the path carried it. */
  pathEnvironment: 'sandbox' | 'live' | undefined;
  /** Decoded segments after `/v2/`. */
  segments: string[];
}

/** `decodeURIComponent`, with a malformed percent-encoding answered as a 400 rather than a 500 "URI malformed". */
export function decodeStrict(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ApiError('InvalidRequest', 'The request URL contains a malformed percent-encoding (a "%" not followed by two hex digits of valid UTF-8).');
  }
}

/** Splits `/sandbox/v2/charges/ID` into its parts; undefined when the path is not an API path at all. */
export function parseApiPath(pathname: string): ApiPath | undefined {
  const m = /^\/(?:(sandbox|live)\/)?(v\d+)(?:\/(.*))?$/.exec(pathname);
  if (!m) return undefined;
  if (m[2] !== 'v2') throw new ApiError('InvalidAPIVersion', `API version ${m[2]} is not supported; use v2.`);
  const segments = (m[3] ?? '').split('/').filter((s) => s !== '');
  return { pathEnvironment: m[1] as ApiPath['pathEnvironment'], segments: segments.map(decodeStrict) };
}

function decodeQuery(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = at < 0 ? part : part.slice(0, at);
    const value = at < 0 ? '' : part.slice(at + 1);
    (out[decodeStrict(name)] ??= []).push(decodeStrict(value));
  }
  return out;
}

/** Optional headers that must be signed whenever they are sent. */
const SIGNED_WHEN_PRESENT = ['x-amz-pay-idempotency-key', 'x-amz-pay-authtoken'] as const;

export interface VerifyDeps {
  keyFor: (publicKeyId: string) => Promise<CryptoKey> | undefined;
  serverNow: () => number;
  /** How far in the future `x-amz-pay-date` may be (clock skew between caller and sandbox). */
  clockToleranceMs: number;
  subtle: SubtleCrypto;
}

export interface VerifiedCaller {
  publicKeyId: string;
  algorithm: SigningAlgorithm;
  environment: Environment;
  stringToSign: string;
}

function header(request: Request, name: string): string {
  const value = request.headers.get(name);
  if (value === null) throw new ApiError('MissingHeader', `The ${name} header is missing from the request.`);
  if (value.trim() === '') throw new ApiError('MissingHeaderValue', `The ${name} header has no value.`);
  return value;
}

export async function verifyRequest(request: Request, url: URL, path: ApiPath, body: Uint8Array, deps: VerifyDeps): Promise<VerifiedCaller> {
  const auth = parseAuthorization(header(request, 'authorization'));
  if (!isSigningAlgorithm(auth.algorithm)) {
    throw new ApiError('InvalidHeaderValue', `The value provided for authorization is invalid: algorithm ${JSON.stringify(auth.algorithm)} is not AMZN-PAY-RSASSA-PSS-V2 or AMZN-PAY-RSASSA-PSS.`);
  }
  const signed = new Set(auth.signedHeaders);
  for (const name of REQUIRED_SIGNED_HEADERS) {
    header(request, name);
    if (!signed.has(name)) {
      throw new ApiError('InvalidHeaderValue', `The value provided for SignedHeaders is invalid: it must include ${REQUIRED_SIGNED_HEADERS.join(';')} (${name} is missing).`);
    }
  }
  // Headers that change what a request does must be covered by its signature when present (the SDK signs
  // them): otherwise a captured request replayed with a fresh unsigned idempotency key would charge again.
  for (const name of SIGNED_WHEN_PRESENT) {
    if (request.headers.has(name) && !signed.has(name)) {
      throw new ApiError('InvalidHeaderValue', `The ${name} header must be listed in SignedHeaders and signed; unsigned, it is refused.`);
    }
  }
  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) headers[name] = header(request, name);

  const dateText = headers['x-amz-pay-date']!;
  const date = parseAmzDate(dateText.trim());
  if (Number.isNaN(date)) {
    throw new ApiError('InvalidHeaderValue', `The value ${dateText} provided for x-amz-pay-date is invalid: use the UTC form yyyyMMddTHHmmssZ, e.g. 20240101T000000Z.`);
  }
  const now = deps.serverNow();
  if (date - now > deps.clockToleranceMs) {
    throw new ApiError('InvalidHeaderValue', `The value ${dateText} provided for x-amz-pay-date should not be in future. Check the caller's clock against the Date header of this response.`);
  }
  if (now - date > MAX_DATE_AGE_MS) {
    throw new ApiError('InvalidHeaderValue', `The value ${dateText} provided for x-amz-pay-date is more than 15 minutes old. Sign each request (and each retry) with the current time.`);
  }

  const host = headers['x-amz-pay-host']!.trim();
  if (host.toLowerCase() !== url.host.toLowerCase()) {
    throw new ApiError('InvalidHeaderValue', `The value ${host} provided for x-amz-pay-host does not match the host the request was sent to (${url.host}).`);
  }
  const regionText = headers['x-amz-pay-region']!.trim();
  const region = REGION_ALIASES[regionText.toLowerCase()];
  if (!region) throw new ApiError('InvalidHeaderValue', `The value ${regionText} provided for x-amz-pay-region is invalid: use na, eu or jp.`);
  const hostRegion = regionOfHost(url.hostname);
  if (hostRegion && hostRegion !== region) {
    throw new ApiError('InvalidHeaderValue', `The value ${regionText} provided for x-amz-pay-region does not match ${url.hostname}, which serves region ${hostRegion}.`);
  }

  const keyPromise = deps.keyFor(auth.publicKeyId);
  if (!keyPromise) {
    throw new ApiError('InvalidAuthentication', `The public key id ${auth.publicKeyId} is not registered with this sandbox. Register its public key: createSandbox({ keys: { "${auth.publicKeyId}": publicKeyPem } }).`);
  }
  const environment = environmentFor(auth.publicKeyId, path);

  const canonical = canonicalRequest({
    method: request.method,
    path: url.pathname.split('/').map(decodeStrict).join('/'),
    query: decodeQuery(url.search),
    headers,
    body,
  });
  const toSign = stringToSign(auth.algorithm, canonical);
  let key: CryptoKey;
  try {
    key = await keyPromise;
  } catch {
    throw new ApiError('InternalServerError', `The sandbox could not import the public key registered for ${auth.publicKeyId}: register an RSA public key (SPKI PEM).`);
  }
  let signatureBytes: Uint8Array<ArrayBuffer> | undefined;
  try {
    signatureBytes = decodeBase64(auth.signature);
  } catch {
    signatureBytes = undefined;
  }
  const ok =
    signatureBytes !== undefined &&
    (await deps.subtle.verify({ name: 'RSA-PSS', saltLength: ALGORITHMS[auth.algorithm].saltLength }, key, signatureBytes, new TextEncoder().encode(toSign)).catch(() => false));
  if (!ok) {
    throw new ApiError('InvalidRequestSignature', `Unable to verify signature, signing String [${toSign}] , signature [${auth.signature}]`);
  }
  return { publicKeyId: auth.publicKeyId, algorithm: auth.algorithm, environment, stringToSign: toSign };
}

/** `SANDBOX-`/`LIVE-` key ids carry their environment (`/v2/...`, or their own `/sandbox|live/v2/...`); legacy ids need the path's. */
function environmentFor(publicKeyId: string, path: ApiPath): Environment {
  if (isEnvironmentSpecificKeyId(publicKeyId)) {
    const keyEnvironment = publicKeyId.toUpperCase().startsWith('LIVE') ? 'live' : 'sandbox';
    if (path.pathEnvironment && path.pathEnvironment !== keyEnvironment) {
      throw new ApiError(
        'UnauthorizedAccess',
        `The public key id ${publicKeyId} belongs to the ${keyEnvironment} environment and cannot call /${path.pathEnvironment}/v2. Environment-specific key ids use /v2/... paths.`,
      );
    }
    return keyEnvironment === 'live' ? 'Live' : 'Sandbox';
  }
  if (!path.pathEnvironment) {
    throw new ApiError(
      'InvalidAuthentication',
      `The public key id ${publicKeyId} has no SANDBOX- or LIVE- prefix, so the path must say the environment: /sandbox/v2/... or /live/v2/..., not /v2/....`,
    );
  }
  return path.pathEnvironment === 'live' ? 'Live' : 'Sandbox';
}
