/** RSA-PSS signing through SubtleCrypto, and the Authorization header built from it. */
import { toBase64, utf8 } from '../encoding.js';
import { ALGORITHMS, type SigningAlgorithm } from './algorithms.js';
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

/** The `authorization` header value for a signature. */
export function authorizationHeader(algorithm: SigningAlgorithm, publicKeyId: string, signedHeaders: string, signature: string): string {
  return `${algorithm} PublicKeyId=${publicKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

/** What `amazonPayHeaders` builds the signed headers from. */
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

/** What `signRequest` signs. */
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

/** The result of `signRequest`. */
export interface SignedRequest {
  /** The signed headers plus `authorization`. */
  headers: Record<string, string>;
  canonicalRequest: string;
  stringToSign: string;
}

/** Signs a request: the headers to send (with `authorization`) and the strings that were signed. */
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
