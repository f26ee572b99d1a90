/**
 * The lean client: a plain object holding the configuration, the signer and the transport, which the
 * per-operation functions of `@amazon-pay-edge/core/ops` take as their first argument. A bundle holds the
 * operations it imports and nothing else: no other operation, no hooks or logger unless `observe` is given,
 * no key diagnosis. Checks, typed errors, redaction, retries and idempotency are the classes' own (`call.ts`).
 */
import { signButtonPayloadWith, type ButtonConfig } from './button.js';
import {
  BASE_CONFIG_KEYS,
  createClientCore,
  invokeOperation,
  type BaseClientConfig,
  type CallOptions,
  type ClientCore,
} from './call.js';
import type { Endpoint, Environment } from './endpoints.js';
import { AmazonPayInvalidArgumentError } from './errors.js';
import { hooksObserver, type ObservationOptions } from './logging.js';
import { getDisbursements, getReportSchedules, getReports, type Operation, type OperationSpec } from './operations.js';
import { paginate, PAGED_LISTS } from './paginate.js';
import type * as T from './types/index.js';
import type { SigningAlgorithm } from './signing/algorithms.js';
import { rawApiCall, rawSignedHeaders, type RawRequestOptions } from './raw-request.js';
import { fastKey } from './signing/fast-key.js';
import { createWebCryptoSigner } from './signing/sign.js';
import type { WithJsonPayload } from './transport/payload.js';
import type { AmazonPayResponse } from './transport/response.js';
import type { CallObserverFactory } from './transport/send.js';

/**
 * Hooks and a logger for a lean client, made by {@link observeWith}. Only a program that calls `observeWith`
 * bundles the event code.
 */
export interface AmazonPayObservation {
  /**
   * Builds the transport's observer for one client.
   * @internal
   */
  readonly start: (endpoint: Endpoint, now: () => number) => CallObserverFactory | undefined;
}

/**
 * What `createAmazonPayClient` takes: the classes' options (`publicKeyId`, `privateKey` or `signer`, `region`,
 * `environment`, `baseUrl`, `maxRetries`, `timeout`, `fetch`, `integrator`, ...) with `observe` in place of
 * `hooks`, `onHookError` and `logger`.
 */
export interface LeanClientConfig extends BaseClientConfig {
  /** Hooks and a logger, from `observeWith({ hooks, logger, onHookError })`; none by default. */
  observe?: AmazonPayObservation | undefined;
}

/** A client made by `createAmazonPayClient`: its public facts; pass it to the per-operation functions. */
export interface AmazonPayLeanClient {
  /** The public key id requests are signed under. */
  readonly publicKeyId: string;
  /** The signature algorithm (`AMZN-PAY-RSASSA-PSS-V2` unless configured). */
  readonly algorithm: SigningAlgorithm;
  /** `na`, `eu` or `jp`. */
  readonly region: Endpoint['region'];
  /** `sandbox` or `live`. */
  readonly environment: Environment;
}

/** Each lean client's state, out of reach of `JSON.stringify` and of callers. */
const cores = new WeakMap<AmazonPayLeanClient, ClientCore>();

const LEAN_CONFIG_KEYS: readonly string[] = [...BASE_CONFIG_KEYS, 'observe'];

/**
 * Creates a lean client. The configuration is checked now (`AmazonPayConfigError`); a key in a format the fast
 * path cannot sort is refused now too (`AmazonPayKeyError`), and one WebCrypto rejects is refused at the first
 * call, before anything is sent. The exact diagnosis of a wrong key is `preparePrivateKey`'s (not bundled here).
 *
 * @example
 * ```ts
 * import { createAmazonPayClient, createCheckoutSession } from '@amazon-pay-edge/core/ops';
 * const client = createAmazonPayClient({ publicKeyId: env.PUBLIC_KEY_ID, privateKey: env.PRIVATE_KEY, region: 'us' });
 * const { data } = await createCheckoutSession(client, payload);
 * ```
 */
export function createAmazonPayClient(config: LeanClientConfig): AmazonPayLeanClient {
  const core = createClientCore(config, {
    keys: LEAN_CONFIG_KEYS,
    keySigner: (privateKey, algorithm, subtle) => createWebCryptoSigner(fastKey(privateKey, subtle), algorithm, subtle),
    observe: (c, endpoint, now) => c.observe?.start(endpoint, now),
  });
  const { publicKeyId, algorithm, region, environment } = core;
  const client: AmazonPayLeanClient = { publicKeyId, algorithm, region, environment };
  cores.set(client, core);
  return client;
}

/**
 * Hooks and a logger for `createAmazonPayClient({ ..., observe: observeWith({ hooks, logger }) })`: the same
 * events, with the same redacted facts, as the classes' `hooks` and `logger` options.
 */
export function observeWith(options: ObservationOptions): AmazonPayObservation {
  return { start: (endpoint, now) => hooksObserver(options, endpoint, now) };
}

function coreOf(client: AmazonPayLeanClient): ClientCore {
  const core = cores.get(client);
  if (!core) {
    throw new AmazonPayInvalidArgumentError(
      'client',
      'Pass the client made by createAmazonPayClient as the first argument.',
    );
  }
  return core;
}

/** A per-operation function: the lean client, then the operation's arguments as the class method takes them. */
export type OperationFunction<Op> =
  Op extends Operation<infer Args, infer Res>
    ? (
        client: AmazonPayLeanClient,
        ...args: [...WithJsonPayload<Args>, options?: CallOptions]
      ) => Promise<AmazonPayResponse<Res>>
    : never;

/** The function for one operations-table row (the generated `ops.ts` makes one per operation). */
export function operation<Op extends OperationSpec>(name: string, spec: Op): OperationFunction<Op> {
  return ((client: AmazonPayLeanClient, ...args: unknown[]) => {
    try {
      return invokeOperation(coreOf(client), spec, args, name);
    } catch (error) {
      return Promise.reject(error);
    }
  }) as OperationFunction<Op>;
}

/**
 * `{ payloadJSON, signature, publicKeyId, algorithm }` for `amazon.Pay.renderButton`'s
 * `createCheckoutSessionConfig` / `signInConfig`, signed with the client's key (the class method of the same name).
 *
 * @example
 * ```ts
 * const config = await generateButtonConfig(client, { webCheckoutDetails, storeId });
 * ```
 */
export async function generateButtonConfig(
  client: AmazonPayLeanClient,
  payload: string | object,
): Promise<ButtonConfig> {
  const { ctx, publicKeyId, algorithm } = coreOf(client);
  const { payloadJSON, signature } = await signButtonPayloadWith(ctx.signer, algorithm, payload);
  return { payloadJSON, signature, publicKeyId, algorithm };
}

/**
 * The Base64 signature of exactly `payload` for `amazon.Pay.renderButton`. Pass the client's `algorithm` to
 * `renderButton` too (V2 is the default here); {@link generateButtonConfig} returns both.
 */
export async function generateButtonSignature(client: AmazonPayLeanClient, payload: string | object): Promise<string> {
  const { ctx, algorithm } = coreOf(client);
  return (await signButtonPayloadWith(ctx.signer, algorithm, payload)).signature;
}

/**
 * Signed headers for a request you send yourself (the class method of the same name): `authorization`, the
 * `x-amz-pay-*` headers and the identification headers. Checked like `apiCall`; a bad argument is a rejection.
 *
 * @example
 * ```ts
 * const headers = await getSignedHeaders(client, { method: 'GET', urlFragment: `charges/${chargeId}` });
 * ```
 */
export async function getSignedHeaders(
  client: AmazonPayLeanClient,
  options: RawRequestOptions,
): Promise<Record<string, string>> {
  return rawSignedHeaders(coreOf(client), options);
}

/**
 * Sends any request signed, with the operations' retries, idempotency and typed errors (the official SDKs'
 * escape hatch, and the class method of the same name). Hooks see it without an operation name.
 *
 * @example
 * ```ts
 * const { data } = await apiCall(client, { method: 'GET', urlFragment: `charges/${chargeId}` });
 * ```
 */
export async function apiCall<T = unknown>(
  client: AmazonPayLeanClient,
  options: RawRequestOptions,
  callOptions?: CallOptions,
): Promise<AmazonPayResponse<T>> {
  return rawApiCall<T>(coreOf(client), options, callOptions);
}

/** One page of a list operation, through the lean client (the table row, not the generated function). */
function pageOf<P>(client: AmazonPayLeanClient, spec: OperationSpec, name: string) {
  // coreOf inside: a wrong client rejects the first next(), like a bad argument anywhere else, and sends nothing.
  return (query: object | undefined, options: CallOptions | undefined) =>
    invokeOperation(coreOf(client), spec, [query ?? {}, options], name) as Promise<AmazonPayResponse<P>>;
}

/**
 * Every report matching the query, across pages (`nextToken` followed, one page at a time, as fast as you
 * consume; `break` stops fetching): the class's `client.paginate.getReports`.
 *
 * @example
 * ```ts
 * const reports = paginateReports(client, { reportTypes: ['_GET_FLAT_FILE_OFFAMAZONPAYMENTS_SETTLEMENT_DATA_'] });
 * for await (const report of reports) console.log(report.reportId);
 * ```
 */
export function paginateReports(
  client: AmazonPayLeanClient,
  query?: T.GetReportsQuery,
  options?: CallOptions,
): AsyncGenerator<T.Report, void, undefined> {
  return paginate(pageOf<T.ReportList>(client, getReports, 'getReports'), PAGED_LISTS.getReports, query, options);
}

/** Every report schedule, across pages: the class's `client.paginate.getReportSchedules`. */
export function paginateReportSchedules(
  client: AmazonPayLeanClient,
  query?: T.GetReportSchedulesQuery,
  options?: CallOptions,
): AsyncGenerator<T.ReportSchedule, void, undefined> {
  return paginate(
    pageOf<T.ReportScheduleList>(client, getReportSchedules, 'getReportSchedules'),
    PAGED_LISTS.getReportSchedules,
    query,
    options,
  );
}

/** Every disbursement in the range, across pages: the class's `client.paginate.getDisbursements`. */
export function paginateDisbursements(
  client: AmazonPayLeanClient,
  query: T.GetDisbursementsQuery,
  options?: CallOptions,
): AsyncGenerator<T.Disbursement, void, undefined> {
  return paginate(
    pageOf<T.DisbursementList>(client, getDisbursements, 'getDisbursements'),
    PAGED_LISTS.getDisbursements,
    query,
    options,
  );
}
