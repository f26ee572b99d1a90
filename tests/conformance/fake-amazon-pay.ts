/**
 * A fake Amazon Pay API on Web APIs only, usable in-process (an injected `fetch`) or behind a real
 * server (Miniflare's outboundService, a node:http server for Chromium). It checks each request with
 * core's `verifySignedRequest` (the repository's one verifier: the canonical request rebuilt from what
 * arrived, the signature checked with WebCrypto `verify` and the registered public key); the published
 * vectors and the differential test against the official SDK check that verifier independently. Dates
 * are not checked for freshness (the suite signs with fixed clocks). Everything it observed goes back in
 * the response body, so the suite can assert on it wherever the server runs.
 */
import { AmazonPaySignatureError, verifySignedRequest, type SignatureErrorReason } from '@amazon-pay-edge/core';
import { receivedPath } from '@amazon-pay-edge/core/internal';

/** `POST <anything>/__register` with `{ publicKeyId, jwk }` registers a public key, as Seller Central does. */
export const REGISTER_PATH = '/__register';
/** A path with a segment starting with this answers 503 to its first request and succeeds afterwards. */
export const FAIL_ONCE_PREFIX = 'fail-once-';

/** What the server saw in one verified request. */
export interface ReceivedAttempt {
  method: string;
  /** The decoded path, as signed. */
  path: string;
  /** The raw query string as sent (without `?`). */
  query: string;
  date: string;
  region: string;
  idempotencyKey: string | null;
  algorithm: string;
  publicKeyId: string;
  signedHeaders: string[];
  body: string;
  stringToSign: string;
}

export interface FakeReply {
  /** The id after `checkoutSessions/` (else the last path segment), or a generated one for a create. */
  checkoutSessionId: string;
  received: ReceivedAttempt;
  /** Every verified attempt for this path so far, oldest first. */
  attempts: ReceivedAttempt[];
}

export interface FakeAmazonPay {
  handle(request: Request): Promise<Response>;
}

/** The fake's answer to each refusal of the verifier: status and Amazon's reason code. */
const REFUSALS: Record<SignatureErrorReason, [number, string]> = {
  MISSING_AUTHORIZATION: [400, 'MissingHeaderValue'],
  MALFORMED_AUTHORIZATION: [400, 'MissingHeaderValue'],
  UNSUPPORTED_ALGORITHM: [400, 'InvalidHeaderValue'],
  MISSING_HEADER: [400, 'MissingHeader'],
  UNSIGNED_HEADER: [400, 'MissingHeader'],
  BAD_DATE: [400, 'InvalidHeaderValue'],
  FUTURE_DATE: [400, 'InvalidHeaderValue'],
  STALE_DATE: [400, 'InvalidHeaderValue'],
  UNKNOWN_KEY_ID: [401, 'UnauthorizedAccess'],
  BAD_KEY: [500, 'InternalServerError'],
  BAD_SIGNATURE: [401, 'InvalidRequestSignature'],
};

function reply(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'x-amz-pay-request-id': crypto.randomUUID() },
  });
}

function refuse(status: number, reasonCode: string, message: string): Response {
  return reply(status, { reasonCode, message });
}

export function createFakeAmazonPay(subtle: SubtleCrypto = crypto.subtle): FakeAmazonPay {
  const keys = new Map<string, CryptoKey>();
  const attemptsByPath = new Map<string, ReceivedAttempt[]>();

  async function register(request: Request): Promise<Response> {
    const { publicKeyId, jwk } = (await request.json()) as { publicKeyId: string; jwk: JsonWebKey };
    keys.set(publicKeyId, await subtle.importKey('jwk', jwk, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['verify']));
    return new Response(null, { status: 204 });
  }

  async function verify(request: Request, url: URL): Promise<ReceivedAttempt | Response> {
    let verified;
    try {
      verified = await verifySignedRequest(request, {
        keys: (id) => keys.get(id),
        toleranceMs: Infinity,
        maxAgeMs: Infinity,
        subtle,
      });
    } catch (error) {
      if (!(error instanceof AmazonPaySignatureError)) throw error;
      const [status, reasonCode] = REFUSALS[error.reason];
      // Amazon echoes the string-to-sign it computed in this shape.
      const echo = error.stringToSign === undefined ? '' : ` String [${error.stringToSign}]`;
      return refuse(status, reasonCode, `${error.message}${echo}`);
    }
    if (request.headers.get('x-amz-pay-host') !== url.host)
      return refuse(400, 'InvalidHeaderValue', 'x-amz-pay-host does not match the host');
    const headers = verified.signedHeaders;
    return {
      method: request.method,
      path: receivedPath(url.pathname),
      query: url.search.replace(/^\?/, ''),
      date: headers['x-amz-pay-date']!,
      region: headers['x-amz-pay-region']!,
      idempotencyKey: request.headers.get('x-amz-pay-idempotency-key'),
      algorithm: verified.algorithm,
      publicKeyId: verified.publicKeyId,
      signedHeaders: Object.keys(headers),
      body: new TextDecoder().decode(verified.body),
      stringToSign: verified.stringToSign,
    };
  }

  return {
    async handle(request) {
      const url = new URL(request.url);
      if (request.method === 'POST' && url.pathname.endsWith(REGISTER_PATH)) return register(request);
      const verdict = await verify(request, url);
      if (verdict instanceof Response) return verdict;
      const attempts = attemptsByPath.get(verdict.path) ?? [];
      attemptsByPath.set(verdict.path, attempts);
      attempts.push(verdict);
      const segments = verdict.path.split('/');
      if (segments.some((s) => s.startsWith(FAIL_ONCE_PREFIX)) && attempts.length === 1) {
        return refuse(503, 'ServiceUnavailable', 'Temporarily unavailable; retry.');
      }
      const isCreate = request.method === 'POST' && segments[segments.length - 1] === 'checkoutSessions';
      const id = segments[segments.indexOf('checkoutSessions') + 1] ?? segments[segments.length - 1]!;
      const result: FakeReply = {
        checkoutSessionId: isCreate ? `fake-${crypto.randomUUID()}` : id,
        received: verdict,
        attempts,
      };
      return reply(isCreate ? 201 : 200, result);
    },
  };
}
