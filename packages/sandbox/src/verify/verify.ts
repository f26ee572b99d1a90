/**
 * Verifies a request the way Amazon Pay does: the required headers are present and signed, the date is
 * well-formed and neither in the future nor older than 15 minutes, host and region match the URL, the key
 * id is registered and allowed on this path, and the RSA-PSS signature over the canonical request rebuilt
 * from what was received (decoded path, query, signed headers, exact body bytes) verifies.
 */
import {
  AmazonPaySignatureError,
  REQUIRED_SIGNED_HEADERS,
  verifySignedRequest,
  type Environment,
  type SigningAlgorithm,
} from '@amazon-pay-edge/core';
import { isEnvironmentSpecificKeyId } from '@amazon-pay-edge/core/signer';
import { regionCode, regionOfHost, SIGNED_WHEN_PRESENT } from '@amazon-pay-edge/core/internal';
import { ApiError } from '../errors.js';
import type { PublicKeyInput } from './keys.js';

export interface ApiPath {
  /** `sandbox` or `live` when the path carried it. */
  pathEnvironment: Environment | undefined;
  /** Decoded segments after `/v2/`. */
  segments: string[];
}

/** `decodeURIComponent`, with a malformed percent-encoding answered as a 400 rather than a 500 "URI malformed". */
export function decodeStrict(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ApiError(
      'InvalidRequest',
      'The request URL contains a malformed percent-encoding (a "%" not followed by two hex digits of valid UTF-8).',
    );
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

export interface VerifyDeps {
  /** The registered keys, one stable object (core imports each PEM once per object). */
  keys: Readonly<Record<string, PublicKeyInput>>;
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

/** Amazon's answer (reason code and message) for each way core's verifier refuses a request. */
function asApiError(error: AmazonPaySignatureError, request: Request): ApiError {
  const name = error.header ?? '';
  const dateText = request.headers.get('x-amz-pay-date') ?? '';
  switch (error.reason) {
    case 'MISSING_AUTHORIZATION':
    case 'MISSING_HEADER':
      return request.headers.get(name) === null
        ? new ApiError('MissingHeader', `The ${name} header is missing from the request.`)
        : new ApiError('MissingHeaderValue', `The ${name} header has no value.`);
    case 'MALFORMED_AUTHORIZATION':
      return new ApiError(
        'InvalidHeaderValue',
        'The value provided for authorization is invalid: expected "<algorithm> ' +
          'PublicKeyId=<id>, SignedHeaders=<a;b;c>, Signature=<base64>".',
      );
    case 'UNSUPPORTED_ALGORITHM': {
      const algorithm = (request.headers.get('authorization') ?? '').trim().split(/\s/)[0];
      return new ApiError(
        'InvalidHeaderValue',
        `The value provided for authorization is invalid: algorithm ${JSON.stringify(algorithm)} ` +
          `is not AMZN-PAY-RSASSA-PSS-V2 or AMZN-PAY-RSASSA-PSS.`,
      );
    }
    case 'UNSIGNED_HEADER':
      return new ApiError(
        'InvalidHeaderValue',
        `The value provided for SignedHeaders is invalid: it must include ` +
          `${[...REQUIRED_SIGNED_HEADERS, ...(SIGNED_WHEN_PRESENT.includes(name) ? [name] : [])].join(';')} ` +
          `(${name} is missing).`,
      );
    case 'BAD_DATE':
      return new ApiError(
        'InvalidHeaderValue',
        `The value ${dateText} provided for x-amz-pay-date is invalid: use the UTC form ` +
          `yyyyMMddTHHmmssZ, e.g. 20240101T000000Z.`,
      );
    case 'FUTURE_DATE':
      return new ApiError(
        'InvalidHeaderValue',
        `The value ${dateText} provided for x-amz-pay-date should not be in future. Check the ` +
          `caller's clock against the Date header of this response.`,
      );
    case 'STALE_DATE':
      return new ApiError(
        'InvalidHeaderValue',
        `The value ${dateText} provided for x-amz-pay-date is more than 15 minutes old. Sign ` +
          `each request (and each retry) with the current time.`,
      );
    case 'UNKNOWN_KEY_ID':
      return new ApiError(
        'InvalidAuthentication',
        `The public key id ${error.publicKeyId} is not registered with this sandbox. Register ` +
          `its public key: createSandbox({ keys: { "${error.publicKeyId}": publicKeyPem } }).`,
      );
    case 'BAD_KEY':
      return new ApiError(
        'InternalServerError',
        `The sandbox could not import the public key registered for ${error.publicKeyId}: ` +
          `register an RSA public key (SPKI PEM).`,
      );
    case 'BAD_SIGNATURE': {
      const signature = /Signature=(\S+)/.exec(request.headers.get('authorization') ?? '')?.[1] ?? '';
      return new ApiError(
        'InvalidRequestSignature',
        `Unable to verify signature, signing String [${error.stringToSign}] , signature [${signature}]`,
      );
    }
  }
}

/**
 * Verifies the signature with core's `verifySignedRequest` (the one verifier of this repository), then
 * what only Amazon's API adds: host and region match the URL, and the key id may use this path.
 */
export async function verifyRequest(
  request: Request,
  url: URL,
  path: ApiPath,
  body: Uint8Array,
  deps: VerifyDeps,
): Promise<VerifiedCaller> {
  let verified;
  try {
    verified = await verifySignedRequest(request, {
      keys: deps.keys,
      now: deps.serverNow,
      toleranceMs: deps.clockToleranceMs,
      body,
      subtle: deps.subtle,
    });
  } catch (error) {
    throw error instanceof AmazonPaySignatureError ? asApiError(error, request) : error;
  }
  const host = verified.signedHeaders['x-amz-pay-host']!.trim();
  if (host.toLowerCase() !== url.host.toLowerCase()) {
    throw new ApiError(
      'InvalidHeaderValue',
      `The value ${host} provided for x-amz-pay-host does not match the host the request was sent to (${url.host}).`,
    );
  }
  const regionText = verified.signedHeaders['x-amz-pay-region']!.trim();
  const region = regionCode(regionText);
  if (!region)
    throw new ApiError(
      'InvalidHeaderValue',
      `The value ${regionText} provided for x-amz-pay-region is invalid: use na, eu or jp.`,
    );
  const hostRegion = regionOfHost(url.hostname);
  if (hostRegion && hostRegion !== region) {
    throw new ApiError(
      'InvalidHeaderValue',
      `The value ${regionText} provided for x-amz-pay-region does not match ${url.hostname}, ` +
        `which serves region ${hostRegion}.`,
    );
  }
  const environment = environmentFor(verified.publicKeyId, path);
  return {
    publicKeyId: verified.publicKeyId,
    algorithm: verified.algorithm,
    environment,
    stringToSign: verified.stringToSign,
  };
}

/**
 * `SANDBOX-`/`LIVE-` key ids carry their environment (`/v2/...`, or their own `/sandbox|live/v2/...`); legacy ids need
 * the path's.
 */
function environmentFor(publicKeyId: string, path: ApiPath): Environment {
  if (isEnvironmentSpecificKeyId(publicKeyId)) {
    const keyEnvironment: Environment = publicKeyId.toUpperCase().startsWith('LIVE') ? 'live' : 'sandbox';
    if (path.pathEnvironment && path.pathEnvironment !== keyEnvironment) {
      throw new ApiError(
        'UnauthorizedAccess',
        `The public key id ${publicKeyId} belongs to the ${keyEnvironment} environment and ` +
          `cannot call /${path.pathEnvironment}/v2. Environment-specific key ids use /v2/... paths.`,
      );
    }
    return keyEnvironment;
  }
  if (!path.pathEnvironment) {
    throw new ApiError(
      'InvalidAuthentication',
      `The public key id ${publicKeyId} has no SANDBOX- or LIVE- prefix, so the path must say ` +
        `the environment: /sandbox/v2/... or /live/v2/..., not /v2/....`,
    );
  }
  return path.pathEnvironment;
}
