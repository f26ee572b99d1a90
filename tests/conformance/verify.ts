/** Independent checks of the SDK's output with WebCrypto alone: SHA-256 by `digest`, RSA-PSS by `verify`. */
import { fromBase64 } from './key-material.js';

/** RSA-PSS salt length each algorithm name implies (protocol section 1). */
export const SALT_LENGTH = { 'AMZN-PAY-RSASSA-PSS': 20, 'AMZN-PAY-RSASSA-PSS-V2': 32 } as const;
export type AlgorithmName = keyof typeof SALT_LENGTH;

const encoder = new TextEncoder();

export async function sha256HexWebCrypto(text: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text)));
  return [...digest].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export async function verifyString(
  publicKey: CryptoKey,
  saltLength: number,
  text: string,
  signatureB64: string,
): Promise<boolean> {
  let signature: Uint8Array<ArrayBuffer>;
  try {
    signature = fromBase64(signatureB64);
  } catch {
    return false;
  }
  return crypto.subtle.verify({ name: 'RSA-PSS', saltLength }, publicKey, signature, encoder.encode(text));
}

/** A button signature covers `ALGORITHM "\n" hex(sha256(payloadJSON))`, signed with the algorithm's salt length. */
export async function verifyButtonSignature(
  publicKey: CryptoKey,
  algorithm: AlgorithmName,
  payloadJSON: string,
  signatureB64: string,
  saltLength: number = SALT_LENGTH[algorithm],
): Promise<boolean> {
  return verifyString(publicKey, saltLength, `${algorithm}\n${await sha256HexWebCrypto(payloadJSON)}`, signatureB64);
}
