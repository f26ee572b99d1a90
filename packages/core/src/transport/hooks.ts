/**
 * Client-level hooks: one event when a call starts, per attempt sent, per answer, per retry scheduled,
 * and when the call ends. Events carry only facts safe to log (operation, method, path with tokens
 * redacted, attempt, idempotency key, request id, status, timings, error codes): never headers, the
 * signature, tokens or bodies. A hook cannot break a call: what it throws or rejects is reported to
 * `onHookError` (default `console.warn`) and the call goes on. Without hooks the transport skips all of it.
 */
import type { OperationSpec } from '../operations.js';
import { redactUrl } from './redact.js';
import type { HttpMethod, PreparedRequest } from './request.js';

/** Facts shared by every event of one call. */
export interface CallFacts {
  /** Distinct per call in this JavaScript realm (across clients): ties attempts, retries and the end to the start. */
  callId: number;
  /** The client method (`createCheckoutSession`, ...) or `apiCall` for a raw call. */
  operation: string;
  method: HttpMethod;
  /** Path as sent, ids kept and tokens replaced by `[redacted]`, e.g. `/v2/charges/S01-...-C01`. */
  path: string;
  /** Low-cardinality route, e.g. `/v2/charges/{chargeId}`, when the path matches a known operation. */
  pathTemplate: string | undefined;
  /** `x-amz-pay-host`, e.g. `pay-api.amazon.com` (with `:port` for a `baseUrl` that has one). */
  host: string;
  /** Scheme and host the request goes to, e.g. `https://pay-api.amazon.com`. */
  origin: string;
  region: string;
  idempotencyKey: string | undefined;
}

/** A call is starting (before its request is built and signed); `hooks.onCallStart`. */
export interface CallStartEvent extends CallFacts {
  type: 'callStart';
  /** Epoch ms on the client's clock. */
  startedAt: number;
}

/** One HTTP attempt is about to be sent (signed, with its attempt number); `hooks.onAttempt`. */
export interface AttemptEvent extends CallFacts {
  type: 'attempt';
  /** 1 for the first try. */
  attempt: number;
}

/** An attempt was answered (status, request id, duration) or failed on the network; `hooks.onAnswer`. */
export interface AnswerEvent extends CallFacts {
  type: 'answer';
  attempt: number;
  /** HTTP status; absent when no response arrived (network failure, timeout). */
  status: number | undefined;
  requestId: string | undefined;
  /** Time of this attempt: send to body read. */
  durationMs: number;
  /** `ERR_AMAZON_PAY_*` when the attempt failed. */
  errorCode: string | undefined;
  /** Amazon's `reasonCode` for an error answer. */
  reasonCode: string | undefined;
}

/** Why a retry was scheduled. */
export type RetryReason = 'status' | 'network' | 'timeout' | 'clockSkew';

/** A retry is scheduled, with its reason and the wait before it; `hooks.onRetry`. */
export interface RetryEvent extends CallFacts {
  type: 'retry';
  /** The attempt that failed. */
  attempt: number;
  reason: RetryReason;
  status: number | undefined;
  reasonCode: string | undefined;
  /** The wait before the next attempt (`Retry-After` or back-off). */
  delayMs: number;
}

/** A call ended, with its result or its typed error's code and reason code; `hooks.onCallEnd`. */
export interface CallEndEvent extends CallFacts {
  type: 'callEnd';
  outcome: 'success' | 'error';
  attempts: number;
  status: number | undefined;
  requestId: string | undefined;
  /** Whole call, retries and waits included. */
  durationMs: number;
  /** The thrown error's `name` (e.g. `AmazonPayApiError`) and `code`, on failure. */
  errorName: string | undefined;
  errorCode: string | undefined;
  reasonCode: string | undefined;
}

/** Any hook event; each carries redacted facts only (never headers, signature, tokens or bodies). */
export type AmazonPayHookEvent = CallStartEvent | AttemptEvent | AnswerEvent | RetryEvent | CallEndEvent;

type Handler<E> = ((event: E) => void | Promise<void> | undefined) | undefined;

/** Any subset; each may be async (not awaited: a slow hook never delays a payment). */
export interface AmazonPayHooks {
  onCallStart?: Handler<CallStartEvent>;
  onAttempt?: Handler<AttemptEvent>;
  onAnswer?: Handler<AnswerEvent>;
  onRetry?: Handler<RetryEvent>;
  onCallEnd?: Handler<CallEndEvent>;
}

/** Receives a hook's own failure (thrown or rejected); it never reaches the payment call. Default: `console.warn`. */
export type HookErrorHandler = (error: unknown, event: AmazonPayHookEvent) => void;

/**
 * `/v2/buyers/TOKEN` -> `/v2/buyers/[redacted]` through the same rule as errors' URLs (`redactUrl`); other ids
 * stay (they are what an operator searches for).
 */
export function redactPath(path: string): string {
  return redactUrl(path); // one rule for errors and hook events
}

let calls = 0;

/** Delivers an event to every hook set: never throws, never awaits. */
export type HookBus = (event: AmazonPayHookEvent) => void;

/** Builds the bus, or undefined when there is nothing to call (the transport then does no hook work). */
export function hookBus(
  sets: AmazonPayHooks[],
  onError: HookErrorHandler = (e, ev) => console.warn(`amazon-pay-edge: ${ev.type} hook failed`, e),
): HookBus | undefined {
  const report = (error: unknown, event: AmazonPayHookEvent) => {
    try {
      onError(error, event);
    } catch {
      // The reporter itself failed: nothing safe is left to do, and the call must go on.
    }
  };
  return sets.length
    ? (event) => {
        // callStart -> onCallStart, ...
        const key = `on${event.type[0]!.toUpperCase()}${event.type.slice(1)}` as keyof AmazonPayHooks;
        for (const set of sets) {
          try {
            const result = (set[key] as Handler<AmazonPayHookEvent>)?.call(set, event);
            if (typeof result?.then === 'function') result.then(undefined, (error: unknown) => report(error, event));
          } catch (error) {
            report(error, event);
          }
        }
      }
    : undefined;
}

/** What the client knows about a call before sending: its name and route template. */
export interface CallMeta {
  operation: string;
  /** Path template relative to `/v2/`, e.g. `charges/{chargeId}`. */
  template: string | undefined;
}

/** Finds the operation a raw `apiCall` path matches, so it gets a name and template too. */
export function matchOperation(
  operations: Record<string, OperationSpec>,
  method: HttpMethod,
  urlFragment: string,
): CallMeta {
  const fragment = urlFragment.replace(/^\/+/, '');
  for (const [name, spec] of Object.entries(operations)) {
    if (spec.method !== method) continue;
    const pattern = new RegExp(`^${spec.path.replace(/\{\w+\}/g, '[^/]+')}$`);
    if (pattern.test(fragment)) return { operation: name, template: spec.path };
  }
  return { operation: 'apiCall', template: undefined };
}

/** What an attempt's failure contributes to events: never its message (it may quote the request). */
interface FailureFacts {
  name?: string;
  code?: string;
  status?: number;
  reasonCode?: string;
  requestId?: string;
}

/** One call's event source, used by the attempt loop at a few points. */
export interface CallObserver {
  attempt(attempt: number): void;
  answer(attempt: number, response: Response | undefined, failure: FailureFacts | undefined): void;
  retry(attempt: number, failure: FailureFacts, delayMs: number, clockSkew?: boolean): void;
  end(result: { status: number; requestId: string | undefined } | undefined, error?: unknown): void;
}

const RETRY_REASON: Record<string, RetryReason> = {
  ERR_AMAZON_PAY_TIMEOUT: 'timeout',
  ERR_AMAZON_PAY_CONNECTION: 'network',
};

/** Starts observing one call: emits `callStart` now, the rest through the returned methods. */
export function observeCall(
  emit: HookBus,
  req: PreparedRequest,
  meta: CallMeta | undefined,
  endpoint: { host: string; origin: string; region: string; pathPrefix: string },
  idempotencyKey: string | undefined,
  now: () => number,
): CallObserver {
  const facts: CallFacts = {
    callId: ++calls,
    operation: meta?.operation ?? 'apiCall',
    method: req.method,
    path: redactPath(req.path),
    pathTemplate: meta?.template && `${endpoint.pathPrefix}/${meta.template}`,
    host: endpoint.host,
    origin: endpoint.origin,
    region: endpoint.region,
    idempotencyKey,
  };
  const startedAt = now();
  let attemptStartedAt = startedAt;
  let attempts = 0;
  // A fresh object per event, built property by property: object spread is many times slower in V8 here.
  const send = (event: Record<string, unknown>) => {
    const { callId, operation, method, path, pathTemplate, host, origin, region } = facts;
    const e: Record<string, unknown> = {
      type: '',
      callId,
      operation,
      method,
      path,
      pathTemplate,
      host,
      origin,
      region,
    };
    e['idempotencyKey'] = idempotencyKey;
    for (const k in event) e[k] = event[k];
    emit(e as unknown as AmazonPayHookEvent);
  };
  send({ type: 'callStart', startedAt });
  return {
    attempt(attempt) {
      attempts = attempt;
      attemptStartedAt = now();
      send({ type: 'attempt', attempt });
    },
    answer(attempt, response, failure) {
      send({
        type: 'answer',
        attempt,
        status: response?.status,
        requestId: response?.headers.get('x-amz-pay-request-id') ?? undefined,
        durationMs: now() - attemptStartedAt,
        errorCode: failure?.code,
        reasonCode: failure?.reasonCode,
      });
    },
    retry(attempt, failure, delayMs, clockSkew) {
      const reason = clockSkew ? 'clockSkew' : (RETRY_REASON[failure.code!] ?? 'status');
      send({ type: 'retry', attempt, reason, status: failure.status, reasonCode: failure.reasonCode, delayMs });
    },
    end(result, error) {
      // What was thrown may be anything (an abort reason): only typed string/number facts are taken.
      const f = (result ? {} : (error ?? {})) as FailureFacts;
      const pick = <T>(value: T, type: string) => (typeof value === type ? value : undefined);
      send({
        type: 'callEnd',
        outcome: result ? 'success' : 'error',
        attempts,
        status: result?.status ?? pick(f.status, 'number'),
        requestId: result ? result.requestId : pick(f.requestId, 'string'),
        durationMs: now() - startedAt,
        errorName: result ? undefined : (pick(f.name, 'string') ?? 'Error'),
        errorCode: pick(f.code, 'string'),
        reasonCode: pick(f.reasonCode, 'string'),
      });
    },
  };
}

/** Runs `run` as one observed call: the attempt loop's own events, then success or failure. */
export async function observed<T extends { status: number; requestId: string | undefined }>(
  observer: CallObserver,
  run: () => Promise<T>,
): Promise<T> {
  try {
    const result = await run();
    observer.end(result);
    return result;
  } catch (error) {
    observer.end(undefined, error);
    throw error;
  }
}

/** The transport's observer factory for a client's hook sets (and logger), or undefined when there are none. */
export function hookObserver(
  sets: AmazonPayHooks[],
  onError: HookErrorHandler | undefined,
  endpoint: { host: string; origin: string; region: string; pathPrefix: string },
  now: () => number,
):
  ((req: PreparedRequest, meta: CallMeta | undefined, idempotencyKey: string | undefined) => CallObserver) | undefined {
  const emit = hookBus(sets, onError);
  return emit && ((req, meta, idempotencyKey) => observeCall(emit, req, meta, endpoint, idempotencyKey, now));
}
