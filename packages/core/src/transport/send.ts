/**
 * The attempt loop: sign with a fresh date -> fetch with a per-attempt timeout -> classify -> back off
 * or return. The idempotency key is fixed before the loop, so every attempt of one call carries it.
 */
import type { Endpoint } from '../endpoints.js';
import { AmazonPayConnectionError, AmazonPayTimeoutError, type AmazonPayApiError } from '../errors.js';
import type { SigningAlgorithm } from '../signing/algorithms.js';
import { amazonPayHeaders, signRequest } from '../signing/signer.js';
import type { PreparedRequest } from './request.js';
import {
  apiError,
  BodyTooLargeError,
  MAX_ERROR_BODY_BYTES,
  MAX_SUCCESS_BODY_BYTES,
  parseJson,
  readBody,
  RETRYABLE_STATUSES,
  reviveResponse,
  type AmazonPayResponse,
} from './response.js';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What the loop needs from the client; every runtime- or test-dependent part is injected. */
export interface TransportContext {
  endpoint: Endpoint;
  publicKeyId: string;
  algorithm: SigningAlgorithm;
  getKey: () => Promise<CryptoKey>;
  fetch: FetchLike;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  subtle: SubtleCrypto;
  userAgent: string | undefined;
  /** Per-client clock correction, learnt from the server's `Date` header. */
  clock: { offsetMs: number };
}

export interface AttemptPolicy {
  maxRetries: number;
  timeoutMs: number;
  idempotencyKey: string | undefined;
  authToken: string | undefined;
  /** Unsigned extra headers (already validated). */
  headers: Record<string, string>;
  signal: AbortSignal | undefined;
}

export const BACKOFF_BASE_MS = 500;
export const BACKOFF_CAP_MS = 8_000;
const RETRY_AFTER_MAX_MS = BACKOFF_CAP_MS + 5_000;
export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

/** Full jitter: uniform in [0, min(cap, base * 2^retry)). */
export function backoffDelay(retry: number, random: () => number): number {
  return Math.floor(random() * Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** retry));
}

/** `Retry-After` as seconds or an HTTP date, clamped to [0, cap + 5 s]; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const ms = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : Date.parse(trimmed) - nowMs;
  if (!Number.isFinite(ms)) return undefined;
  return Math.min(Math.max(0, Math.ceil(ms)), RETRY_AFTER_MAX_MS);
}

type Outcome =
  | { kind: 'response'; response: Response; rawBody: string }
  | { kind: 'timeout' }
  | { kind: 'network'; error: unknown };

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

/** One fetch plus body read under a fresh timeout, linked to the caller's signal. */
async function attempt(ctx: TransportContext, req: PreparedRequest, headers: Record<string, string>, policy: AttemptPolicy): Promise<Outcome> {
  const controller = new AbortController();
  const caller = policy.signal;
  const onAbort = () => controller.abort(caller!.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), policy.timeoutMs);
  try {
    const init: RequestInit = { method: req.method, headers, signal: controller.signal, redirect: 'manual' };
    if (req.body !== undefined) init.body = req.body;
    const fetchFn = ctx.fetch; // called as a plain function: some runtimes throw "Illegal invocation" otherwise
    const response = await fetchFn(req.url, init);
    const rawBody = await readBody(response, response.status >= 400 ? MAX_ERROR_BODY_BYTES : MAX_SUCCESS_BODY_BYTES, response.status >= 400);
    return { kind: 'response', response, rawBody };
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) return { kind: 'timeout' };
    if (error instanceof BodyTooLargeError) return { kind: 'network', error };
    return { kind: 'network', error };
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onAbort);
  }
}

function isDateRejection(status: number, rawBody: string): boolean {
  if (status !== 400) return false;
  const parsed = parseJson(rawBody);
  const body = (parsed.ok ? parsed.value : undefined) as { reasonCode?: unknown; message?: unknown } | undefined;
  return body?.reasonCode === 'InvalidHeaderValue' && typeof body.message === 'string' && /x-amz-pay-date/i.test(body.message);
}

/** Adopts the server's clock when its `Date` differs from ours by more than the limit (or when forced). */
function learnClock(ctx: TransportContext, headers: Headers, force: boolean): boolean {
  const serverMs = Date.parse(headers.get('date') ?? '');
  if (!Number.isFinite(serverMs)) return false;
  const localMs = ctx.now();
  const skew = serverMs - (localMs + ctx.clock.offsetMs);
  if (!force && Math.abs(skew) <= CLOCK_SKEW_LIMIT_MS) return false;
  ctx.clock.offsetMs = serverMs - localMs;
  return true;
}

export async function send<T>(ctx: TransportContext, req: PreparedRequest, policy: AttemptPolicy): Promise<AmazonPayResponse<T>> {
  policy.signal?.throwIfAborted();
  const startedAt = ctx.now();
  const key = await ctx.getKey(); // a bad key fails here, before anything is sent
  const facts = { idempotencyKey: policy.idempotencyKey, method: req.method, url: req.url };
  let skewRetried = false;
  let retries = 0;
  for (let attemptNo = 1; ; attemptNo++) {
    const signingHeaders = amazonPayHeaders({
      host: ctx.endpoint.host,
      region: ctx.endpoint.region,
      date: ctx.now() + ctx.clock.offsetMs,
      idempotencyKey: policy.idempotencyKey,
      authToken: policy.authToken,
    });
    const signed = await signRequest({
      key,
      algorithm: ctx.algorithm,
      publicKeyId: ctx.publicKeyId,
      method: req.method,
      path: req.path,
      query: req.query,
      headers: signingHeaders,
      body: req.body,
      subtle: ctx.subtle,
    });
    const headers = { ...policy.headers, ...signed.headers };
    if (ctx.userAgent) headers['user-agent'] = ctx.userAgent;

    const outcome = await attempt(ctx, req, headers, policy);
    let failure: AmazonPayApiError | AmazonPayConnectionError | AmazonPayTimeoutError;
    let wait: number | undefined;
    if (outcome.kind === 'response') {
      const { response, rawBody } = outcome;
      const clockMoved = learnClock(ctx, response.headers, isDateRejection(response.status, rawBody));
      if (response.status < 400) {
        const parsed = parseJson(rawBody);
        return {
          data: reviveResponse(parsed.ok ? parsed.value : rawBody) as T,
          status: response.status,
          headers: response.headers,
          requestId: response.headers.get('x-amz-pay-request-id') ?? undefined,
          attempts: attemptNo,
          durationMs: ctx.now() - startedAt,
          idempotencyKey: policy.idempotencyKey,
          rawBody,
        };
      }
      failure = apiError({ status: response.status, headers: response.headers, rawBody, attempts: attemptNo, clientStringToSign: signed.stringToSign, ...facts });
      if (clockMoved && !skewRetried && isDateRejection(response.status, rawBody)) {
        skewRetried = true; // one immediate retry with the corrected clock; not counted against maxRetries
        continue;
      }
      if (!RETRYABLE_STATUSES.has(response.status)) throw failure;
      wait = retryAfterMs(response.headers.get('retry-after'), ctx.now());
    } else if (outcome.kind === 'timeout') {
      failure = new AmazonPayTimeoutError({ attempts: attemptNo, timeoutMs: policy.timeoutMs, ...facts });
    } else {
      failure = new AmazonPayConnectionError({ attempts: attemptNo, cause: outcome.error, ...facts });
    }
    // Only idempotent requests are retried: every POST carries a key, GET/PATCH/DELETE are safe to repeat.
    if (retries >= policy.maxRetries || (req.method === 'POST' && policy.idempotencyKey === undefined)) throw failure;
    await ctx.sleep(wait ?? backoffDelay(retries, ctx.random), policy.signal);
    retries++;
  }
}
