/**
 * The attempt loop: sign with a fresh date -> fetch with a per-attempt timeout -> classify -> back off
 * or return. The idempotency key is fixed before the loop, so every attempt of one call carries it.
 */
import { isResponseLike, raceAbort } from '../abort.js';
import type { Endpoint } from '../endpoints.js';
import { AmazonPayConnectionError, AmazonPayTimeoutError, type AmazonPayApiError } from '../errors.js';
import type { SigningAlgorithm } from '../signing/algorithms.js';
import { amazonPayHeaders, signRequest, type AmazonPaySigner, type SignedRequest } from '../signing/sign.js';
import { redactUrl, secretSegments } from './redact.js';
import type { PreparedRequest } from './request.js';
import { observed, type CallMeta, type CallObserver } from './hooks.js';
import {
  apiError,
  MAX_ERROR_BODY_BYTES,
  MAX_SUCCESS_BODY_BYTES,
  BodyTooLargeError,
  parseJson,
  readBody,
  reviveResponse,
  type AmazonPayResponse,
} from './response.js';

/** The `fetch` the client calls (always as a plain function, never as a method). */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** What the loop needs from the client; every runtime- or test-dependent part is injected. */
export interface TransportContext {
  endpoint: Endpoint;
  publicKeyId: string;
  algorithm: SigningAlgorithm;
  /** The only way the loop signs: no key, no SubtleCrypto. */
  signer: AmazonPaySigner;
  fetch: FetchLike;
  now: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  random: () => number;
  userAgent: string | undefined;
  /** Per-client clock correction, learnt from the server's `Date` header. */
  clock: { offsetMs: number };
  /**
   * Starts observing one call (hooks, logger). Undefined when none is configured: the loop then does no hook
   * work at all, and a bundle that never configures one does not contain the event code.
   */
  observe?: CallObserverFactory | undefined;
}

/** Starts observing one call: emits its start and returns the observer the loop reports to. */
export type CallObserverFactory = (
  req: PreparedRequest,
  meta: CallMeta | undefined,
  idempotencyKey: string | undefined,
) => CallObserver;

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
  | { kind: 'network'; error: unknown }
  /** A failure that repeating cannot fix (a non-Response from fetch, a 2xx body over the bound). */
  | { kind: 'broken'; error: Error };

class NotAResponse extends TypeError {
  override name = 'TypeError';
}

class AttemptTimeout extends Error {
  override name = 'AttemptTimeout';
}

/**
 * One fetch plus body read under a fresh timeout, linked to the caller's signal. Both are raced against
 * that timer, so a `fetch` or a body stream that ignores its signal cannot hang the call.
 */
async function attempt(
  ctx: TransportContext,
  req: PreparedRequest,
  headers: Record<string, string>,
  policy: AttemptPolicy,
): Promise<Outcome> {
  const controller = new AbortController();
  const caller = policy.signal;
  const onAbort = () => controller.abort(caller!.reason);
  caller?.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => controller.abort(new AttemptTimeout()), policy.timeoutMs);
  try {
    caller?.throwIfAborted(); // aborted while signing: nothing is sent
    const init: RequestInit = { method: req.method, headers, signal: controller.signal, redirect: 'manual' };
    if (req.body !== undefined) init.body = req.body;
    const fetchFn = ctx.fetch; // called as a plain function: some runtimes throw "Illegal invocation" otherwise
    const response: unknown = await raceAbort(
      Promise.resolve().then(() => fetchFn(req.url, init)),
      controller.signal,
    );
    if (!isResponseLike(response)) {
      const got = response === null ? 'null' : typeof response === 'object' ? 'a non-Response object' : typeof response;
      return { kind: 'broken', error: new NotAResponse(`the injected fetch resolved to ${got}, not a Response`) };
    }
    const failed = response.status < 200 || response.status >= 300;
    const limit = failed ? MAX_ERROR_BODY_BYTES : MAX_SUCCESS_BODY_BYTES;
    const rawBody = await readBody(response, limit, failed, controller.signal);
    return { kind: 'response', response, rawBody };
  } catch (error) {
    if (caller?.aborted) throw caller.reason;
    if (controller.signal.aborted && controller.signal.reason instanceof AttemptTimeout) return { kind: 'timeout' };
    if (error instanceof BodyTooLargeError) return { kind: 'broken', error };
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
  return (
    body?.reasonCode === 'InvalidHeaderValue' &&
    typeof body.message === 'string' &&
    /x-amz-pay-date/i.test(body.message)
  );
}

/**
 * The clock offset to adopt when the server's `Date` differs from ours by more than the limit (or when
 * forced), else undefined. Pure: the loop applies it.
 */
function learntOffset(localMs: number, offsetMs: number, headers: Headers, force: boolean): number | undefined {
  const serverMs = Date.parse(headers.get('date') ?? '');
  if (!Number.isFinite(serverMs)) return undefined;
  const skew = serverMs - (localMs + offsetMs);
  if (!force && Math.abs(skew) <= CLOCK_SKEW_LIMIT_MS) return undefined;
  return serverMs - localMs;
}

type Verdict<T> = (
  | { kind: 'success'; result: AmazonPayResponse<T> }
  | { kind: 'skew'; failure: AmazonPayApiError }
  | {
      kind: 'failure';
      failure: AmazonPayApiError | AmazonPayConnectionError | AmazonPayTimeoutError;
      retryable: boolean;
      waitMs?: number | undefined;
    }
) & {
  /** A clock offset learnt from this answer's `Date`, for the loop to adopt; classify itself mutates nothing. */
  clockOffsetMs?: number | undefined;
};

/** What classify knows about the attempt it judges. */
interface AttemptFacts {
  attempts: number;
  idempotencyKey: string | undefined;
  method: string;
  url: string;
  startedAt: number;
  stringToSign: string;
  secrets: readonly (string | undefined)[];
  timeoutMs: number;
  redirects: readonly number[];
}

/**
 * Turns one attempt's outcome into success, a clock-skew retry, or a failure (retryable or not), plus any
 * clock offset learnt from the answer. It reads the client's clock but never changes it.
 */
function classify<T>(ctx: TransportContext, outcome: Outcome, facts: AttemptFacts): Verdict<T> {
  const { attempts, idempotencyKey, method, url, timeoutMs } = facts;
  const errorFacts = { attempts, idempotencyKey, method, url };
  if (outcome.kind === 'timeout') {
    return { kind: 'failure', retryable: true, failure: new AmazonPayTimeoutError({ timeoutMs, ...errorFacts }) };
  }
  if (outcome.kind === 'network') {
    return {
      kind: 'failure',
      retryable: true,
      failure: new AmazonPayConnectionError({ cause: outcome.error, ...errorFacts }),
    };
  }
  if (outcome.kind === 'broken') {
    return {
      kind: 'failure',
      retryable: false,
      failure: new AmazonPayConnectionError({ cause: outcome.error, ...errorFacts }),
    };
  }
  const { response, rawBody } = outcome;
  const dateRejected = isDateRejection(response.status, rawBody);
  const clockOffsetMs = learntOffset(ctx.now(), ctx.clock.offsetMs, response.headers, dateRejected);
  return {
    ...answerVerdict<T>(ctx, response, rawBody, dateRejected && clockOffsetMs !== undefined, facts),
    clockOffsetMs,
  };
}

/** The verdict on an answer that arrived (`skewed`: a date rejection with a newly learnt clock). */
function answerVerdict<T>(
  ctx: TransportContext,
  response: Response,
  rawBody: string,
  skewed: boolean,
  facts: AttemptFacts,
): Verdict<T> {
  const { attempts, idempotencyKey, method, url, stringToSign, secrets, redirects } = facts;
  const errorFacts = { attempts, idempotencyKey, method, url };
  // 2xx is success; a 3xx only where the operation's documented answer is that redirect (never followed).
  // Anything else, an opaque redirect's status 0 included, is an API error and is never booked as success.
  const ok = response.status >= 200 && response.status < 300 && response.type !== 'opaqueredirect';
  if (!ok && !redirects.includes(response.status)) {
    const failure = apiError({
      status: response.status,
      headers: response.headers,
      rawBody,
      clientStringToSign: stringToSign,
      secrets,
      ...errorFacts,
    });
    if (skewed) return { kind: 'skew', failure };
    return {
      kind: 'failure',
      failure,
      retryable: failure.retryable,
      waitMs: retryAfterMs(response.headers.get('retry-after'), ctx.now()),
    };
  }
  if (!ok) {
    // A documented redirect: the answer is its Location (merchantAccountClaim's claim page), not a body.
    return {
      kind: 'success',
      result: {
        ...resultOf<T>(ctx, response, undefined, rawBody, facts),
        location: response.headers.get('location') ?? undefined,
      },
    };
  }
  const parsed = parseJson(rawBody);
  if (!parsed.ok) {
    // A 2xx whose JSON does not parse was cut short in transit: a transport failure, retried like one.
    const cause = new SyntaxError(
      `truncated or non-JSON ${response.status} response body (${rawBody.length} characters)`,
    );
    return { kind: 'failure', retryable: true, failure: new AmazonPayConnectionError({ cause, ...errorFacts }) };
  }
  return { kind: 'success', result: resultOf<T>(ctx, response, reviveResponse(parsed.value), rawBody, facts) };
}

function resultOf<T>(
  ctx: TransportContext,
  response: Response,
  data: unknown,
  rawBody: string,
  facts: { attempts: number; idempotencyKey: string | undefined; startedAt: number },
): AmazonPayResponse<T> {
  return {
    data: data as T,
    status: response.status,
    headers: response.headers,
    requestId: response.headers.get('x-amz-pay-request-id') ?? undefined,
    attempts: facts.attempts,
    durationMs: ctx.now() - facts.startedAt,
    idempotencyKey: facts.idempotencyKey,
    rawBody,
  };
}

/** Signs one attempt of `req` with the client's clock (corrected for skew), its signer and the call's token. */
export function signAttempt(
  ctx: TransportContext,
  req: PreparedRequest,
  policy: Pick<AttemptPolicy, 'idempotencyKey' | 'authToken'>,
): Promise<SignedRequest> {
  return signRequest({
    signer: ctx.signer,
    algorithm: ctx.algorithm,
    publicKeyId: ctx.publicKeyId,
    method: req.method,
    path: req.path,
    query: req.query,
    body: req.body,
    headers: amazonPayHeaders({
      host: ctx.endpoint.host,
      region: ctx.endpoint.region,
      date: ctx.now() + ctx.clock.offsetMs,
      idempotencyKey: policy.idempotencyKey,
      authToken: policy.authToken,
    }),
  });
}

export function send<T>(
  ctx: TransportContext,
  req: PreparedRequest,
  policy: AttemptPolicy,
  meta?: CallMeta,
): Promise<AmazonPayResponse<T>> {
  if (!ctx.observe) return sendLoop<T>(ctx, req, policy, undefined);
  const obs = ctx.observe(req, meta, policy.idempotencyKey);
  return observed(obs, () => sendLoop<T>(ctx, req, policy, obs));
}

async function sendLoop<T>(
  ctx: TransportContext,
  req: PreparedRequest,
  policy: AttemptPolicy,
  obs: CallObserver | undefined,
): Promise<AmazonPayResponse<T>> {
  const { signal } = policy;
  signal?.throwIfAborted();
  const startedAt = ctx.now();
  let skewRetried = false;
  for (let attempts = 1, retries = 0; ; attempts++) {
    signal?.throwIfAborted(); // before every attempt, and after every await below
    const signed = await signAttempt(ctx, req, policy); // a fresh date each attempt; a bad key fails before sending
    const headers = { ...policy.headers, ...signed.headers };
    if (ctx.userAgent) headers['user-agent'] = ctx.userAgent;

    obs?.attempt(attempts);
    const outcome = await attempt(ctx, req, headers, policy);
    const verdict = classify<T>(ctx, outcome, {
      attempts,
      idempotencyKey: policy.idempotencyKey,
      method: req.method,
      url: redactUrl(req.url),
      startedAt,
      stringToSign: signed.stringToSign,
      secrets: [signed.headers['authorization']?.split('Signature=')[1], policy.authToken, ...secretSegments(req.path)],
      timeoutMs: policy.timeoutMs,
      redirects: req.redirects ?? [],
    });
    if (verdict.clockOffsetMs !== undefined) ctx.clock.offsetMs = verdict.clockOffsetMs; // the only clock write
    obs?.answer(
      attempts,
      outcome.kind === 'response' ? outcome.response : undefined,
      verdict.kind === 'success' ? undefined : verdict.failure,
    );
    if (verdict.kind === 'success') return verdict.result;
    if (verdict.kind === 'skew' && !skewRetried) {
      obs?.retry(attempts, verdict.failure, 0, true);
      skewRetried = true; // one immediate retry with the corrected clock; not counted against maxRetries
      continue;
    }
    if (verdict.kind === 'skew') throw verdict.failure; // the corrected clock was rejected too
    const { failure } = verdict;
    // Only idempotent requests are retried: every POST carries a key, GET/PATCH/DELETE are safe to repeat.
    const idempotent = req.method !== 'POST' || policy.idempotencyKey !== undefined;
    if (!verdict.retryable || !idempotent || retries >= policy.maxRetries) throw failure;
    const delayMs = verdict.waitMs ?? backoffDelay(retries, ctx.random);
    obs?.retry(attempts, failure, delayMs);
    await ctx.sleep(delayMs, signal);
    retries++;
  }
}
