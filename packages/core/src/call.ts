/**
 * What both client shapes share: the configuration checks, the transport context, call options and the
 * call of one operations-table row. The classes (`clients.ts`) and the lean client (`lean.ts`) differ only
 * in how the key becomes a signer and whether hooks are wired in, so each rule here is written once.
 */
import { resolveEndpoint, type Endpoint, type Environment, type Region } from './endpoints.js';
import { checkNumber, type NumberRule } from './check-number.js';
import { AmazonPayConfigError, AmazonPayInvalidArgumentError } from './errors.js';
import { pathIds, type OperationSpec } from './operations.js';
import { DEFAULT_ALGORITHM, isSigningAlgorithm, type SigningAlgorithm } from './signing/algorithms.js';
import type { QueryParams, QueryValue } from './signing/canonical.js';
import type { PrivateKeyInput } from './signing/keys.js';
import type { AmazonPaySigner } from './signing/sign.js';
import { identityHeaders, type IntegratorConfig } from './transport/identity.js';
import { operationBody } from './transport/payload.js';
import { prepareRequest, type HttpMethod } from './transport/request.js';
import type { AmazonPayResponse } from './transport/response.js';
import type { AmazonPayHooks, HookErrorHandler } from './transport/hooks.js';
import type { AmazonPayLogger } from './logging.js';
import {
  send,
  type AttemptPolicy,
  type CallObserverFactory,
  type FetchLike,
  type TransportContext,
} from './transport/send.js';
import { checkAuthToken, checkHeader, checkId, checkIdempotencyKey } from './transport/validate.js';
import { abortableSleep } from './sleep.js';
import { SDK_VERSION } from './version.js';

/** The options both client shapes take (see `AmazonPayClientConfig`, `LeanClientConfig`). */
export interface BaseClientConfig {
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
  /** The WebCrypto `SubtleCrypto` that imports the key and signs (defaults to `crypto.subtle`). */
  subtle?: SubtleCrypto | undefined;
}

/** What a client is created with; checked at construction (`AmazonPayConfigError`, `AmazonPayKeyError`). */
export interface AmazonPayClientConfig extends BaseClientConfig {
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
export function queryScalar(name: string, value: unknown): QueryValue {
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
  let none = true;
  for (const _ in headers) none = false;
  if (none) return { ...identity }; // the usual call: no extra headers, nothing to merge
  const names = new Set(Object.keys(headers).map((name) => name.toLowerCase()));
  const kept = Object.entries(identity).filter(([name]) => !names.has(name));
  return { ...Object.fromEntries(kept), ...headers };
}

/**
 * Every option both client shapes take; any other name is a typo refused at construction (`maxRetry`, `timout`).
 * The classes add `hooks`, `onHookError` and `logger`; the lean client adds `observe`.
 */
export const BASE_CONFIG_KEYS: readonly string[] = [
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
];
/** Printable ASCII without whitespace, "," or "=" (which would corrupt the Authorization header). */
const PUBLIC_KEY_ID = /^[\x21-\x2b\x2d-\x3c\x3e-\x7e]+$/;
/** A header value: Latin-1 without control characters. */
const USER_AGENT = /^[\x20-\x7e\xa0-\xff\t]*$/;

/** A client's state: its public facts, the transport context and the call defaults. */
export interface ClientCore {
  publicKeyId: string;
  algorithm: SigningAlgorithm;
  region: Endpoint['region'];
  environment: Environment;
  ctx: TransportContext;
  maxRetries: number;
  timeout: number;
  randomUUID: () => string;
  identity: Record<string, string>;
}

/** What differs between the client shapes. */
export interface CoreOptions<C> {
  /** The option names this shape takes (the base ones plus its own). */
  keys: readonly string[];
  /** Turns `privateKey` into a signer (called only when no `signer` is given); throws a typed error for a bad key. */
  keySigner: (privateKey: PrivateKeyInput, algorithm: SigningAlgorithm, subtle: SubtleCrypto) => AmazonPaySigner;
  /** The call observer for this configuration (hooks, logger), or undefined; may throw a config error. */
  observe: (config: C, endpoint: Endpoint, now: () => number) => CallObserverFactory | undefined;
}

/** Checks a configuration (typed `AmazonPayConfigError`s, before anything is sent) and builds the client state. */
export function createClientCore<C extends BaseClientConfig>(config: C, options: CoreOptions<C>): ClientCore {
  if (!config || typeof config !== 'object')
    throw new AmazonPayConfigError('config', 'Pass a configuration object: { publicKeyId, privateKey, region }.');
  if (typeof config.publicKeyId !== 'string' || config.publicKeyId.trim() === '') {
    throw new AmazonPayConfigError(
      'publicKeyId',
      'publicKeyId is required: the public key id shown in Seller Central (e.g. SANDBOX-AXXXXXXXXXXXXXXXXXXXXXXX).',
    );
  }
  const unknown = Object.keys(config).filter((key) => !options.keys.includes(key));
  if (unknown.length) {
    throw new AmazonPayConfigError(
      unknown[0]!,
      `Unknown configuration option(s) ${unknown.map((k) => JSON.stringify(k)).join(', ')}. ` +
        `Options are ${options.keys.join(', ')}.`,
    );
  }
  if (!PUBLIC_KEY_ID.test(config.publicKeyId)) {
    throw new AmazonPayConfigError(
      'publicKeyId',
      'publicKeyId must be printable ASCII without whitespace, "," or "=" (it is placed in the Authorization header).',
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
  const maxRetries = checkNumber('maxRetries', config.maxRetries, RETRIES) ?? DEFAULT_MAX_RETRIES;
  const timeout = checkNumber('timeout', config.timeout, TIMEOUT) ?? DEFAULT_TIMEOUT_MS;
  const identity = identityHeaders(config.integrator);
  const subtle = config.subtle ?? crypto.subtle;
  let signer = config.signer;
  if (signer !== undefined) {
    if (config.privateKey !== undefined) {
      throw new AmazonPayConfigError('signer', 'Give privateKey or signer, not both: the signer would silently win.');
    }
    if (typeof (signer as { sign?: unknown } | null)?.sign !== 'function') {
      throw new AmazonPayConfigError('signer', 'signer must be an object with a sign(data: Uint8Array) method.');
    }
  } else {
    // A bad key is refused now, not at the first call.
    signer = options.keySigner(config.privateKey!, algorithm, subtle);
  }
  const now = config.now ?? (() => Date.now());
  return {
    publicKeyId: config.publicKeyId,
    algorithm,
    region: endpoint.region,
    environment: endpoint.environment,
    maxRetries,
    timeout,
    identity,
    randomUUID: config.randomUUID ?? (() => crypto.randomUUID()),
    ctx: {
      endpoint,
      publicKeyId: config.publicKeyId,
      algorithm,
      signer,
      fetch: config.fetch ?? defaultFetch,
      now,
      sleep: config.sleep ?? abortableSleep,
      random: config.random ?? Math.random,
      userAgent: config.userAgent === false ? undefined : (config.userAgent ?? defaultUserAgent()),
      clock: { offsetMs: 0 },
      observe: options.observe(config, endpoint, now),
    },
  };
}

/** Validates call options; the idempotency key is fixed here, once per logical call. */
export function callPolicy(
  core: ClientCore,
  method: HttpMethod,
  raw: CallOptions | Record<string, unknown> = {},
): AttemptPolicy {
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
  else if (method === 'POST') idempotencyKey = core.randomUUID().replace(/-/g, '').slice(0, 32);
  if (authToken !== undefined) checkAuthToken(authToken);
  return {
    idempotencyKey,
    authToken,
    headers: withIdentity(core.identity, headers),
    signal: options.signal,
    maxRetries: checkNumber('maxRetries', options.maxRetries, RETRIES) ?? core.maxRetries,
    timeoutMs: checkNumber('timeout', options.timeout, TIMEOUT) ?? core.timeout,
  };
}

/**
 * Runs one row of the operations table with the caller's positional arguments (ids, scalar query arguments,
 * then a payload or a query object, then call options). Every check runs before anything is signed or sent;
 * a bad argument is a rejection, never a synchronous throw.
 */
export function invokeOperation(
  core: ClientCore,
  spec: OperationSpec,
  args: readonly unknown[],
  name: string,
): Promise<AmazonPayResponse<unknown>> {
  try {
    let i = 0;
    let urlFragment = spec.path;
    for (const id of pathIds(spec)) {
      const value = checkId(id, args[i++]);
      urlFragment = urlFragment.replace(`{${id}}`, () => value);
    }
    let query: QueryParams | undefined;
    if (spec.queryArgs) {
      const scalars: Record<string, string> = {};
      for (const arg of spec.queryArgs) scalars[arg] = checkId(arg, args[i++]);
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
    const request = prepareRequest(core.ctx.endpoint, {
      method: spec.method,
      urlFragment,
      query,
      body,
      redirects: spec.redirects,
    });
    return send(
      core.ctx,
      request,
      callPolicy(core, spec.method, options),
      core.ctx.observe && { operation: name, template: spec.path },
    );
  } catch (error) {
    return Promise.reject(error);
  }
}
