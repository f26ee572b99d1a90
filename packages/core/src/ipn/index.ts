/** `@amazon-pay-edge/core/ipn`: Amazon Pay IPNs (Amazon SNS messages), parsed and verified on WebCrypto. */
export { AmazonPayIpnError, type IpnErrorReason } from '../errors.js';
export { parseIpn, parseIpnMessage, MAX_IPN_BODY_LENGTH } from './parse.js';
export { snsStringToSign, SNS_SIGNED_KEYS } from './string-to-sign.js';
export { parseCertificatePem, parseCertificateDer, type IpnCertificate } from './certificate.js';
export { SNS_HOST_PATTERN } from './urls.js';
export {
  createIpnVerifier,
  verifyIpn,
  confirmSubscription,
  SNS_SIGNATURE_VERSIONS,
  DEFAULT_IPN_MAX_AGE_MS,
  DEFAULT_IPN_CLOCK_TOLERANCE_MS,
  DEFAULT_CERTIFICATE_CACHE_SIZE,
  type IpnCertificateCache,
  type IpnConfirmation,
  type IpnVerifier,
  type IpnVerifierOptions,
} from './verifier.js';
export { DEFAULT_IPN_FETCH_TIMEOUT_MS } from './fetch.js';
export {
  createIpnDeduplicator,
  ipnDedupeKey,
  DEFAULT_DEDUPE_MAX_ENTRIES,
  DEFAULT_DEDUPE_TTL_MS,
  type IpnDedupeInput,
  type IpnDeduplicator,
  type IpnDeduplicatorOptions,
} from './dedupe.js';
export type {
  IpnConfirmationEnvelope,
  IpnEnvelope,
  IpnMessage,
  IpnNotificationEnvelope,
  IpnNotificationType,
  IpnObjectType,
  ParsedIpn,
  SnsMessageType,
  VerifiedIpnMessage,
} from './types.js';
export {
  createIpnHandler,
  DEFAULT_IPN_HANDLER_TIMEOUT_MS,
  DEFAULT_IPN_LEASE_MS,
  DEFAULT_IPN_RETENTION_MS,
  DEFAULT_IPN_MAX_ATTEMPTS,
  type DurableIpnRequestHandler,
  type IpnDurableOptions,
  type IpnProcessResult,
  type IpnHandlerEvent,
  type IpnHandlerOptions,
  type IpnPlatformContext,
  type IpnRequestHandler,
} from './handler.js';
export {
  createMemoryIpnStore,
  type IpnClaimResult,
  type IpnStore,
  type IpnStoreClockOptions,
  type MemoryIpnStoreOptions,
} from './store.js';
export { createMemoryIpnQueue, type IpnQueueEntry, type IpnQueueState, type IpnQueueStore } from './queue.js';
export {
  createIpnRouter,
  isKnownIpnObjectType,
  isKnownIpnNotification,
  KNOWN_IPN_OBJECT_TYPES,
  type IpnFallbackHandler,
  type IpnHandlerContext,
  type IpnNotification,
  type IpnNotificationOf,
  type IpnObjectReader,
  type IpnObjects,
  type IpnRouteHandler,
  type IpnRouter,
  type KnownIpnObjectType,
  type KnownIpnNotification,
  type UnknownIpnNotification,
} from './notifications.js';
