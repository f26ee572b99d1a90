/**
 * `WebStoreClient` and `InStoreClient`: configuration, the key (imported once), the escape hatches of
 * the official SDKs, and one method per row of the operations table.
 */
import { signButtonPayloadWith, type ButtonConfig } from './button.js';
import {
  BASE_CONFIG_KEYS,
  callPolicy,
  createClientCore,
  invokeOperation,
  queryScalar,
  type AmazonPayClientConfig,
  type CallOptions,
  type ClientCore,
} from './call.js';
import type { Endpoint, Environment } from './endpoints.js';
import { AmazonPayConfigError, AmazonPayInvalidArgumentError } from './errors.js';
import {
  commonOperations,
  inStoreOperations,
  webStoreOperations,
  type Operation,
  type OperationSpec,
} from './operations.js';
import type { SigningAlgorithm } from './signing/algorithms.js';
import type { QueryParams, QueryValue } from './signing/canonical.js';
import { importPreparedKey, preparePrivateKey } from './signing/keys.js';
import { createWebCryptoSigner } from './signing/sign.js';
import { serialiseBody, serialisePayload } from './transport/body.js';
import { type WithJsonPayload } from './transport/payload.js';
import { prepareRequest, type HttpMethod } from './transport/request.js';
import type { AmazonPayResponse } from './transport/response.js';
import { matchOperation, type CallMeta } from './transport/hooks.js';
import { paginators, type Paginators } from './paginate.js';
import { hooksObserver } from './logging.js';
import { send, signAttempt } from './transport/send.js';

export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type AmazonPayClientConfig, type CallOptions } from './call.js';

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

/** The classes' options: the base ones plus hooks and the logger. */
const CONFIG_KEYS: readonly string[] = [...BASE_CONFIG_KEYS, 'hooks', 'onHookError', 'logger'];

/** The class path's key: the format is diagnosed synchronously (exact reasons), imported once on first use. */
function diagnosedKeySigner(
  privateKey: AmazonPayClientConfig['privateKey'],
  algorithm: SigningAlgorithm,
  subtle: SubtleCrypto,
) {
  const prepared = preparePrivateKey(privateKey!); // throws AmazonPayKeyError now, not at the first call
  let key: Promise<CryptoKey> | undefined;
  return createWebCryptoSigner(() => (key ??= importPreparedKey(prepared, subtle)), algorithm, subtle);
}

/**
 * The operations common to both stores, the button signature and the raw-call escape hatches; base of `WebStoreClient`
 * and `InStoreClient`.
 */
export class AmazonPayClient {
  readonly publicKeyId: string;
  readonly algorithm: SigningAlgorithm;
  readonly region: Endpoint['region'];
  readonly environment: Environment;
  #core: ClientCore;

  constructor(config: AmazonPayClientConfig) {
    const core = createClientCore(config, { keys: CONFIG_KEYS, keySigner: diagnosedKeySigner, observe: hooksObserver });
    this.#core = core;
    this.publicKeyId = core.publicKeyId;
    this.algorithm = core.algorithm;
    this.region = core.region;
    this.environment = core.environment;
  }

  /** The clock correction learnt from Amazon's `Date` header (0 until a skew over 5 minutes is seen). */
  get clockOffsetMs(): number {
    return this.#core.ctx.clock.offsetMs;
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
    return (await signButtonPayloadWith(this.#core.ctx.signer, this.algorithm, payload)).signature;
  }

  /**
   * `{ payloadJSON, signature, publicKeyId, algorithm }`, ready for `createCheckoutSessionConfig` /
   * `signInConfig`: the documented way to sign a button, since it carries the `algorithm` Amazon's
   * `renderButton` needs for a V2 signature (this client's default).
   */
  async generateButtonConfig(payload: string | object): Promise<ButtonConfig> {
    const { payloadJSON, signature } = await signButtonPayloadWith(this.#core.ctx.signer, this.algorithm, payload);
    return { payloadJSON, signature, publicKeyId: this.publicKeyId, algorithm: this.algorithm };
  }

  /** Signed headers for a request you send yourself (the official Node SDK's helper, made async by WebCrypto). */
  async getSignedHeaders(options: RawRequestOptions): Promise<Record<string, string>> {
    const { request, policy } = this.#prepareRaw(options); // async: a bad argument is a rejection, not a throw
    const signed = await signAttempt(this.#core.ctx, request, policy);
    return { ...policy.headers, ...signed.headers };
  }

  /** Sends any request signed, with retries (the official SDKs' escape hatch). */
  async apiCall<T = unknown>(options: RawRequestOptions, callOptions?: CallOptions): Promise<AmazonPayResponse<T>> {
    // async: bad arguments reject like the operations
    const { request, policy } = this.#prepareRaw(options, callOptions);
    const meta: CallMeta | undefined = this.#core.ctx.observe
      ? matchOperation(this.#operations(), request.method, options.urlFragment)
      : undefined;
    return send<T>(this.#core.ctx, request, policy, meta);
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
    const request = prepareRequest(this.#core.ctx.endpoint, {
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
      policy: callPolicy(this.#core, method, {
        ...callOptions,
        headers: { ...options.headers, ...callOptions.headers },
      }),
    };
  }

  /** Runs one row of the operations table with the caller's positional arguments. */
  protected invoke(spec: OperationSpec, args: unknown[], name = 'apiCall'): Promise<AmazonPayResponse<unknown>> {
    return invokeOperation(this.#core, spec, args, name);
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
