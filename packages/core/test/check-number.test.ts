/** The one numeric option check: what it accepts, its message shape, and that every caller keeps its typed error. */
import { describe, expect, it } from 'vitest';
import {
  AmazonPayConfigError,
  WebStoreClient,
  createIpnDeduplicator,
  createIpnHandler,
  createIpnVerifier,
  createMemoryIpnQueue,
  createMemoryIpnStore,
} from '../src/index.js';
import { checkNumber, describeNumberRule, type NumberRule } from '../src/internal.js';
import { pkcs8Pem } from './fixtures/keys.js';

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('checkNumber', () => {
  const cases: [NumberRule, unknown[], unknown[]][] = [
    [{ integer: true, min: 0, max: 10 }, [0, 3, 10], [-1, 11, 1.5, NaN, Infinity, '3', null]],
    [{ min: 0, exclusiveMin: true }, [0.5, 1, 1e9], [0, -0.1, NaN, Infinity, '1']],
    [{ min: 0, infinite: true }, [0, 1.5, Infinity], [-1, -Infinity, NaN]],
    [{ integer: true, min: 1, infinite: true }, [1, Infinity], [0, 1.5]],
    [{}, [-5, 0, 2.5], [NaN, Infinity, -Infinity, true, {}]],
  ];
  it.each(cases)('%j accepts %j and refuses %j', (rule, good, bad) => {
    for (const value of good) expect(checkNumber('n', value, rule)).toBe(value);
    for (const value of bad) expect(() => checkNumber('n', value, rule), String(value)).toThrow(AmazonPayConfigError);
  });

  it('passes undefined through so the caller applies its default', () => {
    expect(checkNumber('n', undefined, { min: 1 })).toBeUndefined();
  });

  it('says what it accepts in one shape: "<field> must be <what>; got <value>."', () => {
    expect(describeNumberRule({ integer: true, min: 1, max: 600_000, unit: 'milliseconds' })).toBe(
      'a whole number (milliseconds) from 1 to 600000',
    );
    expect(describeNumberRule({ min: 0, exclusiveMin: true })).toBe('a number greater than 0');
    expect(describeNumberRule({ integer: true, min: 1 })).toBe('a whole number of at least 1');
    expect(describeNumberRule({ max: 5 })).toBe('a number of at most 5');
    const error = thrown(() => checkNumber('maxRetries', -1, { integer: true, min: 0, max: 10 }));
    expect(error).toMatchObject({ field: 'maxRetries', code: 'ERR_AMAZON_PAY_CONFIG' });
    expect(error.message).toBe('maxRetries must be a whole number from 0 to 10; got -1.');
  });

  it('builds the caller’s own error', () => {
    class OwnError extends Error {
      constructor(
        readonly field: string,
        message: string,
      ) {
        super(message);
      }
    }
    const error = thrown(() =>
      checkNumber('port', 70_000, { integer: true, min: 0, max: 65535 }, (f, m) => new OwnError(f, m)),
    );
    expect(error).toBeInstanceOf(OwnError);
    expect(error).toMatchObject({ field: 'port', message: 'port must be a whole number from 0 to 65535; got 70000.' });
  });
});

describe('every numeric option of core goes through it', () => {
  const verifier = createIpnVerifier();
  const base = { publicKeyId: 'SANDBOX-AAAA', privateKey: pkcs8Pem, region: 'us' } as const;
  const sites: [string, () => unknown, string][] = [
    [
      'client maxRetries',
      () => new WebStoreClient({ ...base, maxRetries: 2.5 }),
      'maxRetries must be a whole number from 0 to 10; got 2.5.',
    ],
    [
      'client timeout',
      () => new WebStoreClient({ ...base, timeout: 0 }),
      'timeout must be a whole number (milliseconds) from 1 to 600000; got 0.',
    ],
    [
      'IPN handler timeoutMs',
      () => createIpnHandler({ verifier, handle: () => {}, timeoutMs: -1 }),
      'timeoutMs must be a number (milliseconds) greater than 0; got -1.',
    ],
    [
      'IPN durable maxAttempts',
      () =>
        createIpnHandler({
          verifier,
          handle: () => {},
          durable: { queue: createMemoryIpnQueue(), maxAttempts: 0 },
        }),
      'durable.maxAttempts must be a whole number of at least 1; got 0.',
    ],
    [
      'IPN verifier maxAgeMs',
      () => createIpnVerifier({ maxAgeMs: -1 }),
      'maxAgeMs must be a number (milliseconds) of at least 0; got -1.',
    ],
    [
      'deduplicator maxEntries',
      () => createIpnDeduplicator({ maxEntries: 0.5 }),
      'maxEntries must be a whole number of at least 1; got 0.5.',
    ],
    [
      'deduplicator ttlMs',
      () => createIpnDeduplicator({ ttlMs: Number.NaN }),
      'ttlMs must be a number (milliseconds) greater than 0; got NaN.',
    ],
    [
      'memory store maxEntries',
      () => createMemoryIpnStore({ maxEntries: 0 }),
      'maxEntries must be a whole number of at least 1; got 0.',
    ],
  ];
  it.each(sites)('%s', (_name, build, message) => {
    const error = thrown(build);
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect(error.message).toBe(message);
  });

  it('a per-call option is checked the same way', async () => {
    const client = new WebStoreClient({ ...base, fetch: () => Promise.reject(new Error('not sent')) });
    const error = await client.getCharge('S01-0000000-0000000-C000000', { timeout: 700_000 }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(AmazonPayConfigError);
    expect((error as Error).message).toBe(
      'timeout must be a whole number (milliseconds) from 1 to 600000; got 700000.',
    );
  });

  it('the verifier still takes Infinity for "no limit"', () => {
    expect(() => createIpnVerifier({ maxAgeMs: Infinity })).not.toThrow();
  });
});
