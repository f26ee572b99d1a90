/** `@amazon-pay-edge/core`: the Amazon Pay API v2 client on Web APIs only. */
export * from './signer.js';
export * from './errors.js';
export * from './ipn/index.js';
export {
  verifySignedRequest,
  AmazonPaySignatureError,
  MAX_SIGNATURE_AGE_MS,
  REQUIRED_SIGNED_HEADERS,
  type PublicKeyInput,
  type SignatureErrorReason,
  type VerifiedRequest,
  type VerifySignedRequestOptions,
} from './verify.js';
export {
  AmazonPayClient,
  WebStoreClient,
  InStoreClient,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  type AmazonPayClientConfig,
  type ApiCallOptions,
  type RawRequestOptions,
  type CallOptions,
} from './clients.js';
export { formatAmount } from './transport/body.js';
export { SDK_TYPE, type IntegratorConfig } from './transport/identity.js';
export type { AmazonPayResponse } from './transport/response.js';
export type { FetchLike } from './transport/send.js';
export type { HttpMethod } from './transport/request.js';
export type {
  AmazonPayHooks,
  AmazonPayHookEvent,
  CallStartEvent,
  AttemptEvent,
  AnswerEvent,
  RetryEvent,
  RetryReason,
  CallEndEvent,
  CallFacts,
  HookErrorHandler,
} from './transport/hooks.js';
export { redactPath } from './transport/hooks.js';
export { fieldsFirst, loggerHooks, type AmazonPayLogger, type FieldsFirstLogger } from './logging.js';
export { PAGED_LISTS, type Paginators } from './paginate.js';
export { SDK_VERSION } from './version.js';
export { parseAmazonPayTimestamp, formatAmazonPayTimestamp, AmazonPayTimestampError } from './timestamp.js';
export type * from './types/index.js';
