/**
 * `WebStoreClient` and `InStoreClient`: configuration, the key (imported once), the escape hatches of
 * the official SDKs, and one method per row of the operations table.
 */
import { checkNumber, type NumberRule } from './check-number.js';
import { signButtonPayloadWith, type ButtonConfig } from './button.js';
import { resolveEndpoint, type Endpoint, type Environment, type Region } from './endpoints.js';
import { AmazonPayConfigError, AmazonPayInvalidArgumentError } from './errors.js';
import {
  commonOperations,
  inStoreOperations,
  pathIds,
  webStoreOperations,
  type Operation,
  type OperationSpec,
} from './operations.js';
import { DEFAULT_ALGORITHM, isSigningAlgorithm, type SigningAlgorithm } from './signing/algorithms.js';
import type { QueryParams, QueryValue } from './signing/canonical.js';
import { importPreparedKey, preparePrivateKey, type PreparedKey, type PrivateKeyInput } from './signing/keys.js';
import { createWebCryptoSigner, type AmazonPaySigner } from './signing/sign.js';
import { serialiseBody, serialisePayload } from './transport/body.js';
import { identityHeaders, type IntegratorConfig } from './transport/identity.js';
import { operationBody, type WithJsonPayload } from './transport/payload.js';
import { prepareRequest, type HttpMethod } from './transport/request.js';
import type { AmazonPayResponse } from './transport/response.js';
import {
  hookBus,
  matchOperation,
  type AmazonPayHooks,
  type CallMeta,
  type HookErrorHandler,
} from './transport/hooks.js';
import { paginators, type Paginators } from './paginate.js';
import { loggerHooks, type AmazonPayLogger } from './logging.js';
import { send, signAttempt, type FetchLike, type TransportContext } from './transport/send.js';
import { checkAuthToken, checkHeader, checkId, checkIdempotencyKey } from './transport/validate.js';
import { abortableSleep } from './sleep.js';
import { SDK_VERSION } from './version.js';

/** What a client is created with; checked at construction (`AmazonPayConfigError`, `AmazonPayKeyError`). */
export interface AmazonPayClientConfig {
  /** Public key id from Seller Central (`SANDBOX-…`, `LIVE-…`, or a legacy id with `environment`). */
  publicKeyId: string;
  /**
   * PEM (PKCS#8 or PKCS#1) text, DER bytes, an RSA private JWK, or an RSA-PSS `CryptoKey`: the common path,
   * which builds the WebCrypto signer. Give this or `signer`, not both.
   */
  privateKey?: PrivateKeyInput | undefined;
  /**
   * Signs instead of `privateKey` (a KMS/HSM seam, or a native fast path): RSA-PSS/SHA-256 with the
   * algorithm's salt length. Requests and button signatures both go through it. See `AmazonPaySigner`.
   */
  signer?: AmazonPaySigner | undefined;
  /** `na` (alias `us`), `eu` (aliases `de`, `uk`) or `jp`; case-insensitive. */
  region: Region;
  /** Needed only for legacy key ids. */
  environment?: Environment | undefined;
  /** The official Node SDK's spelling of `environment: 'sandbox'`. */
  sandbox?: boolean | undefined;
  /** Defaults to `AMZN-PAY-RSASSA-PSS-V2`. */
  algorithm?: SigningAlgorithm | undefined;
  /** Defaults to the global `fetch`, looked up at call time. Never called as a method. */
  fetch?: FetchLike | undefined;
  /** Send requests here instead of Amazon (the local sandbox, a test server). TLS settings are never touched. */
  baseUrl?: string | undefined;
  /** Retries after the first attempt for retryable failures (default 3). */
  maxRetries?: number | undefined;
  /** Per-attempt timeout in ms, covering the body read (default 30000). */
  timeout?: number | undefined;
  /**
   * Solution providers: sent on every request as `x-amz-pay-integrator-id`, `x-amz-pay-integrator-version`
   * and `x-amz-pay-platform-version` (unsigned, as the PHP SDK sends them).
   */
  integrator?: IntegratorConfig | undefined;
  /** `user-agent` to send (unsigned); `false` sends none. Browsers never get one (it would force a CORS preflight). */
  userAgent?: string | false | undefined;
  /** Clock in ms since the epoch (tests, or a trusted time source). */
  now?: (() => number) | undefined;
  /** Back-off wait between retries (tests); must reject when `signal` aborts. */
  sleep?: ((ms: number, signal?: AbortSignal) => Promise<void>) | undefined;
  /** Source of generated idempotency keys (defaults to `crypto.randomUUID`). */
  randomUUID?: (() => string) | undefined;
  /** Source of back-off jitter in [0, 1). */
  random?: (() => number) | undefined;
  subtle?: SubtleCrypto | undefined;
  /** Called at call start, per attempt, per answer, per retry and at call end, with redacted facts only. */
  hooks?: AmazonPayHooks | AmazonPayHooks[] | undefined;
  /** Receives what a hook threw or rejected with (default `console.warn`); the call is never affected. */
  onHookError?: HookErrorHandler | undefined;
  /** One structured line per attempt and per retry (`console`, pino, ...); off by default. */
  logger?: AmazonPayLogger | undefined;
}

/** Per-call options, the last argument of every operation method. */
export interface CallOptions {
  /** Sent as `x-amz-pay-idempotency-key`; POSTs get a generated one when absent. */
  idempotencyKey?: string | undefined;
  /** Delegated calls: the token from `getAuthorizationToken`, sent signed as `x-amz-pay-authtoken`. */
  authToken?: string | undefined;
  /** Extra headers, sent unsigned. */
  headers?: Record<string, string> | undefined;
  signal?: AbortSignal | undefined;
  timeout?: number | undefined;
  maxRetries?: number | undefined;
}

/**
 * A request sent through the raw escape hatches (`apiCall`, `getSignedHeaders`), in the official Node SDK's
 * shape: method, path after `/v2/`, payload, headers and query parameters.
 */
export interface RawRequestOptions {
  method: HttpMethod;
  /** The part after `/v2/`, e.g. `checkoutSessions` or `charges/S01-123/capture`. */
  urlFragment: string;
  payload?: string | object | undefined;
  /** Headers; `x-amz-pay-idempotency-key` and `x-amz-pay-authtoken` are signed, others sent unsigned. */
  headers?: Record<string, string> | undefined;
  queryParams?: QueryParams | undefined;
}

/**
 * The former name of `RawRequestOptions`.
 * @deprecated Use `RawRequestOptions`: it describes a request, not per-call options like `CallOptions`.
 */
export type ApiCallOptions = RawRequestOptions;

/** Retries after a throttled (429), 5xx or network-failed attempt, unless `maxRetries` says otherwise. */
export const DEFAULT_MAX_RETRIES = 3;
/** Per-attempt timeout in ms, unless `timeout` says otherwise. */
export const DEFAULT_TIMEOUT_MS = 30_000;

const defaultFetch: FetchLike = (input, init) => globalThis.fetch(input, init);
function defaultUserAgent(): string | undefined {
  const nav = (globalThis as { navigator?: { userAgent?: unknown } }).navigator;
  const ua = typeof nav?.userAgent === 'string' ? nav.userAgent : undefined;
  if (ua?.startsWith('Mozilla/')) return undefined; // a browser or service worker
  return `amazon-pay-edge/${SDK_VERSION}${ua ? ` (${ua})` : ''}`;
}

/** `maxRetries` and `timeout`, in the client config and per call (both `AmazonPayConfigError`). */
const RETRIES: NumberRule = { integer: true, min: 0, max: 10 };
const TIMEOUT: NumberRule = { integer: true, min: 1, max: 600_000, unit: 'milliseconds' };

const CALL_OPTION_KEYS = new Set(['idempotencyKey', 'authToken', 'headers', 'signal', 'timeout', 'maxRetries']);

/** A scalar query value, or a typed error naming the parameter (never `[object Object]` on the wire). */
function queryScalar(name: string, value: unknown): QueryValue {
  if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)))
    return value;
  throw new AmazonPayInvalidArgumentError(
    'query',
    `Query parameter "${name}" must be a string, finite number, boolean or a flat list of them; ` +
      `got ${value === null ? 'null' : typeof value}.`,
  );
}

/** Joins list values with commas: Amazon's list query parameters (`reportTypes`, ...) take one value. */
function joinLists(query: Record<string, unknown>): QueryParams {
  const out: Record<string, QueryValue | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    out[name] = Array.isArray(value)
      ? value.map((v) => String(queryScalar(name, v))).join(',')
      : queryScalar(name, value);
  }
  return out;
}

/** SDK and integrator identification (unsigned) under the caller's headers; a caller's copy of one wins. */
function withIdentity(identity: Record<string, string>, headers: Record<string, string>): Record<string, string> {
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const kept = Object.entries(identity).filter(([name]) => !names.has(name));
  return { ...Object.fromEntries(kept), ...headers };
}

/** `apiCall` query parameters: scalars or flat lists of scalars (repeated parameters), nothing else. */
function checkQueryParams(query: unknown): QueryParams | undefined {
  if (query === undefined || query === null) return undefined;
  if (typeof query !== 'object' || Array.isArray(query))
    throw new AmazonPayInvalidArgumentError('query', 'queryParams must be an object.');
  const out: Record<string, QueryValue | QueryValue[] | undefined> = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    out[name] = Array.isArray(value) ? value.map((v) => queryScalar(name, v)) : queryScalar(name, value);
  }
  return out as QueryParams;
}

/** Every configuration option; any other name is a typo refused at construction (`maxRetry`, `timout`). */
const CONFIG_KEYS: ReadonlySet<string> = new Set([
  'publicKeyId',
  'privateKey',
  'signer',
  'region',
  'environment',
  'sandbox',
  'algorithm',
  'fetch',
  'baseUrl',
  'maxRetries',
  'timeout',
  'userAgent',
  'integrator',
  'now',
  'sleep',
  'randomUUID',
  'random',
  'subtle',
  'hooks',
  'onHookError',
  'logger',
]);
/** Printable ASCII without whitespace, "," or "=" (which would corrupt the Authorization header). */
const PUBLIC_KEY_ID = /^[\x21-\x2b\x2d-\x3c\x3e-\x7e]+$/;
/** A header value: Latin-1 without control characters. */
const USER_AGENT = /^[\x20-\x7e\xa0-\xff\t]*$/;

/**
 * The operations common to both stores, the button signature and the raw-call escape hatches; base of `WebStoreClient`
 * and `InStoreClient`.
 */
export class AmazonPayClient {
  readonly publicKeyId: string;
  readonly algorithm: SigningAlgorithm;
  readonly region: Endpoint['region'];
  readonly environment: Environment;
  #prepared: PreparedKey | undefined;
  #subtle: SubtleCrypto;
  #key: Promise<CryptoKey> | undefined;
  #ctx: TransportContext;
  #maxRetries: number;
  #timeout: number;
  #randomUUID: () => string;
  #identity: Record<string, string>;

  constructor(config: AmazonPayClientConfig) {
    if (!config || typeof config !== 'object')
      throw new AmazonPayConfigError('config', 'Pass a configuration object: { publicKeyId, privateKey, region }.');
    if (typeof config.publicKeyId !== 'string' || config.publicKeyId.trim() === '') {
      throw new AmazonPayConfigError(
        'publicKeyId',
        'publicKeyId is required: the public key id shown in Seller Central (e.g. SANDBOX-AXXXXXXXXXXXXXXXXXXXXXXX).',
      );
    }
    const unknown = Object.keys(config).filter((key) => !CONFIG_KEYS.has(key));
    if (unknown.length) {
      throw new AmazonPayConfigError(
        unknown[0]!,
        `Unknown configuration option(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}. ` +
          `Options are ${[...CONFIG_KEYS].join(', ')}.`,
      );
    }
    if (!PUBLIC_KEY_ID.test(config.publicKeyId)) {
      throw new AmazonPayConfigError(
        'publicKeyId',
        'publicKeyId must be printable ASCII without whitespace, "," or "=" (it is placed in the ' +
          'Authorization header).',
      );
    }
    if (
      config.userAgent !== undefined &&
      config.userAgent !== false &&
      (typeof config.userAgent !== 'string' || !USER_AGENT.test(config.userAgent))
    ) {
      throw new AmazonPayConfigError(
        'userAgent',
        'userAgent must be a string of Latin-1 characters without control characters, or false.',
      );
    }
    const algorithm = config.algorithm ?? DEFAULT_ALGORITHM;
    if (!isSigningAlgorithm(algorithm)) {
      throw new AmazonPayConfigError(
        'algorithm',
        `Unknown algorithm ${JSON.stringify(config.algorithm)}. Use "AMZN-PAY-RSASSA-PSS-V2" ` +
          `(default) or "AMZN-PAY-RSASSA-PSS".`,
      );
    }
    if (config.fetch !== undefined && typeof config.fetch !== 'function')
      throw new AmazonPayConfigError('fetch', 'fetch must be a function.');
    const environment =
      config.environment ?? (config.sandbox === undefined ? undefined : config.sandbox ? 'sandbox' : 'live');
    const endpoint = resolveEndpoint({
      region: config.region,
      environment,
      publicKeyId: config.publicKeyId,
      baseUrl: config.baseUrl,
    });
    this.#maxRetries = checkNumber('maxRetries', config.maxRetries, RETRIES) ?? DEFAULT_MAX_RETRIES;
    this.#timeout = checkNumber('timeout', config.timeout, TIMEOUT) ?? DEFAULT_TIMEOUT_MS;
    this.#identity = identityHeaders(config.integrator);
    if (config.signer !== undefined) {
      if (config.privateKey !== undefined) {
        throw new AmazonPayConfigError('signer', 'Give privateKey or signer, not both: the signer would silently win.');
      }
      if (typeof (config.signer as { sign?: unknown } | null)?.sign !== 'function') {
        throw new AmazonPayConfigError('signer', 'signer must be an object with a sign(data: Uint8Array) method.');
      }
    } else {
      this.#prepared = preparePrivateKey(config.privateKey!); // throws AmazonPayKeyError now, not at the first call
    }
    this.publicKeyId = config.publicKeyId;
    this.algorithm = algorithm;
    this.region = endpoint.region;
    this.environment = endpoint.environment;
    this.#randomUUID = config.randomUUID ?? (() => crypto.randomUUID());
    const subtle = config.subtle ?? crypto.subtle;
    this.#subtle = subtle;
    const hookSets = config.hooks === undefined ? [] : [config.hooks].flat();
    const logger = config.logger as Record<string, unknown> | undefined;
    if (logger !== undefined && !['debug', 'info', 'warn', 'error'].every((m) => typeof logger?.[m] === 'function')) {
      throw new AmazonPayConfigError('logger', 'logger needs debug, info, warn and error methods (console has them).');
    }
    // Malformed hooks need no check here: calling one that is not a function is caught and reported like a throw.
    this.#ctx = {
      endpoint,
      publicKeyId: config.publicKeyId,
      algorithm,
      signer: config.signer ?? createWebCryptoSigner(() => this.#getKey(), algorithm, subtle),
      fetch: config.fetch ?? defaultFetch,
      now: config.now ?? (() => Date.now()),
      sleep: config.sleep ?? abortableSleep,
      random: config.random ?? Math.random,
      userAgent: config.userAgent === false ? undefined : (config.userAgent ?? defaultUserAgent()),
      clock: { offsetMs: 0 },
      hooks: hookBus(config.logger ? [...hookSets, loggerHooks(config.logger)] : hookSets, config.onHookError),
    };
  }

  /** The key is imported once per client; concurrent first calls share one import. */
  #getKey(): Promise<CryptoKey> {
    this.#key ??= importPreparedKey(this.#prepared!, this.#subtle);
    return this.#key;
  }

  /** The clock correction learnt from Amazon's `Date` header (0 until a skew over 5 minutes is seen). */
  get clockOffsetMs(): number {
    return this.#ctx.clock.offsetMs;
  }

  /**
   * Base64 signature of exactly `payload` (objects through `JSON.stringify`), for `amazon.Pay.renderButton`.
   *
   * **Pass `algorithm` to `renderButton` too.** This client signs with `AMZN-PAY-RSASSA-PSS-V2` by default,
   * while the official SDKs default to V1 (`AMZN-PAY-RSASSA-PSS`). Amazon's button checks a V2 signature
   * only when the button config says `algorithm: 'AMZN-PAY-RSASSA-PSS-V2'`; a page migrated from an
   * official SDK that renders this signature without `algorithm` stops working. Prefer
   * {@link AmazonPayClient.generateButtonConfig}, which returns `algorithm` with the signature, or set
   * `algorithm: 'AMZN-PAY-RSASSA-PSS'` in the client config to keep V1.
   *
   * @example
   * ```ts
   * const { payloadJSON, signature, publicKeyId, algorithm } = await client.generateButtonConfig(payload);
   * // amazon.Pay.renderButton('#AmazonPayButton', { ..., createCheckoutSessionConfig:
   * //   { payloadJSON, signature, publicKeyId, algorithm } });
   * ```
   */
  async generateButtonSignature(payload: string | object): Promise<string> {
    return (await signButtonPayloadWith(this.#ctx.signer, this.algorithm, payload)).signature;
  }

  /**
   * `{ payloadJSON, signature, publicKeyId, algorithm }`, ready for `createCheckoutSessionConfig` /
   * `signInConfig`: the documented way to sign a button, since it carries the `algorithm` Amazon's
   * `renderButton` needs for a V2 signature (this client's default).
   */
  async generateButtonConfig(payload: string | object): Promise<ButtonConfig> {
    const { payloadJSON, signature } = await signButtonPayloadWith(this.#ctx.signer, this.algorithm, payload);
    return { payloadJSON, signature, publicKeyId: this.publicKeyId, algorithm: this.algorithm };
  }

  /** Signed headers for a request you send yourself (the official Node SDK's helper, made async by WebCrypto). */
  async getSignedHeaders(options: RawRequestOptions): Promise<Record<string, string>> {
    const { request, policy } = this.#prepareRaw(options); // async: a bad argument is a rejection, not a throw
    const signed = await signAttempt(this.#ctx, request, policy);
    return { ...policy.headers, ...signed.headers };
  }

  /** Sends any request signed, with retries (the official SDKs' escape hatch). */
  async apiCall<T = unknown>(options: RawRequestOptions, callOptions?: CallOptions): Promise<AmazonPayResponse<T>> {
    // async: bad arguments reject like the operations
    const { request, policy } = this.#prepareRaw(options, callOptions);
    const meta: CallMeta | undefined = this.#ctx.hooks
      ? matchOperation(this.#operations(), request.method, options.urlFragment)
      : undefined;
    return send<T>(this.#ctx, request, policy, meta);
  }

  #prepareRaw(options: RawRequestOptions, callOptions: CallOptions = {}) {
    if (!options || typeof options !== 'object' || typeof options.urlFragment !== 'string') {
      throw new AmazonPayInvalidArgumentError(
        'urlFragment',
        'apiCall needs { method, urlFragment } where urlFragment is the path after /v2/, e.g. "checkoutSessions".',
      );
    }
    const method = String(options.method).toUpperCase() as HttpMethod;
    if (!['GET', 'POST', 'PATCH', 'DELETE', 'PUT'].includes(method)) {
      throw new AmazonPayInvalidArgumentError('method', `Unsupported HTTP method ${JSON.stringify(options.method)}.`);
    }
    if (/[?#]/.test(options.urlFragment) || options.urlFragment.split('/').some((s) => s === '.' || s === '..')) {
      throw new AmazonPayInvalidArgumentError(
        'urlFragment',
        'urlFragment must be a path without "?", "#", "." or ".." segments; pass query parameters as queryParams.',
      );
    }
    const request = prepareRequest(this.#ctx.endpoint, {
      method,
      urlFragment: options.urlFragment,
      query: checkQueryParams(options.queryParams),
      // Object payloads get the operations' amount checks; a string payload is sent exactly as given.
      body:
        options.payload !== null && typeof options.payload === 'object'
          ? serialisePayload(options.payload)
          : serialiseBody(options.payload),
    });
    return {
      request,
      policy: this.#policy(method, { ...callOptions, headers: { ...options.headers, ...callOptions.headers } }),
    };
  }

  /** Validates call options; the idempotency key is fixed here, once per logical call. */
  #policy(method: HttpMethod, raw: CallOptions | Record<string, unknown> = {}) {
    // Official-SDK callers pass a headers object (`{ 'x-amz-pay-idempotency-key': ... }`) as the last argument:
    // accept that shape too. Anything else unknown is a typo and is refused rather than sent as a header.
    const keys = Object.keys(raw);
    const unknown = keys.filter((k) => !CALL_OPTION_KEYS.has(k));
    const headerShaped = keys.length > 0 && keys.every((k) => k.includes('-'));
    if (unknown.length && !headerShaped) {
      throw new AmazonPayInvalidArgumentError(
        'options',
        `Unknown call option(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}. Options are ` +
          `${[...CALL_OPTION_KEYS].join(', ')}; extra headers go in { headers }.`,
      );
    }
    const options: CallOptions = headerShaped ? { headers: raw as Record<string, string> } : (raw as CallOptions);
    const headers: Record<string, string> = {};
    let idempotencyKey = options.idempotencyKey;
    let authToken = options.authToken;
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      const lower = name.toLowerCase();
      if (lower === 'x-amz-pay-idempotency-key') idempotencyKey ??= value;
      else if (lower === 'x-amz-pay-authtoken') authToken ??= value;
      else {
        checkHeader(name, value);
        headers[name] = value;
      }
    }
    if (idempotencyKey !== undefined) checkIdempotencyKey(idempotencyKey);
    else if (method === 'POST') idempotencyKey = this.#randomUUID().replace(/-/g, '').slice(0, 32);
    if (authToken !== undefined) checkAuthToken(authToken);
    return {
      idempotencyKey,
      authToken,
      headers: withIdentity(this.#identity, headers),
      signal: options.signal,
      maxRetries: checkNumber('maxRetries', options.maxRetries, RETRIES) ?? this.#maxRetries,
      timeoutMs: checkNumber('timeout', options.timeout, TIMEOUT) ?? this.#timeout,
    };
  }

  /** Runs one row of the operations table with the caller's positional arguments. */
  protected invoke(spec: OperationSpec, args: unknown[], name = 'apiCall'): Promise<AmazonPayResponse<unknown>> {
    try {
      let i = 0;
      let urlFragment = spec.path;
      for (const name of pathIds(spec)) {
        const id = checkId(name, args[i++]);
        urlFragment = urlFragment.replace(`{${name}}`, () => id);
      }
      let query: QueryParams | undefined;
      if (spec.queryArgs) {
        const scalars: Record<string, string> = {};
        for (const name of spec.queryArgs) scalars[name] = checkId(name, args[i++]);
        query = scalars;
      }
      let body: string | undefined;
      if (spec.body) {
        body = operationBody(args[i++]); // an object, or a JSON string sent as given
      } else if (spec.query) {
        let q = args[i++];
        // the official SDK's getReportSchedules(reportTypes)
        if (typeof q === 'string' || Array.isArray(q)) q = { reportTypes: q };
        if (q === undefined && spec.query === 'required') {
          throw new AmazonPayInvalidArgumentError(
            'query',
            'This operation needs a query object (e.g. { startTime, endTime }).',
          );
        }
        if (q !== undefined && q !== null && typeof q !== 'object')
          throw new AmazonPayInvalidArgumentError('query', 'The query must be an object.');
        query = q ? joinLists(q as Record<string, unknown>) : undefined;
      }
      const options = (args[i] ?? {}) as CallOptions;
      if (typeof options !== 'object')
        throw new AmazonPayInvalidArgumentError('options', 'The last argument must be an options object.');
      const request = prepareRequest(this.#ctx.endpoint, {
        method: spec.method,
        urlFragment,
        query,
        body,
        redirects: spec.redirects,
      });
      return send(
        this.#ctx,
        request,
        this.#policy(spec.method, options),
        this.#ctx.hooks && { operation: name, template: spec.path },
      );
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** The operations table of this client's class, or of the nearest ancestor that has one (subclasses). */
  #operations(): Record<string, OperationSpec> {
    for (let c: object | null = this.constructor; c; c = Object.getPrototypeOf(c)) {
      const table = TABLES.get(c);
      if (table) return table;
    }
    return commonOperations;
  }

  /** Never serialise the key: JSON and `util.inspect` show only public facts. */
  toJSON(): Record<string, string> {
    return {
      publicKeyId: this.publicKeyId,
      algorithm: this.algorithm,
      region: this.region,
      environment: this.environment,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name} ${JSON.stringify(this.toJSON())}`;
  }
}

type OperationMethods<Ops> = {
  [K in keyof Ops]: Ops[K] extends Operation<infer Args, infer Res>
    ? (...args: [...WithJsonPayload<Args>, options?: CallOptions]) => Promise<AmazonPayResponse<Res>>
    : never;
};

/** Each client class's operations table. */
const TABLES = new WeakMap<object, Record<string, OperationSpec>>();

function installOperations(target: { prototype: AmazonPayClient }, operations: Record<string, OperationSpec>): void {
  TABLES.set(target, operations);
  for (const [name, spec] of Object.entries(operations)) {
    Object.defineProperty(target.prototype, name, {
      configurable: true,
      writable: true,
      value: function (this: AmazonPayClient, ...args: unknown[]) {
        return (this as unknown as { invoke: AmazonPayClient['invoke'] }).invoke(spec, args, name);
      },
    });
  }
}

export interface AmazonPayClient extends OperationMethods<typeof commonOperations> {}
installOperations(AmazonPayClient, commonOperations);

/**
 * Checkout v2, charge permissions, charges, refunds, buyer, reporting, disbursements, onboarding, account management,
 * disputes.
 */
export interface WebStoreClient extends OperationMethods<typeof webStoreOperations> {}
/** Checkout v2 and everything around it: one method per Amazon Pay Web Store operation. */
export class WebStoreClient extends AmazonPayClient {
  #paginate: Paginators | undefined;

  /** Async iterators over the paged lists: `for await (const report of client.paginate.getReports(query))`. */
  get paginate(): Paginators {
    this.#paginate ??= paginators(this);
    return this.#paginate;
  }
}
installOperations(WebStoreClient, webStoreOperations);

/** In-Store: merchant scan, charge, refund. */
export interface InStoreClient extends OperationMethods<typeof inStoreOperations> {}
/** Amazon Pay In-Store: merchant scan, charge, refund. */
export class InStoreClient extends AmazonPayClient {}
installOperations(InStoreClient, inStoreOperations);
