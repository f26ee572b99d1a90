/**
 * Errors that narrow. This file is also a compile-time test: `pnpm lint` typechecks it (tsconfig includes
 * test/), so the `switch` below must compile without casts and each `@ts-expect-error` must stay an error.
 */
import { describe, expect, it } from 'vitest';
import {
  AmazonPayApiError,
  AmazonPayConfigError,
  AmazonPayIpnError,
  AmazonPayKeyError,
  AmazonPayTimestampError,
  isAmazonPayError,
  type AmazonPayErrorFor,
  type AnyAmazonPayError,
} from '../src/index.js';

/** What an integrator writes: no cast anywhere. */
function describeError(e: unknown): string {
  if (!isAmazonPayError(e)) return 'not ours';
  switch (e.code) {
    case 'ERR_AMAZON_PAY_API':
      return `api ${e.status} ${e.reasonCode} retryable=${e.retryable}`;
    case 'ERR_AMAZON_PAY_KEY':
      return `key ${e.reason}`;
    case 'ERR_AMAZON_PAY_CONFIG':
      return `config ${e.field}`;
    case 'ERR_AMAZON_PAY_INVALID_ARGUMENT':
      return `argument ${e.argument}`;
    case 'ERR_AMAZON_PAY_IPN':
      return `ipn ${e.reason} retryable=${e.retryable}`;
    case 'ERR_AMAZON_PAY_SIGNATURE':
      return `signature ${e.reason}`;
    case 'ERR_AMAZON_PAY_CONNECTION':
    case 'ERR_AMAZON_PAY_TIMEOUT':
      return `transport after ${e.attempts}`;
    default: {
      const exhaustive: never = e; // a new code without a case fails to compile here
      return exhaustive;
    }
  }
}

function apiError(): AmazonPayApiError {
  return new AmazonPayApiError({
    status: 404,
    reasonCode: 'ResourceNotFound',
    message: 'no such charge',
    requestId: 'r-1',
    body: {},
    rawBody: '{}',
    headers: new Headers(),
    retryable: false,
    attempts: 1,
    method: 'GET',
    url: 'https://pay-api.amazon.com/v2/charges/x',
  });
}

// Compile-time only (never called): narrowing must refuse what the code does not allow.
export function typeChecks(e: AnyAmazonPayError, u: unknown): void {
  if (e.code === 'ERR_AMAZON_PAY_KEY') {
    // @ts-expect-error a key error has no status
    void e.status;
  }
  // @ts-expect-error not narrowed yet: only some members have a status
  void e.status;
  // @ts-expect-error an unknown value has no code before the guard
  void u.code;
  if (isAmazonPayError(u, 'ERR_AMAZON_PAY_API')) {
    const status: number = u.status; // narrowed by the code argument alone
    void status;
    // @ts-expect-error an API error has no key `format`
    void u.format;
  }
  // @ts-expect-error not a code this SDK throws
  isAmazonPayError(u, 'ERR_SOMETHING_ELSE');
  const api: AmazonPayErrorFor<'ERR_AMAZON_PAY_API'> = apiError();
  void api;
  // @ts-expect-error the code of an instance is its literal, not the whole union
  const wrong: 'ERR_AMAZON_PAY_KEY' = apiError().code;
  void wrong;
}

describe('errors that narrow', () => {
  it('each class carries its literal code and the switch reads its facts', () => {
    expect(describeError(apiError())).toBe('api 404 ResourceNotFound retryable=false');
    expect(describeError(new AmazonPayConfigError('region', 'bad region'))).toBe('config region');
    expect(describeError(new AmazonPayKeyError('EMPTY', 'none', 'empty key'))).toBe('key EMPTY');
    expect(describeError(new AmazonPayIpnError('CERT_FETCH', 'no cert'))).toBe('ipn CERT_FETCH retryable=true');
    expect(describeError(new AmazonPayTimestampError('x'))).toBe('argument timestamp');
    expect(describeError(new Error('plain'))).toBe('not ours');
  });

  it('isAmazonPayError filters by code', () => {
    expect(isAmazonPayError(apiError(), 'ERR_AMAZON_PAY_API')).toBe(true);
    expect(isAmazonPayError(apiError(), 'ERR_AMAZON_PAY_KEY')).toBe(false);
    expect(isAmazonPayError(new AmazonPayKeyError('EMPTY', 'none', 'x'))).toBe(true);
  });

  it('recognises an error from another copy of the package (no instanceof), refuses look-alikes', () => {
    // Another copy's class: same shape and code, a different prototype chain.
    class AmazonPayApiError extends Error {
      override name = 'AmazonPayApiError';
      readonly code = 'ERR_AMAZON_PAY_API';
      readonly status = 503;
    }
    const foreign: unknown = new AmazonPayApiError('from the other copy');
    expect(isAmazonPayError(foreign, 'ERR_AMAZON_PAY_API')).toBe(true);
    if (isAmazonPayError(foreign, 'ERR_AMAZON_PAY_API')) expect(foreign.status).toBe(503);
    expect(isAmazonPayError({ code: 'ERR_AMAZON_PAY_API' })).toBe(false); // no name/message
    expect(isAmazonPayError(Object.assign(new Error('x'), { code: 'ERR_OTHER' }))).toBe(false);
    expect(isAmazonPayError(Object.assign(new TypeError('x'), { code: 'ERR_AMAZON_PAY_API' }))).toBe(false);
    expect(isAmazonPayError(null)).toBe(false);
    expect(isAmazonPayError('ERR_AMAZON_PAY_API')).toBe(false);
  });
});
