/**
 * Button signatures for `amazon.Pay.renderButton`: RSA-PSS over `ALGORITHM "\n" hex(sha256(payloadJSON))`.
 * Amazon hashes the exact `payloadJSON` string the page sends, so the string signed is returned with
 * the signature and the two can never drift. No unescaping of any kind (unlike the PHP SDK).
 */
import { AmazonPayInvalidArgumentError } from './errors.js';
import type { SigningAlgorithm } from './signing/algorithms.js';
import { stringToSign } from './signing/canonical.js';
import { signString, signWith, type AmazonPaySigner } from './signing/sign.js';

/** The signed button configuration `amazon.Pay.renderButton` takes. */
export interface ButtonConfig {
  /** Pass as `payloadJSON` in `createCheckoutSessionConfig` / `signInConfig`. */
  payloadJSON: string;
  signature: string;
  publicKeyId: string;
  algorithm: SigningAlgorithm;
}

/** The exact string that is signed: a string as given, an object through `JSON.stringify`. */
export function buttonPayloadJSON(payload: string | object): string {
  if (typeof payload === 'string') return payload;
  if (payload === null || typeof payload !== 'object') {
    throw new AmazonPayInvalidArgumentError('payload', 'The button payload must be a JSON string or an object.');
  }
  try {
    return JSON.stringify(payload);
  } catch (cause) {
    throw new AmazonPayInvalidArgumentError(
      'payload',
      'The button payload cannot be serialised with JSON.stringify (a BigInt or a circular reference?).',
      { cause },
    );
  }
}

/** The button's string-to-sign (pure; useful to compare with what Amazon reports). */
export function buttonStringToSign(algorithm: SigningAlgorithm, payloadJSON: string): string {
  return stringToSign(algorithm, payloadJSON);
}

/** Signs a button payload: returns the exact `payloadJSON` signed and its Base64 signature. */
export async function signButtonPayload(
  key: CryptoKey,
  algorithm: SigningAlgorithm,
  payload: string | object,
  subtle?: SubtleCrypto,
): Promise<{ payloadJSON: string; signature: string }> {
  const payloadJSON = buttonPayloadJSON(payload);
  const signature = await signString(key, algorithm, buttonStringToSign(algorithm, payloadJSON), subtle);
  return { payloadJSON, signature };
}

/** Signs a button payload with a signer (the client's, so requests and buttons share one key path). */
export async function signButtonPayloadWith(
  signer: AmazonPaySigner,
  algorithm: SigningAlgorithm,
  payload: string | object,
): Promise<{ payloadJSON: string; signature: string }> {
  const payloadJSON = buttonPayloadJSON(payload);
  return { payloadJSON, signature: await signWith(signer, buttonStringToSign(algorithm, payloadJSON)) };
}
