/**
 * A fake Amazon Pay API on Web APIs only, usable in-process (an injected `fetch`) or behind a real
 * server (Miniflare's outboundService, a node:http server for Chromium). It does what Amazon does with
 * a request: looks up the public key by PublicKeyId, rebuilds the canonical request from what arrived
 * (path segments percent-decoded, then core's `canonicalRequest`), hashes it itself and checks the
 * signature with WebCrypto `verify` and the public key. Everything it observed goes back in the
 * response body, so the suite can assert on it wherever the server runs.
 */
import { canonicalRequest } from '@amazon-pay-edge/core';

/** RSA-PSS salt length per algorithm name (protocol section 1). */
const SALT: Record<string, number> = { 'AMZN-PAY-RSASSA-PSS': 20, 'AMZN-PAY-RSASSA-PSS-V2': 32 };
const REQUIRED_SIGNED_HEADERS = ['accept', 'content-type', 'x-amz-pay-date', 'x-amz-pay-host', 'x-amz-pay-region'];
const AUTHORIZATION = /^(\S+) PublicKeyId=([^,\s]+), SignedHeaders=([^,\s]+), Signature=(\S+)$/;

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

const encoder = new TextEncoder();

function hex(buffer: ArrayBuffer): string {
  return [...new Uint8Array(buffer)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

function base64Bytes(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    return undefined;
  }
}

function decodeQuery(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of search.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const name = decodeURIComponent(eq < 0 ? part : part.slice(0, eq));
    (out[name] ??= []).push(decodeURIComponent(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return out;
}

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
    const auth = AUTHORIZATION.exec(request.headers.get('authorization') ?? '');
    if (!auth) return refuse(400, 'MissingHeaderValue', 'authorization header missing or malformed');
    const [, algorithm, publicKeyId, signedList, signatureB64] = auth as unknown as [string, string, string, string, string];
    const key = keys.get(publicKeyId);
    if (!key) return refuse(401, 'UnauthorizedAccess', `unknown PublicKeyId ${publicKeyId}`);
    const salt = SALT[algorithm];
    if (salt === undefined) return refuse(400, 'InvalidHeaderValue', `unknown algorithm ${algorithm}`);
    const signedHeaders = signedList.split(';');
    for (const required of REQUIRED_SIGNED_HEADERS) {
      if (!signedHeaders.includes(required)) return refuse(400, 'MissingHeader', `${required} must be signed`);
    }
    const idempotencyKey = request.headers.get('x-amz-pay-idempotency-key');
    if (idempotencyKey !== null && !signedHeaders.includes('x-amz-pay-idempotency-key')) {
      return refuse(400, 'InvalidHeaderValue', 'x-amz-pay-idempotency-key must be signed');
    }
    const date = request.headers.get('x-amz-pay-date') ?? '';
    if (!/^\d{8}T\d{6}Z$/.test(date)) return refuse(400, 'InvalidHeaderValue', `x-amz-pay-date ${date} is not YYYYMMDDTHHMMSSZ`);
    if (request.headers.get('x-amz-pay-host') !== url.host) return refuse(400, 'InvalidHeaderValue', 'x-amz-pay-host does not match the host');

    const signed: Record<string, string> = {};
    for (const name of signedHeaders) signed[name] = request.headers.get(name) ?? '';
    const body = await request.text();
    const path = url.pathname.split('/').map(decodeURIComponent).join('/');
    const query = url.search.replace(/^\?/, '');
    const canonical = canonicalRequest({ method: request.method, path, query: decodeQuery(query), headers: signed, body });
    const stringToSign = `${algorithm}\n${hex(await subtle.digest('SHA-256', encoder.encode(canonical)))}`;
    const signature = base64Bytes(signatureB64);
    const valid = signature !== undefined && (await subtle.verify({ name: 'RSA-PSS', saltLength: salt }, key, signature, encoder.encode(stringToSign)));
    if (!valid) {
      // Amazon echoes the string-to-sign it computed in this shape.
      return refuse(401, 'InvalidRequestSignature', `The request signature we calculated does not match the signature you provided. String [${stringToSign}]`);
    }
    const region = request.headers.get('x-amz-pay-region') ?? '';
    return { method: request.method, path, query, date, region, idempotencyKey, algorithm, publicKeyId, signedHeaders, body, stringToSign };
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
