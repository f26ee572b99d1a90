/**
 * The IPN inbox: `createIpnHandler({ verifier, store, handle })` is a `(request) => Promise<Response>` that
 * verifies, claims the notification in a shared store, runs the handler within a time budget, and marks it
 * done or releases it. Status codes follow what SNS does with them: 2xx is delivered, 5xx (and a timeout) is
 * retried, every 4xx drops the message, so 4xx is only for messages that are certainly not genuine.
 */
import { checkNumber, type NumberRule } from '../check-number.js';
import { AmazonPayConfigError, AmazonPayIpnError } from '../errors.js';
import { ipnDedupeKey } from './dedupe.js';
import type { IpnHandlerContext, IpnNotification } from './notifications.js';
import { parseIpn } from './parse.js';
import { checkQueueStore, type IpnQueueEntry, type IpnQueueStore } from './queue.js';
import { createMemoryIpnStore, type IpnStore } from './store.js';
import { DEFAULT_IPN_MAX_AGE_MS, type IpnVerifier } from './verifier.js';

/** SNS waits 15 s for an answer; the handler gets 10 s and the rest is left for verification and the store. */
export const DEFAULT_IPN_HANDLER_TIMEOUT_MS = 10_000;
/**
 * A claim outlives the budget by 10 s, so a handler that ignores its signal still finishes under its own lease;
 * SNS's next attempt comes at least 20 s after a failed one, when the lease has expired.
 */
export const DEFAULT_IPN_LEASE_MS = 20_000;
/** As long as the verifier accepts a message (DEFAULT_IPN_MAX_AGE_MS): a retry it accepts never runs twice. */
export const DEFAULT_IPN_RETENTION_MS = DEFAULT_IPN_MAX_AGE_MS;

/**
 * What a platform offers for work after the response (`ctx` of a Worker's fetch, or `{ waitUntil }` of Deno/Vercel).
 */
export interface IpnPlatformContext {
  /** Keeps the platform alive until `promise` settles. */
  waitUntil?(promise: Promise<unknown>): void;
}

/** One observable step, for logs and metrics. Carries ids only: no body, signature or buyer data. */
export interface IpnHandlerEvent {
  type:
    | 'rejected'
    | 'duplicate'
    | 'busy'
    | 'processed'
    | 'failed'
    | 'timeout'
    | 'confirmed'
    | 'store-error'
    | 'lease-lost'
    | 'stored'
    | 'dead';
  status: number;
  key?: string | undefined;
  objectType?: string | undefined;
  objectId?: string | undefined;
  error?: unknown;
}

/** Options of {@link createIpnHandler}: the verifier, the claim store, the handler and the time limits. */
export interface IpnHandlerOptions {
  /** From `createIpnVerifier` (one per isolate or server). */
  verifier: IpnVerifier;
  /** Where claims live. Default: in memory (one instance only; use a shared store when you run several). */
  store?: IpnStore | undefined;
  /** Processes one verified notification; throw to have SNS deliver it again. */
  handle: (notification: IpnNotification, context: IpnHandlerContext) => unknown;
  /** The handler's time budget, ms (its `signal` aborts then and the answer is 503). Default 10 000. */
  timeoutMs?: number | undefined;
  /** How long a claim holds before another delivery may take it, ms; must exceed `timeoutMs`. Default 20 000. */
  leaseMs?: number | undefined;
  /** How long a processed notification is remembered, ms. Default 15 days. */
  retentionMs?: number | undefined;
  /** Confirm SNS subscriptions to these topics (GET the SubscribeURL). Default: confirm none (answer 403). */
  confirmSubscriptions?: { topicArns: readonly string[] } | undefined;
  /** Called for every outcome (logging, metrics). Errors it throws are ignored. */
  onEvent?: ((event: IpnHandlerEvent) => void) | undefined;
  /**
   * Durable mode: store each verified notification and answer 200 at once, then process it from the store
   * with retries and back-off (see `processDue`), beyond SNS's retry window. Default: synchronous mode.
   */
  durable?: IpnDurableOptions | undefined;
}

/**
 * Durable mode: store the verified notification, answer 200 at once, process it later with retries and a dead-letter
 * state.
 */
export interface IpnDurableOptions {
  /**
   * Where notifications wait: `createMemoryIpnQueue()`, or from `@amazon-pay-edge/core/ipn/stores/*`:
   * `createSqlIpnQueue(...)`, `createD1IpnQueue(env.DB)`, `createRedisIpnQueue({ command })`,
   * `createDenoKvIpnQueue(kv)`, `createDurableObjectIpnQueue(env.IPN_QUEUE)`.
   */
  queue: IpnQueueStore;
  /** Attempts before an entry becomes a dead letter. Default 8. */
  maxAttempts?: number | undefined;
  /**
   * Wait before the next attempt after `failures` failures, ms. Default 1 min doubling, at most 6 h (8 attempts span ~4
   * h).
   */
  backoffMs?: ((failures: number) => number) | undefined;
  /** Also process right after storing (through `waitUntil` when given). Default true; the schedule catches the rest. */
  processOnReceipt?: boolean | undefined;
}

/** What one `processDue()` call did. */
export interface IpnProcessResult {
  processed: number;
  failed: number;
  dead: number;
}

/** The durable handler: the Web handler plus the processor and dead-letter controls. */
export interface DurableIpnRequestHandler extends IpnRequestHandler {
  /** Processes due notifications (call it from a Cron Trigger, a DO alarm, `Deno.cron` or a timer). */
  processDue(options?: { limit?: number | undefined }): Promise<IpnProcessResult>;
  /** Dead letters, oldest first. */
  deadLetters(limit?: number): Promise<IpnQueueEntry[]>;
  /** Queues a dead letter again (attempts reset); false when the key is not a dead letter. */
  replay(key: string): Promise<boolean>;
}

/** Attempts a durable-mode notification gets before it becomes a dead letter. */
export const DEFAULT_IPN_MAX_ATTEMPTS = 8;
const defaultBackoff = (failures: number) => Math.min(60_000 * 2 ** (failures - 1), 6 * 60 * 60_000);

/** The Web handler; pass a Worker's `ctx` (or anything with `waitUntil`) so late handler results are recorded. */
export type IpnRequestHandler = (request: Request, platform?: IpnPlatformContext) => Promise<Response>;

const text = (status: number, body: string) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8' } });

const POSITIVE_MS: NumberRule = { min: 0, exclusiveMin: true, unit: 'milliseconds' };
const positiveMs = (field: string, value: unknown, fallback: number) =>
  checkNumber(field, value, POSITIVE_MS) ?? fallback;

function checkOptions(options: IpnHandlerOptions) {
  if (typeof options?.verifier?.verifyEnvelope !== 'function')
    throw new AmazonPayConfigError('verifier', 'verifier must come from createIpnVerifier().');
  if (typeof options.handle !== 'function')
    throw new AmazonPayConfigError(
      'handle',
      'handle must be a function (notification, context) => void | Promise<void>.',
    );
  const store = options.store;
  if (
    store !== undefined &&
    !['claim', 'complete', 'release'].every(
      (m) => typeof (store as unknown as Record<string, unknown>)[m] === 'function',
    )
  ) {
    throw new AmazonPayConfigError('store', 'store must implement claim, complete and release (see IpnStore).');
  }
  const topics = options.confirmSubscriptions?.topicArns;
  if (
    options.confirmSubscriptions !== undefined &&
    !(Array.isArray(topics) && topics.length > 0 && topics.every((t) => typeof t === 'string' && t))
  ) {
    throw new AmazonPayConfigError(
      'confirmSubscriptions',
      'confirmSubscriptions.topicArns must list the TopicArns to confirm.',
    );
  }
  if (options.onEvent !== undefined && typeof options.onEvent !== 'function')
    throw new AmazonPayConfigError('onEvent', 'onEvent must be a function.');
}

/** Settles as the handler does, or with `'timeout'` when the signal aborts first. */
function withinBudget(run: Promise<unknown>, signal: AbortSignal): Promise<'ok' | 'timeout'> {
  return new Promise((resolve, reject) => {
    const onAbort = () => resolve('timeout');
    signal.addEventListener('abort', onAbort, { once: true });
    run.then(
      () => (signal.removeEventListener('abort', onAbort), resolve('ok')),
      (error) => (signal.removeEventListener('abort', onAbort), reject(error)),
    );
  });
}

/** Runs the handler within the budget; resolves to `ok`, `timeout` (with the late settlement) or throws its error. */
function runBudgeted(
  handle: IpnHandlerOptions['handle'],
  notification: IpnNotification,
  key: string,
  attempt: number,
  timeoutMs: number,
): { outcome: Promise<'ok' | 'timeout'>; run: Promise<unknown> } {
  const budget = new AbortController();
  const timer = setTimeout(
    () => budget.abort(new DOMException(`The IPN handler's ${timeoutMs} ms budget ran out.`, 'TimeoutError')),
    timeoutMs,
  );
  const run = Promise.resolve().then(() => handle(notification, { signal: budget.signal, key, attempt }));
  const outcome = withinBudget(run, budget.signal).finally(() => clearTimeout(timer));
  return { outcome, run };
}

const errorText = (error: unknown) => String((error as Error)?.message ?? error).slice(0, 500);

/** The IPN inbox as a Web handler (Workers, Deno, Bun, Next.js, SvelteKit, Remix, Astro, Hono, Node via its bridge). */
export function createIpnHandler(options: IpnHandlerOptions & { durable: IpnDurableOptions }): DurableIpnRequestHandler;
export function createIpnHandler(options: IpnHandlerOptions): IpnRequestHandler;
export function createIpnHandler(options: IpnHandlerOptions): IpnRequestHandler | DurableIpnRequestHandler {
  checkOptions(options);
  const { verifier, handle } = options;
  const store = options.store ?? createMemoryIpnStore();
  const timeoutMs = positiveMs('timeoutMs', options.timeoutMs, DEFAULT_IPN_HANDLER_TIMEOUT_MS);
  const leaseMs = positiveMs('leaseMs', options.leaseMs, Math.max(DEFAULT_IPN_LEASE_MS, timeoutMs * 2));
  const retentionMs = positiveMs('retentionMs', options.retentionMs, DEFAULT_IPN_RETENTION_MS);
  if (leaseMs <= timeoutMs)
    throw new AmazonPayConfigError(
      'leaseMs',
      `leaseMs (${leaseMs}) must exceed timeoutMs (${timeoutMs}): a lease that ends while its ` +
        `handler runs lets a retry run it twice.`,
    );
  const confirmTopics = new Set(options.confirmSubscriptions?.topicArns ?? []);
  const emit = (event: IpnHandlerEvent): Response => {
    try {
      options.onEvent?.(event);
    } catch {}
    return text(event.status, event.type);
  };

  /** Marks done after success (twice on a store error), or releases after failure; never throws. */
  const settle = async (key: string, token: string, ok: boolean, event: Omit<IpnHandlerEvent, 'type' | 'status'>) => {
    if (!ok) return store.release(key, token).catch(() => undefined);
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        if (!(await store.complete(key, token, retentionMs))) emit({ ...event, type: 'lease-lost', status: 200 });
        return;
      } catch (error) {
        if (attempt === 1) emit({ ...event, type: 'store-error', status: 200, error });
      }
    }
  };

  const handler: IpnRequestHandler = async (request, platform) => {
    if (request.method !== 'POST') return new Response('IPNs are POSTed', { status: 405, headers: { allow: 'POST' } });
    let parsed;
    try {
      parsed = await verifier.verifyEnvelope(await request.text());
    } catch (error) {
      const genuineFailure = error instanceof AmazonPayIpnError && !error.retryable;
      return emit({ type: 'rejected', status: genuineFailure ? 400 : 503, error });
    }

    const { envelope, message } = parsed;
    if (envelope.Type === 'UnsubscribeConfirmation') return emit({ type: 'duplicate', status: 200 });
    if (message === undefined) {
      if (!confirmTopics.has(envelope.TopicArn)) return emit({ type: 'rejected', status: 403 });
      try {
        await verifier.confirmSubscription(envelope.raw);
        return emit({ type: 'confirmed', status: 200 });
      } catch (error) {
        const retry = !(error instanceof AmazonPayIpnError) || error.retryable;
        return emit({ type: 'rejected', status: retry ? 503 : 400, error });
      }
    }

    const notification = { ...message, envelope } as IpnNotification;
    const key = ipnDedupeKey(message);
    const ids = { key, objectType: message.ObjectType, objectId: message.ObjectId };
    if (durable) return receiveDurably(durable, key, ids, JSON.stringify(envelope.raw), platform);
    const token = crypto.randomUUID();
    let claim;
    try {
      claim = await store.claim(key, token, leaseMs);
    } catch (error) {
      return emit({ ...ids, type: 'store-error', status: 503, error });
    }
    if (claim === 'done') return emit({ ...ids, type: 'duplicate', status: 200 });
    // Another delivery holds the lease: 503 so SNS asks again; the holder answers for its own delivery.
    if (claim === 'busy') return emit({ ...ids, type: 'busy', status: 503 });

    const { outcome, run } = runBudgeted(handle, notification, key, 1, timeoutMs);
    try {
      if ((await outcome) === 'ok') {
        await settle(key, token, true, ids);
        return emit({ ...ids, type: 'processed', status: 200 });
      }
      // Out of time: keep the lease (it outlives the budget) and record the late result when it comes.
      const late = run.then(
        () => settle(key, token, true, ids),
        () => settle(key, token, false, ids),
      );
      platform?.waitUntil?.(late);
      return emit({ ...ids, type: 'timeout', status: 503 });
    } catch (error) {
      await settle(key, token, false, ids);
      return emit({ ...ids, type: 'failed', status: 500, error });
    }
  };

  const durable =
    options.durable && durableProcessor(options, options.durable, { timeoutMs, leaseMs, retentionMs, emit });
  async function receiveDurably(
    processor: NonNullable<typeof durable>,
    key: string,
    ids: Omit<IpnHandlerEvent, 'type' | 'status'>,
    payload: string,
    platform: IpnPlatformContext | undefined,
  ): Promise<Response> {
    let stored: boolean;
    try {
      stored = await processor.queue.enqueue(key, payload);
    } catch (error) {
      return emit({ ...ids, type: 'store-error', status: 503, error });
    }
    if (stored && processor.processOnReceipt) {
      const work = processor.processDue({ limit: 1 }).catch(() => undefined);
      platform?.waitUntil?.(work);
    }
    return emit({ ...ids, type: stored ? 'stored' : 'duplicate', status: 200 });
  }
  if (!durable) return handler;
  return Object.assign(handler, {
    processDue: durable.processDue,
    deadLetters: durable.deadLetters,
    replay: durable.replay,
  });
}

/** The durable mode's processor: takes due entries under a lease, runs the handler, records the outcome. */
function durableProcessor(
  options: IpnHandlerOptions,
  durable: IpnDurableOptions,
  limits: { timeoutMs: number; leaseMs: number; retentionMs: number; emit: (event: IpnHandlerEvent) => Response },
) {
  checkQueueStore(durable.queue);
  const { queue } = durable;
  const maxAttempts =
    checkNumber('durable.maxAttempts', durable.maxAttempts, { integer: true, min: 1 }) ?? DEFAULT_IPN_MAX_ATTEMPTS;
  if (durable.backoffMs !== undefined && typeof durable.backoffMs !== 'function')
    throw new AmazonPayConfigError('durable.backoffMs', 'durable.backoffMs must be a function (failures) => ms.');
  const backoff = durable.backoffMs ?? defaultBackoff;
  const { timeoutMs, leaseMs, retentionMs, emit } = limits;

  const processEntry = async (entry: IpnQueueEntry, token: string): Promise<keyof IpnProcessResult> => {
    const failures = entry.attempts + 1;
    const failed = async (error: unknown, lateRun?: Promise<unknown>) => {
      const dead = failures >= maxAttempts;
      // A handler that overran its budget may still be running: wait at least a lease before the next try.
      const wait = Math.max(backoff(failures), lateRun ? leaseMs : 0);
      await queue.fail(entry.key, token, { delayMs: wait, dead, error: errorText(error) });
      emit({ key: entry.key, type: dead ? 'dead' : 'failed', status: 200, error });
      return dead ? 'dead' : 'failed';
    };
    let notification: IpnNotification;
    try {
      const parsed = parseIpn(entry.payload);
      if (!parsed.message) throw new Error('the stored payload is not a notification');
      notification = { ...parsed.message, envelope: parsed.envelope } as IpnNotification;
    } catch (error) {
      return failed(error);
    }
    const ids = { key: entry.key, objectType: notification.ObjectType, objectId: notification.ObjectId };
    const { outcome, run } = runBudgeted(options.handle, notification, entry.key, failures, timeoutMs);
    try {
      if ((await outcome) === 'timeout') {
        run.catch(() => undefined);
        return await failed(new Error(`The handler's ${timeoutMs} ms budget ran out.`), run);
      }
    } catch (error) {
      return failed(error);
    }
    if (!(await queue.succeed(entry.key, token, retentionMs))) emit({ ...ids, type: 'lease-lost', status: 200 });
    else emit({ ...ids, type: 'processed', status: 200 });
    return 'processed';
  };

  return {
    queue,
    processOnReceipt: durable.processOnReceipt ?? true,
    async processDue(run: { limit?: number | undefined } = {}): Promise<IpnProcessResult> {
      const token = crypto.randomUUID();
      const entries = await queue.takeDue(run.limit ?? 25, token, leaseMs);
      const result: IpnProcessResult = { processed: 0, failed: 0, dead: 0 };
      // One at a time: a scheduled run stays within one platform invocation's limits.
      for (const entry of entries) result[await processEntry(entry, token)]++;
      return result;
    },
    deadLetters: (limit = 100) => queue.list('dead', limit),
    replay: (key: string) => queue.replay(key),
  };
}
