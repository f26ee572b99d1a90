/** Parsing the `authorization` header: `ALGORITHM PublicKeyId=ID, SignedHeaders=a;b;c, Signature=BASE64`. */
import { ApiError } from '../errors.js';

export interface ParsedAuthorization {
  algorithm: string;
  publicKeyId: string;
  signedHeaders: string[];
  signature: string;
}

const AUTHORIZATION = /^(\S+)\s+PublicKeyId=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=(\S+)$/;

export function parseAuthorization(value: string): ParsedAuthorization {
  const m = AUTHORIZATION.exec(value.trim());
  if (!m) {
    throw new ApiError(
      'InvalidHeaderValue',
      'The value provided for authorization is invalid: expected "<algorithm> PublicKeyId=<id>, SignedHeaders=<a;b;c>, Signature=<base64>".',
    );
  }
  return { algorithm: m[1]!, publicKeyId: m[2]!, signedHeaders: m[3]!.split(';'), signature: m[4]! };
}
