// The pure parts of the hooks: path redaction and naming raw calls.
import { describe, expect, it } from 'vitest';
import { webStoreOperations } from '../src/operations.js';
import { matchOperation, redactPath } from '../src/transport/hooks.js';

describe('redactPath', () => {
  it('replaces the buyer token and the MWS auth token, in any case, and keeps every other id', () => {
    expect(redactPath('/v2/buyers/amzn1.account.SECRET')).toBe('/v2/buyers/[redacted]');
    expect(redactPath('/sandbox/v2/authorizationTokens/MWS-SECRET')).toBe('/sandbox/v2/authorizationTokens/[redacted]');
    expect(redactPath('/v2/AuthorizationTokens/X/more')).toBe('/v2/AuthorizationTokens/[redacted]/more');
    expect(redactPath('/v2/charges/S01-1234567-1234567-C000001/capture')).toBe(
      '/v2/charges/S01-1234567-1234567-C000001/capture',
    );
  });
});

describe('matchOperation', () => {
  it('names a raw call after the operation its method and path match, else apiCall', () => {
    expect(matchOperation(webStoreOperations, 'POST', 'charges/S01-1/capture')).toEqual({
      operation: 'captureCharge',
      template: 'charges/{chargeId}/capture',
    });
    expect(matchOperation(webStoreOperations, 'GET', '/checkoutSessions/abc')).toEqual({
      operation: 'getCheckoutSession',
      template: 'checkoutSessions/{checkoutSessionId}',
    });
    expect(matchOperation(webStoreOperations, 'PUT', 'charges/S01-1')).toEqual({
      operation: 'apiCall',
      template: undefined,
    });
    expect(matchOperation(webStoreOperations, 'GET', 'charges/S01-1/extra')).toEqual({
      operation: 'apiCall',
      template: undefined,
    });
  });
});
