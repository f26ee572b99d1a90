/** `@amazon-pay-edge/core/signer`: the signing primitives alone, for people who bring their own HTTP. */
export { ALGORITHMS, DEFAULT_ALGORITHM, isSigningAlgorithm, type SigningAlgorithm } from './signing/algorithms.js';
export {
  canonicalHeaders,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  encodeRfc3986,
  sha256Hex,
  stringToSign,
  type CanonicalRequestInput,
  type QueryParams,
  type QueryValue,
} from './signing/canonical.js';
export { formatAmzDate, parseAmzDate } from './signing/date.js';
export {
  importPrivateKey,
  preparePrivateKey,
  importPreparedKey,
  MIN_MODULUS_BITS,
  type PreparedKey,
  type PrivateKeyInput,
} from './signing/keys.js';
export { authorizationHeader, parseAuthorization, type ParsedAuthorization } from './signing/authorization.js';
export {
  amazonPayHeaders,
  createWebCryptoSigner,
  signRequest,
  signString,
  signWith,
  type AmazonPaySigner,
  type AmazonPayHeaderInput,
  type SignedRequest,
  type SignRequestInput,
} from './signing/sign.js';
export {
  buttonPayloadJSON,
  buttonStringToSign,
  signButtonPayload,
  signButtonPayloadWith,
  type ButtonConfig,
} from './button.js';
export {
  resolveEndpoint,
  isEnvironmentSpecificKeyId,
  type Endpoint,
  type Environment,
  type Region,
} from './endpoints.js';
