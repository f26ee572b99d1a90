/**
 * Every error this SDK throws. Match on `code` rather than `instanceof`: two copies of the package in
 * one bundle break `instanceof`, a string code does not. `name` is an explicit literal so minified
 * bundles keep it.
 */

import type { AmazonPayTimestampError } from './timestamp.js';
import type { AmazonPaySignatureError } from './verify.js';

/** The `code` of every error this SDK throws; each class has exactly one. */
export type AmazonPayErrorCode =
  | 'ERR_AMAZON_PAY_CONFIG'
  | 'ERR_AMAZON_PAY_INVALID_ARGUMENT'
  | 'ERR_AMAZON_PAY_KEY'
  | 'ERR_AMAZON_PAY_API'
  | 'ERR_AMAZON_PAY_CONNECTION'
  | 'ERR_AMAZON_PAY_TIMEOUT'
  | 'ERR_AMAZON_PAY_IPN'
  | 'ERR_AMAZON_PAY_SIGNATURE';

/** Base class of every error this SDK throws; match on `code`, which survives two copies of the package. */
export class AmazonPayError extends Error {
  override name: string = 'AmazonPayError';
  readonly code: AmazonPayErrorCode;

  constructor(code: AmazonPayErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    (Error as { captureStackTrace?: (t: object, c: unknown) => void }).captureStackTrace?.(this, new.target);
  }
}

/** Invalid client configuration, found at construction. */
export class AmazonPayConfigError extends AmazonPayError {
  override name = 'AmazonPayConfigError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_CONFIG';
  /** Which configuration field is wrong, e.g. `region`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super('ERR_AMAZON_PAY_CONFIG', message);
    this.field = field;
  }
}

/** A call argument that cannot be sent as given (an id, an amount, a header, an idempotency key). */
export class AmazonPayInvalidArgumentError extends AmazonPayError {
  override name = 'AmazonPayInvalidArgumentError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_INVALID_ARGUMENT';
  readonly argument: string;
  constructor(argument: string, message: string, options?: { cause?: unknown }) {
    super('ERR_AMAZON_PAY_INVALID_ARGUMENT', message, options);
    this.argument = argument;
  }
}

/** Why a private key was refused. */
export type KeyErrorReason =
  | 'EMPTY'
  | 'OPENSSH'
  | 'ENCRYPTED'
  | 'NOT_RSA'
  | 'PUBLIC_KEY'
  | 'CERTIFICATE'
  | 'MALFORMED'
  | 'TOO_SMALL'
  | 'UNSUPPORTED'
  | 'WRONG_ALGORITHM'
  | 'NOT_FOUND'
  /** A custom `signer` rejected or answered something other than bytes. */
  | 'SIGNER_FAILED';

/**
 * The private key cannot be used. `reason` is stable; `format` names what was detected. The message
 * says how to fix it and never contains key material.
 */
export class AmazonPayKeyError extends AmazonPayError {
  override name = 'AmazonPayKeyError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_KEY';
  readonly reason: KeyErrorReason;
  readonly format: string;
  constructor(reason: KeyErrorReason, format: string, message: string, options?: { cause?: unknown }) {
    super('ERR_AMAZON_PAY_KEY', message, options);
    this.reason = reason;
    this.format = format;
  }
}

interface RequestFacts {
  attempts: number;
  idempotencyKey?: string | undefined;
  method: string;
  url: string;
}

/** Amazon Pay answered with a non-success status. */
export class AmazonPayApiError extends AmazonPayError {
  override name = 'AmazonPayApiError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_API';
  readonly status: number;
  /** Amazon's `reasonCode`, or `HTTP_<status>` when the body had none (an HTML 502 page, say). */
  readonly reasonCode: string;
  readonly requestId: string | undefined;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  readonly body: unknown;
  readonly rawBody: string;
  readonly headers: Headers;
  readonly attempts: number;
  readonly retryable: boolean;
  readonly idempotencyKey: string | undefined;
  readonly method: string;
  readonly url: string;
  /** For `InvalidRequestSignature`: the string-to-sign Amazon computed, echoed in its message. */
  readonly serverStringToSign: string | undefined;
  /** For `InvalidRequestSignature`: the string-to-sign this SDK signed on the last attempt. */
  readonly clientStringToSign: string | undefined;

  constructor(
    init: RequestFacts & {
      status: number;
      reasonCode: string;
      message: string;
      requestId: string | undefined;
      body: unknown;
      rawBody: string;
      headers: Headers;
      retryable: boolean;
      serverStringToSign?: string | undefined;
      clientStringToSign?: string | undefined;
    },
  ) {
    let message = `${init.method} ${init.url} failed with ${init.status} ${init.reasonCode}: ${init.message}`;
    if (init.requestId) message += ` (x-amz-pay-request-id ${init.requestId})`;
    if (init.reasonCode === 'InvalidRequestSignature' && init.clientStringToSign !== undefined) {
      message +=
        `\nAmazon's string-to-sign: ${JSON.stringify(init.serverStringToSign ?? '(not echoed)')}` +
        `\nthis SDK's string-to-sign: ${JSON.stringify(init.clientStringToSign)}` +
        '\nIf they match, the key pair or the algorithm does not match the public key id registered with Amazon.';
    }
    super('ERR_AMAZON_PAY_API', message);
    this.status = init.status;
    this.reasonCode = init.reasonCode;
    this.requestId = init.requestId;
    this.body = init.body;
    this.rawBody = init.rawBody;
    this.headers = init.headers;
    this.attempts = init.attempts;
    this.retryable = init.retryable;
    this.idempotencyKey = init.idempotencyKey;
    this.method = init.method;
    this.url = init.url;
    this.serverStringToSign = init.serverStringToSign;
    this.clientStringToSign = init.clientStringToSign;
  }

  get isRateLimited(): boolean {
    return this.status === 429;
  }
  get isAuth(): boolean {
    return this.status === 401 || this.status === 403 || this.reasonCode === 'InvalidRequestSignature';
  }
  get isNotFound(): boolean {
    return this.status === 404;
  }
  get isServer(): boolean {
    return this.status >= 500;
  }
}

/** No response arrived (DNS, TLS, reset, a body cut short). `cause` holds the underlying error. */
export class AmazonPayConnectionError extends AmazonPayError {
  override name = 'AmazonPayConnectionError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_CONNECTION';
  readonly attempts: number;
  readonly idempotencyKey: string | undefined;
  readonly method: string;
  readonly url: string;
  constructor(init: RequestFacts & { cause: unknown }) {
    const why = init.cause instanceof Error ? init.cause.message : String(init.cause);
    super(
      'ERR_AMAZON_PAY_CONNECTION',
      `${init.method} ${init.url}: no response after ${init.attempts} attempt(s): ${why}`,
      {
        cause: init.cause,
      },
    );
    this.attempts = init.attempts;
    this.idempotencyKey = init.idempotencyKey;
    this.method = init.method;
    this.url = init.url;
  }
}

/** An attempt outlived its `timeout` (including reading the body), on every attempt allowed. */
export class AmazonPayTimeoutError extends AmazonPayError {
  override name = 'AmazonPayTimeoutError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_TIMEOUT';
  readonly attempts: number;
  readonly timeoutMs: number;
  readonly idempotencyKey: string | undefined;
  readonly method: string;
  readonly url: string;
  constructor(init: RequestFacts & { timeoutMs: number }) {
    super(
      'ERR_AMAZON_PAY_TIMEOUT',
      `${init.method} ${init.url}: no complete response within ${init.timeoutMs} ms, ${init.attempts} attempt(s). ` +
        'Raise `timeout` in the client config or the call options if Amazon Pay is slow to answer.',
    );
    this.attempts = init.attempts;
    this.timeoutMs = init.timeoutMs;
    this.idempotencyKey = init.idempotencyKey;
    this.method = init.method;
    this.url = init.url;
  }
}

/** Why an IPN was refused. */
export type IpnErrorReason =
  | 'MALFORMED'
  | 'UNKNOWN_TYPE'
  | 'WRONG_TYPE'
  | 'TOPIC'
  | 'STALE'
  | 'CERT_URL'
  | 'CERT_FETCH'
  | 'CERT_INVALID'
  | 'SIGNATURE'
  | 'SUBSCRIBE_URL'
  | 'CONFIRM_FAILED';

/** Failures on this side (the certificate or SubscribeURL could not be fetched) that a later retry may fix. */
const RETRYABLE_IPN_REASONS: ReadonlySet<IpnErrorReason> = new Set(['CERT_FETCH', 'CONFIRM_FAILED']);

/**
 * An IPN (Amazon SNS message) was rejected or could not be handled. `reason` is stable; the message says
 * what to do. Answer SNS with a 4xx unless `retryable` (then a 5xx, so SNS delivers the message again).
 */
export class AmazonPayIpnError extends AmazonPayError {
  override name = 'AmazonPayIpnError' as const;
  declare readonly code: 'ERR_AMAZON_PAY_IPN';
  readonly reason: IpnErrorReason;
  readonly retryable: boolean;
  constructor(reason: IpnErrorReason, message: string, options?: { cause?: unknown }) {
    super('ERR_AMAZON_PAY_IPN', message, options);
    this.reason = reason;
    this.retryable = RETRYABLE_IPN_REASONS.has(reason);
  }
}

/**
 * Every error this SDK throws, as a union discriminated by `code`: after `isAmazonPayError(e)`,
 * `switch (e.code) { case 'ERR_AMAZON_PAY_API': e.status }` compiles without a cast.
 */
export type AnyAmazonPayError =
  | AmazonPayConfigError
  | AmazonPayInvalidArgumentError
  | AmazonPayKeyError
  | AmazonPayApiError
  | AmazonPayConnectionError
  | AmazonPayTimeoutError
  | AmazonPayIpnError
  | AmazonPaySignatureError
  | AmazonPayTimestampError;

/** The error class for one `code`, e.g. `AmazonPayErrorFor<'ERR_AMAZON_PAY_API'>` is `AmazonPayApiError`. */
export type AmazonPayErrorFor<C extends AmazonPayErrorCode> = Extract<AnyAmazonPayError, { code: C }>;

const CODES: ReadonlySet<string> = new Set<AmazonPayErrorCode>([
  'ERR_AMAZON_PAY_CONFIG',
  'ERR_AMAZON_PAY_INVALID_ARGUMENT',
  'ERR_AMAZON_PAY_KEY',
  'ERR_AMAZON_PAY_API',
  'ERR_AMAZON_PAY_CONNECTION',
  'ERR_AMAZON_PAY_TIMEOUT',
  'ERR_AMAZON_PAY_IPN',
  'ERR_AMAZON_PAY_SIGNATURE',
]);

/**
 * Whether `e` is an error from this SDK (optionally with one `code`), narrowed to its class. It matches on
 * the `code` string and an `Error`-like shape, not `instanceof`, so it also recognises errors thrown by
 * another copy of the package in the same bundle (two versions, or the ESM and CommonJS builds).
 */
export function isAmazonPayError(e: unknown): e is AnyAmazonPayError;
export function isAmazonPayError<C extends AmazonPayErrorCode>(e: unknown, code: C): e is AmazonPayErrorFor<C>;
export function isAmazonPayError(e: unknown, code?: AmazonPayErrorCode): boolean {
  if (e === null || typeof e !== 'object') return false;
  const { code: actual, name, message } = e as { code?: unknown; name?: unknown; message?: unknown };
  if (typeof actual !== 'string' || !CODES.has(actual)) return false;
  if (typeof name !== 'string' || !name.startsWith('AmazonPay') || typeof message !== 'string') return false;
  return code === undefined || actual === code;
}
