/** Checks a button config the way Amazon does when it renders the button: RSA-PSS over the payload's string to sign. */
import { fromBase64 } from '@amazon-pay-edge/core/internal';
import { ALGORITHMS, buttonStringToSign, isSigningAlgorithm } from '@amazon-pay-edge/core/signer';

/** What `verifyButtonSignature` checks: the button config a client generated. */
export interface ButtonSignatureInput {
  payloadJSON: string;
  signature: string;
  publicKeyId: string;
  algorithm?: string;
}

/** True when the signature verifies with the registered key; false for anything wrong or unknown. */
export async function verifyButtonSignature(
  config: ButtonSignatureInput,
  keyFor: (publicKeyId: string) => Promise<CryptoKey> | undefined,
  subtle: SubtleCrypto,
): Promise<boolean> {
  const algorithm = config.algorithm ?? 'AMZN-PAY-RSASSA-PSS';
  const key = keyFor(config.publicKeyId);
  const signature = typeof config.signature === 'string' ? fromBase64(config.signature) : undefined;
  if (!key || !signature || !isSigningAlgorithm(algorithm) || typeof config.payloadJSON !== 'string') return false;
  try {
    return await subtle.verify(
      { name: 'RSA-PSS', saltLength: ALGORITHMS[algorithm].saltLength },
      await key,
      signature.slice(),
      new TextEncoder().encode(buttonStringToSign(algorithm, config.payloadJSON)),
    );
  } catch {
    return false;
  }
}
