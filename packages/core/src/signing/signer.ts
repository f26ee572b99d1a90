/** RSA-PSS signing through SubtleCrypto, and the Authorization header built from it. */
import { toBase64, utf8 } from '../encoding.js';
import { ALGORITHMS, type SigningAlgorithm } from './algorithms.js';
import { authorizationHeader } from './authorization.js';
import { canonicalRequestWithHeaders, stringToSign, type QueryParams } from './canonical.js';
import { formatAmzDate } from './date.js';

/** Signs `text` (UTF-8) and returns standard Base64. */
export async function signString(
  key: CryptoKey,
  algorithm: SigningAlgorithm,
  text: string,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<string> {
  const signature = await subtle.sign({ name: 'RSA-PSS', saltLength: ALGORITHMS[algorithm].saltLength }, key, utf8(text));
  return toBase64(new Uint8Array(signature));
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

/** A request to sign: the key and algorithm, the key id, and the request itself. */
export interface SignRequestInput {
  key: CryptoKey;
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
  const signature = await signString(input.key, input.algorithm, toSign, input.subtle);
  return {
    headers: { ...input.headers, authorization: authorizationHeader(input.algorithm, input.publicKeyId, signedHeaders, signature) },
    canonicalRequest: canonical,
    stringToSign: toSign,
  };
}
