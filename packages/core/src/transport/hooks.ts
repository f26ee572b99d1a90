/**
 * Client-level hooks: one event when a call starts, per attempt sent, per answer, per retry scheduled,
 * and when the call ends. Events carry only facts safe to log (operation, method, path with tokens
 * redacted, attempt, idempotency key, request id, status, timings, error codes): never headers, the
 * signature, tokens or bodies. A hook cannot break a call: what it throws or rejects is reported to
 * `onHookError` (default `console.warn`) and the call goes on. Without hooks the transport skips all of it.
 */
import type { OperationSpec } from '../operations.js';
import type { HttpMethod, PreparedRequest } from './request.js';

/** Facts shared by every event of one call. */
export interface CallFacts {
  /** Distinct per call within the JavaScript realm (across clients): ties attempts, retries and the end to their start. */
  callId: number;
  /** The client method (`createCheckoutSession`, ...) or `apiCall` for a raw call. */
  operation: string;
  method: HttpMethod;
  /** Path as sent, ids kept and tokens replaced by `{redacted}`, e.g. `/v2/charges/S01-...-C01`. */
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

export interface CallStartEvent extends CallFacts {
  type: 'callStart';
  /** Epoch ms on the client's clock. */
  startedAt: number;
}

export interface AttemptEvent extends CallFacts {
  type: 'attempt';
  /** 1 for the first try. */
  attempt: number;
}

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

export type AmazonPayHookEvent = CallStartEvent | AttemptEvent | AnswerEvent | RetryEvent | CallEndEvent;

type Handler<E> = ((event: E) => void | Promise<void>) | undefined;

/** Any subset; each may be async (not awaited: a slow hook never delays a payment). */
export interface AmazonPayHooks {
  onCallStart?: Handler<CallStartEvent>;
  onAttempt?: Handler<AttemptEvent>;
  onAnswer?: Handler<AnswerEvent>;
  onRetry?: Handler<RetryEvent>;
  onCallEnd?: Handler<CallEndEvent>;
}

const HANDLER_OF = {
  callStart: 'onCallStart',
  attempt: 'onAttempt',
  answer: 'onAnswer',
  retry: 'onRetry',
  callEnd: 'onCallEnd',
} as const satisfies Record<AmazonPayHookEvent['type'], keyof AmazonPayHooks>;

export type HookErrorHandler = (error: unknown, event: AmazonPayHookEvent) => void;

const defaultHookError: HookErrorHandler = (error, event) => {
  console.warn(`amazon-pay-edge: a ${event.type} hook failed and was ignored:`, error);
};

/** Path segments after these names are secrets (Amazon's tokens travel in the path) and never reported. */
const TOKEN_SEGMENT_AFTER = new Set(['buyers', 'authorizationTokens']);

/** `/v2/buyers/TOKEN` -> `/v2/buyers/{redacted}`; other ids stay (they are what an operator searches for). */
export function redactPath(path: string): string {
  const segments = path.split('/');
  for (let i = 1; i < segments.length; i++) {
    if (TOKEN_SEGMENT_AFTER.has(segments[i - 1]!) && segments[i] !== '') segments[i] = '{redacted}';
  }
  return segments.join('/');
}

let calls = 0;

/** Delivers events to every hook set; never throws, never awaits. */
export class HookBus {
  readonly #sets: AmazonPayHooks[];
  readonly #onError: HookErrorHandler;

  constructor(sets: AmazonPayHooks[], onError: HookErrorHandler | undefined) {
    this.#sets = sets;
    this.#onError = onError ?? defaultHookError;
  }

  emit(event: AmazonPayHookEvent): void {
    const key = HANDLER_OF[event.type];
    for (const set of this.#sets) {
      const handler = set[key] as Handler<AmazonPayHookEvent>;
      if (!handler) continue;
      try {
        const result = handler.call(set, event);
        if (result && typeof (result as Promise<void>).then === 'function') {
          (result as Promise<void>).then(undefined, (error: unknown) => this.#report(error, event));
        }
      } catch (error) {
        this.#report(error, event);
      }
    }
  }

  #report(error: unknown, event: AmazonPayHookEvent): void {
    try {
      this.#onError(error, event);
    } catch {
      // The error reporter itself failed: nothing safe is left to do, and the call must go on.
    }
  }
}

/** Builds the bus, or undefined when there is nothing to call (the transport then does no hook work). */
export function hookBus(hooks: AmazonPayHooks | AmazonPayHooks[] | undefined, onError?: HookErrorHandler): HookBus | undefined {
  const sets = (Array.isArray(hooks) ? hooks : hooks ? [hooks] : []).filter((h) => h && typeof h === 'object');
  return sets.length ? new HookBus(sets, onError) : undefined;
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

/** The per-call facts, computed once; only when a bus exists. */
export function callFacts(
  req: PreparedRequest,
  meta: CallMeta | undefined,
  endpoint: { host: string; origin: string; region: string; pathPrefix: string },
  idempotencyKey: string | undefined,
): CallFacts {
  return {
    callId: ++calls,
    operation: meta?.operation ?? 'apiCall',
    method: req.method,
    path: redactPath(req.path),
    pathTemplate: meta?.template === undefined ? undefined : `${endpoint.pathPrefix}/${meta.template}`,
    host: endpoint.host,
    origin: endpoint.origin,
    region: endpoint.region,
    idempotencyKey,
  };
}

/** What an attempt's failure contributes to events: never its message (it may quote the request). */
interface FailureFacts {
  name: string;
  code: string;
  status?: number | undefined;
  reasonCode?: string | undefined;
  requestId?: string | undefined;
}

function retryReason(failure: FailureFacts): RetryReason {
  if (failure.code === 'ERR_AMAZON_PAY_TIMEOUT') return 'timeout';
  if (failure.code === 'ERR_AMAZON_PAY_CONNECTION') return 'network';
  return 'status';
}

/** One call's event source, used by the attempt loop at a few points. */
export class CallObserver {
  readonly #bus: HookBus;
  readonly #facts: CallFacts;
  readonly #now: () => number;
  readonly #startedAt: number;
  #attemptStartedAt = 0;
  #attempts = 0;

  constructor(bus: HookBus, facts: CallFacts, now: () => number) {
    this.#bus = bus;
    this.#facts = facts;
    this.#now = now;
    this.#startedAt = now();
    bus.emit({ type: 'callStart', ...facts, startedAt: this.#startedAt });
  }

  attempt(attempt: number): void {
    this.#attempts = attempt;
    this.#attemptStartedAt = this.#now();
    this.#bus.emit({ type: 'attempt', ...this.#facts, attempt });
  }

  answer(attempt: number, response: Response | undefined, failure: FailureFacts | undefined): void {
    this.#bus.emit({
      type: 'answer',
      ...this.#facts,
      attempt,
      status: response?.status,
      requestId: response?.headers.get('x-amz-pay-request-id') ?? undefined,
      durationMs: this.#now() - this.#attemptStartedAt,
      errorCode: failure?.code,
      reasonCode: failure?.reasonCode,
    });
  }

  retry(attempt: number, failure: FailureFacts, delayMs: number, clockSkew = false): void {
    this.#bus.emit({
      type: 'retry',
      ...this.#facts,
      attempt,
      reason: clockSkew ? 'clockSkew' : retryReason(failure),
      status: failure.status,
      reasonCode: failure.reasonCode,
      delayMs,
    });
  }

  end(result: { status: number; requestId: string | undefined } | undefined, error?: unknown): void {
    const failure = error as Partial<FailureFacts> | undefined;
    const status = result?.status ?? failure?.status;
    this.#bus.emit({
      type: 'callEnd',
      ...this.#facts,
      outcome: result ? 'success' : 'error',
      attempts: this.#attempts,
      status: typeof status === 'number' ? status : undefined,
      requestId: result ? result.requestId : typeof failure?.requestId === 'string' ? failure.requestId : undefined,
      durationMs: this.#now() - this.#startedAt,
      errorName: result ? undefined : typeof failure?.name === 'string' ? failure.name : 'Error',
      errorCode: result || typeof failure?.code !== 'string' ? undefined : failure.code,
      reasonCode: result || typeof failure?.reasonCode !== 'string' ? undefined : failure.reasonCode,
    });
  }
}

/** Runs `run` as one observed call: start, the attempt loop's own events, then success or failure. */
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
