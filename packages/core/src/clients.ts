/**
 * `WebStoreClient` and `InStoreClient`: configuration, the key (imported once), the escape hatches of
 * the official SDKs, and one method per row of the operations table.
 */
import { signButtonPayloadWith, type ButtonConfig } from './button.js';
import {
  BASE_CONFIG_KEYS,
  createClientCore,
  invokeOperation,
  type AmazonPayClientConfig,
  type CallOptions,
  type ClientCore,
} from './call.js';
import type { Endpoint, Environment } from './endpoints.js';
import {
  commonOperations,
  inStoreOperations,
  webStoreOperations,
  type Operation,
  type OperationSpec,
} from './operations.js';
import type { SigningAlgorithm } from './signing/algorithms.js';
import { importPreparedKey, preparePrivateKey } from './signing/keys.js';
import { createWebCryptoSigner } from './signing/sign.js';
import { type WithJsonPayload } from './transport/payload.js';
import type { AmazonPayResponse } from './transport/response.js';
import { matchOperation } from './transport/hooks.js';
import { paginators, type Paginators } from './paginate.js';
import { hooksObserver } from './logging.js';
import { rawApiCall, rawSignedHeaders, type RawRequestOptions } from './raw-request.js';

export { DEFAULT_MAX_RETRIES, DEFAULT_TIMEOUT_MS, type AmazonPayClientConfig, type CallOptions } from './call.js';
export type { RawRequestOptions } from './raw-request.js';

/**
 * The former name of `RawRequestOptions`.
 * @deprecated Use `RawRequestOptions`: it describes a request, not per-call options like `CallOptions`.
 */
export type ApiCallOptions = RawRequestOptions;

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
    return rawSignedHeaders(this.#core, options);
  }

  /** Sends any request signed, with retries (the official SDKs' escape hatch). */
  async apiCall<T = unknown>(options: RawRequestOptions, callOptions?: CallOptions): Promise<AmazonPayResponse<T>> {
    return rawApiCall<T>(this.#core, options, callOptions, (method) =>
      matchOperation(this.#operations(), method, options.urlFragment),
    );
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
