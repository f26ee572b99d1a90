/**
 * `@amazon-pay-edge/core/internal`: protocol pieces shared by this repository's own packages (the sandbox,
 * the CLI) and test fakes, so each rule is written once. NOT public API: it may change in any release.
 */
export { fromBase64, fromBase64Url, toBase64, toHex, utf8 } from './encoding.js';
export { concatBytes, derTlv } from './signing/der.js';
export * from './signing/der-writer.js';
export { regionCode, regionOfHost } from './endpoints.js';
export { receivedPath, receivedQuery } from './signing/received.js';
export { abortableSleep } from './sleep.js';
export { checkNumber, describeNumberRule, type NumberRule, type NumberErrorFactory } from './check-number.js';
export { webStoreOperations, inStoreOperations, commonOperations, type OperationSpec } from './operations.js';
export { importPublicKey, SIGNED_WHEN_PRESENT } from './verify.js';
