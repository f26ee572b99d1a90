/**
 * `createSandbox()`: the whole local Amazon Pay API as one `fetch(request) => Response` function on Web
 * APIs only. A request goes: scripted faults -> sandbox pages (unsigned) -> API path -> signature
 * verification -> route -> body, simulation code and idempotency key -> the operation, run one at a time
 * against the store -> `{ reasonCode, message }` or the object, with `x-amz-pay-request-id` and `Date`.
 */
import { abortableSleep } from '@amazon-pay-edge/core/internal';
import { ALGORITHMS, buttonStringToSign, isSigningAlgorithm } from '@amazon-pay-edge/core/signer';
import { SandboxClock } from './clock.js';
import type { BuyerProfile, Ctx, SandboxDelays } from './context.js';
import { ApiError, SandboxConfigError } from './errors.js';
import { faultResponse, SandboxConnectionDropped, takeFault, type SandboxFault } from './faults.js';
import { ids } from './ids.js';
import {
  createIpnEmitter,
  type SandboxIpnDelivery,
  type SandboxIpnOptions,
  type SandboxIpnSubscription,
} from './ipn/emitter.js';
import {
  trigger,
  triggerPage,
  TRIGGER_PATH,
  type SandboxTriggerOptions,
  type SandboxTriggerResult,
  type TriggerDeps,
} from './ipn/trigger.js';
import { WATCHED, watchStore } from './ipn/watch.js';
import { settle, type Timed } from './lifecycle.js';
import {
  checkIdempotencyKey,
  fingerprint,
  idempotencyScope,
  idempotent,
  serialise,
  type Answer,
} from './idempotency.js';
import { createBuyerToken } from './resources/buyers.js';
import { approveSession } from './resources/checkoutSessions.js';
import { matchRoute } from './routes.js';
import { simulationFor } from './simulation.js';
import { MemoryStore, type RecordKind, type SandboxStore } from './store.js';
import { handleUi, UI_PREFIX } from './ui.js';
import { checkKeys, keyring, type PublicKeyInput } from './verify/keys.js';
import { fromBase64 } from '@amazon-pay-edge/core/internal';
import { decodeStrict, parseApiPath, verifyRequest, type Environment } from './verify/verify.js';

export interface SandboxOptions {
  /** Public keys allowed to call, by public key id: SPKI PEM text or a public RSA-PSS `CryptoKey`. */
  keys: Record<string, PublicKeyInput>;
  /** Clock in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Where objects live (default: a new `MemoryStore`). */
  store?: SandboxStore;
  /** Faults to start with; more can be pushed onto `sandbox.faults` at any time. */
  faults?: SandboxFault[];
  /** Offset of the sandbox's server clock (simulates a server whose clock is off). */
  clockOffsetMs?: number;
  /** How far in the future `x-amz-pay-date` may be (default 5000 ms). */
  clockToleranceMs?: number;
  /** Durations of the asynchronous transitions, on the lifecycle clock (see README). */
  delays?: Partial<SandboxDelays>;
  /** Origin used in the URLs the sandbox hands out (`amazonPayRedirectUrl`...); default: the request's origin. */
  publicUrl?: string;
  /** Shown as `sellerId` in disbursements. */
  merchantId?: string;
  /** The buyer who "signs in" on the approval page unless `approveCheckoutSession` is given another. */
  buyer?: BuyerProfile;
  /** Answer CORS preflights and allow any origin (for browser callers). Default false, like Amazon. */
  cors?: boolean;
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** Called after every request with what the sandbox answered (logging, assertions). */
  onRequest?: (entry: SandboxRequestLog) => void;
  /**
   * Send Amazon SNS-signed IPNs for every state change of a Charge Permission, Charge or Refund (see
   * README "IPNs"). `{}` records them in `ipnDeliveries` without delivering. Default: no IPNs.
   */
  ipn?: SandboxIpnOptions;
  subtle?: SubtleCrypto;
  /**
   * Test shortcut, off by default: show `amazonPayRedirectUrl` on a Checkout Session before the buyer
   * signed in. Amazon returns null until then (the buyer signs in through the button; here: GET
   * `/sandbox-ui/checkout/{id}` or `approveCheckoutSession`).
   */
  redirectUrlBeforeSignIn?: boolean;
  /**
   * Accept the sandbox's own simulation codes (`SIMULATION_EXTENSIONS`: CaptureInitiated on Capture,
   * refund declines, In-Store declines). Off by default: Amazon refuses codes it does not list.
   */
  simulationExtensions?: boolean;
}

export interface SandboxRequestLog {
  method: string;
  path: string;
  operation: string | undefined;
  status: number;
  reasonCode: string | undefined;
  requestId: string;
  /** The answer came from the idempotency store. */
  replayed: boolean;
}

export interface ButtonSignatureInput {
  payloadJSON: string;
  signature: string;
  publicKeyId: string;
  algorithm?: string;
}

export interface Sandbox {
  /** The API. Accepts `(request)` or `(input, init)` like the global `fetch`; does not use `this`. */
  readonly fetch: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>;
  /** Scripted faults, consumed in order (see `SandboxFault`). */
  readonly faults: SandboxFault[];
  /** Offset of the server clock used for `x-amz-pay-date` checks and the `Date` header. */
  clockOffsetMs: number;
  /** Fast-forwards the lifecycle clock: expiries and asynchronous transitions, not signature dates. */
  advance(ms: number): void;
  /** The lifecycle clock (ms). */
  now(): number;
  /** The buyer's visit to `amazonPayRedirectUrl`, without HTTP. Returns the URL they are sent to. */
  approveCheckoutSession(checkoutSessionId: string, buyer?: BuyerProfile): Promise<string>;
  /** The buyer cancels on the Amazon Pay page. Returns the URL they are sent to. */
  cancelCheckoutSession(checkoutSessionId: string): Promise<string>;
  /** Amazon Sign-In without HTTP: a buyer token for Get Buyer. */
  createBuyerToken(buyer?: BuyerProfile, environment?: Environment): Promise<string>;
  /** Checks a button config the way Amazon does when it renders the button. */
  verifyButtonSignature(config: ButtonSignatureInput): Promise<boolean>;
  readonly store: SandboxStore;
  /** Every IPN sent (or, without `ipn.url`/`ipn.deliver`, only recorded), in the order of the changes. */
  readonly ipnDeliveries: readonly SandboxIpnDelivery[];
  /** Resolves when every IPN delivery started so far has settled (signed, delivered or failed). */
  flushIpns(): Promise<void>;
  /** Sends an SNS SubscriptionConfirmation whose SubscribeURL confirms `ipnSubscription`; resolves once delivered. */
  sendSubscriptionConfirmation(): Promise<SandboxIpnDelivery>;
  readonly ipnSubscription: SandboxIpnSubscription;
  /**
   * Like `stripe trigger`: creates the object an event is about, then POSTs an SNS-signed IPN for it to
   * `options.to` (see README "trigger"). Works whether or not the `ipn` option is set.
   */
  trigger(options: SandboxTriggerOptions): Promise<SandboxTriggerResult>;
}

export const DEFAULT_DELAYS: SandboxDelays = {
  authorizationMs: 30_000,
  captureMs: 30_000,
  refundMs: 10_000,
  reportMs: 5_000,
};

const DEFAULT_BUYER: Required<Omit<BuyerProfile, 'buyerId'>> = {
  name: 'Sandbox Buyer',
  email: 'buyer@example.com',
  phoneNumber: '+1 206-555-0100',
  shippingAddress: {
    name: 'Sandbox Buyer',
    addressLine1: '410 Terry Ave N',
    addressLine2: null,
    addressLine3: null,
    city: 'Seattle',
    county: null,
    district: null,
    stateOrRegion: 'WA',
    postalCode: '98109',
    countryCode: 'US',
    phoneNumber: '+1 206-555-0100',
  },
  billingAddress: {
    name: 'Sandbox Buyer',
    addressLine1: '410 Terry Ave N',
    addressLine2: null,
    addressLine3: null,
    city: 'Seattle',
    county: null,
    district: null,
    stateOrRegion: 'WA',
    postalCode: '98109',
    countryCode: 'US',
    phoneNumber: '+1 206-555-0100',
  },
  paymentDescriptor: 'Visa ****1111 (Amazon Pay)',
  primeMembershipTypes: null,
};

function checkNumber(field: string, value: unknown, min: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
    throw new SandboxConfigError(field, `${field} must be a number of at least ${min}; got ${String(value)}.`);
  return value;
}

export function createSandbox(options: SandboxOptions): Sandbox {
  if (!options || typeof options !== 'object')
    throw new SandboxConfigError('options', 'Pass options: createSandbox({ keys: { [publicKeyId]: publicKeyPem } }).');
  const keys = checkKeys(options.keys);
  const subtle = options.subtle ?? crypto.subtle;
  const keyFor = keyring(keys, subtle);
  const keyTable = Object.fromEntries(keys); // one stable object: core's verifier imports each PEM once
  const clock = new SandboxClock(options.now ?? (() => Date.now()));
  clock.clockOffsetMs = checkNumber('clockOffsetMs', options.clockOffsetMs, Number.NEGATIVE_INFINITY) ?? 0;
  const clockToleranceMs = checkNumber('clockToleranceMs', options.clockToleranceMs, 0) ?? 5_000;
  const maxBodyBytes = checkNumber('maxBodyBytes', options.maxBodyBytes, 1) ?? 1024 * 1024;
  const delays: SandboxDelays = { ...DEFAULT_DELAYS };
  for (const [name, value] of Object.entries(options.delays ?? {})) {
    if (!(name in delays))
      throw new SandboxConfigError('delays', `Unknown delay ${name}; use ${Object.keys(DEFAULT_DELAYS).join(', ')}.`);
    delays[name as keyof SandboxDelays] = checkNumber(`delays.${name}`, value, 0)!;
  }
  let publicOrigin: string | undefined;
  if (options.publicUrl !== undefined) {
    try {
      publicOrigin = new URL(options.publicUrl).origin;
    } catch {
      throw new SandboxConfigError(
        'publicUrl',
        `publicUrl ${JSON.stringify(options.publicUrl)} is not an absolute URL.`,
      );
    }
  }
  const store = options.store ?? new MemoryStore();
  const faults: SandboxFault[] = [...(options.faults ?? [])];
  const defaultBuyer = { ...DEFAULT_BUYER, ...options.buyer };
  const merchantId = options.merchantId ?? 'A2SANDBOXMERCHANT';
  const ipn = createIpnEmitter({ options: options.ipn, merchantId, subtle, now: () => clock.server() });
  // IPN URLs use publicUrl, else the origin of the request that caused the change; changes made by
  // advance() (no request) use the last API request's origin.
  let lastOrigin = 'https://pay-api.amazon.com';
  const storeFor = (origin: string): SandboxStore =>
    ipn.enabled ? watchStore(store, (change) => ipn.notify(change, origin)) : store;

  // Operations run one at a time, so a check-then-write (balances, idempotency keys) is never interleaved.
  let queue: Promise<unknown> = Promise.resolve();
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const baseCtx = (origin: string, env: Environment): Ctx => ({
    store: storeFor(publicOrigin ?? origin),
    now: clock.lifecycle(),
    env,
    origin: publicOrigin ?? origin,
    params: {},
    query: new URLSearchParams(),
    body: undefined,
    headers: new Headers(),
    simulation: undefined,
    authToken: undefined,
    delays,
    merchantId,
    defaultBuyer,
    redirectUrlBeforeSignIn: options.redirectUrlBeforeSignIn === true,
  });

  const triggerDeps: TriggerDeps = {
    ipn,
    store,
    merchantId,
    ctxFor: (origin) => baseCtx(origin, 'Sandbox'),
    exclusive,
  };

  const errorAnswer = (error: ApiError): Answer => ({
    status: error.status,
    body: JSON.stringify({ reasonCode: error.reasonCode, message: error.message }),
    headers: { 'content-type': 'application/json' },
  });

  async function readBody(request: Request): Promise<Uint8Array> {
    if (!request.body) return new Uint8Array(0);
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBodyBytes)
      throw new ApiError('InvalidRequest', `The request body is larger than ${maxBodyBytes} bytes.`);
    return bytes;
  }

  async function answer(request: Request, url: URL, log: { operation?: string; replayed?: boolean }): Promise<Answer> {
    if (options.cors && request.method === 'OPTIONS') {
      return {
        status: 204,
        body: null,
        headers: {
          'access-control-allow-methods': 'GET, POST, PATCH, DELETE, PUT',
          'access-control-allow-headers': request.headers.get('access-control-request-headers') ?? '*',
          'access-control-max-age': '600',
        },
      };
    }
    const bytes = await readBody(request);
    // Every part of the URL must decode (a page id, a path segment, a query): a 400 here, never a 500.
    for (const part of [url.pathname, ...url.search.slice(1).split(/[&=]/)]) decodeStrict(part);
    if (url.pathname === TRIGGER_PATH && request.method === 'POST')
      return serialise(await triggerPage(triggerDeps, bytes, publicOrigin ?? url.origin));
    if (url.pathname.startsWith(UI_PREFIX)) {
      return serialise(await exclusive(() => handleUi(baseCtx(url.origin, 'Sandbox'), request.method, url, ipn)));
    }
    const path = parseApiPath(url.pathname);
    if (!path)
      throw new ApiError(
        'ResourceNotFound',
        `There is no Amazon Pay API at ${url.pathname}; paths look like /v2/checkoutSessions or /sandbox/v2/checkoutSessions.`,
      );
    const caller = await verifyRequest(request, url, path, bytes, {
      keys: keyTable,
      serverNow: () => clock.server(),
      clockToleranceMs,
      subtle,
    });
    lastOrigin = url.origin;
    const { route, params } = matchRoute(request.method, path.segments);
    log.operation = route.operation;
    const simulation = simulationFor(
      route.operation,
      request.headers.get('x-amz-pay-simulation-code'),
      caller.environment,
      options.simulationExtensions === true,
    );
    const key =
      request.method === 'POST' && route.idempotencyKey !== 'ignored'
        ? checkIdempotencyKey(request.headers.get('x-amz-pay-idempotency-key'), route.idempotencyKey === 'required')
        : undefined;
    let parsed: unknown;
    if (bytes.byteLength > 0 && request.method !== 'GET') {
      try {
        parsed = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        throw new ApiError('InvalidRequestFormat', 'The request body is not valid JSON.');
      }
    }
    const authToken = request.headers.get('x-amz-pay-authtoken') ?? undefined;
    return exclusive(async () => {
      const ctx: Ctx = {
        ...baseCtx(url.origin, caller.environment),
        params,
        query: url.searchParams,
        body: parsed,
        headers: request.headers,
        simulation,
        authToken,
      };
      if (authToken !== undefined) {
        const token = (await store.get('authorizationToken', authToken)) as { _env?: string } | undefined;
        if (!token || token._env !== caller.environment) {
          throw new ApiError(
            'InvalidAuthorizationToken',
            'The x-amz-pay-authtoken is not valid: use the authorizationToken returned by Get Authorization Token or Create Merchant Account.',
          );
        }
      }
      const scope = idempotencyScope(merchantId, caller.environment, route.operation, key ?? '');
      const result = await idempotent(
        store,
        key,
        scope,
        fingerprint(caller.environment, request.method, path.segments, bytes),
        async () => {
          try {
            return serialise(await route.handler(ctx));
          } catch (error) {
            if (error instanceof ApiError) return errorAnswer(error);
            throw error;
          }
        },
      );
      log.replayed = result.replayed;
      return result;
    });
  }

  function toResponse(a: Answer, requestId: string): Response {
    const headers = new Headers(a.headers);
    headers.set('x-amz-pay-request-id', requestId);
    headers.set('date', new Date(clock.server()).toUTCString());
    if (options.cors) {
      headers.set('access-control-allow-origin', '*');
      headers.set('access-control-expose-headers', 'x-amz-pay-request-id, date, retry-after, location');
    }
    const nullBody = a.status === 204 || a.status === 205 || a.status === 304;
    return new Response(nullBody ? null : a.body, { status: a.status, headers });
  }

  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request && init === undefined ? input : new Request(input, init);
    const url = new URL(request.url);
    const requestId = ids.requestId();
    const log: { operation?: string; replayed?: boolean } = {};
    const fault = takeFault(faults, request.method, url.pathname);
    if (fault?.delayMs) await abortableSleep(fault.delayMs, request.signal);
    const before = fault && fault.when !== 'after';
    if (before && fault.drop) throw new SandboxConnectionDropped();
    let result: Answer;
    if (before && fault.status !== undefined) {
      result = faultResponse(fault as SandboxFault & { status: number });
    } else {
      try {
        result = await answer(request, url, log);
      } catch (error) {
        if (error instanceof ApiError) result = errorAnswer(error);
        else
          result = errorAnswer(
            new ApiError(
              'InternalServerError',
              `The sandbox failed: ${error instanceof Error ? error.message : String(error)}`,
            ),
          );
      }
      if (fault && !before) {
        if (fault.drop) throw new SandboxConnectionDropped();
        if (fault.status !== undefined) result = faultResponse(fault as SandboxFault & { status: number });
      }
    }
    if (options.onRequest) {
      let reasonCode: string | undefined;
      if (result.status >= 400 && result.body) {
        try {
          reasonCode = (JSON.parse(result.body) as { reasonCode?: string }).reasonCode;
        } catch {
          reasonCode = undefined;
        }
      }
      options.onRequest({
        method: request.method,
        path: url.pathname,
        operation: log.operation,
        status: result.status,
        reasonCode,
        requestId,
        replayed: log.replayed ?? false,
      });
    }
    return toResponse(result, requestId);
  };

  /** Context for the programmatic helpers: the environment of the record they act on. */
  const helperCtx = async (kind: 'checkoutSession', id: string): Promise<Ctx> => {
    const raw = (await store.get(kind, id)) as { _env?: Environment } | undefined;
    return baseCtx(publicOrigin ?? 'https://pay-api.amazon.com', raw?._env ?? 'Sandbox');
  };

  /**
   * Applies the timers that advance() made due on every IPN object at once, so their IPNs go out now
   * rather than when the object is next read. The outcome is the same either way: timers depend only on
   * the clock.
   */
  const sweep = (): Promise<void> =>
    exclusive(async () => {
      const now = clock.lifecycle();
      const watched = storeFor(publicOrigin ?? lastOrigin);
      for (const [kind, spec] of Object.entries(WATCHED) as [RecordKind, NonNullable<(typeof WATCHED)[RecordKind]>][]) {
        for (const raw of await store.list(kind)) {
          const record = raw as Timed & Record<string, unknown>;
          if (settle(record, now)) await watched.put(kind, String(record[spec.idField]), record);
        }
      }
    });

  return {
    fetch,
    faults,
    get clockOffsetMs() {
      return clock.clockOffsetMs;
    },
    set clockOffsetMs(value: number) {
      clock.clockOffsetMs = checkNumber('clockOffsetMs', value, Number.NEGATIVE_INFINITY) ?? 0;
    },
    advance(ms: number) {
      clock.advancedMs += checkNumber('advance(ms)', ms, 0) ?? 0;
      if (ipn.enabled) ipn.track(sweep());
    },
    now: () => clock.lifecycle(),
    approveCheckoutSession: (id, buyer) =>
      exclusive(async () => approveSession(await helperCtx('checkoutSession', id), id, buyer)),
    cancelCheckoutSession: (id) =>
      exclusive(async () => approveSession(await helperCtx('checkoutSession', id), id, undefined, 'cancel')),
    createBuyerToken: (buyer, environment = 'Sandbox') =>
      exclusive(() => createBuyerToken(baseCtx(publicOrigin ?? 'https://pay-api.amazon.com', environment), buyer)),
    async verifyButtonSignature(config) {
      const algorithm = config.algorithm ?? 'AMZN-PAY-RSASSA-PSS';
      const key = keyFor(config.publicKeyId);
      const signature = typeof config.signature === 'string' ? fromBase64(config.signature) : undefined;
      if (!key || !signature || !isSigningAlgorithm(algorithm) || typeof config.payloadJSON !== 'string') return false;
      try {
        return await subtle.verify(
          { name: 'RSA-PSS', saltLength: ALGORITHMS[algorithm].saltLength },
          await key,
          signature.slice(),
          new TextEncoder().encode(buttonStringToSign(algorithm, config.payloadJSON)),
        );
      } catch {
        return false;
      }
    },
    store,
    ipnDeliveries: ipn.deliveries,
    flushIpns: () => ipn.flush(),
    sendSubscriptionConfirmation: () => ipn.sendSubscriptionConfirmation(publicOrigin ?? lastOrigin),
    ipnSubscription: ipn.subscription,
    trigger: (triggerOptions) => trigger(triggerDeps, triggerOptions, publicOrigin ?? lastOrigin),
  };
}
