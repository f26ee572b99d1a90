// Published vectors (protocol notes section 7): canonical request hashes and strings-to-sign, reproduced exactly.
// The table is shared with the conformance suite that checks it again in every runtime.
import { describe, expect, it } from 'vitest';
import {
  buttonStringToSign,
  canonicalQuery,
  canonicalRequest,
  canonicalUri,
  sha256Hex,
  stringToSign,
} from '../src/index.js';
import {
  BUTTON_ESCAPED_HASH,
  BUTTON_HASH,
  BUTTON_PAYLOAD,
  FULL_A,
  FULL_B,
  HASH_SUITES,
  SIMPLE_GET_CANONICAL,
  SPECIAL,
  SPECIAL_ENCODED,
  URI_CASES,
  vectorHeaders,
} from './fixtures/vectors.js';

const ALGORITHMS = ['AMZN-PAY-RSASSA-PSS', 'AMZN-PAY-RSASSA-PSS-V2'] as const;

describe.each(HASH_SUITES)('$label vectors', ({ cases, region }) => {
  describe.each(ALGORITHMS)('%s', (algorithm) => {
    it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
      const canonical = canonicalRequest({
        method: c.method,
        path: c.path,
        query: c.query,
        headers: vectorHeaders(region),
      });
      expect(sha256Hex(canonical)).toBe(c.hash);
      expect(stringToSign(algorithm, canonical)).toBe(`${algorithm}\n${c.hash}`);
    });
  });
});

describe('component vectors', () => {
  it('reproduces the exact SimpleGet canonical request', () => {
    expect(canonicalRequest({ method: 'GET', path: '/', headers: vectorHeaders('eu') })).toBe(SIMPLE_GET_CANONICAL);
  });
  it.each(URI_CASES)('canonicalUri(%j) = %j', (input, output) => {
    expect(canonicalUri(input)).toBe(output);
  });
  it('encodes queries like the .NET and Java unit vectors', () => {
    expect(canonicalQuery({ [SPECIAL]: SPECIAL })).toBe(`${SPECIAL_ENCODED}=${SPECIAL_ENCODED}`);
    expect(canonicalQuery({ amount: ['100.50'], customInformation: ['Information about order'] })).toBe(
      'amount=100.50&customInformation=Information%20about%20order',
    );
  });
});

describe('button signature vector (7.4)', () => {
  it.each(ALGORITHMS)('%s', (algorithm) => {
    expect(BUTTON_PAYLOAD.length).toBe(238);
    expect(buttonStringToSign(algorithm, BUTTON_PAYLOAD)).toBe(`${algorithm}\n${BUTTON_HASH}`);
    // Escaped slashes are a different string and must hash differently: no PHP-style unescaping.
    expect(buttonStringToSign(algorithm, BUTTON_PAYLOAD.replace(/\//g, '\\/'))).toBe(
      `${algorithm}\n${BUTTON_ESCAPED_HASH}`,
    );
  });
  it('JSON.stringify of the equivalent object yields the same 238 bytes', () => {
    expect(JSON.stringify(JSON.parse(BUTTON_PAYLOAD))).toBe(BUTTON_PAYLOAD);
  });
});

describe('derived full-request vectors (7.6)', () => {
  it('A: POST create checkout session, legacy key, NA sandbox, V2', () => {
    const canonical = canonicalRequest(FULL_A.input);
    expect(canonical).toBe(FULL_A.canonical);
    expect(stringToSign('AMZN-PAY-RSASSA-PSS-V2', canonical)).toBe(FULL_A.stringToSign);
  });
  it('B: GET reports, environment-specific key, EU, V1', () => {
    const canonical = canonicalRequest(FULL_B.input);
    expect(canonical.split('\n')[2]).toBe(FULL_B.query);
    expect(stringToSign('AMZN-PAY-RSASSA-PSS', canonical)).toBe(FULL_B.stringToSign);
  });
});
