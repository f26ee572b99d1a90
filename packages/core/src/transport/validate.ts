/** Checks on what callers put into a request line or header, before anything is signed or sent. */
import { AmazonPayInvalidArgumentError } from '../errors.js';

const MAX_ID_LENGTH = 2048;
// Anything that could end a path segment or the request line, or hide in a log: / ? # \ whitespace, controls.
const FORBIDDEN_IN_ID = /[/?#\\\s\u0000-\u001f\u007f-\u009f\u2028\u2029]/u;

/** An id placed in a path segment. It is percent-encoded later; here it must be a plausible single segment. */
export function checkId(name: string, value: unknown): string {
  if (typeof value !== 'string') {
    throw new AmazonPayInvalidArgumentError(
      name,
      `${name} must be a string id; got ${value === null ? 'null' : typeof value}.`,
    );
  }
  if (value === '' || value === '.' || value === '..') {
    throw new AmazonPayInvalidArgumentError(
      name,
      `${name} ${JSON.stringify(value)} is not an id: pass the id Amazon Pay returned (e.g. "S01-1234567-1234567").`,
    );
  }
  if (value.length > MAX_ID_LENGTH) {
    throw new AmazonPayInvalidArgumentError(
      name,
      `${name} is ${value.length} characters long; ids are at most ${MAX_ID_LENGTH}. Check that ` +
        `the right value was passed.`,
    );
  }
  const bad = FORBIDDEN_IN_ID.exec(value);
  if (bad) {
    const shown = JSON.stringify(bad[0]);
    throw new AmazonPayInvalidArgumentError(
      name,
      `${name} contains ${shown} at position ${bad.index}, which cannot appear in an Amazon Pay ` +
        `id (no "/", "?", "#", "\\", whitespace or control characters).`,
    );
  }
  return value;
}

const IDEMPOTENCY_KEY = /^[A-Za-z0-9_-]{1,32}$/;

export function checkIdempotencyKey(value: unknown): string {
  if (typeof value !== 'string' || !IDEMPOTENCY_KEY.test(value)) {
    throw new AmazonPayInvalidArgumentError(
      'idempotencyKey',
      'idempotencyKey must be 1 to 32 characters of A-Z, a-z, 0-9, "-" and "_" (Amazon Pay\'s ' +
        'rule); a UUID without dashes fits.',
    );
  }
  return value;
}

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
/** Header values are Latin-1 without controls (tab allowed): anything else is a TypeError in fetch or an injection. */
const FORBIDDEN_VALUE = /[\u0000-\u0008\u000a-\u001f\u007f]|[^\u0000-\u00ff]/;
/** Headers the SDK computes itself; a caller's copy would break the signature or the request. */
const RESERVED = new Set([
  'authorization',
  'x-amz-pay-date',
  'x-amz-pay-host',
  'x-amz-pay-region',
  'accept',
  'content-type',
]);
/** Hop-by-hop and forbidden request headers (Fetch's list): fetch drops or rejects them, or they smuggle requests. */
const FORBIDDEN_HEADERS = new Set([
  'host',
  'content-length',
  'expect',
  'transfer-encoding',
  'connection',
  'upgrade',
  'keep-alive',
  'te',
  'trailer',
  'proxy-connection',
  'proxy-authorization',
]);

export function checkHeader(name: string, value: unknown): void {
  if (!TOKEN.test(name)) {
    throw new AmazonPayInvalidArgumentError(
      'headers',
      `Header name ${JSON.stringify(name)} is not a valid HTTP token.`,
    );
  }
  if (RESERVED.has(name.toLowerCase())) {
    throw new AmazonPayInvalidArgumentError('headers', `Header "${name}" is set by the SDK and cannot be overridden.`);
  }
  if (FORBIDDEN_HEADERS.has(name.toLowerCase())) {
    throw new AmazonPayInvalidArgumentError(
      'headers',
      `Header "${name}" is a hop-by-hop or forbidden request header; the HTTP stack sets it.`,
    );
  }
  if (typeof value !== 'string' || FORBIDDEN_VALUE.test(value)) {
    throw new AmazonPayInvalidArgumentError(
      'headers',
      `Header "${name}" must be a string of Latin-1 characters without CR, LF, NUL or other control characters.`,
    );
  }
}

export function checkAuthToken(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || FORBIDDEN_VALUE.test(value)) {
    throw new AmazonPayInvalidArgumentError(
      'authToken',
      'authToken must be the non-empty token string from getAuthorizationToken: Latin-1, without control characters.',
    );
  }
  return value;
}
