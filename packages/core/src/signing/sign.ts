/** RSA-PSS signing through SubtleCrypto, and the Authorization header built from it. */
import { toBase64, utf8 } from '../encoding.js';
import { AmazonPayConfigError, AmazonPayError, AmazonPayKeyError } from '../errors.js';
import { ALGORITHMS, type SigningAlgorithm } from './algorithms.js';
import { authorizationHeader } from './authorization.js';
import { canonicalRequestWithHeaders, stringToSign, type QueryParams } from './canonical.js';
import { formatAmzDate } from './date.js';

/**
 * What signs for a client: RSA-PSS with SHA-256 over `data`, with the salt length of the client's algorithm
 * (32 bytes for `AMZN-PAY-RSASSA-PSS-V2`, 20 for `AMZN-PAY-RSASSA-PSS`), by the private key whose public key
 * is registered under the client's `publicKeyId`. `privateKey` builds one over WebCrypto
 * (`createWebCryptoSigner`); pass your own as `signer` to keep the key in a KMS or HSM, or to use a native
 * fast path. It may be called concurrently; reject (with no key material in the error) when it cannot sign.
 */
export interface AmazonPaySigner {
  /**
   * Signs the UTF-8 bytes of the string to sign and resolves with the raw RSA-PSS signature (256 bytes for a
   * 2048-bit key): SHA-256, MGF1 SHA-256, salt 32 for `AMZN-PAY-RSASSA-PSS-V2`, 20 for `AMZN-PAY-RSASSA-PSS`.
   * A rejection reaches the caller as `AmazonPayKeyError` with reason `SIGNER_FAILED` (message without key material).
   */
  sign(data: Uint8Array): Promise<Uint8Array | ArrayBuffer>;
}

/**
 * The WebCrypto signer: `subtle.sign` RSA-PSS with the algorithm's salt length. `key` may be a promise or a
 * function returning one, so a client imports its key once, on first use, and shares that import.
 */
export function createWebCryptoSigner(
  key: CryptoKey | Promise<CryptoKey> | (() => Promise<CryptoKey>),
  algorithm: SigningAlgorithm,
  subtle: SubtleCrypto = crypto.subtle,
): AmazonPaySigner {
  const params = { name: 'RSA-PSS', saltLength: ALGORITHMS[algorithm].saltLength };
  const getKey = typeof key === 'function' ? key : () => Promise.resolve(key);
  return {
    async sign(data) {
      return subtle.sign(params, await getKey(), data as Uint8Array<ArrayBuffer>);
    },
  };
}

/**
 * Signs `text` (UTF-8) with `signer` and returns standard Base64. A rejection that is not already an SDK
 * error, or an answer that is not bytes, becomes `AmazonPayKeyError` (`SIGNER_FAILED`); the original is the
 * `cause`, never part of the message.
 */
export async function signWith(signer: AmazonPaySigner, text: string): Promise<string> {
  let signature: unknown;
  try {
    signature = await signer.sign(utf8(text));
  } catch (cause) {
    if (cause instanceof AmazonPayError) throw cause;
    throw new AmazonPayKeyError('SIGNER_FAILED', 'signer', 'The signer rejected; see `cause`.', { cause });
  }
  if (signature instanceof ArrayBuffer) return toBase64(new Uint8Array(signature));
  if (signature instanceof Uint8Array) return toBase64(signature);
  throw new AmazonPayKeyError('SIGNER_FAILED', 'signer', 'signer.sign must resolve to a Uint8Array or an ArrayBuffer.');
}

/** Signs `text` (UTF-8) with a WebCrypto key and returns standard Base64. */
export function signString(
  key: CryptoKey,
  algorithm: SigningAlgorithm,
  text: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<string> {
  return signWith(createWebCryptoSigner(key, algorithm, subtle), text);
}

/** The values of the headers Amazon Pay requires signed (see `amazonPayHeaders`). */
export interface AmazonPayHeaderInput {
  /** Value of `x-amz-pay-host`: the host the request goes to. */
  host: string;
  /** Value of `x-amz-pay-region`: `na`, `eu` or `jp`. */
  region: string;
  date: Date | number;
  idempotencyKey?: string | undefined;
  authToken?: string | undefined;
}

/** The headers Amazon Pay requires signed, with the optional idempotency key and delegation token. */
export function amazonPayHeaders(input: AmazonPayHeaderInput): Record<string, string> {
  const headers: Record<string, string> = {
    accept: 'application/json',
    'content-type': 'application/json',
    'x-amz-pay-date': formatAmzDate(input.date),
    'x-amz-pay-host': input.host,
    'x-amz-pay-region': input.region,
  };
  if (input.idempotencyKey !== undefined) headers['x-amz-pay-idempotency-key'] = input.idempotencyKey;
  if (input.authToken !== undefined) headers['x-amz-pay-authtoken'] = input.authToken;
  return headers;
}

/** A request to sign: the key (or a signer) and algorithm, the key id, and the request itself. */
export interface SignRequestInput {
  /** A WebCrypto RSA-PSS key; ignored when `signer` is given. */
  key?: CryptoKey | undefined;
  /** Signs instead of `key` (a KMS/HSM or a native signer); it must use `algorithm`'s salt length. */
  signer?: AmazonPaySigner | undefined;
  algorithm: SigningAlgorithm;
  publicKeyId: string;
  method: string;
  /** Unencoded path; it is encoded the same way for the canonical request and the URL. */
  path: string;
  query?: QueryParams | undefined;
  /** Headers to sign (see `amazonPayHeaders`). */
  headers: Record<string, string>;
  body?: string | Uint8Array | undefined;
  subtle?: SubtleCrypto | undefined;
}

/** The headers to send, with the canonical request and string to sign for debugging. */
export interface SignedRequest {
  /** The signed headers plus `authorization`. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
}

/** Signs a request: builds the canonical request and the string to sign, and adds the `authorization` header. */
export async function signRequest(input: SignRequestInput): Promise<SignedRequest> {
  const { canonical, signedHeaders } = canonicalRequestWithHeaders(input);
  const toSign = stringToSign(input.algorithm, canonical);
  const signer = input.signer ?? (input.key && createWebCryptoSigner(input.key, input.algorithm, input.subtle));
  if (!signer) throw new AmazonPayConfigError('signer', 'signRequest needs a key or a signer.');
  const signature = await signWith(signer, toSign);
  return {
    headers: {
      ...input.headers,
      authorization: authorizationHeader(input.algorithm, input.publicKeyId, signedHeaders, signature),
    },
    canonicalRequest: canonical,
    stringToSign: toSign,
  };
}
