/**
 * The `authorization` header, both ways: `ALGORITHM PublicKeyId=ID, SignedHeaders=a;b;c, Signature=BASE64`.
 * The parser is the one every verifier in this repository uses (the sandbox, the test fakes and
 * `verifySignedRequest`), so they agree on whitespace and on what counts as malformed.
 */
import type { SigningAlgorithm } from './algorithms.js';

/** The parts of a parsed `authorization` header (the algorithm as sent, not yet checked). */
export interface ParsedAuthorization {
  algorithm: string;
  publicKeyId: string;
  /** Lower-case header names, in the order they were listed. */
  signedHeaders: string[];
  /** Standard Base64, as sent. */
  signature: string;
}

/** Builds the header value the way the official SDKs do: single spaces after the algorithm and commas. */
export function authorizationHeader(
  algorithm: SigningAlgorithm,
  publicKeyId: string,
  signedHeaders: string,
  signature: string,
): string {
  return `${algorithm} PublicKeyId=${publicKeyId}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
}

// Tolerates runs of whitespace where one space is written; a key id or header list never contains "," or spaces.
const AUTHORIZATION = /^(\S+)\s+PublicKeyId=([^,\s]+),\s*SignedHeaders=([^,\s]+),\s*Signature=(\S+)$/;

/** Parses an `authorization` header value; `undefined` when it does not have the three named parts. */
export function parseAuthorization(value: string): ParsedAuthorization | undefined {
  const m = AUTHORIZATION.exec(value.trim());
  if (!m) return undefined;
  return { algorithm: m[1]!, publicKeyId: m[2]!, signedHeaders: m[3]!.toLowerCase().split(';'), signature: m[4]! };
}
